"""The settings a provider's JavaScript gets through configure(settings), built as eXo builds them: the core's base
fields (active, type, supportedTypes, title, version, messages), then what the provider's Java getSettings()
serialises (read from the source), then, when no Java settings can be read, the XML properties."""

from __future__ import annotations

import posixpath
from typing import Any

from workbench.core.files import ProjectFiles
from workbench.targets.exo.javaeval import UNKNOWN, Evaluator, JObject, TooMuchWork, bean_name
from workbench.targets.exo.javamodel import JClass, project_classes
from workbench.targets.exo.javascan import java_facts
from workbench.targets.exo.layout import Layout
from workbench.targets.exo.xmltree import xml_document

DEFAULTS = {"int": 0, "long": 0, "short": 0, "double": 0, "float": 0, "boolean": False}
BASE_FIELDS = ("active", "type", "supportedTypes", "title", "version", "messages")


def build_settings(files: ProjectFiles, layout: Layout, facts) -> None:
    """Fill facts.settings, facts.origins and facts.unreadable for one provider."""
    roots = layout.java_roots()
    classes = project_classes(files, roots)
    cls = classes.get((facts.provider_class or "").rsplit(".", 1)[-1].split("$")[-1])
    base: dict[str, Any] = {"active": facts.active, "type": facts.type, "supportedTypes": [facts.type],
                            "title": facts.title, "version": None, "messages": messages(files, layout)}
    evaluator = Evaluator(classes, dict(facts.properties), dict(base))
    try:
        if cls is not None and _java_settings(evaluator, cls, facts):
            return
        if cls is None:
            why = "the provider class source is not in the project"
        elif _overrides_settings(classes, cls):
            why = "no getSettings() of the provider class could be read"
        else:  # CallProvider's own settings: the base fields are exactly what eXo sends
            why = ""
        base = evaluator.base  # with what the provider's getters told (supported types, version)
    except (TooMuchWork, RecursionError) as exc:  # a hostile or runaway source: its settings are not evaluated
        why = f"the provider's Java source was not evaluated ({exc or 'nested too deeply'})"
    facts.settings = dict(base)
    facts.origins = dict.fromkeys(base, "base")
    if why:
        facts.unreadable["(settings)"] = why
    for name, value in xml_settings(facts.type, layout.config_folder_type, facts.properties).items():
        if name not in facts.settings:
            facts.settings[name] = value
            facts.origins[name] = "xml"


def _java_settings(evaluator: Evaluator, cls: JClass, facts) -> bool:
    """Fill facts.settings from the provider's Java getSettings(); False when its settings object cannot be read."""
    base = evaluator.base
    provider = _construct_provider(evaluator, cls)
    for name, getter in (("supportedTypes", "getSupportedTypes"), ("version", "getVersion")):
        value = evaluator.invoke(provider, getter, [])
        if value is not UNKNOWN:
            base[name] = value
    settings_obj = _settings_object(evaluator, provider)
    if not isinstance(settings_obj, JObject):
        return False
    unreadable: dict[str, str] = {}
    settings = dict(base)
    origins = dict.fromkeys(base, "base")
    for name, value in serialise(evaluator, settings_obj, unreadable).items():
        if name not in settings or value is not None:
            settings[name] = value
            origins.setdefault(name, "java")
    facts.settings, facts.origins = settings, origins
    facts.unreadable.update(unreadable)
    return True


def _overrides_settings(classes: dict, cls: JClass) -> bool:
    """Whether the provider class, or a superclass in the project, declares getSettings() (or the builder form)."""
    seen: set[str] = set()
    while cls is not None and cls.name not in seen:
        if cls.methods.get("getSettings") or cls.methods.get("settings"):
            return True
        seen.add(cls.name)
        cls = classes.get((cls.extends or "").rsplit(".", 1)[-1])
    return False


def _construct_provider(evaluator: Evaluator, cls: JClass) -> JObject:
    """The provider as the eXo container builds it: its constructor with the most parameters."""
    ctor = max(cls.ctors, key=lambda c: len(c.params), default=None)
    return evaluator.construct(cls, [UNKNOWN] * (len(ctor.params) if ctor else 0))


def _settings_object(evaluator: Evaluator, provider: JObject) -> Any:
    """getSettings(), or the builder of the connector template's newer form: settings().build()."""
    if provider.cls.method("getSettings", 0) is not None:
        return evaluator.invoke(provider, "getSettings", [])
    if provider.cls.method("settings", 0) is not None:
        builder = evaluator.invoke(provider, "settings", [])
        return evaluator.invoke(builder, "build", []) if isinstance(builder, JObject) else UNKNOWN
    return UNKNOWN


