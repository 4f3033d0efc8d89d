"""A careful token scan of Java source (no Java grammar is installed): comments and literals are skipped
properly, so the facts below (package, class, superclass, the string a method returns) come from real tokens."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.diagnostics import Range
from workbench.core.files import CACHE, ProjectFiles
from workbench.core.text import LineIndex


@dataclass(frozen=True)
class Token:
    kind: str  # 'ident' | 'string' | 'char' | 'number' | 'punct'
    text: str  # for strings: the decoded value
    start: int  # character offsets
    end: int


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0", "s": " ", "\\": "\\", "'": "'",
            '"': '"'}


def tokenize(text: str) -> list[Token]:
    """Java tokens, comments and whitespace dropped; an unterminated literal or comment ends the scan."""
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j == -1 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j == -1 else j + 2
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3)
            end = n if j == -1 else j + 3
            out.append(Token("string", text[i + 3: end - 3].strip("\n"), i, end))
            i = end
        elif c in "\"'":
            j, value = i + 1, []
            while j < n and text[j] != c and text[j] != "\n":
                if text[j] == "\\" and j + 1 < n:
                    value.append(_ESCAPES.get(text[j + 1], text[j + 1]))
                    j += 2
                else:
                    value.append(text[j])
                    j += 1
            out.append(Token("string" if c == '"' else "char", "".join(value), i, min(j + 1, n)))
            i = j + 1
        elif c.isalpha() or c in "_$":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "_$"):
                j += 1
            out.append(Token("ident", text[i:j], i, j))
            i = j
        elif c.isdigit():
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "._"):
                j += 1
            out.append(Token("number", text[i:j], i, j))
            i = j
        else:
            out.append(Token("punct", c, i, i + 1))
            i += 1
    return out


@dataclass
class ReturnedString:
    value: str
    range: Range  # of the literal (or of the constant's literal when the method returns a constant)
    via: str | None = None  # the constant's name when returned through one


@dataclass
class JavaFacts:
    package: str | None = None
    class_name: str | None = None
    class_range: Range | None = None
    superclass: str | None = None
    superclass_range: Range | None = None
    string_constants: dict[str, ReturnedString] = field(default_factory=dict)
    constant_refs: dict[str, str] = field(default_factory=dict)  # NAME -> (Qualified.)OTHER it is bound to
    unresolved: dict[str, str] = field(default_factory=dict)  # method -> constant it returns, found elsewhere
    returns: dict[str, ReturnedString] = field(default_factory=dict)  # method name -> string it returns
    methods: set[str] = field(default_factory=set)
    strings: list[ReturnedString] = field(default_factory=list)  # every string literal


def scan_java(text: str) -> JavaFacts:
    """Package, first top-level class, its superclass, String constants and the string each method returns."""
    toks = tokenize(text)
    index = LineIndex(text)
    facts = JavaFacts()

    def rng(tok: Token) -> Range:
        return index.range_of_chars(tok.start, tok.end)

    depth = 0
    for k, tok in enumerate(toks):
        if tok.kind == "string":
            facts.strings.append(ReturnedString(tok.text, rng(tok)))
        if tok.kind == "punct" and tok.text == "{":
            depth += 1
        elif tok.kind == "punct" and tok.text == "}":
            depth -= 1
        elif tok.kind != "ident":
            continue
        elif tok.text == "package" and depth == 0 and facts.package is None:
            facts.package = _qualified(toks, k + 1)[0]
        elif tok.text in ("class", "interface", "enum", "record") and facts.class_name is None and \
                k + 1 < len(toks) and toks[k + 1].kind == "ident" and not (k > 0 and toks[k - 1].text == "."):
            facts.class_name, facts.class_range = toks[k + 1].text, rng(toks[k + 1])
            j = k + 2
            if j < len(toks) and toks[j].text == "<":
                j = _past_group(toks, j, "<", ">")
            if j < len(toks) and toks[j].text == "extends":
                name, last = _qualified(toks, j + 1)
                facts.superclass = name.rsplit(".", 1)[-1] if name else None
                facts.superclass_range = rng(toks[last]) if name else None
        elif tok.text == "String" and k + 2 < len(toks) and toks[k + 1].kind == "ident" and toks[k + 2].text == "=":
            _declarators(toks, k + 1, facts, rng)
        elif k + 1 < len(toks) and toks[k + 1].text == "(" and k > 0 and \
                (toks[k - 1].kind == "ident" or toks[k - 1].text in (">", "]")) and \
                toks[k - 1].text not in ("new", "return", "throw", "else"):
            body = _method_body(toks, k + 1)
            if body is not None:
                facts.methods.add(tok.text)
                ret = _returned(toks, body)
                if ret is not None and tok.text not in facts.returns:
                    literal, value_tok = ret
                    facts.returns[tok.text] = ReturnedString(value_tok.text, rng(value_tok),
                                                             None if literal else value_tok.text)
    _resolve_local(facts)
    for name, ret in list(facts.returns.items()):
        if ret.via is not None:  # the method returns a constant: report the constant's literal
            const = facts.string_constants.get(ret.via.rsplit(".", 1)[-1]) if _is_local(ret.via, facts) else None
            if const is None:
                facts.unresolved[name] = facts.constant_refs.get(ret.via, ret.via)
                del facts.returns[name]
            else:
                facts.returns[name] = ReturnedString(const.value, const.range, ret.via.rsplit(".", 1)[-1])
    return facts


def _is_local(ref: str, facts: JavaFacts) -> bool:
    """A reference to a constant of this class: `NAME` or `ThisClass.NAME`."""
    return "." not in ref or ref.rsplit(".", 1)[0].rsplit(".", 1)[-1] == facts.class_name


def _declarators(toks: list[Token], k: int, facts: JavaFacts, rng) -> None:
    """`String A = "x", B = A, C = D = "y";`: literal values and references to other constants, to any depth."""
    while k + 1 < len(toks) and toks[k].kind == "ident" and toks[k + 1].text == "=":
        names = [toks[k].text]
        j = k + 2
        while j + 1 < len(toks) and toks[j].kind == "ident" and toks[j + 1].text == "=":  # A = B = ... chains
            names.append(toks[j].text)
            j += 2
        if j < len(toks) and toks[j].kind == "string" and j + 1 < len(toks) and toks[j + 1].text in (",", ";"):
            for name in names:
                facts.string_constants.setdefault(name, ReturnedString(toks[j].text, rng(toks[j])))
            k = j + 2
        elif j < len(toks) and toks[j].kind == "ident":
            ref, last = _qualified(toks, j)
            if last + 1 >= len(toks) or toks[last + 1].text not in (",", ";"):
                return
            for name in names:
                facts.constant_refs.setdefault(name, ref)
            k = last + 2
        else:
            return  # an expression (a call, a concatenation...), not a constant binding
        if toks[k - 1].text == ";":
            return


def _resolve_local(facts: JavaFacts) -> None:
    """Follow `A = B` bindings inside the class to their literal; references elsewhere stay in constant_refs."""
    for name in list(facts.constant_refs):
        seen, ref = {name}, facts.constant_refs[name]
        while _is_local(ref, facts):
            local = ref.rsplit(".", 1)[-1]
            if local in facts.string_constants:
                facts.string_constants.setdefault(name, facts.string_constants[local])
                del facts.constant_refs[name]
                break
            if local in seen or local not in facts.constant_refs:
                break
            seen.add(local)
            ref = facts.constant_refs[local]
        else:
            facts.constant_refs[name] = ref


def _qualified(toks: list[Token], k: int) -> tuple[str, int]:
    """A dotted name starting at token k, and the index of its last token."""
    parts, last = [], k
    while k < len(toks) and toks[k].kind == "ident":
        parts.append(toks[k].text)
        last = k
        if k + 1 < len(toks) and toks[k + 1].text == ".":
            k += 2
        else:
            break
    return ".".join(parts), last


def _delta(tok: Token, opening: str, closing: str) -> int:
    """+1 / -1 for a bracket token (never for a string that merely contains one)."""
    if tok.kind != "punct":
        return 0
    return 1 if tok.text == opening else -1 if tok.text == closing else 0


def _past_group(toks: list[Token], k: int, opening: str, closing: str) -> int:
    """The index just after the bracket group that toks[k] opens (`<...>`, `(...)`), nesting included."""
    depth = 0
    while k < len(toks):
        depth += _delta(toks[k], opening, closing)
        k += 1
        if depth == 0:
            break
    return k


def _method_body(toks: list[Token], k: int) -> tuple[int, int] | None:
    """(first, last) token indexes of the body when toks[k] opens a method declaration's parameter list."""
    k = _past_group(toks, k, "(", ")")
    while k < len(toks) and not (toks[k].kind == "punct" and toks[k].text in "{;=)}("):
        k += 1  # skips `throws X, Y`
    if k >= len(toks) or toks[k].kind != "punct" or toks[k].text != "{":
        return None
    start, depth = k, 0
    while k < len(toks):
        depth += _delta(toks[k], "{", "}")
        if depth == 0:
            return start, k
        k += 1
    return start, len(toks) - 1


