"""The host targets. Each sub-package exposes TARGET, an object implementing workbench.core.project.Target."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from workbench.core.project import Project, ProjectDetectionError, Target

TARGET_NAMES = ("pexip", "xcally", "exo")


def get_target(name: str) -> Target:
    """The Target object of a host by name ('pexip', 'xcally', 'exo')."""
    if name not in TARGET_NAMES:
        raise KeyError(f"unknown target {name!r}: choose one of {', '.join(TARGET_NAMES)}")
    return import_module(f"workbench.targets.{name}").TARGET


def all_targets() -> list[Target]:
    return [get_target(n) for n in TARGET_NAMES]


def open_project(path: str | Path) -> tuple[Target, Project]:
    """Detect the kind of project at path; raises ProjectDetectionError with what was looked for."""
    root = Path(path).expanduser().resolve()
    if not root.is_dir():
        raise ProjectDetectionError(f"{path}: not a folder")
    found = [(t, p) for t in all_targets() if (p := t.detect(root)) is not None]
    if len(found) == 1:
        return found[0]
    if not found:
        lines = [f"{path}: not a plugin project the workbench knows. It looked for:"]
        for t in all_targets():
            lines += [f"  - {t.title}: {what}" for what in t.looked_for()]
        lines.append("Open the project's top folder, or create one with `workbench new`.")
        raise ProjectDetectionError("\n".join(lines))
    kinds = ", ".join(f"{p.kind} ({t.title})" for t, p in found)
    raise ProjectDetectionError(f"{path}: ambiguous project, it matches {kinds}; open a more specific folder")
