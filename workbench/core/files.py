"""Read a project's files, with unsaved editor buffers laid over the disk, and parse caches keyed by content."""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from workbench.core.jsondoc import JsonDocument, load_json_bytes, parse_json
from workbench.core.safeio import FileProblem, UnsafeFile, check_path, is_tool_name, read_regular, tool_part
from workbench.core.treesitter import ParsedSource, parse, parse_bytes

# Folders never worth reading for validation (exports use their own ignore rules).
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".idea", ".vscode", "target",
                          ".workbench"})
# No file a validator reads is this large; a bigger one is reported (FS005) instead of being read into memory.
READ_LIMIT = 64 * 1024 * 1024


class _ContentCache:
    """A bounded LRU of parse results keyed by (kind, path, content digest): unchanged files are never re-parsed."""

    def __init__(self, size: int = 4096):
        self.size = size
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()  # the window's validation worker and the GUI thread share it

    def get(self, key: tuple, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # outside the lock: parsing must not serialise the threads
        with self._lock:
            self._items[key] = value
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


CACHE = _ContentCache()
# Syntax trees of larger files stay with one validation run only (a tree takes ~40 times its file's size); the facts
# read from them are cached like everything else.
TREE_CACHE_MAX_BYTES = 1 << 20


def normalize(rel: str) -> str:
    """A clean '/'-separated relative path ('' for the root)."""
    rel = posixpath.normpath(rel.replace("\\", "/")).lstrip("/")
    return "" if rel == "." else rel


class ProjectFiles:
    """The project as the validators see it: disk content, overridden by in-memory buffers (`overlays`)."""

    def __init__(self, root: Path, overlays: dict[str, str] | None = None):
        self.root = Path(root).resolve()
        self.overlays: dict[str, str] = {normalize(k): v for k, v in (overlays or {}).items()}
        self._bytes: dict[str, bytes | None] = {}
        self.problems: dict[str, FileProblem] = {}  # files not read, and why (special files, links out, loops...)
        self._is_file: dict[str, bool] = {}
        self._digests: dict[str, str] = {}
        self._trees: dict[tuple[str, str], ParsedSource | None] = {}

    # -- raw access -------------------------------------------------------------------------------------------
    def abspath(self, rel: str) -> Path:
        return self.root / normalize(rel)

    def read_bytes(self, rel: str) -> bytes | None:
        """File content (the unsaved buffer if there is one), or None when missing or unreadable. Only regular files
        inside the project are read; why another one was not is kept in `problems`."""
        rel = normalize(rel)
        if rel in self.overlays:
            return self.overlays[rel].encode("utf-8")
        if rel not in self._bytes:
            try:
                self._bytes[rel] = read_regular(self.abspath(rel), READ_LIMIT, confine=self.root, where="the project")
            except UnsafeFile as exc:
                self.problems[rel] = exc.problem
                self._bytes[rel] = None
            except OSError:
                self._bytes[rel] = None
        return self._bytes[rel]

    def read_text(self, rel: str) -> str | None:
        data = self.read_bytes(rel)
        return None if data is None else data.decode("utf-8", "replace")

    def size(self, rel: str) -> int | None:
        """Size in bytes (of the unsaved buffer if there is one, UTF-8), None when missing; reads no content."""
        rel = normalize(rel)
        if rel in self.overlays or rel in self._bytes:
            data = self.read_bytes(rel)
            return None if data is None else len(data)
        try:
            return self.abspath(rel).stat().st_size
        except OSError:
            return None

    def exists(self, rel: str) -> bool:
        rel = normalize(rel)
        return rel in self.overlays or self.abspath(rel).exists()

    def is_file(self, rel: str) -> bool:
        """True for a buffer or a regular file that read_bytes would read (links must stay in the project)."""
        rel = normalize(rel)
        if rel in self.overlays:
            return True
        if rel not in self._is_file:
            path = self.abspath(rel)
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                mode = 0
            if stat.S_ISLNK(mode):  # a link counts when it leads to a regular file the project may read
                self._is_file[rel] = path.is_file() and check_path(path, self.root, where="the project") is None
            else:
                self._is_file[rel] = stat.S_ISREG(mode) and tool_part(rel.split("/")) is None
        return self._is_file[rel]

    def is_dir(self, rel: str) -> bool:
        return self.abspath(rel).is_dir()

    def listdir(self, rel: str = "") -> list[str]:
        """Names in a folder, sorted; [] when it is not a folder."""
        try:
            return sorted(os.listdir(self.abspath(rel)))
        except OSError:
            return []

    def walk_files(self, rel: str = "") -> Iterator[str]:
        """Every file below rel (relative to the root, sorted), skipping VCS, build and dependency folders."""
        base = self.abspath(rel)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS and not is_tool_name(d))
            for name in sorted(filenames):
                yield normalize(os.path.relpath(os.path.join(dirpath, name), self.root))

    def resolve(self, base_file: str, ref: str) -> str | None:
        """Resolve ref relative to base_file's folder; None when it escapes the project root or is a URL."""
        if "://" in ref or ref.startswith(("data:", "//")):
            return None
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(normalize(base_file)), ref.split("#")[0]))
        if joined == ".." or joined.startswith("../") or posixpath.isabs(joined):
            return None
        return normalize(joined)

    def digest(self, rel: str) -> str:
        rel = normalize(rel)
        if rel not in self._digests:  # the content is fixed for this instance: hash a large file once
            data = self.read_bytes(rel)
            self._digests[rel] = "missing" if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()
        return self._digests[rel]

    # -- parsed access (cached by content) ----------------------------------------------------------------------
    def memo(self, kind: str, rel: str, make: Callable[[], Any]) -> Any:
        """Cache make() under (kind, rel, content of rel): recomputed only when the file's content changes."""
        rel = normalize(rel)
        return CACHE.get((kind, rel, self.digest(rel)), make)

    def json(self, rel: str) -> JsonDocument | None:
        """The file as a positioned JSON document, or None when it does not exist."""
        rel = normalize(rel)
        if rel in self.overlays:
            return self.memo("json", rel, lambda: parse_json(self.overlays[rel], rel))
        data = self.read_bytes(rel)
        if data is None:
            return None
        return self.memo("json", rel, lambda: load_json_bytes(data, rel))

    def parsed(self, lang: str, rel: str) -> ParsedSource | None:
        """The file parsed with the tree-sitter grammar `lang` ('javascript', 'xml', 'json'), once per content."""
        rel = normalize(rel)
        data = self.read_bytes(rel)
        if data is None:
            return None
        if len(data) <= TREE_CACHE_MAX_BYTES:
            return self.memo(f"ts:{lang}", rel, lambda: _parse_data(lang, data))
        if (lang, rel) not in self._trees:
            self._trees[lang, rel] = _parse_data(lang, data)
        return self._trees[lang, rel]


def _parse_data(lang: str, data: bytes) -> ParsedSource:
    """Parse file content; bytes that are not clean UTF-8 are read as text with replacement characters first."""
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return parse(lang, data.decode("utf-8", "replace"))
    return parse_bytes(lang, data)
