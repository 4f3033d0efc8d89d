"""Find in files: every match of a text or a regular expression in a project's text files (Qt-free)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.core.files import ProjectFiles

MAX_FILE_BYTES = 2_000_000  # larger files are data, not sources
MAX_MATCHES = 5000


@dataclass(frozen=True)
class Match:
    """One match: the file, its 1-based line and column (characters), its length and the line's text."""

    file: str
    line: int
    column: int
    length: int
    text: str


def compile_query(query: str, regex: bool = False, case: bool = False, word: bool = False) -> re.Pattern:
    """The pattern for a query; re.error for an invalid regular expression."""
    source = query if regex else re.escape(query)
    if word:
        source = rf"\b(?:{source})\b"
    return re.compile(source, 0 if case else re.IGNORECASE)


def search(files: ProjectFiles, pattern: re.Pattern, paths: Iterable[str] | None = None,
           limit: int = MAX_MATCHES) -> tuple[list[Match], bool]:
    """The matches in the project's files (unsaved buffers as the files' text) and whether the limit cut them."""
    found: list[Match] = []
    for rel in paths if paths is not None else files.walk_files():
        if rel not in files.overlays and not _regular_small(files, rel):
            continue
        data = files.read_bytes(rel)
        if data is None or len(data) > MAX_FILE_BYTES or b"\0" in data[:8000]:
            continue
        text = data.decode("utf-8", "replace")
        for number, line in enumerate(text.splitlines(), 1):
            for m in pattern.finditer(line):
                if m.end() == m.start():
                    continue
                found.append(Match(rel, number, m.start() + 1, m.end() - m.start(), line[:400]))
                if len(found) >= limit:
                    return found, True
    return found, False


def _regular_small(files: ProjectFiles, rel: str) -> bool:
    """Only regular files of a source's size are read (never a FIFO or a device a symlink points at)."""
    import stat
    try:
        st = files.abspath(rel).stat()
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size <= MAX_FILE_BYTES
