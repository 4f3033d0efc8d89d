"""Renaming a file or folder of a project: where each path goes, and the references a host knows re-pointed.

A host lists the references it understands (`Target.rename_edits`); these helpers turn one JSON string that
references a path into the text edit that keeps it pointing at the same file after the rename (Qt-free).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Sequence

from workbench.core.diagnostics import TextEdit
from workbench.core.jsondoc import JsonDocument


def moved(path: str, old: str, new: str) -> str | None:
    """Where project-relative `path` is after `old` (a file or folder) became `new`; None when it does not move."""
    if path == old:
        return new
    if path.startswith(old.rstrip("/") + "/"):
        return new + path[len(old.rstrip("/")):]
    return None


def split_ref(ref: str) -> tuple[str, str]:
    """('assets/a.svg', '#icon') from 'assets/a.svg#icon' (a query or fragment stays as it was)."""
    cut = min((i for i in (ref.find("#"), ref.find("?")) if i >= 0), default=len(ref))
    return ref[:cut], ref[cut:]


def relink(ref: str, base: str, old: str, new: str, referrer_moves_to: str | None = None) -> str | None:
    """A reference relative to folder `base` re-pointed after old -> new (the referring file's folder may move too);
    None when the reference does not change."""
    path, suffix = split_ref(ref)
    if not path or "://" in path or path.startswith(("/", "data:")):
        return None
    target = posixpath.normpath(posixpath.join(base, path)) if base else posixpath.normpath(path)
    new_target = moved(target, old, new) or target
    new_base = referrer_moves_to if referrer_moves_to is not None else base
    if new_target == target and new_base == base:
        return None
    new_path = posixpath.relpath(new_target, new_base or ".")
    if path.startswith("./") and not new_path.startswith("../"):
        new_path = "./" + new_path
    result = new_path + suffix
    return None if result == ref else result


def ref_edit(doc: JsonDocument, file: str, json_path: Sequence[str | int], base: str, old: str,
             new: str) -> TextEdit | None:
    """The edit of one JSON string reference in `file` (placed in the file's new path when the file moves)."""
    node = doc.node(list(json_path))
    if node is None or not isinstance(node.value, str):
        return None
    new_base = moved(base, old, new) if base else None
    value = relink(node.value, base, old, new, new_base)
    if value is None:
        return None
    return TextEdit(moved(file, old, new) or file, node.range, json.dumps(value, ensure_ascii=False))
