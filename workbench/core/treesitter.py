"""Shared tree-sitter plumbing: parsers for JSON, JavaScript, TypeScript and XML, node positions, syntax errors."""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from tree_sitter import Language, Node, Parser, Tree

from workbench.core.diagnostics import Diagnostic, Position, Range, Severity
from workbench.core.text import LineIndex


@cache
def language(name: str) -> Language:
    """The tree-sitter Language for 'json', 'javascript', 'typescript', 'tsx', 'xml', 'html' or 'css'."""
    if name == "html":
        import tree_sitter_html as mod
        return Language(mod.language())
    if name == "css":
        import tree_sitter_css as mod
        return Language(mod.language())
    if name == "json":
        import tree_sitter_json as mod
        return Language(mod.language())
    if name == "javascript":
        import tree_sitter_javascript as mod
        return Language(mod.language())
    if name in ("typescript", "tsx"):
        import tree_sitter_typescript as mod
        return Language(mod.language_typescript() if name == "typescript" else mod.language_tsx())
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


class Locator:
    """The nodes that hold given byte offsets, found without walking the tree: each answer reuses the path of the
    last one, so offsets asked in increasing order cost about the depth between neighbours, not the tree's size.
    A node with many children (a bundle's statement list) is searched by bisection."""

    WIDE = 32  # children above which a node's children are indexed once for bisection

    def __init__(self, root: Node):
        self._path: list[tuple[Node, int, int]] = [(root, root.start_byte, root.end_byte)]
        self._wide: dict[int, tuple[list[int], list[Node]]] = {}

    def path(self, offset: int, stop: Callable[[Node], bool] | None = None) -> list[tuple[Node, int, int]]:
        """(node, start byte, end byte) of every node holding `offset`, the root first; descent ends early at a
        node for which stop(node) is true. The list is reused by the next call: copy what must be kept."""
        path = self._path
        while len(path) > 1 and not path[-1][1] <= offset < path[-1][2]:
            path.pop()
        while not (stop and len(path) > 1 and stop(path[-1][0])):
            child = self._child_at(path[-1][0], offset, len(path) == 1)
            if child is None:
                break
            path.append((child, child.start_byte, child.end_byte))
        return path

    def _child_at(self, node: Node, offset: int, is_root: bool) -> Node | None:
        count = node.child_count
        if not count:
            return None
        if count > self.WIDE:
            index = self._wide.get(node.id)
            if index is None:
                children = node.children
                index = self._wide[node.id] = ([c.start_byte for c in children], children)
            i = bisect_right(index[0], offset) - 1
            child = index[1][i] if i >= 0 else None
            return child if child is not None and offset < child.end_byte else None
        # a node ends where its last child ends, but the root also holds the file's trailing space, where
        # first_child_for_byte has no answer (and crashes)
        if is_root and offset >= node.child(count - 1).end_byte:
            return None
        child = node.first_child_for_byte(offset)
        return child if child.start_byte <= offset else None


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


def named_nodes(root: Node) -> list[Node]:
    """Every named node below root (root included) in document order (for small subtrees: a file's tree is queried
    or scanned instead)."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.named_children))
    return out


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
