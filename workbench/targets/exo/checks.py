"""Rules on a connector: the provider configuration, the names that must agree, and the files they reference."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.core.diagnostics import Diagnostic, Range, Severity
from workbench.core.files import ProjectFiles
from workbench.core.project import Project
from workbench.targets.exo.connector import (
    exo_conf_dependencies,
    gatein_modules,
    module_path,
    pick_module,
    provider_properties,
    provider_source,
    resolve_placeholders,
)
from workbench.targets.exo.javascan import java_facts
from workbench.targets.exo.layout import (
    Layout,
    find_provider_config,
    layout_of,
    provider_configuration,
    provider_plugins,
)
from workbench.targets.exo.xmltree import XmlDocument, XmlElement, xml_document

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
TYPE_FORM = re.compile(r"^[a-z][a-z0-9_]*$")
START = Range.at(1, 1, 1, 2)


@dataclass
class TypeFact:
    """The provider type and where it was read."""

    value: str
    file: str
    range: Range
    source: str  # words for messages: 'the provider class getType()'


@dataclass
class Context:
    project: Project
    files: ProjectFiles
    layout: Layout
    out: list[Diagnostic] = field(default_factory=list)
    type: TypeFact | None = None

    def doc(self, rel: str) -> XmlDocument | None:
        """An XML file of the project; its syntax diagnostics are reported once."""
        doc = xml_document(self.files, rel)
        if doc is not None:
            self.out.extend(doc.diagnostics)
        return doc

    def add(self, code: str, severity: Severity, message: str, file: str, rng: Range = START) -> None:
        self.out.append(Diagnostic(code, severity, message, file, rng))


def validate_connector(project: Project, files: ProjectFiles) -> list[Diagnostic]:
    """Every diagnostic of the connector project."""
    config = project.details.get("config") or find_provider_config(project.root)
    if config is None:
        return [Diagnostic("EXO009", E, "no WEB-INF/conf/<type>/configuration.xml declares the add.callprovider "
                                        "plugin any more: restore it", "pom.xml")]
    ctx = Context(project, files, layout_of(config, files))
    from workbench.targets.exo.checks_code import check_call_pages, check_js_module

    check_provider_config(ctx)
    check_names(ctx)
    check_gatein_and_js(ctx, check_js_module)
    check_call_pages(ctx)
    check_poms(ctx)
    return ctx.out


def check_provider_config(ctx: Context) -> None:
    """The add.callprovider plugin: set-method, type, provider-configuration, `active`, the provider class."""
    rel = ctx.layout.config_xml
    doc = ctx.doc(rel)
    plugins = provider_plugins(doc) if doc is not None else []
    if not plugins:
        if doc is not None and not doc.diagnostics:
            ctx.add("EXO017", E, "the add.callprovider plugin of WebConferencingService is gone: restore it", rel)
        return
    plugin = plugins[0]
    set_method = plugin.child("set-method")
    if set_method is None or set_method.text != "addPlugin":
        where = set_method.text_or_name_range if set_method is not None else plugin.name_range
        ctx.add("EXO017", E, "the add.callprovider plugin needs <set-method>addPlugin</set-method>", rel, where)
    type_el = plugin.child("type")
    param = provider_configuration(plugin)
    if param is None:
        where = plugin.child("init-params") or plugin
        ctx.add("EXO009", E, "add a <properties-param> named provider-configuration (with `active` and the "
                             "connector settings): the provider does not start without it", rel, where.name_range)
    else:
        for name, prop in provider_properties(param):
            if name == "active" and "value" in prop.attrs:
                value = resolve_placeholders(prop.attrs["value"].value).strip()
                if value not in ("true", "false"):
                    ctx.add("EXO016", W, f"`active` is {value!r}: set it to true or false", rel,
                            prop.attrs["value"].range)
    if type_el is None or not type_el.text:
        ctx.add("EXO017", E, "the add.callprovider plugin needs <type> naming the provider class", rel,
                plugin.name_range)
        return
    check_provider_class(ctx, type_el)


def check_provider_class(ctx: Context, type_el: XmlElement) -> None:
    rel = ctx.layout.config_xml
    source = provider_source(ctx.files, ctx.layout, type_el.text)
    if source is None:
        roots = " or ".join(ctx.layout.java_roots()[:2])
        ctx.add("EXO013", E, f"class {type_el.text} not found: expected {type_el.text.replace('.', '/')}.java "
                             f"under {roots}", rel, type_el.text_or_name_range)
        return
    facts = java_facts(ctx.files, source)
    if facts is None:
        return
    if facts.superclass != "CallProvider":
        where = facts.superclass_range or facts.class_range or START
        ctx.add("EXO014", W, f"{facts.class_name or 'the provider class'} should extend "
                             "org.exoplatform.webconferencing.CallProvider", source, where)
    ret = facts.returns.get("getType")
    if ret is None:
        where = facts.class_range or START
        ctx.add("EXO014", W, "the provider's getType() does not return a string literal or constant: the "
                             "workbench cannot compare the type", source, where)
        return
    ctx.type = TypeFact(ret.value, source, ret.range, f"the provider class getType() in {source}")


def check_names(ctx: Context) -> None:
    """The type is one lowercase word and agrees with the folder, war, display-name, exo-conf and import."""
    layout, folder = ctx.layout, ctx.layout.config_folder_type
    if ctx.type is None:
        ctx.type = TypeFact(folder, layout.config_xml, START, f"the configuration folder WEB-INF/conf/{folder}")
    t = ctx.type
    if not TYPE_FORM.match(t.value):
        ctx.add("EXO002", E, f"provider type {t.value!r} must be one lowercase word ([a-z][a-z0-9_]*), e.g. "
                             f"{re.sub(r'[^a-z0-9_]', '', t.value.lower()) or 'myconnector'!r}", t.file, t.range)
    if folder != t.value:
        ctx.add("EXO003", W, f"the provider configuration is in WEB-INF/conf/{folder}/ but the type is "
                             f"{t.value!r}: rename the folder to {t.value}", layout.config_xml, START)
    _check_import(ctx, folder)
    _check_web_xml(ctx)
    _check_exo_conf(ctx)


def _check_import(ctx: Context, folder: str) -> None:
    rel = ctx.layout.webapp_file("WEB-INF/conf/configuration.xml")
    wanted = f"war:/conf/{folder}/configuration.xml"
    doc = ctx.doc(rel)
    if doc is None:
        ctx.add("EXO018", E, f"{rel} is missing: create it with <import>{wanted}</import> so eXo reads the "
                             "provider configuration", ctx.layout.config_xml)
        return
    imports = list(doc.iter("import"))
    if not any(i.text == wanted for i in imports):
        where = imports[0].text_or_name_range if imports else (doc.root.name_range if doc.root else START)
        ctx.add("EXO018", E, f"add <import>{wanted}</import>: without it eXo never reads the provider "
                             "configuration", rel, where)


def _check_web_xml(ctx: Context) -> None:
    rel = ctx.layout.webapp_file("WEB-INF/web.xml")
    doc = ctx.doc(rel)
    t = ctx.type
    if doc is None:
        ctx.add("EXO005", E, f"{rel} is missing: add it with <display-name>{t.value}</display-name>",
                ctx.layout.config_xml)
        return
    name = doc.root.child("display-name") if doc.root is not None else None
    if name is None or name.text != t.value:
        shown = f"is {name.text!r}" if name is not None else "is missing"
        where = name.text_or_name_range if name is not None else (doc.root.name_range if doc.root else START)
        ctx.add("EXO005", E, f"display-name {shown}: set it to the provider type {t.value!r} "
                             f"(from {t.source})", rel, where)


def _check_exo_conf(ctx: Context) -> None:
    rel = ctx.layout.webapp_file("META-INF/exo-conf/configuration.xml")
    doc = ctx.doc(rel)
    t = ctx.type
    if doc is None:
        ctx.add("EXO006", E, f"{rel} is missing: it must add {t.value!r} as a dependency of the "
                             "webconferencing portal container", ctx.layout.config_xml)
        return
    deps = exo_conf_dependencies(doc)
    if any(d.text == t.value for d in deps):
        return
    where = deps[0].text_or_name_range if deps else (doc.root.name_range if doc.root else START)
    found = ", ".join(repr(d.text) for d in deps) or "none"
    ctx.add("EXO006", E, f"the exo-conf dependencies ({found}) do not include the provider type {t.value!r}: "
                         "list it in the `dependencies` field", rel, where)


def check_gatein_and_js(ctx: Context, check_js) -> None:
    """gatein-resources.xml declares the module, its script and skin exist; then the module's own rules."""
    rel = ctx.layout.webapp_file("WEB-INF/gatein-resources.xml")
    doc = ctx.doc(rel)
    if doc is None:
        ctx.add("EXO011", E, f"{rel} is missing: declare the JS module webConferencing_{ctx.type.value} in it",
                ctx.layout.config_xml)
        return
    for css in doc.iter("css-path"):
        if css.text and not ctx.files.is_file(ctx.layout.webapp_file(css.text)):
            ctx.add("EXO011", E, f"skin {css.text} not found under {ctx.layout.webapp_root}", rel,
                    css.text_or_name_range)
    module = pick_module(gatein_modules(doc), ctx.type.value)
    if module is None:
        ctx.add("EXO011", E, f"no <module> with a <script><path> in gatein-resources.xml: declare "
                             f"webConferencing_{ctx.type.value}", rel, doc.root.name_range if doc.root else START)
        return
    name = module.child("name")
    wanted = f"webConferencing_{ctx.type.value}"
    if name is None or name.text != wanted:
        ctx.add("EXO007", W, f"module name {name.text if name is not None else '(none)'!r}: name it {wanted!r} "
                             "(and require SHARED/" + wanted + " in the portlet)", rel,
                name.text_or_name_range if name is not None else module.name_range)
    path = module_path(module)
    if path is None or not path.text:
        return
    js_rel = ctx.layout.webapp_file(path.text)
    if not ctx.files.is_file(js_rel):
        ctx.add("EXO011", E, f"JS module {path.text} not found under {ctx.layout.webapp_root}", rel,
                path.text_or_name_range)
        return
    check_js(ctx, js_rel)


