"""SVG symbols found in a project (for the icon picker): every element with an id in every .svg file."""

from __future__ import annotations

import os
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from workbench.core.files import SKIPPED_DIRS


def svg_symbols(root: Path, limit: int = 500) -> list[tuple[str, str]]:
    """(svg path relative to root, element id) pairs, sorted; files that do not parse are skipped."""
    out: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
        for name in sorted(filenames):
            if not name.lower().endswith(".svg"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            try:
                tree = ET.parse(path)
            except (ET.ParseError, OSError):
                continue
            ids = [el.get("id") for el in tree.iter() if el.get("id")]
            out.extend((rel, i) for i in ids)
            if len(out) >= limit:
                return out
    return out


def relative_ref(from_file: str, svg_rel: str, element_id: str) -> str:
    """The icon reference as a package file writes it: relative to its folder, '#id' appended."""
    return posixpath.relpath(svg_rel, posixpath.dirname(from_file) or ".") + "#" + element_id


def symbol_icon(svg_path: Path, element_id: str, size: int = 18) -> QIcon:
    """A small icon of one SVG element (the whole drawing when the element cannot be rendered alone)."""
    renderer = QSvgRenderer(str(svg_path))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if renderer.isValid():
        painter = QPainter(pixmap)
        if renderer.elementExists(element_id) and not renderer.boundsOnElement(element_id).isEmpty():
            renderer.render(painter, element_id, QRectF(1, 1, size - 2, size - 2))
        else:
            renderer.render(painter, QRectF(1, 1, size - 2, size - 2))
        painter.end()
    return QIcon(pixmap)
