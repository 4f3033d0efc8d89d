"""JSON with source positions, tolerant of errors (tree-sitter-json underneath).

A half-typed file still yields the values that parse, plus precise diagnostics for what does not:
syntax errors, trailing commas (with a quick fix), comments, a BOM, duplicate keys and non-UTF-8 bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from tree_sitter import Node

from workbench.core.diagnostics import WHOLE_FILE, Diagnostic, QuickFix, Range, RuleInfo, Severity, TextEdit
from workbench.core.treesitter import ParsedSource, parse, walk

Path = Sequence["str | int"]

RULES = [
    RuleInfo("JSON001", Severity.ERROR, "JSON syntax error", "The file is not valid JSON at this place.",
             "Fix the text at the position given; hosts reject the whole file otherwise."),
    RuleInfo("JSON002", Severity.ERROR, "Trailing comma", "A comma follows the last item of an object or array.",
             "Remove the comma (quick fix available)."),
    RuleInfo("JSON003", Severity.ERROR, "Comment in JSON", "The file contains a // or /* */ comment.",
             "Remove the comment: browsers' JSON.parse rejects it."),
    RuleInfo("JSON004", Severity.WARNING, "Byte order mark", "The file starts with a UTF-8 BOM.",
             "Save the file as UTF-8 without BOM (quick fix available)."),
    RuleInfo("JSON005", Severity.WARNING, "Duplicate key", "The same key appears twice in one object.",
             "Remove one of them: only the last one counts."),
    RuleInfo("JSON006", Severity.ERROR, "Not UTF-8", "The file contains bytes that are not valid UTF-8.",
             "Re-save the file as UTF-8."),
    RuleInfo("JSON007", Severity.ERROR, "Empty file", "The file is empty or only whitespace.",
             "Write the JSON object the host expects."),
    RuleInfo("JSON008", Severity.ERROR, "Nested too deeply",
             "Arrays and objects are nested more levels deep than any host file needs; such a file is not read "
             "further.", "Flatten the structure."),
]
MAX_DEPTH = 128  # no host file nests this deep; deeper text is refused before it is built (the builder recurses)
# A string runs to its closing quote or, unclosed, to the end of its line: every match consumes what it scanned, so a
# line of unclosed strings is read once, not once per quote.
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[\[\]{}]')


@dataclass
class JsonNode:
    """One JSON value with its range; objects keep key order, key ranges and duplicates."""

    kind: str  # object | array | string | number | true | false | null | invalid
    range: Range
    value: Any = None
    members: dict[str, JsonNode] = field(default_factory=dict)  # objects: last occurrence wins, as in JS
    key_ranges: dict[str, Range] = field(default_factory=dict)
    items: list[JsonNode] = field(default_factory=list)  # arrays

    def get(self, key: str | int) -> JsonNode | None:
        if isinstance(key, int):
            return self.items[key] if self.kind == "array" and 0 <= key < len(self.items) else None
        return self.members.get(key) if self.kind == "object" else None


@dataclass
class JsonDocument:
    """A parsed JSON file: its Python value (best effort), node tree and diagnostics."""

    file: str
    text: str
    root: JsonNode | None
    diagnostics: list[Diagnostic]
    source: ParsedSource | None = None

    @property
    def value(self) -> Any:
        return self.root.value if self.root else None

    @property
    def ok(self) -> bool:
        """True when the file is strictly valid JSON (no error diagnostics)."""
        return self.root is not None and not any(d.severity is Severity.ERROR for d in self.diagnostics)

    def node(self, path: Path) -> JsonNode | None:
        node = self.root
        for key in path:
            if node is None:
                return None
            node = node.get(key)
        return node

    def range_of(self, path: Path, key: bool = False) -> Range:
        """Range of the value at path (or of its key when key=True); falls back to the nearest parent."""
        for depth in range(len(path), -1, -1):
            node = self.node(path[:depth])
            if node is None:
                continue
            if key and depth == len(path) and depth > 0 and isinstance(path[-1], str):
                parent = self.node(path[:-1])
                if parent and path[-1] in parent.key_ranges:
                    return parent.key_ranges[path[-1]]
            return node.range
        return WHOLE_FILE

    def diag(self, code: str, severity: Severity, message: str, path: Path = (), key: bool = False,
             fix: QuickFix | None = None) -> Diagnostic:
        """A diagnostic placed at the value (or key) at path."""
        return Diagnostic(code, severity, message, self.file, self.range_of(path, key), fix)


def load_json_bytes(data: bytes, file: str) -> JsonDocument:
    """Decode bytes (reporting BOM and non-UTF-8 bytes with positions) and parse them."""
    diags: list[Diagnostic] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        diags.append(Diagnostic("JSON006", Severity.ERROR,
                                f"byte 0x{data[exc.start]:02x} is not valid UTF-8: re-save the file as UTF-8",
                                file, Range.at(line, column, line, column + 1)))
        text = data.decode("utf-8", "replace")
    doc = parse_json(text, file)
    doc.diagnostics[:0] = diags
    return doc


def too_deep(text: str, limit: int = MAX_DEPTH, tokens: re.Pattern = _STRING_OR_BRACKET) -> int | None:
    """The offset of the first bracket that opens a level past `limit`, or None. `tokens` matches the brackets and
    what holds brackets that do not nest (JSON's strings by default; another format's strings and comments)."""
    depth = 0
    for match in tokens.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif token in "]}":
            depth = max(0, depth - 1)
    return None


def parse_json(text: str, file: str, max_depth: int = MAX_DEPTH) -> JsonDocument:
    """Parse JSON text tolerantly; never raises."""
    diags: list[Diagnostic] = []
    if text.startswith("\ufeff"):
        fix = QuickFix("Remove the byte order mark", (TextEdit(file, Range.at(1, 1, 1, 2), ""),))
        diags.append(Diagnostic("JSON004", Severity.WARNING,
                                "the file starts with a byte order mark: save it as UTF-8 without BOM",
                                file, Range.at(1, 1, 1, 2), fix))
    if not text.strip("\ufeff \t\r\n"):
        diags.append(Diagnostic("JSON007", Severity.ERROR, "the file is empty: it must hold a JSON value", file))
        return JsonDocument(file, text, None, diags)
    if (at := too_deep(text, max_depth)) is not None:
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        diags.append(Diagnostic("JSON008", Severity.ERROR, f"nested more than {max_depth} levels deep: flatten it",
                                file, Range.at(line, column, line, column + 1)))
        return JsonDocument(file, text, None, diags)
    src = parse("json", text)
    builder = _Builder(src, file, diags)
    top = src.root
    values = [top] if top.type == "ERROR" and top.child_count and top.children[0].type in ("{", "[") else \
        [c for c in top.named_children if c.type != "comment"]
    root = builder.build(values[0]) if values else None
    builder.report_errors()
    if len(values) > 1 and not any(d.code in ("JSON001", "JSON002") for d in diags):
        diags.append(Diagnostic("JSON001", Severity.ERROR, "JSON syntax error: more than one value in the file",
                                file, src.range_of(values[1])))
    return JsonDocument(file, text, root, diags, src)


class _Builder:
    def __init__(self, src: ParsedSource, file: str, diags: list[Diagnostic]):
        self.src, self.file, self.diags = src, file, diags
        self.trailing: set[int] = set()  # start bytes of commas reported as trailing

    def build(self, node: Node) -> JsonNode:
        rng = self.src.range_of(node)
        kind = node.type
        if kind == "object" or (kind == "ERROR" and node.child_count and node.children[0].type == "{"):
            return self._object(node, rng)
        if kind == "array" or (kind == "ERROR" and node.child_count and node.children[0].type == "["):
            return self._array(node, rng)
        if kind == "string":
            raw = self.src.node_text(node)
            try:
                value = json.loads(raw)
            except ValueError:
                value = raw.strip('"')
            return JsonNode("string", rng, value)
        if kind == "number":
            raw = self.src.node_text(node)
            try:
                value = json.loads(raw)
            except ValueError:
                value = None
            return JsonNode("number", rng, value)
        if kind in ("true", "false"):
            return JsonNode(kind, rng, kind == "true")
        if kind == "null":
            return JsonNode("null", rng, None)
        return JsonNode("invalid", rng, None)

    def _object(self, node: Node, rng: Range) -> JsonNode:
        out = JsonNode("object", rng, {})
        for child in node.named_children:
            if child.type != "pair":
                continue
            key_node = child.child_by_field_name("key")
            value_node = child.child_by_field_name("value")
            if key_node is None or key_node.is_missing:
                continue
            key = self.build(key_node).value
            if not isinstance(key, str):
                continue
            key_range = self.src.range_of(key_node)
            if key in out.members:
                self.diags.append(Diagnostic(
                    "JSON005", Severity.WARNING,
                    f"duplicate key {key!r} (first at line {out.key_ranges[key].start.line}): only the last one counts",
                    self.file, key_range))
                del out.value[key]  # keep order of the last occurrence, as JSON.parse does for the value
            member = self.build(value_node) if value_node is not None and not value_node.is_missing else \
                JsonNode("invalid", key_range)
            out.members[key] = member
            out.key_ranges[key] = key_range
            out.value[key] = member.value
        return out

    def _array(self, node: Node, rng: Range) -> JsonNode:
        out = JsonNode("array", rng, [])
        for child in node.named_children:
            if child.type in ("comment", "ERROR") or child.is_missing:
                continue
            item = self.build(child)
            out.items.append(item)
            out.value.append(item.value)
        return out

    def report_errors(self) -> None:
        """Turn comments, trailing commas and other ERROR/MISSING nodes into diagnostics."""
        root = self.src.root
        for node in walk(root):
            if node.type == "comment":
                self.diags.append(Diagnostic("JSON003", Severity.ERROR,
                                             "comments are not allowed in JSON: remove it",
                                             self.file, self.src.range_of(node)))
        if not root.has_error:
            return
        for node in walk(root):
            comma = self._trailing_comma(node)
            if comma is not None:
                if comma.start_byte in self.trailing:
                    continue
                self.trailing.add(comma.start_byte)
                rng = self.src.range_of(comma)
                fix = QuickFix("Remove the trailing comma", (TextEdit(self.file, rng, ""),))
                self.diags.append(Diagnostic("JSON002", Severity.ERROR,
                                             "trailing comma after the last item: remove it", self.file, rng, fix))
            elif node.is_missing:
                if self._after_trailing_comma(node):
                    continue
                self.diags.append(Diagnostic("JSON001", Severity.ERROR,
                                             f"JSON syntax error: expected {_describe(node.type)} here",
                                             self.file, self.src.range_of(node)))
            elif node.is_error:
                text = self.src.node_text(node).strip()
                if text == ",":
                    continue  # a lone comma ERROR not before a closer: reported below by its neighbour
                first = text.splitlines()[0][:30] if text else ""
                msg = f"JSON syntax error: unexpected {first!r}" if first else "JSON syntax error: unexpected end"
                if node.end_byte >= len(self.src.index.data.rstrip()) and not text.rstrip().endswith(("}", "]")):
                    msg += "; the file ends before the value is complete"
                self.diags.append(Diagnostic("JSON001", Severity.ERROR, msg, self.file, self._error_range(node)))

    def _error_range(self, node: Node) -> Range:
        rng = self.src.range_of(node)
        if rng.start == rng.end:
            return rng
        # point at the first offending token rather than a whole region
        first = node.children[0] if node.child_count else node
        if node.child_count > 1 and first.type in ("{", "["):
            return self.src.range_of(node.children[-1])
        return self.src.range_of(first)

    def _trailing_comma(self, node: Node) -> Node | None:
        """The comma node when `node` is a trailing comma before '}' or ']'."""
        if node.is_error and self.src.node_text(node).strip() == ",":
            nxt = node.next_sibling
            while nxt is not None and nxt.type == "comment":
                nxt = nxt.next_sibling
            if nxt is not None and nxt.type in ("}", "]"):
                return node.children[0] if node.child_count else node
        if node.is_missing and self._after_trailing_comma(node):
            prev = node.prev_sibling
            while prev is not None and prev.type == "comment":
                prev = prev.prev_sibling
            return prev
        return None

    @staticmethod
    def _after_trailing_comma(node: Node) -> bool:
        prev, nxt = node.prev_sibling, node.next_sibling
        while prev is not None and prev.type == "comment":
            prev = prev.prev_sibling
        return bool(prev is not None and prev.type == "," and nxt is not None and nxt.type in ("}", "]"))


def _describe(node_type: str) -> str:
    return {"number": "a value", "string": "a string", "pair": "a key and value"}.get(node_type, repr(node_type))


def iter_paths(node: JsonNode, prefix: tuple = ()) -> Iterator[tuple[tuple, JsonNode]]:
    """Every (path, node) below node, parents first."""
    yield prefix, node
    for key, child in node.members.items():
        yield from iter_paths(child, prefix + (key,))
    for i, child in enumerate(node.items):
        yield from iter_paths(child, prefix + (i,))
