"""The eXo Web Conferencing target: connector projects in the Maven layout of the connector template."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.diagnostics import Diagnostic, RuleInfo
from workbench.core.files import ProjectFiles
from workbench.core.paths import SCHEMAS
from workbench.core.project import OutlineNode, Project

SCHEMA_FILES = ("exo-provider-settings.schema.json",)


class ExoTarget:
    """eXo Platform Web Conferencing connectors (a call provider plugin in a Maven project)."""

    name = "exo"
    title = "eXo Web Conferencing"

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

    def validate(self, project: Project, files: ProjectFiles) -> list[Diagnostic]:
        from workbench.targets.exo.checks import validate_connector
        return validate_connector(project, files)

    def rules(self) -> list[RuleInfo]:
        from workbench.targets.exo.rules import RULES
        return list(RULES)

    def outline(self, project: Project, files: ProjectFiles) -> list[OutlineNode]:
        from workbench.targets.exo.outline import outline
        return outline(project, files)

    def schemas(self) -> dict[str, dict]:
        return {name: json.loads((SCHEMAS / name).read_text(encoding="utf-8")) for name in SCHEMA_FILES}
