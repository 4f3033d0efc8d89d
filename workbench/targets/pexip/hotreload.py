"""Which plugins a changed file affects, and whether the host page must reload as a whole (Qt-free).

A file inside a plugin's folder (its source, package file, icons, assets) reloads that plugin alone: the host unloads
it and loads it again, the simulated conference stays as it is. settings.json, the manifest and any other file of the
served content reload the page (the conference is re-applied to it). Files outside the served content (scenarios,
the workbench's own folder, README...) change nothing in the preview.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from workbench.core.project import content_relative

PAGE_FILES = frozenset({"settings.json", "manifest.json"})
IGNORED_DIRS = frozenset({".workbench", ".git", "node_modules", "__pycache__"})


class PluginLike(Protocol):
    id: str
    base: str  # folder of the package file, relative to the content root
    package: str
    src: str


@dataclass
class ReloadPlan:
    """What a batch of changed files calls for."""

    plugins: list[str] = field(default_factory=list)  # ids to reload, in settings order
    page: bool = False  # reload the whole host page (plugins list or shared content changed)
    package_changed: bool = False  # a package file changed: re-read the plugin list before reloading
    files: list[str] = field(default_factory=list)  # the changed files that matter

    def __bool__(self) -> bool:
        return self.page or bool(self.plugins)


def _inside(rel: str, folder: str) -> bool:
    return folder == "" or rel == folder or rel.startswith(folder.rstrip("/") + "/")


def plan_reload(changed: Iterable[str], plugins: list[PluginLike], content_root: str = "") -> ReloadPlan:
    """The plan for project-relative changed paths, given the plugins the page runs."""
    plan = ReloadPlan()
    wanted: set[str] = set()
    for rel in sorted(set(changed)):
        parts = rel.split("/")
        if any(p in IGNORED_DIRS for p in parts) or (parts[-1].startswith(".") and parts[-1].endswith(".tmp")):
            continue
        inner = content_relative(rel, content_root)
        if inner is None or inner == "":
            continue
        owners = [p for p in plugins if p.base and _inside(inner, p.base)]
        owners += [p for p in plugins if inner in (p.src, p.package) and p not in owners]
        if owners:
            plan.files.append(rel)
            # The deepest folder wins when plugin folders nest.
            deepest = max(len(p.base) for p in owners)
            for p in owners:
                if len(p.base) == deepest or inner in (p.src, p.package):
                    wanted.add(p.id)
                    if inner == p.package:
                        plan.package_changed = True
            continue
        if inner in PAGE_FILES or not inner.startswith(("scenarios/",)):
            plan.files.append(rel)
            plan.page = True
    plan.plugins = [p.id for p in plugins if p.id in wanted]
    return plan
