"""The project a sub-command works on: opened, or why it cannot be, told to the user (the command then exits 2)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.core.project import Project, Target


def open_or_explain(path: str, target_name: str | None = None, prog: str = "workbench"
                    ) -> tuple[Target, Project] | None:
    """(target, project) at path, or None once the reason is printed on stderr; with target_name only that host's
    detection is tried (as `workbench export --target` wants)."""
    from workbench.core.project import ProjectDetectionError
    from workbench.registry import get_target, open_project

    try:
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
        return None
