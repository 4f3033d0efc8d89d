"""Where a connector's files are: the Maven modules and the webapp paths, found from the provider configuration."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from workbench.core.files import READ_LIMIT, ProjectFiles
from workbench.core.safeio import read_regular
from workbench.targets.exo.xmltree import XmlDocument, XmlElement, xml_document

SERVICE_CLASS = "org.exoplatform.webconferencing.WebConferencingService"
ADD_PROVIDER = "add.callprovider"
PROVIDER_CONFIGURATION = "provider-configuration"
CONFIG_GLOBS = ("*/src/main/webapp/WEB-INF/conf/*/configuration.xml", "src/main/webapp/WEB-INF/conf/*/configuration.xml")


def provider_plugins(doc: XmlDocument) -> list[XmlElement]:
    """The `add.callprovider` component-plugins targeting WebConferencingService."""
    out = []
    for ext in doc.iter("external-component-plugins"):
        if (ext.child_text("target-component") or "").strip() != SERVICE_CLASS:
            continue
        out += [p for p in ext.children_named("component-plugin") if p.child_text("name") == ADD_PROVIDER]
    return out


def provider_configuration(plugin: XmlElement) -> XmlElement | None:
    """The `provider-configuration` properties-param of a provider plugin."""
    params = plugin.child("init-params")
    if params is None:
        return None
    return next((p for p in params.children_named("properties-param")
                 if p.child_text("name") == PROVIDER_CONFIGURATION), None)


def find_provider_config(root: Path) -> str | None:
    """The provider configuration XML of the Maven project at root (relative path), cheaply: a few globs."""
    for pattern in CONFIG_GLOBS:
        for path in sorted(root.glob(pattern)):
            try:
                text = read_regular(path, READ_LIMIT, confine=root, where="the project").decode("utf-8", "replace")
            except OSError:
                continue
            if ADD_PROVIDER in text and SERVICE_CLASS in text:
                files = ProjectFiles(root)
                rel = path.relative_to(root).as_posix()
                doc = xml_document(files, rel)
                # A file that names the plugin but does not parse is still the provider configuration:
                # claiming it lets validation show the syntax error instead of "unknown project".
                if doc is not None and (provider_plugins(doc) or doc.diagnostics):
                    return rel
    return None


@dataclass(frozen=True)
class Layout:
    """Paths of a connector project, all relative to the project root."""

    config_xml: str  # .../WEB-INF/conf/<type>/configuration.xml
    webapp_root: str  # .../src/main/webapp
    webapp_module: str  # the Maven module holding the webapp ('' when single-module)
    modules: tuple[str, ...]  # modules listed in the root pom

    @property
    def config_folder_type(self) -> str:
        return posixpath.basename(posixpath.dirname(self.config_xml))

    def webapp_file(self, path: str) -> str:
        return posixpath.join(self.webapp_root, path.lstrip("/"))

    @property
    def webapp_pom(self) -> str:
        return posixpath.join(self.webapp_module, "pom.xml") if self.webapp_module else "pom.xml"

    def module_pom(self, module: str) -> str:
        return posixpath.join(module, "pom.xml")

    def java_roots(self) -> list[str]:
        """src/main/java of every module, services first."""
        mods = sorted(set(self.modules) | {self.webapp_module, "services"}, key=lambda m: (m != "services", m))
        return [posixpath.join(m, "src/main/java") if m else "src/main/java" for m in mods]


def pom_modules(files: ProjectFiles) -> tuple[str, ...]:
    doc = xml_document(files, "pom.xml")
    if doc is None or doc.root is None:
        return ()
    mods = doc.root.child("modules")
    return tuple(m.text for m in mods.children_named("module") if m.text) if mods is not None else ()


def layout_of(config_xml: str, files: ProjectFiles) -> Layout:
    webapp_root = config_xml.split("/WEB-INF/")[0]
    module = webapp_root[: -len("src/main/webapp")].rstrip("/") if webapp_root.endswith("src/main/webapp") else ""
    return Layout(config_xml, webapp_root, module, pom_modules(files))
