"""Read an eXo Web Conferencing connector project into one summary (used by the host emulation and the export),
and edit one provider setting in the configuration XML without disturbing the rest of the file."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from workbench.core.files import ProjectFiles
from workbench.core.project import Project
from workbench.targets.exo.javascan import java_facts, returned_string
from workbench.targets.exo.jsmodule import provider_module
from workbench.targets.exo.layout import (
    Layout,
    find_provider_config,
    layout_of,
    provider_configuration,
    provider_plugins,
)
from workbench.targets.exo.xmltree import XmlDocument, XmlElement, parse_xml, xml_document


@dataclass
class ConnectorInfo:
    """The facts of a connector, paths relative to the project root (None when not found)."""

    type: str | None = None
    title: str | None = None
    provider_class: str | None = None  # fully qualified, from the configuration XML
    provider_source: str | None = None  # the .java file of the provider class
    config_xml: str | None = None
    settings: dict[str, str] = field(default_factory=dict)  # placeholders resolved to their defaults
    raw_settings: dict[str, str] = field(default_factory=dict)  # as written in the XML
    js_module: str | None = None
    js_module_name: str | None = None  # the AMD module name in gatein-resources.xml
    call_page: str | None = None
    war_name: str | None = None
    services_artifact: str | None = None
    version: str | None = None
    webapp_root: str | None = None
    webapp_module: str | None = None


# The words `active` is written with; eXo reads any other as false (see reads_active).
ACTIVE_VALUES = ("true", "false")


def reads_active(value: str | None) -> bool:
    """`active` as eXo's CallProvider reads it: Boolean.valueOf(config.getOrDefault("active", "true")), true only for
    the word true in any case (surrounding blanks ignored, as the XML's are not meant)."""
    return (value if value is not None else "true").strip().lower() == "true"


def resolve_placeholders(value: str) -> str:
    """Replace each `${name:default}` by its default; `${name}` without a default is kept as written."""
    out, i = [], 0
    while True:
        start = value.find("${", i)
        end = value.find("}", start + 2) if start != -1 else -1
        if start == -1 or end == -1:
            out.append(value[i:])
            return "".join(out)
        inner = value[start + 2: end]
        out.append(value[i:start])
        out.append(inner.split(":", 1)[1] if ":" in inner else value[start: end + 1])
        i = end + 1


def provider_properties(param: XmlElement | None) -> list[tuple[str, XmlElement]]:
    """(name, property element) of a properties-param, in document order."""
    if param is None:
        return []
    return [(p.attrs["name"].value, p) for p in param.children_named("property") if "name" in p.attrs]


def property_values(param: XmlElement | None) -> dict[str, str]:
    """Each property's value as written (placeholders kept), in document order."""
    return {name: prop.attrs["value"].value if "value" in prop.attrs else "" for name, prop in
            provider_properties(param)}


def gatein_modules(doc: XmlDocument | None) -> list[XmlElement]:
    """Every <module> of gatein-resources.xml that declares a script path."""
    if doc is None:
        return []
    return [m for m in doc.iter("module") if m.child("script") is not None]


def module_path(module: XmlElement) -> XmlElement | None:
    script = module.child("script")
    return script.child("path") if script is not None else None


def pick_module(modules: list[XmlElement], type_: str | None) -> XmlElement | None:
    """The connector's module: the one named after the type, else the only one, else one with 'webconferencing'."""
    if type_:
        for m in modules:
            if (m.child_text("name") or "").lower() == f"webconferencing_{type_}".lower():
                return m
    if len(modules) == 1:
        return modules[0]
    return next((m for m in modules if "webconferencing" in (m.child_text("name") or "").lower()), None)


def exo_conf_dependencies(doc: XmlDocument | None) -> list[XmlElement]:
    """The <string> values of the `dependencies` field in META-INF/exo-conf/configuration.xml."""
    if doc is None:
        return []
    out = []
    for f in doc.iter("field"):
        if f.attrs.get("name") and f.attrs["name"].value == "dependencies":
            out += [s for s in f.iter("string") if s.text]
    return out


def provider_source(files: ProjectFiles, layout: Layout, class_name: str) -> str | None:
    """The .java file of a fully qualified class under any module's src/main/java."""
    rel = class_name.split("$")[0].replace(".", "/") + ".java"
    for root in layout.java_roots():
        candidate = posixpath.join(root, rel)
        if files.is_file(candidate):
            return candidate
    return None


def jsp_references(files: ProjectFiles, layout: Layout) -> list[tuple[str, str, object]]:
    """(literal, java file, range) of every '*.jsp' string in the webapp module's Java sources."""
    out = []
    java_root = posixpath.join(layout.webapp_module, "src/main/java") if layout.webapp_module else "src/main/java"
    for rel in files.walk_files(java_root):
        if rel.endswith(".java"):
            facts = java_facts(files, rel)
            out += [(s.value, rel, s.range) for s in (facts.strings if facts else []) if s.value.endswith(".jsp")]
    return out


def pom_text(files: ProjectFiles, rel: str, *path: str) -> str | None:
    doc = xml_document(files, rel)
    el = doc.root if doc is not None else None
    for name in path:
        el = el.child(name) if el is not None else None
    return el.text if el is not None and el.text else None


def read_connector(project: Project, files: ProjectFiles | None = None) -> ConnectorInfo:
    """Everything the host emulation and the export need to know about the connector."""
    files = files or project.files()
    config = project.details.get("config") or find_provider_config(project.root)
    info = ConnectorInfo()
    if config is None:
        return info
    layout = layout_of(config, files)
    info.config_xml, info.webapp_root, info.webapp_module = config, layout.webapp_root, layout.webapp_module
    doc = xml_document(files, config)
    plugin = next(iter(provider_plugins(doc)), None) if doc is not None else None
    if plugin is not None:
        info.provider_class = plugin.child_text("type") or None
        info.raw_settings = property_values(provider_configuration(plugin))
        info.settings = {name: resolve_placeholders(raw) for name, raw in info.raw_settings.items()}
    java = None
    if info.provider_class:
        info.provider_source = provider_source(files, layout, info.provider_class)
        java = java_facts(files, info.provider_source) if info.provider_source else None
    gatein = xml_document(files, layout.webapp_file("WEB-INF/gatein-resources.xml"))
    roots = layout.java_roots()
    java_type = returned_string(files, roots, java, "getType") if java else None
    module = pick_module(gatein_modules(gatein), java_type.value if java_type else layout.config_folder_type)
    if module is not None:
        info.js_module_name = module.child_text("name")
        path = module_path(module)
        info.js_module = layout.webapp_file(path.text) if path is not None and path.text else None
    js = provider_module(files, info.js_module) if info.js_module else None
    info.type = (java_type.value if java_type else None) or \
        (js.returns["getType"].value if js and "getType" in js.returns else None) or layout.config_folder_type
    title = (returned_string(files, roots, java, "getTitle") if java else None) or (js.returns.get("getTitle") if js else None)
    info.title = title.value if title else None
    pages = [layout.webapp_file(lit) for lit, _, _ in jsp_references(files, layout)]
    default_page = layout.webapp_file("WEB-INF/pages/call.jsp")
    info.call_page = next((p for p in pages if files.is_file(p)), default_page if files.is_file(default_page) else None)
    info.war_name = pom_text(files, layout.webapp_pom, "build", "finalName") or \
        pom_text(files, layout.webapp_pom, "artifactId")
    services = "services" if "services" in layout.modules or files.is_file("services/pom.xml") else None
    if info.provider_source and "/src/main/java/" in info.provider_source:
        services = info.provider_source.split("/src/main/java/")[0]
    info.services_artifact = pom_text(files, layout.module_pom(services), "artifactId") if services else None
    info.version = pom_text(files, "pom.xml", "version") or pom_text(files, "pom.xml", "parent", "version")
    return info


def set_provider_property(xml_text: str, name: str, value: str, keep_placeholder: bool = True) -> str:
    """The configuration XML with one provider-configuration property set to value (added when missing);
    every other character of the file is kept. A value written as one `${prop:default}` placeholder keeps its
    placeholder (so exo.properties can still override it) and gets value as its new default."""
    doc = parse_xml(xml_text, "configuration.xml")
    plugin = next(iter(provider_plugins(doc)), None)
    param = provider_configuration(plugin) if plugin is not None else None
    if param is None:
        raise ValueError("the file has no add.callprovider plugin with a provider-configuration properties-param")
    data = xml_text.encode("utf-8")
    encoded = _escape_attr(value).encode("utf-8")
    props = provider_properties(param)
    for prop_name, prop in props:
        if prop_name == name and "value" in prop.attrs:
            attr = prop.attrs["value"]
            raw = attr.value
            if keep_placeholder and raw.startswith("${") and raw.endswith("}") and raw.count("${") == 1:
                key = raw[2:-1].split(":", 1)[0]
                encoded = _escape_attr(f"${{{key}:{value}}}").encode("utf-8")
            return (data[: attr.start_byte] + encoded + data[attr.end_byte:]).decode("utf-8")
    # Not there yet: a new line after the last property (or after the param's <name>), indented alike.
    anchor = props[-1][1] if props else param.children[-1]
    index = doc.src.index
    start, end = index.byte_of_position(anchor.range.start), index.byte_of_position(anchor.range.end)
    indent = data[data.rfind(b"\n", 0, start) + 1: start]
    if indent.strip():
        indent = b""
    new = b"\n" + indent + b'<property name="' + _escape_attr(name).encode("utf-8") + \
        b'" value="' + encoded + b'"/>'
    return (data[:end] + new + data[end:]).decode("utf-8")


def _escape_attr(text: str) -> str:
    """Text as a double-quoted XML attribute value."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
