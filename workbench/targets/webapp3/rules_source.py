"""A plugin's source rules: registerPlugin (called once, with the manifest's id), each API call's payload against
the plugin-api types, icons, deprecated and removed API, registerWidget's parent id."""

from __future__ import annotations

from workbench.core.diagnostics import Diagnostic, QuickFix, TextEdit
from workbench.core.files import ProjectFiles
from workbench.targets.webapp3 import apitypes
from workbench.targets.webapp3.codes import diag
from workbench.targets.webapp3.layout import PluginRef
from workbench.targets.webapp3.sourcefacts import ApiCall, SourceFacts, Value, source_facts


def plugin_facts(ref: PluginRef, files: ProjectFiles) -> list[SourceFacts]:
    return [f for rel in ref.sources if (f := source_facts(files, rel)) is not None]


def registered_ids(facts: list[SourceFacts]) -> list[str]:
    """The ids the sources pass to registerPlugin, in order."""
    return [r.id for f in facts for r in f.registers if r.function == "registerPlugin" and r.id]


def check_register(ref: PluginRef, facts: list[SourceFacts], manifest: str | None) -> list[Diagnostic]:
    """WA3009-WA3011 and WA3022 for one plugin."""
    out: list[Diagnostic] = []
    registers = [(f, r) for f in facts for r in f.registers if r.function == "registerPlugin"]
    if not registers:
        if ref.sources and not any(f.syntax_error for f in facts):
            where = ref.page if manifest is None else manifest
            out.append(diag("WA3010", f"no source of plugin {ref.label!r} calls registerPlugin from "
                                      "@pexip/plugin-api", ref.sources[0] if manifest is None else where))
        return out
    if len(registers) > 1 and all(f.language != "bundle" for f, _ in registers):
        for f, r in registers[1:]:
            out.append(diag("WA3011", "registerPlugin is called more than once in this plugin", f.file, r.range))
    for f, r in registers:
        if ref.id and r.id and r.id != ref.id and r.id_range is not None:
            fix = None if f.language == "bundle" else QuickFix(
                f"Use the manifest's id {ref.id!r}", (TextEdit(f.file, r.id_range, ref.id),))
            out.append(diag("WA3009", f"registerPlugin id {r.id!r} differs from the manifest's id {ref.id!r}",
                            f.file, r.id_range, fix))
    parent = ref.id or next((r.id for _, r in registers if r.id), None)
    for f in facts:
        for r in f.registers:
            if r.function == "registerWidget" and parent and r.id and r.id != parent:
                out.append(diag("WA3022", f"registerWidget's parentPluginId {r.id!r} is not the plugin's id "
                                          f"{parent!r}: the app answers ack: false", f.file, r.id_range or r.range))
    return out


def check_calls(facts: SourceFacts) -> list[Diagnostic]:
    """Every plugin-API call of one file against the package's types."""
    out: list[Diagnostic] = []
    if facts.syntax_error is not None and facts.language != "bundle":
        out.append(diag("WA3019", f"{facts.language} syntax error here: the build will fail", facts.file,
                        facts.syntax_error))
    for _name, rng in facts.removed:
        out.append(diag("WA3016", apitypes.IFRAME_MANAGER, facts.file, rng))
    for call in facts.calls:
        out += _call(facts.file, call)
    return out


def _call(file: str, call: ApiCall) -> list[Diagnostic]:
    if call.area == "events":
        if call.name in apitypes.DEPRECATED_EVENTS:
            return [diag("WA3015", apitypes.DEPRECATED_EVENTS[call.name], file, call.range)]
        if call.name not in apitypes.EVENTS and call.known_root:
            return [diag("WA3016", f"events.{call.name} is not an event of @pexip/plugin-api (there are "
                                   f"{', '.join(apitypes.EVENTS)})", file, call.range)]
        return []
    spec = apitypes.CALLS[call.area].get(call.name)
    if spec is None:
        if (call.area, call.name) in apitypes.REMOVED:
            return [diag("WA3016", apitypes.REMOVED[(call.area, call.name)], file, call.range)]
        if call.known_root:
            names = ", ".join(apitypes.CALLS[call.area])
            return [diag("WA3016", f"{call.area}.{call.name} is not a function of the plugin object "
                                   f"(plugin.{call.area} has {names})", file, call.range)]
        return []
    if call.payload is None or spec.payload is None:
        return []
    return payload_diagnostics(file, f"{call.area}.{call.name}", spec.payload, call.payload)


def payload_diagnostics(file: str, what: str, spec: apitypes.Spec, payload: Value) -> list[Diagnostic]:
    """One diagnostic per problem of a payload, at the offending property."""
    problems = apitypes.check(spec, payload.value)
    form = payload.value.get("form") if isinstance(payload.value, dict) else None
    if spec is apitypes.FORM and isinstance(form, dict) and isinstance(form.get("elements"), dict):
        problems += [(("form", "elements", *path), message)
                     for path, message in apitypes.form_element_problems(form["elements"])]
    out = []
    for path, message in problems:
        where = ".".join(str(p) for p in path) or "the payload"
        if "Invalid Icon name" in message:
            out.append(diag("WA3013", f"{what}: `{where}` {message}", file, payload.range_of(path)))
        elif "is not a property" in message:
            out.append(diag("WA3014", f"{what}: `{where}` {message}", file, payload.range_of(path, key=True)))
        else:
            out.append(diag("WA3012", f"{what}: `{where}` {message}", file, payload.range_of(path)))
    return out
