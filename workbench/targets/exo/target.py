"""The eXo Web Conferencing target: connector projects in the Maven layout of the connector template."""

from __future__ import annotations

from pathlib import Path

from workbench.core.project import Project
from workbench.targets.base import LazyTarget


class ExoTarget(LazyTarget):
    """eXo Platform Web Conferencing connectors (a call provider plugin in a Maven project)."""

    name = "exo"
    title = "eXo Web Conferencing"
    VALIDATE = "workbench.targets.exo.checks:validate_connector"
    RULES = "workbench.targets.exo.rules:RULES"
    OUTLINE = "workbench.targets.exo.outline:outline"
    SCHEMA_FILES = {"exo-provider-settings.schema.json": ()}  # the settings inside an XML file: no file matches
    SCHEMA_MODELS = "workbench.targets.exo.models:MODEL_OF_SCHEMA"
    EXPORT = "workbench.targets.exo.export:build_plan"
    VOCABULARY = "workbench.targets.exo.scenario:vocabulary"
    SESSION = "workbench.targets.exo.runtime.session:create_session"
    PANEL = "workbench.targets.exo.ui.panel:make_panel"
    FORM = "workbench.targets.exo.ui.forms:form_for"
    SAMPLES = "workbench.targets.exo.newproject:SAMPLES"
    NEW_PROJECT = "workbench.targets.exo.newproject:create"
    BUILD = "workbench.targets.exo.build:build_spec"
    EXPORT_OPTIONS = ("build",)

    def detect(self, root: Path) -> Project | None:
        """A Maven project whose WEB-INF/conf/<type>/configuration.xml adds a call provider (a few globs)."""
        root = Path(root)
        if not (root / "pom.xml").is_file():
            return None
        from workbench.targets.exo.layout import find_provider_config
        config = find_provider_config(root)
        if config is None:
            return None
        folder_type = config.rsplit("/", 2)[-2]
        return Project(root.resolve(), self.name, "exo-connector", "", f"{folder_type} connector",
                       {"config": config})

    def looked_for(self) -> list[str]:
        return ["a Maven project (pom.xml) whose */src/main/webapp/WEB-INF/conf/<type>/configuration.xml declares "
                "the add.callprovider plugin of org.exoplatform.webconferencing.WebConferencingService"]
