"""Facts about a plugin's JavaScript or TypeScript source, read from its tree-sitter syntax tree (cached by content).

What the rules need, with positions: `registerPlugin` / `registerWidget` calls and their ids, the plugin-API calls
(`<plugin>.ui.addButton({...})`, `<plugin>.conference.lock({...})`, `<plugin>.events.<name>.add(...)`) with their
payloads turned into plain values (object literals, and `const` objects of the same file), and removed API uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from workbench.core.diagnostics import Range
from workbench.core.files import ProjectFiles
from workbench.core.treesitter import ParsedSource, named_nodes
from workbench.targets.webapp3.apitypes import UNKNOWN, Partial, Unknown

API_PACKAGE = "@pexip/plugin-api"
SOURCE_SUFFIXES = {".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "tsx",
                   ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript"}
_WRAPPERS = ("as_expression", "satisfies_expression", "non_null_expression", "parenthesized_expression",
             "type_assertion", "await_expression")
# In a bundle (minified build output) registerPlugin is renamed: its literal argument {id, version} is still there.
_BUNDLED_META = re.compile(r"""\{\s*id\s*:\s*(["'`])([^"'`\\]{1,200})\1\s*,\s*version\s*:""")


@dataclass
class Value:
    """A payload as written: its plain value and the range of each path inside it."""

    value: object
    ranges: dict[tuple, Range]
    keys: dict[tuple, Range]  # the range of the key of each object property, by path

    def range_of(self, path: tuple, key: bool = False) -> Range:
        while path and path not in self.ranges:
            path = path[:-1]
        if key and path in self.keys:
            return self.keys[path]
        return self.ranges.get(path) or self.ranges[()]


@dataclass
class ApiCall:
    """`<root>.<area>.<name>(payload)` (area ui, app, conference), or `<root>.events.<name>.<add|remove>(...)`."""

    area: str
    name: str
    range: Range  # of the member name
    call_range: Range
    payload: Value | None
    known_root: bool  # the root is bound to registerPlugin's result (or named `plugin`)


@dataclass
class Register:
    """A registerPlugin or registerWidget call and the id (or parentPluginId) it passes, if literal."""

    function: str
    id: str | None
    id_range: Range | None
    range: Range
    payload: Value | None


@dataclass
class SourceFacts:
    file: str
    language: str
    registers: list[Register] = field(default_factory=list)
    calls: list[ApiCall] = field(default_factory=list)
    removed: list[tuple[str, Range]] = field(default_factory=list)  # iframeManager and the like
    imports_api: bool = False
    syntax_error: Range | None = None


def language_of(rel: str) -> str | None:
    """The tree-sitter grammar of a source file by its extension, or None when it is not JavaScript/TypeScript."""
    dot = rel.rfind(".")
    return SOURCE_SUFFIXES.get(rel[dot:].lower()) if dot >= 0 else None


def source_facts(files: ProjectFiles, rel: str) -> SourceFacts | None:
    """Facts of one source file (None when it cannot be read); a bundle is read by pattern, not parsed."""
    lang = language_of(rel)
    if lang is None:
        return None
    text = files.read_text(rel)
    if text is None:
        return None
    if lang == "javascript" and _looks_bundled(text):
        return files.memo("webapp3:bundle", rel, lambda: _bundle_facts(rel, text))
    src = files.parsed(lang, rel)
    if src is None:
        return None
    return files.memo(f"webapp3:facts:{lang}", rel, lambda: _Extractor(src, rel, lang).run())


def _looks_bundled(text: str) -> bool:
    """Minified build output: long lines (a bundle's registerPlugin is renamed, so it is read by pattern)."""
    return len(text) > 2000 and max((len(line) for line in text.splitlines()), default=0) > 1000


def _bundle_facts(rel: str, text: str) -> SourceFacts:
    from workbench.core.text import LineIndex
    facts = SourceFacts(rel, "bundle")
    if "syn" not in text:
        return facts
    index = LineIndex(text)
    for m in _BUNDLED_META.finditer(text):
        rng = index.range_of_chars(m.start(2), m.end(2))
        facts.registers.append(Register("registerPlugin", m.group(2), rng, rng, None))
    facts.imports_api = bool(facts.registers)
    return facts


class _Extractor:
    def __init__(self, src: ParsedSource, file: str, lang: str):
        self.src, self.file = src, file
        self.facts = SourceFacts(file, lang)
        self.consts: dict[str, Node] = {}  # name -> the value a const/let/var declares
        self.register_names = {"registerPlugin": "registerPlugin", "registerWidget": "registerWidget"}
        self.plugin_names = {"plugin"}  # Pexip's plugins keep the registered plugin in `plugin`

    def text(self, node: Node) -> str:
        return self.src.node_text(node)

    def run(self) -> SourceFacts:
        nodes = named_nodes(self.src.root)
        if self.src.root.has_error:
            first = next((n for n in nodes if n.is_error or n.is_missing), None)
            self.facts.syntax_error = self.src.range_of(first) if first is not None else None
        calls = []
        for node in nodes:
            if node.type == "import_statement":
                self._import(node)
            elif node.type == "variable_declarator":
                self._declarator(node)
            elif node.type == "call_expression":
                calls.append(node)
            elif node.type == "member_expression" and self.text(node.child_by_field_name("property") or node) \
                    == "iframeManager":
                self.facts.removed.append(("window.plugin.iframeManager", self.src.range_of(node)))
        for node in calls:
            self._call(node)
        return self.facts

    def _import(self, node: Node) -> None:
        source = node.child_by_field_name("source")
        if source is None or self.text(source).strip("'\"`") != API_PACKAGE:
            return
        self.facts.imports_api = True
        for spec in named_nodes(node):
            if spec.type == "import_specifier":
                name = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias")
                if name is not None and self.text(name) in ("registerPlugin", "registerWidget"):
                    self.register_names.pop(self.text(name), None)
                    self.register_names[self.text(alias or name)] = self.text(name)

    def _declarator(self, node: Node) -> None:
        name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        if name is None or value is None or name.type != "identifier":
            return
        self.consts[self.text(name)] = value
        inner = _unwrap(value)
        if inner.type == "call_expression":
            fn = inner.child_by_field_name("function")
            if fn is not None and self.register_names.get(self.text(fn)):
                self.plugin_names.add(self.text(name))

    def _call(self, node: Node) -> None:
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if fn is None:
            return
        first = args.named_children[0] if args is not None and args.named_children else None
        register = self.register_names.get(self.text(fn)) if fn.type == "identifier" else None
        if register:
            self._register(register, node, first)
            return
        if fn.type != "member_expression":
            return
        chain = self._chain(fn)
        if chain is None:
            return
        root, names, last = chain
        known = root in self.plugin_names or root == "getPlugin()"
        if len(names) >= 2 and names[-2] in ("ui", "app", "conference") and len(names) == 2:
            payload = self._value(first) if first is not None else None
            self.facts.calls.append(ApiCall(names[-2], names[-1], self.src.range_of(last), self.src.range_of(node),
                                            payload, known))
        elif len(names) == 3 and names[0] == "events" and names[2] in ("add", "remove", "addOnce"):
            prop = fn.child_by_field_name("object")
            rng = self.src.range_of(prop.child_by_field_name("property")) if prop is not None else \
                self.src.range_of(fn)
            self.facts.calls.append(ApiCall("events", names[1], rng, self.src.range_of(node), None, known))

    def _chain(self, node: Node) -> tuple[str, list[str], Node] | None:
        """`a.b.c` as ('a', ['b', 'c'], the node of c); the root may be a call such as `getPlugin()`."""
        names: list[str] = []
        last = node.child_by_field_name("property")
        while node.type == "member_expression":
            prop = node.child_by_field_name("property")
            if prop is None:
                return None
            names.insert(0, self.text(prop))
            node = _unwrap(node.child_by_field_name("object"))
        if node.type == "identifier":
            return self.text(node), names, last
        if node.type == "call_expression" and (fn := node.child_by_field_name("function")) is not None:
            return self.text(fn) + "()", names, last
        if node.type == "this":
            return "this", names, last
        return None

    def _register(self, function: str, node: Node, first: Node | None) -> None:
        payload = self._value(first) if first is not None else None
        key = "id" if function == "registerPlugin" else "parentPluginId"
        ident = payload.value.get(key) if payload and isinstance(payload.value, dict) else None
        self.facts.registers.append(Register(
            function, ident if isinstance(ident, str) else None,
            payload.range_of((key,)) if payload and isinstance(ident, str) else None, self.src.range_of(node),
            payload))

    # -- literal values ---------------------------------------------------------------------------------------
    def _value(self, node: Node) -> Value:
        ranges: dict[tuple, Range] = {}
        keys: dict[tuple, Range] = {}
        value = self._convert(node, (), ranges, keys, set())
        return Value(value, ranges, keys)

    def _convert(self, node: Node, path: tuple, ranges: dict, keys: dict, seen: set) -> object:
        ranges.setdefault(path, self.src.range_of(node))
        node = _unwrap(node)
        t = node.type
        if t == "string":
            return "".join(self.text(c) for c in node.named_children if c.type in ("string_fragment",
                                                                                    "escape_sequence"))
        if t == "template_string":
            if any(c.type == "template_substitution" for c in node.named_children):
                return _ComputedString()
            return "".join(self.text(c) for c in node.named_children)
        if t == "number":
            try:
                number = float(self.text(node).replace("_", ""))
            except ValueError:
                return UNKNOWN
            return int(number) if number.is_integer() else number
        if t in ("true", "false"):
            return t == "true"
        if t == "null":
            return None
        if t == "array":
            return [self._convert(c, (*path, i), ranges, keys, seen) for i, c in enumerate(node.named_children)]
        if t == "object":
            out: dict = {}
            for child in node.named_children:
                if child.type == "pair":
                    key_node = child.child_by_field_name("key")
                    if key_node is None or key_node.type == "computed_property_name":
                        out = Partial(out)
                        continue
                    key = self.text(key_node).strip("'\"`")
                    keys[(*path, key)] = self.src.range_of(key_node)
                    out[key] = self._convert(child.child_by_field_name("value"), (*path, key), ranges, keys, seen)
                elif child.type == "shorthand_property_identifier":
                    key = self.text(child)
                    keys[(*path, key)] = self.src.range_of(child)
                    out[key] = self._identifier(key, child, (*path, key), ranges, keys, seen)
                elif child.type in ("spread_element", "method_definition"):
                    out = Partial(out) if child.type == "spread_element" else out
                    if child.type == "method_definition":
                        name = child.child_by_field_name("name")
                        if name is not None:
                            out[self.text(name)] = UNKNOWN
            return out
        if t == "identifier":
            return self._identifier(self.text(node), node, path, ranges, keys, seen)
        return UNKNOWN

    def _identifier(self, name: str, node: Node, path: tuple, ranges: dict, keys: dict, seen: set) -> object:
        if name == "undefined":
            return None
        declared = self.consts.get(name)
        if declared is None or name in seen:
            return UNKNOWN
        return self._convert(declared, path, ranges, keys, seen | {name})


class _ComputedString(str, Unknown):
    """A template string with substitutions: a string whose text is known at run time only."""


def _unwrap(node: Node | None) -> Node:
    while node is not None and node.type in _WRAPPERS:
        inner = [c for c in node.named_children if not c.type.endswith("type") and c.type != "type_identifier"]
        if not inner:
            break
        node = inner[0] if node.type != "type_assertion" else inner[-1]
    return node