def _returned(toks: list[Token], body: tuple[int, int]) -> tuple[bool, Token] | None:
    """The first `return "literal";` (True, literal) or `return CONSTANT;` (False, name) of a method body."""
    for k in range(body[0], body[1]):
        if toks[k].kind == "ident" and toks[k].text == "return" and k + 2 <= body[1]:
            value = toks[k + 1]
            if value.kind == "string" and toks[k + 2].text == ";":
                return True, value
            name, last = _qualified(toks, k + 1)
            if name and last + 1 <= body[1] and toks[last + 1].text == ";":
                return False, Token("ident", name, toks[last].start, toks[last].end)
            return None
    return None


def java_facts(files: ProjectFiles, rel: str) -> JavaFacts | None:
    """Facts of one Java file (cached by content), None when missing."""
    text = files.read_text(rel)
    if text is None:
        return None
    return files.memo("exo:java", rel, lambda: scan_java(text))


def class_files(files: ProjectFiles, roots: list[str]) -> dict[str, str]:
    """Simple class name -> .java file under the given source roots (the first one wins)."""
    def index() -> dict[str, str]:
        out: dict[str, str] = {}
        for root in roots:
            for rel in files.walk_files(root):
                if rel.endswith(".java"):
                    out.setdefault(rel.rsplit("/", 1)[-1][:-5], rel)
        return out
    return CACHE.get(("exo:java-classes", str(files.root), java_sources(files, roots)), index)


