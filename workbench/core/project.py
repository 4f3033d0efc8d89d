"""The project model: which host a folder targets, and the Target interface every host package implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from workbench.core.diagnostics import Diagnostic, RuleInfo
    from workbench.core.files import ProjectFiles


@dataclass(frozen=True)
class Project:
    """An opened plugin project."""

    root: Path  # the folder the user opened (absolute)
    target: str  # the name of the host (its Target) the project is for
    kind: str  # the host's kind of project, e.g. '<host>-branding', '<host>-plugin'
    content_root: str = ""  # where the package content lives, relative to root ('' when it is the root)
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


def content_relative(rel: str, content_root: str) -> str | None:
    """A project-relative path made relative to the served content, or None when it lies outside it."""
    import posixpath
    rel = posixpath.normpath(rel.replace("\\", "/")).lstrip("/")
    root = posixpath.normpath(content_root).strip("/") if content_root not in ("", ".") else ""
    if not root:
        return rel
    if rel == root:
        return ""
    return rel[len(root) + 1:] if rel.startswith(root + "/") else None


class ProjectDetectionError(Exception):
    """The folder is not a project of any known kind, or of more than one: the message lists what was looked for."""


@runtime_checkable
class Target(Protocol):
    """One host: everything the workbench knows about it, reached only through this contract.

    A host is one package under workbench/targets/ (implementing this; workbench.targets.base.LazyTarget names each
    implementation so it loads on first use), one folder under resources/hosts/ (its page), and one entry-point line
    in pyproject.toml (group `workbench.targets`). See docs/architecture.md.
    """

    name: str  # short, lowercase: the registry key, `--target` value and scenario schema suffix
    title: str  # the host's product name, as users know it

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
        """JSON Schemas of this target's file kinds, by schema file name (e.g. '<host>-manifest.schema.json')."""

    def schema_models(self) -> dict[str, Any]:
        """The pydantic model each of those schemas is generated from, by schema file name (imports pydantic)."""

    def export_plan(self, project: Project, files: ProjectFiles, options: Any) -> Any:
        """What the upload-ready zip holds (a workbench.core.packaging.model.ExportPlan)."""

    def vocabulary(self, project: Project | None = None) -> Any:
        """The scenario steps, `expect` subjects and header keys (a workbench.core.steps.Vocabulary); Qt-free."""

    def create_session(self, project: Project, setup: Any = None, parent: Any = None) -> Any:
        """A host session (workbench.sandbox.session.HostSession) for the preview or a scenario; imports Qt."""

    def panel(self, session: Any, recorder: Any = None, parent: Any = None) -> Any:
        """The host's own panel beside the preview (a QWidget), or None when its capabilities say it all."""

    def form(self, project: Project, document: Any, overlays: Any = None) -> Any:
        """A form editing the document (a QWidget), or None when the file has no form."""

    def window_setup(self, project: Project) -> dict:
        """Scenario header keys the window's own sessions start with (settings the window keeps per project)."""

    def build_spec(self, project: Project) -> Any:
        """How the project builds with its own tool (workbench.core.build.BuildSpec), None when it needs no build."""

    def rename_edits(self, project: Project, files: ProjectFiles, old: str, new: str) -> list:
        """Text edits (workbench.core.diagnostics.TextEdit) that keep the references the host knows (a plugin's
        `srcURL`, a manifest's script path...) pointing at the same file after old -> new; [] when none."""

    def samples(self) -> list:
        """The samples (workbench.core.newproject.Sample) a new project of this host can start from."""

    def new_project(self, sample: Any, dest: Path, options: dict | None = None) -> list:
        """Make a project from one of this host's samples with the chosen options; returns the files written."""

    def import_layout(self, names: list[str], read: Any) -> dict | None:
        """How a zip (its entry names; read(name) -> bytes) maps onto a project of this host: {strip, add,
        description, certainty, complete?} (strip: prefix removed from every name, add: prefix added; see
        core.packaging.importer.HostLayout), or None when it is not one."""

    def import_looks_for(self) -> str:
        """What import_layout recognises, in a few words ('' when the host imports no zips)."""
