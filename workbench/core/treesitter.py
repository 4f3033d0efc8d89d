"""Shared tree-sitter plumbing: parsers for JSON, JavaScript, TypeScript and XML, node positions, syntax errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from tree_sitter import Language, Node, Parser, Tree

from workbench.core.diagnostics import Diagnostic, Range, Severity
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

    text: str
    tree: Tree
    index: LineIndex

    @property
    def root(self) -> Node:
        return self.tree.root_node

    def range_of(self, node: Node) -> Range:
        return Range(self.index.position_of_point(*node.start_point), self.index.position_of_point(*node.end_point))

    def node_text(self, node: Node) -> str:
        return self.index.data[node.start_byte: node.end_byte].decode("utf-8", "replace")


def parse(lang: str, text: str) -> ParsedSource:
    """Parse text with the named grammar (never raises on bad input)."""
    index = LineIndex(text)
    return ParsedSource(text, _parser(lang).parse(index.data), index)


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


def syntax_errors(src: ParsedSource, file: str, code: str, what: str) -> list[Diagnostic]:
    """One diagnostic per ERROR or MISSING node: `what` names the language in the message."""
    out: list[Diagnostic] = []
    if not src.root.has_error:
        return out
    for node in walk(src.root):
        if node.is_missing:
            out.append(Diagnostic(code, Severity.ERROR, f"{what} syntax error: missing {node.type!r} here",
                                  file, src.range_of(node)))
        elif node.is_error:
            snippet = src.node_text(node).strip().splitlines()[0][:40] if src.node_text(node).strip() else ""
            detail = f"unexpected {snippet!r}" if snippet else "unexpected end of input"
            out.append(Diagnostic(code, Severity.ERROR, f"{what} syntax error: {detail}; check the text around here",
                                  file, src.range_of(node)))
    return out
