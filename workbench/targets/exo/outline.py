"""The explorer outline of a connector: provider class, configuration XML, JS module, call page, poms."""

from __future__ import annotations

from workbench.core.files import ProjectFiles
from workbench.core.project import OutlineNode, Project
from workbench.targets.exo.connector import read_connector


def outline(project: Project, files: ProjectFiles) -> list[OutlineNode]:
    """One connector node with its first-class files (those that exist)."""
    info = read_connector(project, files)
    children: list[OutlineNode] = []

    def add(label: str, kind: str, rel: str | None) -> None:
        if rel and files.is_file(rel):
            children.append(OutlineNode(label, kind, rel))

    add(f"provider class {info.provider_class.rsplit('.', 1)[-1]}" if info.provider_class else "provider class",
        "source", info.provider_source)
    add("provider configuration", "config", info.config_xml)
    add(f"JS module {info.js_module_name or ''}".strip(), "source", info.js_module)
    add("call page", "view", info.call_page)
    if info.webapp_root:
        for name in ("WEB-INF/web.xml", "WEB-INF/gatein-resources.xml", "META-INF/exo-conf/configuration.xml"):
            add(name.rsplit("/", 1)[-1] if "exo-conf" not in name else "exo-conf configuration", "config",
                f"{info.webapp_root}/{name}")
    poms = OutlineNode("pom files", "config", None)
    for rel in ["pom.xml"] + [f"{m}/pom.xml" for m in ("services", "webapp", "packaging")]:
        if files.is_file(rel):
            poms.children.append(OutlineNode(rel, "config", rel))
    if poms.children:
        children.append(poms)
    title = f"{info.title or info.type or 'connector'} ({info.type})" if info.type else project.title
    return [OutlineNode(title, "plugin", info.config_xml, children)]
