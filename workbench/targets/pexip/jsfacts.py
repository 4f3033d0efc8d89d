"""Facts about a plugin source file, read from its tree-sitter-javascript syntax tree (cached by content).

The nodes the rules care about are found from the text and confirmed on the tree (jsscan.py), never by visiting
every node, which keeps a bundle of megabytes close to the cost of parsing it; then Python resolves aliases
(`var api = PEX.pluginAPI`) and turns them into plain facts with positions, so the rules never look at the tree.
"""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace

from tree_sitter import Node

from workbench.core.diagnostics import Range
from workbench.core.files import ProjectFiles
from workbench.core.jsbudget import too_large
from workbench.core.treesitter import ParsedSource, language, named_nodes, syntax_errors
from workbench.targets.pexip.jsinterest import kept_literal, kept_name
from workbench.targets.pexip.jsscan import Scanner
from workbench.targets.pexip.jstypes import Found, JsFacts, RegisterCall

__all__ = ["Found", "JsFacts", "RegisterCall", "js_facts", "named_nodes"]

GLOBAL_OBJECTS = ("window", "self", "globalThis")

STORAGE_WORD = b"Storage"


def js_facts(files: ProjectFiles, rel: str) -> JsFacts | None:
    """Facts of the JavaScript file rel, or None when it cannot be read or is too large to analyse (cached per
    content)."""
    if too_large(files.size(rel)) or files.read_bytes(rel) is None:
        return None
    # parsed inside: a bundle whose facts are known is not parsed again (its tree is not kept between runs)
    return files.memo("pexip:jsfacts", rel, lambda: _Extractor(files.parsed("javascript", rel), rel).run())


@cache
def _ids() -> SimpleNamespace:
    """Node kind and field ids of the grammar: comparing ints is what keeps the hot loops cheap."""
    lang = language("javascript")
    kinds = {name: lang.id_for_node_kind(name, True) for name in (
        "string", "template_string", "template_substitution", "string_fragment", "identifier", "member_expression",
        "subscript_expression", "pair", "variable_declarator", "assignment_expression", "new_expression",
        "parenthesized_expression", "property_identifier", "call_expression")}
    fields = {name: lang.field_id_for_name(name) for name in (
        "name", "value", "left", "right", "key", "function", "object", "property", "index")}
    return SimpleNamespace(**kinds, **{f"f_{k}": v for k, v in fields.items()})


