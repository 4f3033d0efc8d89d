"""The classes of a Java file as the settings evaluator needs them: fields with their initialisers, constructors
and methods with their parameters and bodies (token ranges), nested classes. Built on javascan's token scan."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.files import CACHE, ProjectFiles
from workbench.targets.exo.javascan import Token, java_sources, tokenize

MODIFIERS = {"public", "protected", "private", "static", "final", "abstract", "synchronized", "transient",
             "volatile", "native", "default", "strictfp"}
OPERATORS = ("==", "!=", "&&", "||", "<=", ">=", "+=", "-=", "::", "->")
MAX_NESTING = 32  # classes inside classes: deeper ones are skipped


@dataclass
class Method:
    name: str
    params: list[tuple[str, str]]  # (type, name)
    body: tuple[int, int] | None  # token indexes of the braces
    returns: str = ""  # declared return type (simple name)


@dataclass
class JClass:
    name: str
    extends: str | None
    toks: list[Token]
    outer: JClass | None = None
    fields: dict[str, tuple[str, tuple[int, int] | None]] = field(default_factory=dict)  # name -> (type, initialiser)
    methods: dict[str, list[Method]] = field(default_factory=dict)
    ctors: list[Method] = field(default_factory=list)
    inner: dict[str, JClass] = field(default_factory=dict)

    def method(self, name: str, arity: int | None = None) -> Method | None:
        """A method of this class by name (and arity when given)."""
        for m in self.methods.get(name, []):
            if arity is None or len(m.params) == arity:
                return m
        return None


def merge_operators(toks: list[Token]) -> list[Token]:
    """Single-character punctuation joined into Java's two-character operators (`==`, `&&`...)."""
    out: list[Token] = []
    for tok in toks:
        if out and tok.kind == "punct" and out[-1].kind == "punct" and out[-1].end == tok.start and \
                out[-1].text + tok.text in OPERATORS:
            prev = out.pop()
            tok = Token("punct", prev.text + tok.text, prev.start, tok.end)
        out.append(tok)
    return out


def close(toks: list[Token], k: int, opening: str, closing: str) -> int:
    """Index of the token closing the group toks[k] opens."""
    depth = 0
    while k < len(toks):
        if toks[k].kind == "punct":
            depth += 1 if toks[k].text == opening else -1 if toks[k].text == closing else 0
            if depth == 0:
                return k
        k += 1
    return len(toks) - 1


def parse_classes(text: str) -> dict[str, JClass]:
    """Top-level and nested classes of a Java source, by simple name (nested ones listed too)."""
    toks = merge_operators(tokenize(text))
    found: dict[str, JClass] = {}
    k = 0
    while k < len(toks):
        if _is_class_keyword(toks, k):
            cls, k = _parse_class(toks, k, None, found)
        else:
            k += 1
    return found


def _is_class_keyword(toks: list[Token], k: int) -> bool:
    return toks[k].kind == "ident" and toks[k].text in ("class", "enum", "record") and k + 1 < len(toks) and \
        toks[k + 1].kind == "ident" and not (k > 0 and toks[k - 1].text == ".")


def _parse_class(toks: list[Token], k: int, outer: JClass | None, found: dict[str, JClass]) -> tuple[JClass, int]:
    name = toks[k + 1].text
    j, extends = k + 2, None
    while j < len(toks) and toks[j].text != "{":
        if toks[j].text == "extends" and j + 1 < len(toks):
            extends = toks[j + 1].text
            while j + 3 < len(toks) and toks[j + 2].text == ".":  # a qualified superclass: its simple name
                extends = toks[j + 3].text
                j += 2
        j += 1
    end = close(toks, j, "{", "}")
    cls = JClass(name, extends, toks, outer)
    found.setdefault(name, cls)
    if outer is not None:
        outer.inner[name] = cls
    _members(cls, j + 1, end, found)
    return cls, end + 1


