"""One open file: a single text buffer that both the form and the text editor view, its disk state and undo.

Every change, from a form field or from typing, is a text splice on the same buffer, so the two views can never
disagree, unknown keys and key order survive form edits, and one undo history covers both. A view that owns its
own undo stack (the Qt text document) attaches as the `buffer`; the document then routes splices and undo to it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from workbench.core.atomic import atomic_write
from workbench.core.files import READ_LIMIT
from workbench.core.jsondoc import JsonDocument, parse_json
from workbench.core.jsonedit import JsonEditor, Splice, minimal_splice
from workbench.core.safeio import read_regular

LANGUAGES = {".json": "json", ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".html": "html",
             ".htm": "html", ".jsp": "html", ".css": "css", ".xml": "xml", ".svg": "xml", ".yaml": "yaml",
             ".yml": "yaml", ".java": "java"}


def language_of(rel: str) -> str:
    """The editor language for a file name ('json', 'javascript', 'html', 'css', 'xml', ... or 'text')."""
    return LANGUAGES.get(os.path.splitext(rel)[1].lower(), "text")


def line_ending_of(text: str) -> str:
    """The file's line ending: CRLF when its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def decode_text(data: bytes) -> str:
    """Disk bytes as editor text: UTF-8, CRLF (and lone CR) turned into LF, so every view and splice sees '\n'."""
    return data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")


def digest(data: bytes | None) -> str:
    return "missing" if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()


class TextBuffer(Protocol):
    """A view that owns the editable text and its undo history (e.g. a QTextDocument adapter)."""

    def apply_splice(self, splice: Splice, merge: object = None) -> None: ...

    def undo(self) -> None: ...

    def redo(self) -> None: ...


@dataclass
class _Step:
    start: int
    old: str
    new: str


class DiskState(str):
    """What check_disk() found: 'unchanged', 'reloaded', 'conflict' or 'deleted'."""


