"""Shared tree-sitter plumbing: parsers for JSON, JavaScript and XML, node positions, syntax errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

from workbench.core.diagnostics import Diagnostic, Position, Range, Severity
from workbench.core.text import LineIndex


@cache
def language(name: str) -> Language:
    """The tree-sitter Language for 'json', 'javascript' or 'xml'."""
    if name == "json":
        import tree_sitter_json as mod
        return Language(mod.language())
    if name == "javascript":
        import tree_sitter_javascript as mod
        return Language(mod.language())
    if name == "xml":
        import tree_sitter_xml as mod
        return Language(mod.language_xml())
    raise ValueError(f"no grammar for {name!r}")


_local = threading.local()


def _parser(name: str) -> Parser:
    """A parser per thread and grammar: tree-sitter parsers must not be shared between threads (the window
    validates in a worker thread while the editors parse on the GUI thread)."""
    parsers = _local.__dict__.setdefault("parsers", {})
    parser = parsers.get(name)
    if parser is None:
        parser = parsers[name] = Parser(language(name))
    return parser


@dataclass
class ParsedSource:
    """A parsed text with its tree and a line index to turn node points into Positions."""

    tree: Tree
    index: LineIndex

    @property
    def text(self) -> str:
        return self.index.text

    @property
    def root(self) -> Node:
        return self.tree.root_node

    def range_of(self, node: Node) -> Range:
        if self.index.ascii:  # a tree-sitter point is then the (row, column) itself: no index lookup (hot path)
            (row, column), (end_row, end_column) = node.start_point, node.end_point
            return Range(Position(row + 1, column + 1), Position(end_row + 1, end_column + 1))
        return Range(self.index.position_of_point(*node.start_point), self.index.position_of_point(*node.end_point))

    def node_text(self, node: Node) -> str:
        return self.index.data[node.start_byte: node.end_byte].decode("utf-8", "replace")


def parse(lang: str, text: str) -> ParsedSource:
    """Parse text with the named grammar (never raises on bad input)."""
    index = LineIndex(text)
    return ParsedSource(_parser(lang).parse(index.data), index)


def parse_bytes(lang: str, data: bytes) -> ParsedSource:
    """Parse UTF-8 bytes that decode cleanly without copying them to a str first (large files)."""
    index = LineIndex.from_bytes(data)
    return ParsedSource(_parser(lang).parse(data), index)


CAPTURE_CHUNK = 1 << 20  # bytes of source per query run: bounds the nodes held at once on large files
_START, _END = attrgetter("start_byte"), attrgetter("end_byte")


def captures_in_order(query: Query, root: Node, chunk: int = CAPTURE_CHUNK) -> dict[str, list[Node]]:
    """The query's captures by name, each list in document order (pre-order: an outer node before the nodes it
    holds). Runs the query over the tree once, a chunk of bytes at a time."""
    out: dict[str, list[Node]] = {}
    end = root.end_byte
    for lo in range(root.start_byte, max(end, root.start_byte + 1), chunk):
        hi = lo + chunk
        cursor = QueryCursor(query)
        cursor.set_byte_range(lo, hi)
        for name, nodes in cursor.captures(root).items():
            # the cursor yields matches as they complete and any that overlap the range: keep the nodes that start
            # in it, sorted by start and, for one start, outer first
            mine = [n for n in nodes if lo <= n.start_byte < hi] if lo or hi < end else nodes
            mine.sort(key=_END, reverse=True)
            mine.sort(key=_START)
            out.setdefault(name, []).extend(mine)
    return out


def walk(node: Node) -> Iterator[Node]:
    """Depth-first pre-order over node and all its descendants."""
    cursor = node.walk()
    visited_children = False
    while True:
        if not visited_children:
            yield cursor.node
            if cursor.goto_first_child():
                continue
        if cursor.goto_next_sibling():
            visited_children = False
        elif cursor.goto_parent():
            visited_children = True
        else:
            return


def error_nodes(root: Node) -> Iterator[Node]:
    """The ERROR and MISSING nodes below root in document order, descending only where an error is."""
    stack = [root] if root.has_error else []
    while stack:
        node = stack.pop()
        if node.is_missing or node.is_error:
            yield node
        stack.extend(reversed([c for c in node.children if c.has_error]))


def syntax_errors(src: ParsedSource, file: str, code: str, what: str) -> list[Diagnostic]:
    """One diagnostic per ERROR or MISSING node: `what` names the language in the message."""
    out: list[Diagnostic] = []
    for node in error_nodes(src.root):
        if node.is_missing:
            out.append(Diagnostic(code, Severity.ERROR, f"{what} syntax error: missing {node.type!r} here",
                                  file, src.range_of(node)))
        elif node.is_error:
            snippet = src.node_text(node).strip().splitlines()[0][:40] if src.node_text(node).strip() else ""
            detail = f"unexpected {snippet!r}" if snippet else "unexpected end of input"
            out.append(Diagnostic(code, Severity.ERROR, f"{what} syntax error: {detail}; check the text around here",
                                  file, src.range_of(node)))
    return out
