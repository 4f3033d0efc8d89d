"""The Target contract implemented by delegation: each method names its implementation as 'module:name', imported on
first call, so that opening a project and `workbench validate` load only the modules of the detected host (and Qt
only when a session, panel or form is asked for)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from workbench.core.diagnostics import Diagnostic, RuleInfo
from workbench.core.files import ProjectFiles
from workbench.core.project import OutlineNode, Project


def load(ref: str) -> Any:
    """The object named by 'package.module:name', importing its module now."""
    module, _, name = ref.partition(":")
    return getattr(import_module(module), name)


class LazyTarget:
    """A host's Target: detection lives on the class, everything else is named here and loaded on first use."""

    name: str
    title: str
    VALIDATE: str  # 'module:function(project, files) -> list[Diagnostic]'
    RULES: str  # 'module:RULES' (an iterable of RuleInfo, or a dict of them)
    OUTLINE: str  # 'module:function(project, files) -> list[OutlineNode]'
    # The host's file kinds' schemas under resources/schemas: file name -> the files it describes, as editors'
    # `fileMatch` patterns (VS Code's json.schemas).
    SCHEMA_FILES: dict[str, tuple[str, ...]] = {}
    # 'module:attr', a dict: schema file name -> the pydantic model that file is generated from (every SCHEMA_FILES
    # name has one; `workbench schemas --generate` writes them).
    SCHEMA_MODELS: str | None = None
    EXPORT: str  # 'module:function(project, files, options) -> ExportPlan'
    VOCABULARY: str  # 'module:function(project) -> Vocabulary' (Qt-free)
    SESSION: str  # 'module:function(project, setup, parent) -> HostSession' (Qt)
    PANEL: str | None = None  # 'module:function(session, recorder, parent) -> QWidget | None' (Qt)
    FORM: str | None = None  # 'module:function(project, document, overlays) -> QWidget | None' (Qt)
    WINDOW_SETUP: str | None = None  # 'module:function(project) -> dict' header keys the window starts with
    SAMPLES: str | None = None  # 'module:SAMPLES': the core.newproject.Sample list this host offers
    NEW_PROJECT: str | None = None  # 'module:function(sample, dest, options) -> files' (default: a plain copy)
    BUILD: str | None = None  # 'module:function(project) -> core.build.BuildSpec | None' (projects built by a tool)
    EXPORT_OPTIONS: tuple[str, ...] = ()  # the ExportOptions fields the host reads (the others are refused)
    IMPORT_LAYOUT: str | None = None  # 'module:function(names, read) -> {strip, add, description, ...} | None'
    IMPORT_LOOKS_FOR: str = ""  # what that function recognises, for the message refusing a zip no host reads
    RENAME: str | None = None  # 'module:function(project, files, old, new) -> list[TextEdit]' references re-pointed

    def validate(self, project: Project, files: ProjectFiles) -> list[Diagnostic]:
        return load(self.VALIDATE)(project, files)

    def rules(self) -> list[RuleInfo]:
        rules = load(self.RULES)
        return list(rules.values()) if isinstance(rules, dict) else list(rules)

    def outline(self, project: Project, files: ProjectFiles) -> list[OutlineNode]:
        return load(self.OUTLINE)(project, files)

    def schemas(self) -> dict[str, dict]:
        import json

        from workbench.core.paths import SCHEMAS
        return {name: json.loads((SCHEMAS / name).read_text(encoding="utf-8")) for name in self.SCHEMA_FILES}

    def schema_models(self) -> dict[str, Any]:
        """Schema file name -> the pydantic model it is generated from (imports the host's models)."""
        return dict(load(self.SCHEMA_MODELS)) if self.SCHEMA_MODELS else {}

    def schema_matches(self) -> dict[str, tuple[str, ...]]:
        """Schema file name -> the project files it describes (editors' fileMatch patterns)."""
        return dict(self.SCHEMA_FILES)

    def export_plan(self, project: Project, files: ProjectFiles, options) -> Any:
        return load(self.EXPORT)(project, files, options)

    def vocabulary(self, project: Project | None = None) -> Any:
        return load(self.VOCABULARY)(project)

    def create_session(self, project: Project, setup=None, parent=None) -> Any:
        return load(self.SESSION)(project, setup, parent)

    def panel(self, session, recorder=None, parent=None) -> Any:
        return load(self.PANEL)(session, recorder, parent) if self.PANEL else None

    def form(self, project: Project, document, overlays=None) -> Any:
        return load(self.FORM)(project, document, overlays) if self.FORM else None

    def window_setup(self, project: Project) -> dict:
        return load(self.WINDOW_SETUP)(project) if self.WINDOW_SETUP else {}

    def build_spec(self, project: Project):
        """How the project builds with its own tool (a core.build.BuildSpec), None when it needs no build."""
        return load(self.BUILD)(project) if self.BUILD else None

    def rename_edits(self, project: Project, files: ProjectFiles, old: str, new: str) -> list:
        """Edits keeping the project's references to its own files right after old -> new (a file or folder)."""
        return load(self.RENAME)(project, files, old, new) if self.RENAME else []

    def samples(self) -> list:
        return list(load(self.SAMPLES)) if self.SAMPLES else []

    def new_project(self, sample, dest, options: dict | None = None) -> list:
        """Make a project from one of this host's samples (its options checked); returns the files written."""
        from workbench.core.newproject import check_options, copy_sample
        options = check_options(sample, options or {})
        if self.NEW_PROJECT:
            return load(self.NEW_PROJECT)(sample, dest, options)
        return copy_sample(sample.folder, dest)

    def import_layout(self, names: list[str], read) -> dict | None:
        """How a zip maps onto a project of this host (None: not one of its packages, or it does not say)."""
        return load(self.IMPORT_LAYOUT)(names, read) if self.IMPORT_LAYOUT else None

    def import_looks_for(self) -> str:
        return self.IMPORT_LOOKS_FOR