def check_poms(ctx: Context) -> None:
    """The root pom builds the webapp and services modules."""
    doc = ctx.doc("pom.xml")
    for module in (ctx.layout.webapp_module, "services"):
        if not module or module in ctx.layout.modules or not ctx.files.is_file(f"{module}/pom.xml"):
            continue
        mods = doc.root.child("modules") if doc is not None and doc.root is not None else None
        where = mods.name_range if mods is not None else (doc.root.name_range if doc and doc.root else START)
        ctx.add("EXO019", W, f"the root pom.xml does not list module {module!r}: add <module>{module}</module>",
                "pom.xml", where)
    webapp_pom = ctx.layout.webapp_pom
    pom = ctx.doc(webapp_pom) if webapp_pom != "pom.xml" else doc
    if pom is None or pom.root is None:
        return
    build = pom.root.child("build")
    final = build.child("finalName") if build is not None else None
    t = ctx.type
    if final is None or final.text != t.value:
        shown = f"finalName {final.text!r}" if final is not None else "no <finalName>, so the war is named " \
                                                                       "artifactId-version"
        where = final.text_or_name_range if final is not None else (build or pom.root).name_range
        ctx.add("EXO004", E, f"{shown}: set <build><finalName>{t.value}</finalName></build> so the war is "
                             f"{t.value}.war and /{t.value} URLs reach it", webapp_pom, where)
