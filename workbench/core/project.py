"""The project model: which host a folder targets, and the Target interface every host package implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from workbench.core.diagnostics import Diagnostic, RuleInfo
    from workbench.core.files import ProjectFiles


@dataclass(frozen=True)
class Project:
    """An opened plugin project."""

    root: Path  # the folder the user opened (absolute)
    target: str  # 'pexip' | 'xcally' | 'exo'
    kind: str  # e.g. 'pexip-branding', 'pexip-plugin', 'xcally-script', 'xcally-html', 'exo-connector'
    content_root: str = ""  # where the package content lives, relative to root ('webapp2' for a Pexip package)
    title: str = ""
    details: dict = field(default_factory=dict, compare=False, hash=False)

    def files(self, overlays: dict[str, str] | None = None) -> ProjectFiles:
        from workbench.core.files import ProjectFiles
        return ProjectFiles(self.root, overlays)


@dataclass
class OutlineNode:
    """A first-class node of the project explorer (a plugin, its package file, source, icons, views...)."""

    label: str
    kind: str  # 'plugin' | 'package' | 'source' | 'icon' | 'settings' | 'manifest' | 'view' | 'config' | ...
    file: str | None = None  # relative path it opens, if any
    children: list[OutlineNode] = field(default_factory=list)


class ProjectDetectionError(Exception):
    """The folder is not a project of any known kind, or of more than one: the message lists what was looked for."""


@runtime_checkable
class Target(Protocol):
    """One host. Adding a host means one package under workbench/targets implementing this."""

    name: str  # 'pexip'
    title: str  # 'Pexip Infinity Connect'

    def detect(self, root: Path) -> Project | None:
        """The project at root when it is of this target, else None. Cheap: reads a few small files at most."""

    def looked_for(self) -> list[str]:
        """What detect() looks for, in words, for the 'unknown project' message."""

    def validate(self, project: Project, files: ProjectFiles) -> list[Diagnostic]:
        """Every diagnostic of the project (schema and rules), positions included."""

    def rules(self) -> list[RuleInfo]:
        """Documentation of every code validate() can emit."""

    def outline(self, project: Project, files: ProjectFiles) -> list[OutlineNode]:
        """The target's first-class nodes for the explorer (each plugin with its files)."""

    def schemas(self) -> dict[str, dict]:
        """JSON Schemas of this target's file kinds, by schema file name (e.g. 'pexip-plugin-package.schema.json')."""
