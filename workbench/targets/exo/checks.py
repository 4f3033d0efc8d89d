"""Rules on a connector: the provider configuration, the names that must agree, and the files they reference."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.core.diagnostics import Diagnostic, Range, Severity
from workbench.core.files import ProjectFiles
from workbench.core.project import Project
from workbench.targets.exo.connector import (
    ACTIVE_VALUES,
    gatein_modules,
    module_path,
    pick_module,
    provider_properties,
    provider_source,
    resolve_placeholders,
)
from workbench.targets.exo.javascan import java_facts, returned_string
from workbench.targets.exo.layout import (
    Layout,
    find_provider_config,
    layout_of,
    provider_configuration,
    provider_plugins,
)
from workbench.targets.exo.names import check_module_references, check_webapp_names
from workbench.targets.exo.xmltree import XmlDocument, XmlElement, xml_document

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
TYPE_FORM = re.compile(r"^[a-z][a-z0-9_]*$")
TYPE_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
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
                if value not in ACTIVE_VALUES:
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
    ret = returned_string(ctx.files, ctx.layout.java_roots(), facts, "getType")
    if ret is None:
        where = facts.class_range or START
        ctx.add("EXO014", W, "the provider's getType() does not return a string literal or constant: the "
                             "workbench cannot compare the type", source, where)
        return
    ctx.type = TypeFact(ret.value, source, ret.range, f"the provider class getType() in {source}")


def check_names(ctx: Context) -> None:
    """The type is a word; the names of the webapp agree with each other and with what refers to them.

    eXo does not ask the war, display-name, exo-conf dependency or configuration folder to equal the provider type
    (published add-ons use `external-visio` for the type `externalVisio`): they must name the same webapp."""
    layout, folder = ctx.layout, ctx.layout.config_folder_type
    if ctx.type is None:
        ctx.type = TypeFact(folder, layout.config_xml, START, f"the configuration folder WEB-INF/conf/{folder}")
    t = ctx.type
    if not TYPE_WORD.match(t.value):
        fixed = re.sub(r"[^A-Za-z0-9_]", "", t.value) or "myconnector"
        ctx.add("EXO002", E, f"provider type {t.value!r} must be one word of letters, digits and _ (it names CometD "
                             f"channels, call ids and the user's IM accounts), e.g. {fixed!r}", t.file, t.range)
    elif not TYPE_FORM.match(t.value):
        ctx.add("EXO021", INFO, f"provider type {t.value!r} is not lowercase: the Web Conferencing guide asks for one "
                                "lowercase word (eXo takes it as it is)", t.file, t.range)
    _check_import(ctx, folder)
    check_webapp_names(ctx)


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
    check_module_references(ctx, doc, module)
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
