"""The straightforward JavaScript reader: every named node walked in Python, each handled on its own.

The product's reader (workbench/targets/pexip/jsfacts.py) finds the same nodes with one tree-sitter query and cheap
text tests, which is what lets it keep up with megabytes of bundled code; this one is the reference it must agree
with, fact for fact.
"""

from __future__ import annotations

from tree_sitter import Node

from workbench.core.diagnostics import Range
from workbench.core.treesitter import ParsedSource, syntax_errors
from workbench.targets.pexip.jstypes import Found, JsFacts, RegisterCall

GLOBAL_OBJECTS = ("window", "self", "globalThis")
FUNCTION_TYPES = ("function_expression", "function", "arrow_function")


def named_nodes(root: Node) -> list[Node]:
    """Every named node below root in document order (cheaper than a full cursor walk)."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.named_children))
    return out


class ReferenceReader:
    def __init__(self, src: ParsedSource, file: str):
        self.src, self.file = src, file
        self.facts = JsFacts(file)
        self.aliases: dict[str, list[str]] = {}
        self.declared: dict[str, Node] = {}  # name -> initial value node
        self.added_keys: dict[str, dict[str, Range]] = {}  # `plugin.run = run` -> {'plugin': {'run': ...}}
        self.opaque: set[str] = set()  # objects whose keys cannot be known (Object.assign(plugin, ...))

    def text(self, node: Node) -> str:
        return self.src.node_text(node)

    def run(self) -> JsFacts:
        f = self.facts
        f.syntax = syntax_errors(self.src, self.file, "PEX019", "JavaScript")
        calls: list[Node] = []
        members: list[Node] = []
        for node in named_nodes(self.src.root):
            t = node.type
            if t == "call_expression":
                calls.append(node)
            elif t == "member_expression":
                members.append(node)
            elif t == "variable_declarator":
                self._declarator(node)
            elif t == "assignment_expression":
                self._assignment(node)
            elif t == "pair":
                self._pair(node)
            elif t == "new_expression":
                ctor = node.child_by_field_name("constructor")
                if ctor is not None and self._chain(ctor) == ["Function"]:
                    f.dynamic_code.append(Found("new Function", self.src.range_of(node)))
            elif t == "string":
                self._string(node)
            elif t == "template_string":
                for part in node.named_children:
                    if part.type == "string_fragment":
                        self._urls(part, self.text(part))
        self._top_level()
        for node in calls:  # first, objects filled in by Object.assign (their keys cannot be listed)
            fn = node.child_by_field_name("function")
            args = self._args(node)
            if fn is not None and self._chain(fn) == ["Object", "assign"] and args and args[0].type == "identifier":
                self.opaque.add(self.text(args[0]))
        for node in calls:
            self._call(node)
        for node in members:
            prop = node.child_by_field_name("property")
            if prop is not None and self.text(prop) == "viewInit$":
                f.view_inits.append(Found("viewInit$", self.src.range_of(prop)))
        return f

    # -- names -------------------------------------------------------------------------------------------------
    def _chain(self, node: Node) -> list[str] | None:
        """`window.PEX.pluginAPI.x` -> ['PEX', 'pluginAPI', 'x'], aliases resolved; None for other expressions."""
        parts: list[str] = []
        while node.type in ("member_expression", "parenthesized_expression"):
            if node.type == "parenthesized_expression":
                if node.named_child_count != 1:
                    return None
                node = node.named_children[0]
                continue
            prop = node.child_by_field_name("property")
            if prop is None:
                return None
            parts.append(self.text(prop))
            node = node.child_by_field_name("object")
        if node.type != "identifier":
            return None
        parts.append(self.text(node))
        parts.reverse()
        while parts and parts[0] in GLOBAL_OBJECTS:
            parts.pop(0)
        if parts and parts[0] in self.aliases:
            parts = self.aliases[parts[0]] + parts[1:]
        return parts

    def _remember(self, name: str, value: Node | None) -> None:
        if value is None:
            return
        self.declared.setdefault(name, value)
        chain = self._chain(value) if value.type in ("member_expression", "identifier") else None
        if chain and chain[0] == "PEX" and chain != [name]:
            self.aliases[name] = chain

    def _declarator(self, node: Node) -> None:
        name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        if name is not None and name.type == "identifier":
            self._remember(self.text(name), value)
            self._assigned(self.text(name), value)

    def _assignment(self, node: Node) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return
        if left.type == "identifier":
            self._remember(self.text(left), right)
            self._assigned(self.text(left), right)
        elif left.type in ("member_expression", "subscript_expression"):
            obj = left.child_by_field_name("object")
            key = self._member_key(left)
            if obj is not None and key is not None:
                if obj.type == "identifier":
                    self.added_keys.setdefault(self.text(obj), {})[key] = self.src.range_of(left)
                if (self._chain(obj) or [""])[-1] in ("localStorage", "sessionStorage"):
                    self.facts.storage_writes.append(Found(key, self.src.range_of(left), self.text(right)))
                self._assigned(key, right)

    def _member_key(self, node: Node) -> str | None:
        if node.type == "member_expression":
            prop = node.child_by_field_name("property")
            return self.text(prop) if prop is not None else None
        index = node.child_by_field_name("index")
        return self._literal(index) if index is not None else None

    def _pair(self, node: Node) -> None:
        key, value = node.child_by_field_name("key"), node.child_by_field_name("value")
        if key is not None and value is not None:
            name = self._literal(key) if key.type == "string" else self.text(key)
            if name is not None:
                self._assigned(name, value)

    def _assigned(self, name: str, value: Node | None) -> None:
        literal = self._literal(value) if value is not None else None
        if literal is not None:
            self.facts.assigned_strings.append(Found(name, self.src.range_of(value), literal))

    def _literal(self, node: Node) -> str | None:
        """The content of a string literal (or of a template without substitutions), else None."""
        if node.type == "string" or (node.type == "template_string" and not any(
                c.type == "template_substitution" for c in node.named_children)):
            return self.text(node)[1:-1]
        return None

    # -- strings -------------------------------------------------------------------------------------------------
    def _string(self, node: Node) -> None:
        content = self.text(node)[1:-1]
        self.facts.strings.append(Found(content, self.src.range_of(node)))
        self._urls(node, content, offset=1)

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
        for stmt in self.src.root.named_children:
            if stmt.type in ("comment", "empty_statement", "hash_bang_line") or self._is_iife_statement(stmt):
                continue
            if stmt.type == "expression_statement" and stmt.named_child_count and \
                    stmt.named_children[0].type == "string":  # 'use strict'
                continue
            self.facts.outside_iife.append(self.src.range_of(stmt))

    def _is_iife_statement(self, stmt: Node) -> bool:
        if stmt.type != "expression_statement" or not stmt.named_child_count:
            return False
        expr = stmt.named_children[0]
        while expr.type in ("parenthesized_expression", "unary_expression") and expr.named_child_count:
            expr = expr.named_children[-1]
        if expr.type != "call_expression":
            return False
        fn = expr.child_by_field_name("function")
        if fn is not None and fn.type == "member_expression":  # (function () {...}).call(this)
            prop = fn.child_by_field_name("property")
            if prop is not None and self.text(prop) in ("call", "apply"):
                fn = fn.child_by_field_name("object")
        while fn is not None and fn.type == "parenthesized_expression" and fn.named_child_count:
            fn = fn.named_children[0]
        return fn is not None and fn.type in FUNCTION_TYPES

    def _call(self, node: Node) -> None:
        fn = node.child_by_field_name("function")
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
        if fn.type == "member_expression":
            prop = fn.child_by_field_name("property")
            obj = fn.child_by_field_name("object")
            if prop is not None and obj is not None and self.text(prop) == "subscribe" and \
                    obj.type == "call_expression" and self._api_name(obj) == "openTemplateDialog":
                self.facts.dialog_subscribes.append(Found("subscribe", self.src.range_of(prop)))
        name = self._api_name(node)
        if name is None:
            return
        prop_range = self.src.range_of(fn.child_by_field_name("property") or fn)
        self.facts.api_calls.append(Found(name, prop_range))
        if name == "registerPlugin":
            self.facts.registers.append(self._register(node, prop_range))

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
            obj, added = self.declared.get(name), self.added_keys.get(name, {})
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
                    value = self.declared.get(self.text(value))
                if value is not None and self._literal(value) is not None:
                    reg.id_value, reg.id_range, reg.id_quote = self._literal(value), self.src.range_of(value), \
                        self.text(value)[0]
        return reg