class _Extractor:
    def __init__(self, src: ParsedSource, file: str):
        self.src, self.file = src, file
        self.data = src.index.data
        self.ids = _ids()
        self.facts = JsFacts(file)
        self.aliases: dict[str, list[str]] = {}
        self._alias_words: list[bytes] = []  # the alias names as bytes, for the cheap text tests
        self.opaque: set[str] = set()  # objects whose keys cannot be known (Object.assign(plugin, ...))
        self._scanner: Scanner | None = None

    def text(self, node: Node) -> str:
        return self.data[node.start_byte: node.end_byte].decode("utf-8", "replace")

    def run(self) -> JsFacts:
        self.facts.syntax = syntax_errors(self.src, self.file, "PEX019", "JavaScript")
        return self._read(self._collect())

    def _collect(self) -> dict[str, list[Node]]:
        """The nodes the facts come from, by kind of work, each list in document order: strings and template strings
        "s", naming nodes "w", calls "c", `.viewInit$` properties "m" (a superset of what the rules match)."""
        self._scanner = Scanner(self)
        return self._scanner.collect()

    def _declaration(self, name: str) -> Node | None:
        """The value of name's first declaration or assignment, if any."""
        return self._scanner.declaration(name)

    def _added_keys(self, name: str) -> dict[str, Node]:
        """Keys assigned to the object name after its literal: key -> the assignment's left side."""
        return self._scanner.added_keys(name)

    def _read(self, found: dict[str, list[Node]]) -> JsFacts:
        f, ids = self.facts, self.ids
        self._strings(found.get("s", ()))
        handlers = {ids.variable_declarator: self._declarator, ids.assignment_expression: self._assignment,
                    ids.pair: self._pair, ids.new_expression: self._new}
        for node in found.get("w", ()):
            handlers[node.kind_id](node)
        self._top_level()
        calls = found.get("c", ())
        for node in calls:  # first, objects filled in by Object.assign (their keys cannot be listed)
            fn = node.child_by_field_id(ids.f_function)
            if fn is None or self.data.find(b"assign", fn.start_byte, fn.end_byte) == -1:
                continue  # (the exact test below needs the word in the callee)
            args = self._args(node)
            if self._chain(fn) == ["Object", "assign"] and args and args[0].type == "identifier":
                self.opaque.add(self.text(args[0]))
        for node in calls:
            self._call(node)
        for prop in found.get("m", ()):
            f.view_inits.append(Found("viewInit$", self.src.range_of(prop)))
        return f

    def _mentions(self, node: Node | None, words: tuple[bytes, ...] | list[bytes]) -> bool:
        """Does node's text hold one of words? (A cheap test before the exact one, which most nodes of a bundle
        would fail: every name the exact test can match is in the text, or is an alias named in it.)"""
        if node is None:
            return False
        find, start, end = self.data.find, node.start_byte, node.end_byte
        return any(find(word, start, end) != -1 for word in words)

    # -- names -------------------------------------------------------------------------------------------------
    def _chain(self, node: Node) -> list[str] | None:
        """`window.PEX.pluginAPI.x` -> ['PEX', 'pluginAPI', 'x'], aliases resolved; None for other expressions."""
        ids = self.ids
        parts: list[str] = []
        while node.kind_id in (ids.member_expression, ids.parenthesized_expression):
            if node.kind_id == ids.parenthesized_expression:
                if node.named_child_count != 1:
                    return None
                node = node.named_children[0]
                continue
            prop = node.child_by_field_id(ids.f_property)
            if prop is None:
                return None
            parts.append(self.text(prop))
            node = node.child_by_field_id(ids.f_object)
        if node.kind_id != ids.identifier:
            return None
        parts.append(self.text(node))
        parts.reverse()
        while parts and parts[0] in GLOBAL_OBJECTS:
            parts.pop(0)
        if parts and parts[0] in self.aliases:
            parts = self.aliases[parts[0]] + parts[1:]
        return parts

    def _named_value(self, node: Node) -> tuple[str, Node] | None:
        """(name, value) of `var name = value` or `name = value`, else None."""
        ids = self.ids
        if node.kind_id == ids.variable_declarator:
            name, value = node.child_by_field_id(ids.f_name), node.child_by_field_id(ids.f_value)
        elif node.kind_id == ids.assignment_expression:
            name, value = node.child_by_field_id(ids.f_left), node.child_by_field_id(ids.f_right)
        else:
            return None
        if name is None or value is None or name.kind_id != ids.identifier:
            return None
        return self.text(name), value

    def _remember(self, name: str, value: Node | None) -> None:
        """Note an alias of the plugin API (`var api = PEX.pluginAPI`)."""
        if value is None:
            return
        ids = self.ids
        if value.kind_id in (ids.member_expression, ids.identifier) and \
                self._mentions(value, [b"PEX"] + self._alias_words):
            chain = self._chain(value)
            if chain and chain[0] == "PEX" and chain != [name]:
                if name not in self.aliases:
                    self._alias_words.append(name.encode("utf-8", "surrogatepass"))
                self.aliases[name] = chain

    def _declarator(self, node: Node) -> None:
        ids = self.ids
        name_node, value = node.child_by_field_id(ids.f_name), node.child_by_field_id(ids.f_value)
        if name_node is not None and name_node.kind_id == ids.identifier:
            name = self.text(name_node)
            self._remember(name, value)
            self._assigned(name, value)

    def _assignment(self, node: Node) -> None:
        ids = self.ids
        left, right = node.child_by_field_id(ids.f_left), node.child_by_field_id(ids.f_right)
        if left is None or right is None:
            return
        if left.kind_id == ids.identifier:
            name = self.text(left)
            self._remember(name, right)
            self._assigned(name, right)
            return
        if left.kind_id not in (ids.member_expression, ids.subscript_expression):
            return
        obj = left.child_by_field_id(ids.f_object)
        key = self._member_key(left)
        if obj is not None and key is not None:
            if self._mentions(obj, [STORAGE_WORD] + self._alias_words) and \
                    (self._chain(obj) or [""])[-1] in ("localStorage", "sessionStorage"):
                self.facts.storage_writes.append(Found(key, self.src.range_of(left), self.text(right)))
            self._assigned(key, right)

    def _member_key(self, node: Node) -> str | None:
        if node.kind_id == self.ids.member_expression:
            prop = node.child_by_field_id(self.ids.f_property)
            return self.text(prop) if prop is not None else None
        index = node.child_by_field_id(self.ids.f_index)
        return self._literal(index) if index is not None else None

    def _pair(self, node: Node) -> None:
        ids = self.ids
        key, value = node.child_by_field_id(ids.f_key), node.child_by_field_id(ids.f_value)
        if key is not None and value is not None:
            name = self._literal(key) if key.kind_id == ids.string else self.text(key)
            if name is not None:
                self._assigned(name, value)

    def _assigned(self, name: str, value: Node | None) -> None:
        literal = self._literal(value) if value is not None else None
        if literal is not None and kept_name(name):
            span = (self.src.index, value.start_byte, value.end_byte)
            self.facts.assigned_strings.append(Found(name, None, literal, span))

    def _literal(self, node: Node) -> str | None:
        """The content of a string literal (or of a template without substitutions), else None."""
        kind, ids = node.kind_id, self.ids
        if kind == ids.string or (kind == ids.template_string and not any(
                c.kind_id == ids.template_substitution for c in node.named_children)):
            return self.text(node)[1:-1]
        return None

    # -- strings -------------------------------------------------------------------------------------------------
    def _strings(self, nodes: list[Node]) -> None:
        """The string literals that look like a token, and the URLs in strings and template strings."""
        data, tokens, index, template = self.data, self.facts.tokens, self.src.index, self.ids.template_string
        for node in nodes:
            if node.kind_id == template:
                for part in node.named_children:
                    if part.type == "string_fragment":
                        self._urls(part, self.text(part))
                continue
            start, end = node.start_byte, node.end_byte
            content = data[start:end].decode("utf-8", "replace")[1:-1]
            if kept_literal(content):
                tokens.append(Found(content, None, "", (index, start, end)))
            if "http://" in content:
                self._urls(node, content, offset=1)

    def _new(self, node: Node) -> None:
        ctor = node.child_by_field_name("constructor")
        if ctor is not None and self._chain(ctor) == ["Function"]:
            self.facts.dynamic_code.append(Found("new Function", self.src.range_of(node)))

    def _urls(self, node: Node, content: str, offset: int = 0) -> None:
        start = 0
        while (i := content.find("http://", start)) != -1:
            end = i
            while end < len(content) and not content[end].isspace() and content[end] not in "'\"`<>)":
                end += 1
            url = content[i:end]
            start = end
            if url.startswith("http://www.w3.org/"):  # XML namespace names, never fetched
                continue
            base = node.start_byte + offset
            rng = self.src.index.range_of_bytes(base + len(content[:i].encode()), base + len(content[:end].encode()))
            self.facts.http_urls.append(Found(url, rng))

    # -- structure -------------------------------------------------------------------------------------------------
    def _top_level(self) -> None:
        """The globals the top level really creates: its declarations and assignments to undeclared names.

        Statements that only call or assign properties (a bundle's `(()=>{...})()`, a bare registerPlugin call)
        create none, whatever their form."""
        declared: set[str] = set()
        for stmt in self.src.root.named_children:
            for name_node in self._declared_names(stmt):
                name = self.text(name_node)
                declared.add(name)
                self.facts.globals_created.append(Found(name, self.src.range_of(name_node)))
        for stmt in self.src.root.named_children:
            if stmt.type != "expression_statement" or not stmt.named_child_count:
                continue
            expr = stmt.named_children[0]
            targets = [expr] if expr.type in ("assignment_expression", "augmented_assignment_expression") else \
                [e for e in expr.named_children if e.type == "assignment_expression"] \
                if expr.type == "sequence_expression" else []
            for assign in targets:
                left = assign.child_by_field_name("left")
                if left is not None and left.type == "identifier" and self.text(left) not in declared:
                    declared.add(self.text(left))  # an implicit global (sloppy mode)
                    self.facts.globals_created.append(Found(self.text(left), self.src.range_of(left)))

    def _declared_names(self, stmt: Node) -> list[Node]:
        """Identifier nodes a top-level statement declares (var/let/const, function, class)."""
        if stmt.type in ("function_declaration", "generator_function_declaration", "class_declaration"):
            name = stmt.child_by_field_name("name")
            return [name] if name is not None else []
        if stmt.type not in ("variable_declaration", "lexical_declaration"):
            return []
        out = []
        for decl in stmt.named_children:
            if decl.type != "variable_declarator":
                continue
            name = decl.child_by_field_name("name")
            if name is None:
                continue
            out += [name] if name.type == "identifier" else \
                [n for n in named_nodes(name) if n.type in ("identifier", "shorthand_property_identifier_pattern")]
        return out

    def _call(self, node: Node) -> None:
        fn = node.child_by_field_id(self.ids.f_function)
        if fn is None:
            return
        chain = self._chain(fn)
        if chain in (["eval"], ["Function"]):
            self.facts.dynamic_code.append(Found(chain[0], self.src.range_of(fn)))
            return
        if chain and len(chain) >= 2 and chain[-1] == "setItem" and chain[-2] in ("localStorage", "sessionStorage"):
            args = self._args(node)
            if args:
                key = self._literal(args[0])
                value = self.text(args[1]) if len(args) > 1 else ""
                self.facts.storage_writes.append(Found(key if key is not None else self.text(args[0]),
                                                       self.src.range_of(node), value))
            return
        if fn.kind_id == self.ids.member_expression:
            prop = fn.child_by_field_id(self.ids.f_property)
            obj = fn.child_by_field_id(self.ids.f_object)
            if prop is not None and obj is not None and self.text(prop) == "subscribe" and \
                    obj.type == "call_expression" and self._api_name(obj) == "openTemplateDialog":
                self.facts.dialog_subscribes.append(Found("subscribe", self.src.range_of(prop)))
        name = chain[2] if chain and len(chain) == 3 and chain[:2] == ["PEX", "pluginAPI"] else None
        if name is None:
            return
        where = fn.child_by_field_id(self.ids.f_property) or fn
        if name == "registerPlugin":  # its position is used at once: the node's points give it without a line index
            found = Found(name, self.src.range_of(where))
            self.facts.registers.append(self._register(node, found.range))
        else:
            found = Found(name, None, "", (self.src.index, where.start_byte, where.end_byte))
        self.facts.api_calls.append(found)

    def _api_name(self, call: Node) -> str | None:
        """'x' when call is PEX.pluginAPI.x(...)."""
        fn = call.child_by_field_name("function")
        chain = self._chain(fn) if fn is not None else None
        return chain[2] if chain and len(chain) == 3 and chain[:2] == ["PEX", "pluginAPI"] else None

    def _args(self, call: Node) -> list[Node]:
        args = call.child_by_field_name("arguments")
        return [a for a in args.named_children if a.type != "comment"] if args is not None else []

    def _register(self, call: Node, rng: Range) -> RegisterCall:
        args = self._args(call)
        obj = args[0] if args else None
        added: dict[str, Range] = {}
        if obj is not None and obj.type == "identifier":
            name = self.text(obj)
            if name in self.opaque:
                return RegisterCall(rng, None)
            obj = self._declaration(name)
            added = {key: self.src.range_of(left) for key, left in self._added_keys(name).items()}
        if obj is None or obj.type != "object":
            return RegisterCall(rng, None)
        reg = RegisterCall(rng, dict(added))
        for member in obj.named_children:
            if member.type == "spread_element":
                reg.keys = None
                continue
            key_node = member if member.type == "shorthand_property_identifier" else \
                member.child_by_field_name("key" if member.type == "pair" else "name")
            if key_node is None:
                continue
            key = self._literal(key_node) if key_node.type == "string" else self.text(key_node)
            if key is None:
                continue
            if reg.keys is not None:
                reg.keys[key] = self.src.range_of(key_node)
            if key == "id" and member.type in ("pair", "shorthand_property_identifier"):
                value = member.child_by_field_name("value") if member.type == "pair" else key_node
                if value is not None and value.type == "identifier":
                    value = self._declaration(self.text(value))
                if value is not None and self._literal(value) is not None:
                    reg.id_value, reg.id_range, reg.id_quote = self._literal(value), self.src.range_of(value), \
                        self.text(value)[0]
        return reg
