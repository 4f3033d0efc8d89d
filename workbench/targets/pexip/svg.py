"""What an icon file offers: is it an SVG document, and which element ids does it define (tree-sitter XML)."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.files import ProjectFiles
from workbench.core.treesitter import ParsedSource


@dataclass
class SvgInfo:
    is_svg: bool  # the root element is <svg>
    ids: set[str] = field(default_factory=set)


def svg_info(files: ProjectFiles, rel: str) -> SvgInfo | None:
    """The SVG facts of rel (cached per content), or None when the file cannot be read."""
    if files.read_bytes(rel) is None:
        return None
    src = files.parsed("xml", rel)
    return files.memo("pexip:svg", rel, lambda: _read(src))


def _read(src: ParsedSource) -> SvgInfo:
    info = SvgInfo(False)
    root_seen = False
    # Only elements and their tags matter: text, comments and attribute values are never descended into.
    stack = [src.root]
    while stack:
        node = stack.pop()
        if node.type in ("STag", "EmptyElemTag"):
            children = node.named_children
            if not root_seen:
                root_seen = True
                info.is_svg = bool(children) and children[0].type == "Name" and \
                    src.node_text(children[0]).split(":")[-1] == "svg"
            for attr in children:
                parts = attr.named_children if attr.type == "Attribute" else ()
                if len(parts) == 2 and src.node_text(parts[0]) == "id":
                    info.ids.add(src.node_text(parts[1])[1:-1])
        elif node.type in ("document", "element", "content"):
            stack.extend(reversed(node.named_children))  # document order, so the first tag seen is the root
    return info
