"""Syntax colours from the grammars' own highlight queries (the `highlights.scm` each tree-sitter grammar package
ships), kept up to date incrementally: an edit re-parses from the previous tree and says which lines changed.

Qt-free: the editor asks `spans(line)` for the line it paints; a span is (start, end, kind) in characters of that
line, kind one of the theme's token kinds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tree_sitter import Point, Query, QueryCursor, Tree

from workbench.core.treesitter import _parser, language

log = logging.getLogger(__name__)

# The grammar and the highlight query of each editor language.
QUERIES = {"javascript": ("javascript", "tree_sitter_javascript", "queries/highlights.scm"),
           "json": ("json", "tree_sitter_json", "queries/highlights.scm"),
           "xml": ("xml", "tree_sitter_xml", "queries/xml/highlights.scm"),
           "html": ("html", "tree_sitter_html", "queries/highlights.scm"),
           "css": ("css", "tree_sitter_css", "queries/highlights.scm")}
# Capture names (most specific first) -> the theme's token kinds; captures not listed stay in the text colour.
KINDS = (("string.special.key", "key"), ("comment", "comment"), ("string", "string"), ("escape", "literal"),
         ("number", "number"), ("boolean", "literal"), ("constant.builtin", "literal"), ("constant", "literal"),
         ("keyword", "keyword"), ("variable.builtin", "keyword"), ("function", "function"),
         ("constructor", "function"), ("tag", "tag"), ("attribute", "attribute"), ("property", "attribute"),
         ("type", "keyword"), ("operator", "punct"), ("punctuation", "punct"))
PROPERTY_AS_KEY = {"css"}  # CSS declarations read better in the key colour


@cache
def kind_of(capture: str, lang: str) -> str | None:
    for prefix, kind in KINDS:
        if capture == prefix or capture.startswith(prefix + "."):
            if prefix == "property" and lang in PROPERTY_AS_KEY:
                return "key"
            if prefix == "property" and lang == "javascript":
                return None  # every member access would be coloured
            return kind
    return None


@cache
def query(lang: str) -> Query | None:
    """The compiled highlight query of an editor language (None when no grammar ships one)."""
    if lang not in QUERIES:
        return None
    grammar, package, path = QUERIES[lang]
    try:
        source = resources.files(package).joinpath(path).read_text(encoding="utf-8")
        return Query(language(grammar), source)
    except Exception as exc:  # a grammar without its query: no colours, never a broken editor
        log.warning("no highlight query for %s: %s", lang, exc)
        return None


@dataclass
class _Encoded:
    """The text as UTF-8 with the byte offset of each line start."""

    text: str
    data: bytes
    line_starts: list[int]

    @classmethod
    def of(cls, text: str) -> _Encoded:
        data = text.encode("utf-8")
        starts = [0]
        find = data.find
        i = find(b"\n")
        while i >= 0:
            starts.append(i + 1)
            i = find(b"\n", i + 1)
        return cls(text, data, starts)

    def point(self, byte: int) -> Point:
        import bisect
        row = bisect.bisect_right(self.line_starts, byte) - 1
        return Point(row, byte - self.line_starts[row])


class SyntaxHighlights:
    """The highlight state of one document: its tree, re-parsed incrementally on every edit."""

    def __init__(self, lang: str, text: str = ""):
        self.lang = lang
        self.query = query(lang)
        self.grammar = QUERIES[lang][0] if lang in QUERIES else None
        self.source = _Encoded.of(text)
        self.tree: Tree | None = _parser(self.grammar).parse(self.source.data) if self.query else None
        self._lines: list[list | None] = []  # spans per line, None where not computed since the last edit
        q = self.query
        self._order = {q.capture_name(i): i for i in range(q.capture_count)} if q is not None else {}
        self._fill_all()

    @property
    def enabled(self) -> bool:
        return self.tree is not None

    def update(self, text: str) -> range:
        """Adopt the new text (one edit: re-parsed from the old tree); returns the lines whose colours may have
        changed beyond the edited ones (an opened comment or string reaches further down)."""
        old = self.source
        if self.tree is None or text == old.text:
            self.source = _Encoded.of(text) if self.tree is None else old
            return range(0)
        first_char, old_end_char, new_end_char = splice_of(old.text, text)
        new = _Encoded.of(text)
        start = len(old.text[:first_char].encode("utf-8"))
        old_end = start + len(old.text[first_char:old_end_char].encode("utf-8"))
        new_end = start + len(text[first_char:new_end_char].encode("utf-8"))
        start_point, old_end_point, new_end_point = old.point(start), old.point(old_end), new.point(new_end)
        self.tree.edit(start_byte=start, old_end_byte=old_end, new_end_byte=new_end, start_point=start_point,
                       old_end_point=old_end_point, new_end_point=new_end_point)
        fresh = _parser(self.grammar).parse(new.data, self.tree)
        changed = self.tree.changed_ranges(fresh)
        self.tree, self.source = fresh, new
        # the edited lines and those whose colours changed are computed again; the others only move
        a, b, c = start_point.row, old_end_point.row, new_end_point.row
        self._lines = self._lines[:a] + [None] * (c - a + 1) + self._lines[b + 1:]
        if not changed:
            return range(0)
        first = min(r.start_point.row for r in changed)
        last = min(max(r.end_point.row for r in changed), len(self._lines) - 1)
        for row in range(first, last + 1):
            self._lines[row] = None
        return range(first, last + 1)

    def spans(self, line: int) -> list[tuple[int, int, str]]:
        """(start, end, kind) of the line's coloured pieces, in characters of the line; inner nodes after outer."""
        if self.tree is None or line >= len(self.source.line_starts):
            return []
        cached = self._lines[line]
        if cached is None:
            cached = self._lines[line] = self._compute(line, line + 1)[0]
        return cached

    def _fill_all(self) -> None:
        """Every line's spans in one pass over the tree (a first paint of a large file stays fast)."""
        count = len(self.source.line_starts)
        self._lines = self._compute(0, count) if self.tree is not None else [[] for _ in range(count)]

    def _compute(self, first: int, last: int) -> list[list[tuple[int, int, str]]]:
        """The spans of lines first..last-1 (one query over their byte range)."""
        src = self.source
        begin = src.line_starts[first]
        end = src.line_starts[last] - 1 if last < len(src.line_starts) else len(src.data)
        cursor = QueryCursor(self.query)
        cursor.set_byte_range(begin, max(end, begin + 1))
        found: dict[tuple[int, int], tuple[int, str]] = {}
        order = self._order
        for name, nodes in cursor.captures(self.tree.root_node).items():
            kind = kind_of(name, self.lang)
            if kind is None:
                continue  # as tree-sitter's highlighter does: an unrecognised capture lets the next one in
            rank = order[name]
            for node in nodes:
                key = (node.start_byte, node.end_byte)
                if key not in found or rank < found[key][0]:
                    found[key] = (rank, kind)  # the capture named first in the query wins for the same node
        lines: list[list[tuple[int, int, str]]] = [[] for _ in range(first, last)]
        # outer nodes first so the inner ones (an escape in a string) are painted over them
        for (start, stop), (_p, kind) in sorted(found.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            row = max(first, src.point(start).row)
            while row < last:
                line_start = src.line_starts[row]
                line_end = src.line_starts[row + 1] - 1 if row + 1 < len(src.line_starts) else len(src.data)
                if line_start >= stop:
                    break
                a, b = max(start, line_start) - line_start, min(stop, line_end) - line_start
                if b > a:
                    data = src.data[line_start:line_end]
                    lines[row - first].append((_chars(data, a), _chars(data, b), kind))
                row += 1
        return lines


def _chars(data: bytes, byte: int) -> int:
    """Characters (code points) in data[:byte]."""
    return len(data[:byte].decode("utf-8", "replace"))


def splice_of(old: str, new: str) -> tuple[int, int, int]:
    """(start, old end, new end) of the one replacement turning old into new, by binary search on the common
    prefix and suffix (C-speed slice comparisons: a keystroke in a large file costs no Python loop over it)."""
    limit = min(len(old), len(new))
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[:mid] == new[:mid]:
            lo = mid
        else:
            hi = mid - 1
    prefix = lo
    lo, hi = 0, limit - prefix
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[len(old) - mid:] == new[len(new) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return prefix, len(old) - lo, len(new) - lo
