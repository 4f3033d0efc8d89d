"""'Did you mean' for the names a package refers to: registered actions and the paths of its own files."""

from __future__ import annotations

import difflib
import json
import posixpath

from workbench.core.diagnostics import QuickFix, Range, TextEdit
from workbench.core.files import ProjectFiles


def closest(word: str, candidates: list[str]) -> str | None:
    """The candidate nearest to word, when one is near enough to be a typo."""
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


def replace_fix(title: str, file: str, rng: Range, value: str) -> QuickFix:
    """A fix writing value (a JSON string) over the range."""
    return QuickFix(title, (TextEdit(file, rng, json.dumps(value, ensure_ascii=False)),))


def nearby_path(files: ProjectFiles, referrer: str, ref: str, suffix: str) -> str | None:
    """The existing file ending in suffix nearest to ref (both relative to the referring file's folder)."""
    base = posixpath.dirname(referrer)
    candidates = []
    for rel in files.walk_files(base):
        if rel.endswith(suffix):
            candidates.append(posixpath.relpath(rel, base) if base else rel)
    return closest(ref, candidates)