def getters(evaluator: Evaluator, cls: JClass) -> list[tuple[str, str]]:
    """(property, return type) of the public getters of the class and its project superclasses, then the base's."""
    out: dict[str, tuple[str, str]] = {}
    seen = set()
    current: JClass | None = cls
    reaches_base = old_base = False
    while current is not None and current.name not in seen:
        seen.add(current.name)
        for name, methods in current.methods.items():
            for m in methods:
                if not m.params and name != "getClass" and (name.startswith("get") and len(name) > 3 or
                                                              name.startswith("is") and len(name) > 2):
                    out.setdefault(bean_name(name), (name, m.returns))
        reaches_base = reaches_base or current.extends in ("Settings", "CallProviderSettings")
        old_base = old_base or current.extends == "CallProviderSettings"
        current = evaluator.classes.get(current.extends or "")
    if reaches_base:
        for prop in BASE_FIELDS + (("callTitle", "joinTitle") if old_base else ()):
            out.setdefault(prop, (("is" if prop == "active" else "get") + prop[:1].upper() + prop[1:], ""))
    return [(prop, getter) for prop, (getter, _ret) in out.items()] + \
        [(f"__type__{prop}", ret) for prop, (_g, ret) in out.items()]


def serialise(evaluator: Evaluator, obj: JObject, unreadable: dict[str, str], path: str = "",
              depth: int = 0) -> dict[str, Any]:
    """The JSON of a bean as eXo's JSON generator writes it (its getters); unknown values named in unreadable."""
    pairs = getters(evaluator, obj.cls)
    types = {k[len("__type__"):]: v for k, v in pairs if k.startswith("__type__")}
    out: dict[str, Any] = {}
    for prop, getter in (p for p in pairs if not p[0].startswith("__type__")):
        value = evaluator.invoke(obj, getter, [])
        if value is UNKNOWN:
            value = default_of(evaluator, types.get(prop, ""), depth)
            unreadable[path + prop] = f"{obj.cls.name}.{getter}() cannot be read from the source: " + \
                ("null" if value is None else "its type's default") + " shown; set it in the panel"
        out[prop] = to_json(evaluator, value, unreadable, path + prop + ".", depth)
    return out


def to_json(evaluator: Evaluator, value: Any, unreadable: dict[str, str], path: str, depth: int) -> Any:
    if isinstance(value, JObject):
        return serialise(evaluator, value, unreadable, path, depth + 1) if depth < 6 else None
    if isinstance(value, list):
        return [to_json(evaluator, v, unreadable, path, depth) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(evaluator, v, unreadable, path, depth) for k, v in value.items()}
    return None if value is UNKNOWN else value


def default_of(evaluator: Evaluator, type_: str, depth: int) -> Any:
    """What a never-set field of that Java type serialises to (a project bean: its own defaults)."""
    if type_ in DEFAULTS:
        return DEFAULTS[type_]
    cls = evaluator.classes.get(type_)
    if cls is not None and depth < 4:
        return evaluator.construct(cls, [])
    if type_ in ("List", "Set", "Collection") or type_.endswith("[]"):
        return []
    if type_ == "Map":
        return {}
    return None


def xml_settings(type_: str, folder: str, properties: dict[str, str]) -> dict[str, Any]:
    """The XML properties as settings, when no Java settings can be read; `<type>-clientId` also as clientId."""
    settings: dict[str, Any] = dict(properties)
    for prefix in {f"{type_}-", f"{folder}-"}:
        for name, value in properties.items():
            if name.startswith(prefix):
                settings.setdefault(name[len(prefix):], value)
    if "clientId" in settings:
        settings.setdefault("apiClientId", settings["clientId"])
    settings.setdefault("url", f"/{folder}")
    return settings


def messages(files: ProjectFiles, layout: Layout) -> dict[str, str]:
    """The resource bundle the connector's portlet adds to its settings (getResourceMessages("locale.x.Y")), in
    English; {} when it adds none."""
    java_root = posixpath.join(layout.webapp_module, "src/main/java") if layout.webapp_module else "src/main/java"
    bundles = []
    for rel in files.walk_files(java_root):
        facts = java_facts(files, rel) if rel.endswith(".java") else None
        bundles += [s.value for s in (facts.strings if facts else []) if s.value.startswith("locale.")]
    out: dict[str, str] = {}
    for bundle in bundles:
        for root in ("services/src/main/resources", posixpath.join(layout.webapp_module, "src/main/resources")):
            stem = posixpath.join(root, bundle.replace(".", "/"))
            out.update(_properties(files.read_text(stem + "_en.properties") or files.read_text(stem + ".properties")))
            out.update(_xml_bundle(files, stem + "_en.xml"))
    return out


def _properties(text: str | None) -> dict[str, str]:
    out = {}
    for line in (text or "").splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "!")) and ("=" in line or ":" in line):
            key, _, value = line.partition("=") if "=" in line else line.partition(":")
            out[key.strip()] = value.strip()
    return out


def _xml_bundle(files: ProjectFiles, rel: str) -> dict[str, str]:
    """An eXo XML resource bundle: nested elements, keys joined with dots (the root element left out)."""
    doc = xml_document(files, rel)
    out: dict[str, str] = {}

    def walk(el, prefix: str) -> None:
        kids = list(el.children)
        if not kids and el.text:
            out[prefix] = el.text
        for kid in kids:
            walk(kid, f"{prefix}.{kid.name}" if prefix else kid.name)

    if doc is not None and doc.root is not None:
        for kid in doc.root.children:
            walk(kid, kid.name)
    return out