def java_sources(files: ProjectFiles, roots: list[str]) -> tuple[tuple[str, str], ...]:
    """(file, content digest) of every .java file under the roots: the key of what is computed from all of them."""
    return tuple((rel, str(files.digest(rel))) for root in roots for rel in files.walk_files(root)
                 if rel.endswith(".java"))


def returned_string(files: ProjectFiles, roots: list[str], facts: JavaFacts, method: str) -> ReturnedString | None:
    """The string a method returns, following constants bound to constants of other classes, to any depth."""
    if method in facts.returns:
        return facts.returns[method]
    ref = facts.unresolved.get(method)
    return resolve_constant(files, roots, facts, ref) if ref else None


def resolve_constant(files: ProjectFiles, roots: list[str], facts: JavaFacts, ref: str,
                     seen: set[str] | None = None) -> ReturnedString | None:
    """The literal a (Class.)NAME reference is bound to, across the project's classes; None when unknown."""
    seen = seen if seen is not None else set()
    while ref and ref not in seen:
        seen.add(ref)
        owner, _, name = ref.rpartition(".")
        owner = owner.rsplit(".", 1)[-1]
        if owner and owner != facts.class_name:
            rel = class_files(files, roots).get(owner)
            other = java_facts(files, rel) if rel else None
            if other is None:
                return None
            return resolve_constant(files, roots, other, name, seen)
        if name in facts.string_constants:
            return ReturnedString(facts.string_constants[name].value, facts.string_constants[name].range, name)
        ref = facts.constant_refs.get(name, "")
    return None