class Document:
    """The model of one open file (path relative to the project root, '/'-separated)."""

    def __init__(self, root: Path, rel: str, text: str | None = None):
        self.root = Path(root)
        self.rel = rel
        self.language = language_of(rel)
        self.path = self.root / rel
        data = self._read_disk()
        self.disk_digest = digest(data)  # content we last loaded or saved
        # The buffer always holds '\n'; the file's own ending comes back on save (a missing final newline stays
        # missing: nothing is added or removed at the end).
        self.newline = line_ending_of(data.decode("utf-8", "replace")) if data is not None else "\n"
        self.saved_text = decode_text(data) if data is not None else ""
        self._text = self.saved_text if text is None else text
        self._json: tuple[str, JsonDocument] | None = None
        self.buffer: TextBuffer | None = None
        self._listeners: list[Callable[[Document], None]] = []
        self._undo: list[list[_Step]] = []  # each entry one undo step (one or more splices, in order)
        self._redo: list[list[_Step]] = []
        self._merge: object = None

    # -- text -------------------------------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self._text

    @property
    def dirty(self) -> bool:
        return self._text != self.saved_text

    def on_change(self, callback: Callable[[Document], None]) -> None:
        """Call callback(doc) after every change of the text, whichever view made it."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[Document], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def buffer_changed(self, text: str) -> None:
        """The attached buffer's text changed (typing, undo, or a splice routed to it): adopt it."""
        if text != self._text:
            self._text = text
            self._notify()

    def apply(self, splice: Splice | None, merge: object = None) -> None:
        """Apply one splice through the buffer when attached (so it joins its undo history), else here.

        Consecutive splices with the same `merge` key and nothing in between are one undo step (a form field typed
        into letter by letter undoes as one edit)."""
        if splice is None:
            return
        if self.buffer is not None:
            self.buffer.apply_splice(splice, merge)
            return
        old = self._text[splice.start: splice.end]
        step = _Step(splice.start, old, splice.new_text)
        if merge is not None and merge == self._merge and self._undo and not self._redo:
            self._undo[-1].append(step)
        else:
            self._undo.append([step])
        self._merge = merge
        self._redo.clear()
        self._text = splice.apply(self._text)
        self._notify()

    def set_text(self, text: str) -> None:
        """Replace the whole text as one minimal splice (an undoable step)."""
        self.apply(minimal_splice(self._text, text))

    def undo(self) -> None:
        if self.buffer is not None:
            self.buffer.undo()
            return
        if self._undo:
            steps = self._undo.pop()
            self._redo.append(steps)
            for step in reversed(steps):
                self._text = self._text[: step.start] + step.old + self._text[step.start + len(step.new):]
            self._merge = None
            self._notify()

    def redo(self) -> None:
        if self.buffer is not None:
            self.buffer.redo()
            return
        if self._redo:
            steps = self._redo.pop()
            self._undo.append(steps)
            for step in steps:
                self._text = self._text[: step.start] + step.new + self._text[step.start + len(step.old):]
            self._merge = None
            self._notify()

    def _notify(self) -> None:
        for callback in list(self._listeners):
            callback(self)

    # -- JSON views -------------------------------------------------------------------------------------------------
    def json(self) -> JsonDocument:
        """The buffer parsed as JSON (cached per text)."""
        if self._json is None or self._json[0] is not self._text:
            self._json = (self._text, parse_json(self._text, self.rel))
        return self._json[1]

    def value_at(self, path: Sequence[str | int], default: Any = None) -> Any:
        node = self.json().node(list(path))
        return default if node is None else node.value

    def set_value(self, path: Sequence[str | int], value: Any, merge: object = None) -> None:
        """Set one JSON value as a minimal text edit (no-op when equal)."""
        node = self.json().node(list(path))
        if node is not None and node.kind != "invalid" and node.value == value and type(node.value) is type(value):
            return
        self.apply(JsonEditor(self._text, self.json()).set(path, value), merge)

    def insert_value(self, path: Sequence[str | int], index: int, value: Any) -> None:
        """Insert value into the list at path before item index (the list is created when missing)."""
        if self.json().node(list(path)) is None:
            self.set_value(path, [value])
        else:
            self.apply(JsonEditor(self._text, self.json()).insert(path, index, value))

    def remove_value(self, path: Sequence[str | int]) -> None:
        if self.json().node(list(path)) is not None:
            self.apply(JsonEditor(self._text, self.json()).remove(path))

    def append_value(self, path: Sequence[str | int], value: Any) -> None:
        if self.json().node(list(path)) is None:
            self.set_value(path, [value])
        else:
            self.apply(JsonEditor(self._text, self.json()).append(path, value))

    def swap_items(self, path: Sequence[str | int], i: int, j: int) -> None:
        self.apply(JsonEditor(self._text, self.json()).swap(path, i, j))

    # -- disk -------------------------------------------------------------------------------------------------------
    def _read_disk(self) -> bytes | None:
        try:
            return read_regular(self.path, READ_LIMIT)  # a FIFO or a device never blocks the editor
        except OSError:
            return None

    def encoded(self) -> bytes:
        """The buffer as the bytes to write: UTF-8 with the file's own line ending."""
        text = self._text if self.newline == "\n" else self._text.replace("\n", self.newline)
        return text.encode("utf-8")

    def save(self) -> None:
        """Write the buffer atomically; the disk then matches it."""
        data = self.encoded()
        atomic_write(self.path, data)
        self.disk_digest = digest(data)
        self.saved_text = self._text
        self._notify()

    def disk_text(self) -> str | None:
        data = self._read_disk()
        return None if data is None else decode_text(data)

    def check_disk(self) -> str:
        """Compare the disk with what we last loaded/saved; reload a clean buffer, report a conflict for a dirty one."""
        data = self._read_disk()
        if data is None:
            return "deleted"
        if digest(data) == self.disk_digest:
            return "unchanged"
        if not self.dirty:
            self.reload(data)
            return "reloaded"
        if decode_text(data) == self._text:  # someone saved exactly our text
            self.disk_digest, self.saved_text = digest(data), self._text
            self._notify()
            return "unchanged"
        return "conflict"

    def reload(self, data: bytes | None = None) -> None:
        """Take the disk content (an undoable step in the buffer)."""
        data = self._read_disk() if data is None else data
        if data is None:
            return
        text = decode_text(data)
        self.newline = line_ending_of(data.decode("utf-8", "replace"))
        self.disk_digest = digest(data)
        self.saved_text = text
        self.set_text(text)
        self._notify()

    def keep_mine(self) -> None:
        """Keep the buffer over a changed disk: it stays dirty and the next save overwrites the disk."""
        self.disk_digest = digest(self._read_disk())
        self.saved_text = self.disk_text() or ""
        self._notify()
