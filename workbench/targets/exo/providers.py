"""Every call provider an add-on declares (one add.callprovider plugin each, in one or more configuration files),
with its type, title, JS module and the settings its JavaScript receives."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.files import ProjectFiles
from workbench.core.project import Project
from workbench.targets.exo.connector import (
    gatein_modules,
    module_path,
    pick_module,
    pom_text,
    property_values,
    provider_source,
    resolve_placeholders,
)
from workbench.targets.exo.javascan import java_facts, returned_string
from workbench.targets.exo.jsmodule import provider_module
from workbench.targets.exo.layout import (
    CONFIG_GLOBS,
    Layout,
    find_provider_config,
    layout_of,
    provider_configuration,
    provider_plugins,
)
from workbench.targets.exo.models import ProviderSettings
from workbench.targets.exo.xmltree import xml_document


@dataclass
class ProviderFacts:
    """One call provider of the add-on (paths relative to the project root)."""

    type: str
    title: str
    config_xml: str
    provider_class: str | None = None
    provider_source: str | None = None
    properties: dict[str, str] = field(default_factory=dict)  # placeholders resolved to their defaults
    raw_properties: dict[str, str] = field(default_factory=dict)  # as written in the XML
    module_name: str | None = None  # its gatein-resources.xml module
    module_file: str | None = None
    active: bool = True
    settings: dict[str, Any] = field(default_factory=dict)  # what configure(settings) gets
    origins: dict[str, str] = field(default_factory=dict)  # setting -> 'base' | 'java' | 'xml'
    unreadable: dict[str, str] = field(default_factory=dict)  # setting -> why its value is not known


@dataclass
class AddOn:
    """The add-on: its providers and where its webapp is."""

    layout: Layout
    war: str  # the webapp's name, the /<war>/ URL prefix
    providers: list[ProviderFacts]


def provider_configs(root: Path, files: ProjectFiles, first: str) -> list[str]:
    """The provider configuration files of the add-on: the detected one first, then any other conf folder's."""
    found = [first]
    for pattern in CONFIG_GLOBS:
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            doc = xml_document(files, rel) if rel not in found else None
            if doc is not None and provider_plugins(doc):
                found.append(rel)
    return found


def read_add_on(project: Project, files: ProjectFiles | None = None) -> AddOn | None:
    """The add-on's providers, in declaration order; None when no provider configuration is found."""
    from workbench.targets.exo.settings import build_settings

    files = files or project.files()
    first = project.details.get("config") or find_provider_config(project.root)
    if first is None:
        return None
    layout = layout_of(first, files)
    gatein = xml_document(files, layout.webapp_file("WEB-INF/gatein-resources.xml"))
    modules = gatein_modules(gatein)
    war = pom_text(files, layout.webapp_pom, "build", "finalName") or layout.config_folder_type
    providers: list[ProviderFacts] = []
    configs = provider_configs(Path(project.root), files, first)
    plugins = [(rel, p) for rel in configs for p in provider_plugins(xml_document(files, rel) or _empty())]
    for rel, plugin in plugins:
        facts = _provider(files, layout, rel, plugin, modules, single=len(plugins) == 1)
        build_settings(files, layout, facts)
        if all(p.type != facts.type for p in providers):
            providers.append(facts)
    return AddOn(layout, war, providers)


def _empty():
    from workbench.targets.exo.xmltree import parse_xml
    return parse_xml("<configuration/>", "empty.xml")


def _provider(files: ProjectFiles, layout: Layout, rel: str, plugin, modules, single: bool) -> ProviderFacts:
    class_name = plugin.child_text("type") or None
    source = provider_source(files, layout, class_name) if class_name else None
    java = java_facts(files, source) if source else None
    roots = layout.java_roots()
    java_type = returned_string(files, roots, java, "getType") if java else None
    folder = posixpath.basename(posixpath.dirname(rel))
    module = _module_for(modules, java_type.value if java_type else folder, single)
    module_file = None
    if module is not None:
        path = module_path(module)
        module_file = layout.webapp_file(path.text) if path is not None and path.text else None
    js = provider_module(files, module_file) if module_file else None
    type_ = (java_type.value if java_type else None) or \
        (js.returns["getType"].value if js and "getType" in js.returns else None) or folder
    title = (returned_string(files, roots, java, "getTitle") if java else None) or \
        (js.returns.get("getTitle") if js else None)
    facts = ProviderFacts(type_, title.value if title else type_[:1].upper() + type_[1:], rel, class_name, source,
                          module_name=module.child_text("name") if module is not None else None,
                          module_file=module_file)
    param = provider_configuration(plugin)
    facts.raw_properties = property_values(param)
    facts.properties = {name: resolve_placeholders(raw) for name, raw in facts.raw_properties.items()}
    facts.active = ProviderSettings.as_exo_reads(facts.properties).active
    return facts


def _module_for(modules, type_: str, single: bool):
    """A provider's module: webConferencing_<type>; for a lone provider, the add-on's connector module."""
    wanted = f"webconferencing_{type_}".lower()
    named = next((m for m in modules if (m.child_text("name") or "").lower() == wanted), None)
    return named if named is not None or not single else pick_module(modules, type_)
