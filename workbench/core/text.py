"""Conversions between byte offsets, character offsets and 1-based line/column positions."""

from __future__ import annotations

import re
from bisect import bisect_right

from workbench.core.diagnostics import Position, Range

_CONTINUATION = bytes(range(0x80, 0xC0))
_NEWLINE = re.compile(b"\n")


def _chars(data: bytes) -> int:
    """Characters in a slice of UTF-8 (a checkpoint may cut a character: only its lead byte counts)."""
    return len(data) if data.isascii() else len(data.translate(None, _CONTINUATION))


class LineIndex:
    """Maps offsets in a UTF-8 encoded text to 1-based (line, character column) positions.

    Built from the text, or from its UTF-8 bytes (`from_bytes`, the text is then decoded only if asked for). Columns
    on a line with multi-byte characters are counted from checkpoints every CHECKPOINT bytes, so a minified file's
    one long line costs no more per position than a short one.
    """

    CHECKPOINT = 4096

    def __init__(self, text: str | None, data: bytes | None = None):
        self._text = text
        self.data = data if data is not None else text.encode("utf-8", "surrogatepass")
        self.ascii = data is None and len(self.data) == len(text) or data is not None and self.data.isascii()
        self._starts: list[int] | None = None  # byte offsets of the lines, made on first use
        self._checkpoints: dict[int, list[int]] = {}  # line -> characters before each CHECKPOINT bytes of it

    @classmethod
    def from_bytes(cls, data: bytes) -> LineIndex:
        """An index of UTF-8 bytes (that decode without error) whose text is decoded lazily."""
        return cls(None, data)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.data.decode("utf-8", "surrogatepass")
        return self._text

    @property
    def _line_starts(self) -> list[int]:
        """Byte offset of each line (a large file's facts may never need them: tree-sitter's points suffice)."""
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self.data))]
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position_of_byte(self, offset: int) -> Position:
        line = bisect_right(self._line_starts, offset) - 1
        start = self._line_starts[line]
        if self.ascii:
            return Position(line + 1, min(offset, len(self.data)) - start + 1)
        if offset - start <= self.CHECKPOINT:
            return Position(line + 1, len(self.data[start:offset].decode("utf-8", "replace")) + 1)
        return Position(line + 1, self._long_line_column(line, start, offset) + 1)

    def _long_line_column(self, line: int, start: int, offset: int) -> int:
        """Characters between a long line's start and offset, counted from the nearest checkpoint."""
        marks = self._checkpoints.get(line)
        if marks is None:
            end = self._line_starts[line + 1] if line + 1 < len(self._line_starts) else len(self.data)
            marks, chars = [0], 0
            for at in range(start, end, self.CHECKPOINT):
                chars += _chars(self.data[at: min(at + self.CHECKPOINT, end)])
                marks.append(chars)
            self._checkpoints[line] = marks
        k = (offset - start) // self.CHECKPOINT
        return marks[k] + _chars(self.data[start + k * self.CHECKPOINT: offset])

    def position_of_point(self, row: int, byte_column: int) -> Position:
        """A tree-sitter point (0-based row, byte column) as a Position."""
        row = min(row, len(self._line_starts) - 1)
        if self.ascii:
            starts = self._line_starts
            end = starts[row + 1] if row + 1 < len(starts) else len(self.data) + 1
            if byte_column < end - starts[row]:  # still on this row (else let the slow path move to the next)
                return Position(row + 1, byte_column + 1)
        return self.position_of_byte(self._line_starts[row] + byte_column)

    def range_of_bytes(self, start: int, end: int) -> Range:
        return Range(self.position_of_byte(start), self.position_of_byte(end))

    def byte_of_position(self, pos: Position) -> int:
        start = self._line_starts[min(pos.line, len(self._line_starts)) - 1]
        line_end = self.data.find(b"\n", start)
        line_text = self.data[start: len(self.data) if line_end == -1 else line_end].decode("utf-8", "replace")
        return start + len(line_text[: pos.column - 1].encode("utf-8", "surrogatepass"))

    def char_offset(self, pos: Position) -> int:
        """Character offset into `text` of a Position (for applying edits to str buffers)."""
        return len(self.data[: self.byte_of_position(pos)].decode("utf-8", "replace"))

    def position_of_char(self, offset: int) -> Position:
        return self.position_of_byte(len(self.text[:offset].encode("utf-8", "surrogatepass")))

    def range_of_chars(self, start: int, end: int) -> Range:
        return Range(self.position_of_char(start), self.position_of_char(end))


def apply_edits(text: str, edits) -> str:
    """Apply non-overlapping TextEdits (all for the same file) to text."""
    index = LineIndex(text)
    spans = sorted(((index.char_offset(e.range.start), index.char_offset(e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
