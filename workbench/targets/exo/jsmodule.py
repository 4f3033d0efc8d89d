"""Facts of a connector's JavaScript module, read with tree-sitter-javascript: which members the provider
object owns (assigned in its constructor) or only inherits (prototype), and what getType()/getTitle() return."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from tree_sitter import Node, Query, QueryCursor

from workbench.core.diagnostics import Diagnostic, Range
from workbench.core.files import ProjectFiles
from workbench.core.treesitter import ParsedSource, language, syntax_errors, walk

FUNCTION_TYPES = ("function_expression", "function_declaration", "function", "generator_function_declaration",
                  "generator_function")
MAX_SYNTAX_ERRORS = 5


@dataclass
class JsString:
    value: str
    range: Range


@dataclass
class ProviderModule:
    """What the module's provider object looks like."""

    constructor: str | None = None  # the function instantiated with `new`, when there is one
    constructor_range: Range | None = None
    own: dict[str, Range] = field(default_factory=dict)  # own property name -> where it is assigned
    prototype: dict[str, Range] = field(default_factory=dict)
    returns: dict[str, JsString] = field(default_factory=dict)  # getType / getTitle -> returned string
    found: bool = False  # a provider object was identified
    syntax: list[Diagnostic] = field(default_factory=list)


class _Reader:
    def __init__(self, src: ParsedSource):
        self.src = src
        self.functions: dict[str, Node] = {}
        self.variables: dict[str, Node] = {}  # name -> initial value node
        self.news: list[Node] = []
        self.added: list[Node] = []  # arguments of addProvider(...)
        self.assignments: list[Node] = []
        found = _interesting_nodes(src)
        for node in sorted(found, key=lambda n: n.start_byte):
            t = node.type
            if t in ("function_declaration", "generator_function_declaration"):
                name = node.child_by_field_name("name")
                if name is not None:
                    self.functions.setdefault(self.text(name), node)
            elif t == "variable_declarator":
                name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
                if name is not None and value is not None and name.type == "identifier":
                    self.variables.setdefault(self.text(name), value)
                    if value.type in FUNCTION_TYPES:
                        self.functions.setdefault(self.text(name), value)
            elif t == "new_expression":
                self.news.append(node)
            elif t == "assignment_expression":
                self.assignments.append(node)
            elif t == "call_expression":
                fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
                if fn is not None and fn.type == "member_expression" and args is not None and \
                        args.named_child_count and self.text(fn.child_by_field_name("property")) == "addProvider":
                    self.added.append(args.named_children[0])

    def text(self, node: Node | None) -> str:
        return self.src.node_text(node) if node is not None else ""

    def string_value(self, node: Node | None) -> JsString | None:
        """A string literal, or an identifier bound to one."""
        if node is None:
            return None
        if node.type == "string" or (node.type == "template_string" and node.named_child_count == 0):
            return JsString(self.text(node)[1:-1], self.src.range_of(node))
        if node.type == "identifier":
            bound = self.variables.get(self.text(node))
            if bound is not None and bound.type == "string":
                return JsString(self.text(bound)[1:-1], self.src.range_of(bound))
        return None

    def constructor(self) -> tuple[str, Node, Node] | None:
        """(name, function node, new expression) of the provider's constructor."""
        candidates = []
        for new in self.news:
            ctor = new.child_by_field_name("constructor")
            if ctor is not None and ctor.type == "identifier" and self.text(ctor) in self.functions:
                candidates.append((self.text(ctor), self.functions[self.text(ctor)], new))
        added = {self.text(a) for a in self.added}
        for name, fn, new in candidates:  # prefer the object handed to addProvider
            holder = new.parent
            if holder is not None and holder.type == "variable_declarator" and \
                    self.text(holder.child_by_field_name("name")) in added:
                return name, fn, new
        return candidates[0] if candidates else None

    def own_members(self, fn: Node) -> dict[str, tuple[Range, Node]]:
        """Members assigned on `this` (or an alias of it such as `self`) in the constructor body."""
        body = fn.child_by_field_name("body")
        out: dict[str, tuple[Range, Node]] = {}
        if body is None:
            return out
        aliases = {name for name, value in self.variables.items()
                   if value.type == "this" and _inside(value, body)}
        for node in self.assignments:
            if not _inside(node, body):
                continue
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or left.type != "member_expression":
                continue
            obj, prop = left.child_by_field_name("object"), left.child_by_field_name("property")
            is_self = (obj.type == "this" and _nearest_function(node) == fn) or \
                (obj.type == "identifier" and self.text(obj) in aliases)
            if is_self and prop is not None:
                out.setdefault(self.text(prop), (self.src.range_of(prop), right))
        return out

    def literal_members(self, obj: Node) -> dict[str, tuple[Range, Node | None]]:
        out: dict[str, tuple[Range, Node | None]] = {}
        for child in obj.named_children:
            key = child.child_by_field_name("key") if child.type == "pair" else \
                child.child_by_field_name("name") if child.type == "method_definition" else \
                child if child.type == "shorthand_property_identifier" else None
            if key is None:
                continue
            value = child.child_by_field_name("value") if child.type == "pair" else child
            out.setdefault(self.text(key).strip("'\""), (self.src.range_of(key), value))
        return out

    def prototype_members(self, name: str) -> dict[str, Range]:
        out: dict[str, Range] = {}
        for node in self.assignments:
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or left.type != "member_expression":
                continue
            if self.text(left) == f"{name}.prototype" and right is not None and right.type == "object":
                out.update({k: r for k, (r, _) in self.literal_members(right).items()})
            obj = left.child_by_field_name("object")
            if obj is not None and self.text(obj) == f"{name}.prototype":
                prop = left.child_by_field_name("property")
                out.setdefault(self.text(prop), self.src.range_of(prop))
        return out

    def returned_string(self, value: Node | None) -> JsString | None:
        """The string a member function returns (first return statement of its own body)."""
        if value is None:
            return None
        if value.type == "arrow_function":
            body = value.child_by_field_name("body")
            if body is not None and body.type != "statement_block":
                return self.string_value(body)
        if value.type not in FUNCTION_TYPES + ("arrow_function", "method_definition"):
            return None
        for node in walk(value):
            if node.type == "return_statement" and _nearest_function(node) == value:
                return self.string_value(node.named_children[0] if node.named_child_count else None)
        return None


