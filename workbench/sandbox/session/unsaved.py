"""The window's unsaved texts, which a session serves (through its URL scheme) and reads instead of the disk's."""

from __future__ import annotations

from pathlib import Path

from workbench.core.files import READ_LIMIT
from workbench.core.safeio import read_regular
from workbench.sandbox.scheme import FileSchemeHandler


class UnsavedFiles:
    """Project-relative path -> unsaved content, mirrored into the scheme's overlay."""

    def __init__(self, root: Path, scheme: FileSchemeHandler):
        self.root = Path(root).resolve()
        self.scheme = scheme
        self.texts: dict[str, bytes] = {}

    def __contains__(self, rel: str) -> bool:
        return rel in self.texts

    def set(self, buffers: dict[str, str]) -> list[str]:
        """Use these texts from now on; the paths whose content as the session sees it changed."""
        new = {rel: text.encode("utf-8") for rel, text in buffers.items()}
        old, self.texts = self.texts, new
        self.scheme.overlay = {(self.root / rel).resolve(): data for rel, data in new.items()}
        return sorted(rel for rel in set(old) | set(new) if self._seen(rel, old) != self._seen(rel, new))

    def _seen(self, rel: str, texts: dict[str, bytes]) -> bytes | None:
        if rel in texts:
            return texts[rel]
        try:
            return read_regular(self.root / rel, READ_LIMIT, confine=self.root)
        except OSError:  # (UnsafeFile too: a special file or a link out is never read)
            return None

    def read(self, path: Path, confine: Path | None = None) -> bytes:
        """The file's unsaved content when there is one, else the disk's, read safely inside confine (default: the
        project); OSError (UnsafeFile for special files and links out) as reading it raises."""
        try:
            rel = Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            rel = None
        if rel is not None and rel in self.texts:
            return self.texts[rel]
        return read_regular(path, READ_LIMIT, confine=confine or self.root)
