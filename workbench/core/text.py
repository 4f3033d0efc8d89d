"""Conversions between byte offsets, character offsets and 1-based line/column positions."""

from __future__ import annotations

from bisect import bisect_right

from workbench.core.diagnostics import Position, Range


class LineIndex:
    """Maps offsets in a UTF-8 encoded text to 1-based (line, character column) positions."""

    def __init__(self, text: str):
        self.text = text
        self.data = text.encode("utf-8", "surrogatepass")
        self.ascii = len(self.data) == len(text)  # then byte columns are character columns: no decoding needed
        self._line_starts = [0]  # byte offsets
        find = self.data.find
        i = find(b"\n")
        while i != -1:
            self._line_starts.append(i + 1)
            i = find(b"\n", i + 1)

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position_of_byte(self, offset: int) -> Position:
        line = bisect_right(self._line_starts, offset) - 1
        start = self._line_starts[line]
        if self.ascii:
            return Position(line + 1, min(offset, len(self.data)) - start + 1)
        column = len(self.data[start:offset].decode("utf-8", "replace"))
        return Position(line + 1, column + 1)

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
