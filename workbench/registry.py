"""The registry of hosts: the `workbench.targets` entry points (pyproject.toml), and nothing else lists them.

Each entry point names an object implementing workbench.core.project.Target. Adding a host is one package under
workbench/targets/, one folder under resources/hosts/ and one entry-point line; a host that fails to load is logged
and left out, so one broken host never takes the others down.
"""

from __future__ import annotations

import logging
from importlib.metadata import entry_points
from pathlib import Path

from workbench.core.project import Project, ProjectDetectionError, Target

log = logging.getLogger(__name__)
GROUP = "workbench.targets"
_loaded: dict[str, Target] | None = None


def _load() -> dict[str, Target]:
    global _loaded
    if _loaded is None:
        found: dict[str, Target] = {}
        for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
            if ep.name in found:
                continue
            try:
                target = ep.load()
            except Exception as exc:  # a host that cannot load must not stop the others
                log.warning("host %s (%s) could not be loaded: %s", ep.name, ep.value, exc)
                continue
            found[ep.name] = target
        _loaded = found
    return _loaded


def reload_targets() -> None:
    """Read the entry points again (after a package adding a host was installed)."""
    global _loaded
    _loaded = None


def target_names() -> tuple[str, ...]:
    """The registered hosts by name, in a stable order."""
    return tuple(_load())


def get_target(name: str) -> Target:
    """The Target object of a host by name."""
    targets = _load()
    if name not in targets:
        raise KeyError(f"unknown target {name!r}: choose one of {', '.join(targets) or '(none registered)'}")
    return targets[name]


def all_targets() -> list[Target]:
    return list(_load().values())


def target_of(project: Project) -> Target:
    return get_target(project.target)


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


def import_layouts() -> list:
    """The hosts that recognise their own package zips (core.packaging.importer.HostLayout), for import_package."""
    from workbench.core.packaging.importer import HostLayout
    def imports(t: Target) -> bool:  # (a host built on targets.base says so with IMPORT_LAYOUT)
        return hasattr(t, "import_layout") and getattr(t, "IMPORT_LAYOUT", True) is not None
    return [HostLayout(t.name, t.title, t.import_layout, getattr(t, "import_looks_for", str)())
            for t in all_targets() if imports(t)]


def all_samples() -> list:
    """Every sample the hosts offer (workbench.core.newproject.Sample), host by host."""
    return [sample for target in all_targets() for sample in target.samples()]


def new_project(sample_name: str, dest: str | Path, options: dict | None = None) -> list[Path]:
    """Make a project from a sample of whichever host offers it; raises NewProjectError with what to do."""
    from workbench.core.newproject import find_sample
    sample = find_sample(all_samples(), sample_name)
    return get_target(sample.target).new_project(sample, Path(dest), options or {})


def all_rules() -> list[tuple[str, list]]:
    """(section title, RuleInfo list) for the engine, JSON and every host: `workbench rules` and the window's help."""
    from workbench.core.rulebook import general_rules
    sections = general_rules()
    sections += [(t.title, sorted(t.rules(), key=lambda r: r.code)) for t in all_targets()]
    return sections