_QUERY_SOURCE = " ".join(f"({t}) @n" for t in (
    "function_declaration", "generator_function_declaration", "variable_declarator", "new_expression",
    "assignment_expression", "call_expression"))


@lru_cache(maxsize=1)
def _query() -> Query:
    return Query(language("javascript"), _QUERY_SOURCE)


def _interesting_nodes(src: ParsedSource) -> list[Node]:
    """The declarations, assignments and calls of the module, collected by tree-sitter in C (fast on keystrokes)."""
    return QueryCursor(_query()).captures(src.root).get("n", [])


def _inside(node: Node, outer: Node) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def _nearest_function(node: Node) -> Node | None:
    """The closest enclosing non-arrow function (which is what `this` refers to)."""
    cur = node.parent
    while cur is not None and cur.type not in FUNCTION_TYPES + ("method_definition",):
        cur = cur.parent
    return cur


def read_module(src: ParsedSource, rel: str) -> ProviderModule:
    """The provider object of a connector module."""
    reader = _Reader(src)
    out = ProviderModule(syntax=syntax_errors(src, rel, "EXO015", "JavaScript")[:MAX_SYNTAX_ERRORS])
    members: dict[str, tuple[Range, Node | None]] = {}
    ctor = reader.constructor()
    if ctor is not None:
        name, fn, new = ctor
        out.constructor, out.constructor_range, out.found = name, src.range_of(new), True
        members = reader.own_members(fn)
        out.prototype = reader.prototype_members(name)
    else:
        for arg in reader.added:  # addProvider({...}) or addProvider(obj) with obj = {...}
            obj = arg if arg.type == "object" else reader.variables.get(reader.text(arg))
            if obj is not None and obj.type == "object":
                members, out.found = reader.literal_members(obj), True
                break
    out.own = {k: r for k, (r, _) in members.items()}
    for key in ("getType", "getTitle"):
        if key in members:
            found = reader.returned_string(members[key][1])
            if found is not None:
                out.returns[key] = found
    return out


def provider_module(files: ProjectFiles, rel: str) -> ProviderModule | None:
    """The module's facts (cached by content), None when the file is missing."""
    src = files.parsed("javascript", rel)
    if src is None:
        return None
    return files.memo("exo:jsmodule", rel, lambda: read_module(src, rel))
