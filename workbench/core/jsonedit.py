"""Minimal text edits to JSON: set, insert, remove or move one value, keeping formatting, key order and unknown keys.

A form changes one field at a time; each change becomes one small replacement in the text (the value's own
characters, or one member inserted after its last sibling), so everything else in the file stays byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.core.jsondoc import JsonDocument, JsonNode, parse_json
from workbench.core.text import LineIndex

JsonPath = Sequence["str | int"]


@dataclass(frozen=True)
class Splice:
    """Replace text[start:end] (character offsets) with new_text."""

    start: int
    end: int
    new_text: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.new_text + text[self.end:]


class JsonEditError(ValueError):
    """The edit cannot be placed: the text does not parse well enough around the path."""


def indent_unit(text: str) -> str:
    """The indentation the file uses (first indented line), two spaces by default."""
    for line in text.splitlines():
        stripped = line.lstrip(" \t")
        if stripped and len(stripped) < len(line) and stripped[0] in "\"{[]}0123456789-tfn":
            return line[: len(line) - len(stripped)]
    return "  "


def _line_indent(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    line = text[start:offset]
    return line[: len(line) - len(line.lstrip(" \t"))]


def dump_value(value: Any, unit: str, base: str, compact: bool = False) -> str:
    """value as JSON text, indented like the file and re-based at the indentation `base` of its first line."""
    if compact or not isinstance(value, (dict, list)) or not value:
        return json.dumps(value, ensure_ascii=False)
    text = json.dumps(value, ensure_ascii=False, indent=unit if unit and unit.strip(" \t") == "" else 2)
    return text.replace("\n", "\n" + base)


class JsonEditor:
    """Computes Splices against one JSON text."""

    def __init__(self, text: str, doc: JsonDocument | None = None):
        self.text = text
        self.doc = doc or parse_json(text, "")
        self.index = LineIndex(text)
        self.unit = indent_unit(text)

    # -- offsets --------------------------------------------------------------------------------------------------
    def span(self, node: JsonNode) -> tuple[int, int]:
        return self.index.char_offset(node.range.start), self.index.char_offset(node.range.end)

    def key_span(self, parent: JsonNode, key: str) -> tuple[int, int]:
        rng = parent.key_ranges[key]
        return self.index.char_offset(rng.start), self.index.char_offset(rng.end)

    def _is_compact(self, node: JsonNode) -> bool:
        start, end = self.span(node)
        return "\n" not in self.text[start:end]

    # -- edits ----------------------------------------------------------------------------------------------------
    def set(self, path: JsonPath, value: Any) -> Splice:
        """Set the value at path; missing object members (and their missing parents) are inserted."""
        path = list(path)
        node = self.doc.node(path)
        if node is not None and node.kind != "invalid":
            start, end = self.span(node)
            compact = self._is_compact(node) and node.kind in ("object", "array") and bool(node.value)
            return Splice(start, end, dump_value(value, self.unit, _line_indent(self.text, start), compact))
        if not path:
            return Splice(0, len(self.text), dump_value(value, self.unit, "") + "\n")
        # find the deepest existing ancestor and insert the rest as one nested value
        for depth in range(len(path) - 1, -1, -1):
            parent = self.doc.node(path[:depth])
            if parent is None:
                continue
            key = path[depth]
            nested: Any = value
            for k in reversed(path[depth + 1:]):
                if isinstance(k, int):
                    raise JsonEditError(f"cannot create list item {k} at {path}")
                nested = {k: nested}
            if parent.kind == "object" and isinstance(key, str):
                return self._insert_member(parent, key, nested)
            if parent.kind == "array" and isinstance(key, int) and key == len(parent.items):
                return self.append(path[:depth], nested)
            raise JsonEditError(f"cannot place a value at {path}: {parent.kind} in the way")
        raise JsonEditError("the document has no JSON value to edit")

    def _insert_member(self, obj: JsonNode, key: str, value: Any) -> Splice:
        start, end = self.span(obj)
        compact = self._is_compact(obj)
        if obj.members:
            last_key = list(obj.members)[-1]
            last = obj.members[last_key]
            _, last_end = self.span(last)
            key_start, _ = self.key_span(obj, last_key)
            if compact:
                return Splice(last_end, last_end, f", {json.dumps(key)}: {dump_value(value, self.unit, '', True)}")
            base = _line_indent(self.text, key_start)
            text = f",\n{base}{json.dumps(key, ensure_ascii=False)}: {dump_value(value, self.unit, base)}"
            return Splice(last_end, last_end, text)
        base = _line_indent(self.text, start)
        inner = base + self.unit
        body = f"{json.dumps(key, ensure_ascii=False)}: {dump_value(value, self.unit, inner)}"
        return Splice(start, end, "{\n" + inner + body + "\n" + base + "}")

    def append(self, path: JsonPath, value: Any) -> Splice:
        """Append value to the array at path."""
        arr = self.doc.node(list(path))
        if arr is None or arr.kind != "array":
            raise JsonEditError(f"no list at {list(path)}")
        start, end = self.span(arr)
        if arr.items:
            first_start, _ = self.span(arr.items[0])
            _, last_end = self.span(arr.items[-1])
            if self._is_compact(arr):
                return Splice(last_end, last_end, ", " + dump_value(value, self.unit, "", True))
            base = _line_indent(self.text, first_start)
            return Splice(last_end, last_end, ",\n" + base + dump_value(value, self.unit, base))
        base = _line_indent(self.text, start)
        inner = base + self.unit
        return Splice(start, end, "[\n" + inner + dump_value(value, self.unit, inner) + "\n" + base + "]")

    def insert(self, path: JsonPath, index: int, value: Any) -> Splice:
        """Insert value into the array at path before item `index` (appended when index is past the end)."""
        arr = self.doc.node(list(path))
        if arr is None or arr.kind != "array":
            raise JsonEditError(f"no list at {list(path)}")
        if index >= len(arr.items):
            return self.append(path, value)
        start, _ = self.span(arr.items[max(0, index)])
        if self._is_compact(arr):
            return Splice(start, start, dump_value(value, self.unit, "", True) + ", ")
        base = _line_indent(self.text, self.span(arr.items[0])[0])
        return Splice(start, start, dump_value(value, self.unit, base) + ",\n" + base)

    def remove(self, path: JsonPath) -> Splice:
        """Remove the member or list item at path, with its separating comma and line."""
        path = list(path)
        if not path:
            raise JsonEditError("cannot remove the whole document")
        parent = self.doc.node(path[:-1])
        key = path[-1]
        if parent is None or parent.get(key) is None:
            raise JsonEditError(f"nothing at {path}")
        if parent.kind == "object":
            keys = list(parent.members)
            i = keys.index(key)
            spans = [(self.key_span(parent, k)[0], self.span(parent.members[k])[1]) for k in keys]
        else:
            i = key
            spans = [self.span(n) for n in parent.items]
        start, end = spans[i]
        if len(spans) == 1:
            p_start, p_end = self.span(parent)
            return Splice(p_start, p_end, "{}" if parent.kind == "object" else "[]")
        if i > 0:  # take the comma (and whitespace) between the previous item and this one
            return Splice(spans[i - 1][1], end, "")
        return Splice(start, spans[1][0], "")

    def swap(self, path: JsonPath, i: int, j: int) -> Splice:
        """Exchange list items i and j (their texts keep their own formatting)."""
        arr = self.doc.node(list(path))
        if arr is None or arr.kind != "array" or not (0 <= i < len(arr.items) and 0 <= j < len(arr.items)):
            raise JsonEditError(f"no items {i}, {j} at {list(path)}")
        i, j = sorted((i, j))
        a_start, a_end = self.span(arr.items[i])
        b_start, b_end = self.span(arr.items[j])
        between = self.text[a_end:b_start]
        return Splice(a_start, b_end, self.text[b_start:b_end] + between + self.text[a_start:a_end])

    def rename_key(self, path: JsonPath, new_key: str) -> Splice:
        """Rename the member at path, keeping its place."""
        path = list(path)
        parent = self.doc.node(path[:-1])
        if parent is None or parent.kind != "object" or path[-1] not in parent.key_ranges:
            raise JsonEditError(f"no member at {path}")
        start, end = self.key_span(parent, path[-1])
        return Splice(start, end, json.dumps(new_key, ensure_ascii=False))


def minimal_splice(old: str, new: str) -> Splice | None:
    """The one replacement turning old into new (common prefix and suffix kept), None when equal."""
    if old == new:
        return None
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return Splice(prefix, len(old) - suffix, new[prefix: len(new) - suffix])


def path_at(doc: JsonDocument, line: int, column: int) -> tuple:
    """The deepest JSON path whose value (or key) contains the 1-based position."""
    from workbench.core.diagnostics import Position

    pos = Position(line, column)
    path: tuple = ()
    node = doc.root

    def inside(rng) -> bool:
        return rng.start <= pos <= rng.end

    while node is not None:
        nxt = None
        for key, child in node.members.items():
            if inside(child.range) or inside(node.key_ranges[key]):
                nxt = (key, child)
                break
        for i, child in enumerate(node.items):
            if inside(child.range):
                nxt = (i, child)
                break
        if nxt is None:
            return path
        path += (nxt[0],)
        node = nxt[1]
    return path