def _nesting(cls: JClass) -> int:
    """How many classes enclose cls."""
    depth, outer = 0, cls.outer
    while outer is not None:
        depth, outer = depth + 1, outer.outer
    return depth


def _members(cls: JClass, k: int, end: int, found: dict[str, JClass]) -> None:
    toks = cls.toks
    start = k  # where the current member declaration began
    while k < end:
        tok = toks[k]
        if tok.text == "@":  # an annotation, with its arguments
            k += 2
            if k < end and toks[k].text == "(":
                k = close(toks, k, "(", ")") + 1
            start = k
        elif _is_class_keyword(toks, k):
            if _nesting(cls) < MAX_NESTING:
                _, k = _parse_class(toks, k, cls, found)
            else:  # classes nested deeper than any source nests them: skipped, never recursed into
                while k < end and toks[k].text != "{":
                    k += 1
                k = close(toks, k, "{", "}") + 1
            start = k
        elif tok.text == "{":  # an initialiser block
            k = close(toks, k, "{", "}") + 1
            start = k
        elif tok.kind == "ident" and k + 1 < end and toks[k + 1].text == "(":
            params_end = close(toks, k + 1, "(", ")")
            body_at = params_end + 1
            while body_at < end and toks[body_at].text not in ("{", ";"):
                body_at += 1  # throws clauses
            body = (body_at, close(toks, body_at, "{", "}")) if body_at < end and toks[body_at].text == "{" else None
            decl = [t.text for t in toks[start:k] if t.kind == "ident" and t.text not in MODIFIERS]
            method = Method(tok.text, _params(toks, k + 2, params_end), body, decl[-1] if decl else "")
            if tok.text == cls.name and not decl:
                cls.ctors.append(method)
            else:
                cls.methods.setdefault(tok.text, []).append(method)
            k = (body[1] + 1) if body else body_at + 1
            start = k
        elif tok.kind == "ident" and k + 1 < end and toks[k + 1].text in ("=", ";", ",") and k > start:
            type_ = next((t.text for t in toks[start:k] if t.kind == "ident" and t.text not in MODIFIERS), "")
            if toks[k + 1].text == "=":
                j = k + 2
                while j < end and toks[j].text not in (";", ","):
                    j = close(toks, j, toks[j].text, {"(": ")", "{": "}", "[": "]"}[toks[j].text]) + 1 \
                        if toks[j].text in ("(", "{", "[") else j + 1
                cls.fields[tok.text] = (type_, (k + 2, j))
                k = j
            else:
                cls.fields[tok.text] = (type_, None)
                k += 1
            if k < end and toks[k].text == ";":
                start = k + 1
            k += 1 if k < end and toks[k].text in (";", ",") else 0
        else:
            if tok.text == ";":
                start = k + 1
            k += 1


def _params(toks: list[Token], k: int, end: int) -> list[tuple[str, str]]:
    out, current = [], []
    depth = 0
    while k < end:
        t = toks[k]
        if t.text in ("<", "(", "["):
            depth += 1
        elif t.text in (">", ")", "]"):
            depth -= 1
        if t.text == "," and depth == 0:
            out.append(current)
            current = []
        elif t.kind == "ident" and t.text not in MODIFIERS and depth == 0:
            current.append(t.text)
        k += 1
    if current:
        out.append(current)
    return [(p[-2] if len(p) > 1 else "", p[-1]) for p in out if p]


def project_classes(files: ProjectFiles, roots: list[str]) -> dict[str, JClass]:
    """Every class of the project's Java sources, by simple name (cached by the files' content)."""
    def build() -> dict[str, JClass]:
        out: dict[str, JClass] = {}
        for root in roots:
            for rel in files.walk_files(root):
                if rel.endswith(".java"):
                    text = files.read_text(rel)
                    for name, cls in (parse_classes(text) if text else {}).items():
                        out.setdefault(name, cls)
        return out
    return CACHE.get(("exo:java-classes-model", str(files.root), java_sources(files, roots)), build)
