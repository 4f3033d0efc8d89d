"""Where each value of a TOML document starts, by key path: tomllib gives values only, messages want line:column.

The document is assumed to be valid TOML already (tomllib parsed it), so the scanner only has to follow tables,
array-of-tables, dotted keys, inline tables and arrays; it never has to reject anything.
Paths are tuples of keys and list indexes: ("rules", "off", 1), ("suppress", 0, "code").
"""

from __future__ import annotations

import re

from workbench.core.diagnostics import Position

_TOKEN = re.compile(r'''
    (?P<nl>\r?\n)
  | (?P<ws>[ \t]+)
  | (?P<comment>\#[^\n]*)
  | (?P<mstr>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^']|'(?!''))*\'\'\')
  | (?P<str>"(?:[^"\\\n]|\\.)*"|'[^'\n]*')
  | (?P<punct>\[\[|\]\]|[\[\]{}=,.])
  | (?P<bare>[^\s\[\]{}=,.\#"']+(?:\.[0-9][^\s\[\]{}=,\#"']*)?)
''', re.VERBOSE | re.DOTALL)


class _Tokens:
    """The significant tokens of the text as (kind, text, Position); newlines kept, blanks and comments not."""

    def __init__(self, text: str):
        self.items: list[tuple[str, str, Position]] = []
        line, line_start = 1, 0
        for m in _TOKEN.finditer(text):
            kind = m.lastgroup or ""
            if kind not in ("ws", "comment"):
                self.items.append((kind, m.group(), Position(line, m.start() - line_start + 1)))
            newlines = m.group().count("\n")
            if newlines:
                line += newlines
                line_start = m.start() + m.group().rfind("\n") + 1
        self.i = 0

    def peek(self, skip_newlines: bool = False) -> tuple[str, str, Position] | None:
        while skip_newlines and self.i < len(self.items) and self.items[self.i][0] == "nl":
            self.i += 1
        return self.items[self.i] if self.i < len(self.items) else None

    def take(self, skip_newlines: bool = False) -> tuple[str, str, Position] | None:
        token = self.peek(skip_newlines)
        self.i += token is not None
        return token


def _key_text(kind: str, text: str) -> str:
    return text[1:-1] if kind == "str" else text


def _keys(tokens: _Tokens, end: str) -> list[str]:
    """A dotted key up to (and consuming) `end`."""
    keys = []
    while (token := tokens.take()) is not None and token[1] != end:
        if token[1] != ".":
            keys.append(_key_text(token[0], token[1]))
    return keys


def _value(tokens: _Tokens, path: tuple, out: dict[tuple, Position]) -> None:
    """Record where the value at `path` starts, and where each of its items does."""
    token = tokens.take(skip_newlines=True)
    if token is None:
        return
    out[path] = token[2]
    if token[1] == "[":
        index = 0
        while (nxt := tokens.peek(skip_newlines=True)) is not None and nxt[1] != "]":
            if nxt[1] == ",":
                tokens.take()
                continue
            _value(tokens, path + (index,), out)
            index += 1
        tokens.take(skip_newlines=True)
    elif token[1] == "{":
        while (nxt := tokens.peek()) is not None and nxt[1] != "}":
            if nxt[1] == ",":
                tokens.take()
                continue
            keys = _keys(tokens, "=")
            _value(tokens, path + tuple(keys), out)
        tokens.take()


def value_positions(text: str) -> dict[tuple, Position]:
    """{key path: position of its value} for every key, table, list item and array-of-tables entry."""
    tokens = _Tokens(text)
    out: dict[tuple, Position] = {}
    table: tuple = ()
    counts: dict[tuple, int] = {}
    while (token := tokens.take(skip_newlines=True)) is not None:
        kind, value, pos = token
        if value in ("[", "[["):
            keys = tuple(_keys(tokens, "]" if value == "[" else "]]"))
            if value == "[[":
                index = counts.get(keys, 0)
                counts[keys] = index + 1
                table = keys + (index,)
            else:
                table = keys
            out.setdefault(table, pos)
        elif kind in ("bare", "str"):
            tokens.i -= 1
            keys = _keys(tokens, "=")
            _value(tokens, table + tuple(keys), out)
            while (rest := tokens.peek()) is not None and rest[0] != "nl":  # e.g. the time of a local datetime
                tokens.take()
    return out


def position_of(positions: dict[tuple, Position], path: tuple) -> Position:
    """The position of path, or of its nearest recorded parent (1:1 when none is)."""
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return Position(1, 1)
