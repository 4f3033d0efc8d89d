"""A small element tree over tree-sitter-xml: names, attributes and text, each with its source range."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field

from tree_sitter import Node

from workbench.core.diagnostics import Diagnostic, Position, Range, Severity
from workbench.core.files import ProjectFiles
from workbench.core.treesitter import ParsedSource, parse, walk


@dataclass
class XmlAttr:
    value: str  # entities resolved
    range: Range  # of the value, inside the quotes
    start_byte: int  # of the value inside the quotes
    end_byte: int


@dataclass
class XmlElement:
    name: str  # local name, namespace prefix removed
    range: Range
    name_range: Range
    attrs: dict[str, XmlAttr] = field(default_factory=dict)
    children: list[XmlElement] = field(default_factory=list)
    text: str = ""  # character data directly inside, entities resolved, stripped
    text_range: Range | None = None  # of the stripped text, or None when empty
    content_end_byte: int = -1  # where the content ends (before the end tag), for edits

    def child(self, name: str) -> XmlElement | None:
        return next((c for c in self.children if c.name == name), None)

    def children_named(self, name: str) -> list[XmlElement]:
        return [c for c in self.children if c.name == name]

    def child_text(self, name: str) -> str | None:
        c = self.child(name)
        return c.text if c is not None else None

    def iter(self, name: str | None = None) -> Iterator[XmlElement]:
        """This element and its descendants (pre-order), optionally only those called name."""
        if name is None or self.name == name:
            yield self
        for c in self.children:
            yield from c.iter(name)

    @property
    def text_or_name_range(self) -> Range:
        return self.text_range or self.name_range


@dataclass
class XmlDocument:
    file: str
    src: ParsedSource
    root: XmlElement | None
    diagnostics: list[Diagnostic]

    def iter(self, name: str | None = None) -> Iterator[XmlElement]:
        if self.root is not None:
            yield from self.root.iter(name)


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


class _Builder:
    def __init__(self, src: ParsedSource, file: str):
        self.src, self.file = src, file

    def element(self, node: Node) -> XmlElement:
        tag = next((c for c in node.named_children if c.type in ("STag", "EmptyElemTag")), None)
        return self._fill(node, tag, node.named_children)

    def _fill(self, node: Node, tag: Node | None, parts: list[Node]) -> XmlElement:
        name_node = tag.named_children[0] if tag is not None and tag.named_child_count else None
        name = _local(self.src.node_text(name_node)) if name_node is not None else ""
        el = XmlElement(name, self.src.range_of(node),
                        self.src.range_of(name_node) if name_node is not None else self.src.range_of(node))
        if tag is not None:
            for attr in (c for c in tag.named_children if c.type == "Attribute"):
                self._attr(el, attr)
        for part in parts:
            if part.type == "content":
                self._content(el, part)
        return el

    def _attr(self, el: XmlElement, attr: Node) -> None:
        name = attr.named_children[0] if attr.named_child_count else None
        value = next((c for c in attr.named_children if c.type == "AttValue"), None)
        if name is None or value is None:
            return
        raw = self.src.node_text(value)
        start, end = value.start_byte + 1, max(value.start_byte + 1, value.end_byte - 1)
        el.attrs[_local(self.src.node_text(name))] = XmlAttr(
            html.unescape(raw[1:-1]), self.src.index.range_of_bytes(start, end), start, end)

    def _content(self, el: XmlElement, content: Node) -> None:
        pieces: list[str] = []
        first = last = None
        for c in content.named_children:
            if c.type == "element":
                el.children.append(self.element(c))
                continue
            if c.type in ("CharData", "EntityRef", "CharRef"):
                text = html.unescape(self.src.node_text(c))
            elif c.type == "CDSect":
                data = next((d for d in c.named_children if d.type == "CData"), None)
                text = self.src.node_text(data) if data is not None else ""
            else:
                continue  # comments, processing instructions
            pieces.append(text)
            if text.strip():
                first = first if first is not None else c
                last = c
        el.content_end_byte = content.end_byte
        el.text = "".join(pieces).strip()
        if first is not None and last is not None:
            # narrow the range to the stripped text
            data = self.src.index.data
            start = first.start_byte + (len(data[first.start_byte:last.end_byte]) -
                                        len(data[first.start_byte:last.end_byte].lstrip()))
            end = last.end_byte - (len(data[first.start_byte:last.end_byte]) -
                                   len(data[first.start_byte:last.end_byte].rstrip()))
            el.text_range = self.src.index.range_of_bytes(start, end)


def parse_xml(text: str, file: str) -> XmlDocument:
    """Parse XML text into an element tree (best effort on broken input) with EXO001 syntax diagnostics."""
    src = parse("xml", text)
    builder = _Builder(src, file)
    tops = _top_elements(src.root)
    root = builder.element(tops[0]) if len(tops) == 1 else None
    if root is None and tops:  # a broken document: keep what parsed under a nameless root
        root = XmlElement("", src.range_of(src.root), src.range_of(src.root),
                          children=[builder.element(t) for t in tops])
    elif root is None and src.root.type == "ERROR":
        tag = next((c for c in src.root.named_children if c.type == "STag"), None)
        parts = [c for c in src.root.named_children if c.type == "content"]
        root = builder._fill(src.root, tag, parts) if tag is not None else None
    diags = _syntax_errors(src, file)
    if root is None and not diags:
        diags.append(Diagnostic("EXO001", Severity.ERROR, "the XML file holds no element: write its root element",
                                file, Range.at(1, 1)))
    return XmlDocument(file, src, root, diags)


def _top_elements(node: Node) -> list[Node]:
    out: list[Node] = []
    for child in node.named_children:
        if child.type == "element":
            out.append(child)
        elif child.type not in ("STag", "content", "ETag"):
            out += _top_elements(child)
    return out


def _syntax_errors(src: ParsedSource, file: str) -> list[Diagnostic]:
    """The first well-formedness error, positioned by expat (tree-sitter's recovery is too vague to name it)."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    try:
        parser.Parse(src.index.data, True)
    except expat.ExpatError as exc:
        line = min(max(exc.lineno, 1), src.index.line_count)
        start = src.index.byte_of_position(Position(line, 1))
        pos = src.index.position_of_byte(start + exc.offset)  # expat counts columns in bytes
        reason = expat.errors.messages.get(exc.code, str(exc)) if hasattr(expat.errors, "messages") else str(exc)
        return [Diagnostic("EXO001", Severity.ERROR, f"XML syntax error: {reason}; fix the markup here", file,
                           Range(pos, Position(pos.line, pos.column + 1)))]
    if not src.root.has_error:
        return []
    node = next((n for n in walk(src.root) if n.is_error or n.is_missing), src.root)
    return [Diagnostic("EXO001", Severity.ERROR, "XML syntax error: the markup does not parse here", file,
                       src.range_of(node))]


def xml_document(files: ProjectFiles, rel: str) -> XmlDocument | None:
    """The file as an XmlDocument (cached by content), or None when it does not exist."""
    text = files.read_text(rel)
    if text is None:
        return None
    return files.memo("exo:xml", rel, lambda: parse_xml(text, rel))
