"""The project a sub-command works on: opened, or why it cannot be, told to the user (the command then exits 2)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.commands.parser import print_error, shorten

if TYPE_CHECKING:
    from workbench.core.project import Project, Target


def open_or_explain(path: str, target_name: str | None = None, prog: str = "workbench"
                    ) -> tuple[Target, Project] | None:
    """(target, project) at path, or None once the reason is printed on stderr; with target_name only that host's
    detection is tried (as `workbench export --target` wants)."""
    from workbench.core.project import ProjectDetectionError
    from workbench.registry import get_target, open_project

    try:
        unreadable = _unreadable(path)
        if unreadable:
            print_error(prog, unreadable)
            return None
        if target_name is None:
            return open_project(path)
        target = get_target(target_name)
        root = Path(path).expanduser().resolve()
        project = target.detect(root) if root.is_dir() else None
        if project is None:
            looked = "\n".join(f"  - {what}" for what in target.looked_for())
            raise ProjectDetectionError(f"{path}: not a {target.title} project. It looked for:\n{looked}")
        return target, project
    except ProjectDetectionError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
    except OSError as exc:  # detection met a file it could not read
        where = exc.filename or path
        print_error(prog, f"{shorten(where, 120)}: cannot read the project: {exc.strerror or exc}")
    return None


def _unreadable(path: str) -> str | None:
    """Why the folder cannot be read (missing, not a folder, no permission, name too long), or None."""
    import os

    try:
        folder = Path(path).expanduser()
        if not folder.is_dir():
            return f"{shorten(path, 120)}: {'not a folder' if folder.exists() else 'no such folder'}"
        os.listdir(folder)
    except OSError as exc:
        return f"{shorten(path, 120)}: cannot read the folder: {exc.strerror or exc}"
    return None
