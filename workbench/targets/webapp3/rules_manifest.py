"""The branding manifest's rules: the schema, plugin entries (ids, pages, sandbox values) and unlisted folders."""

from __future__ import annotations

import posixpath
from functools import cache

from workbench.core.diagnostics import WHOLE_FILE, Diagnostic
from workbench.core.file_schema import load_schema
from workbench.core.files import ProjectFiles
from workbench.targets.webapp3.codes import diag
from workbench.targets.webapp3.layout import Layout, PluginRef
from workbench.targets.webapp3.sandbox import ACCEPTED, DEFAULT

SCHEMA_NAME = "webapp3-branding-manifest.schema.json"
_KIND = {dict: "an object", list: "an array", str: "a string", bool: "true or false", type(None): "null",
         int: "a number", float: "a number"}


@cache
def _validator():
    from jsonschema import Draft202012Validator  # the slowest import of the CLI path: loaded on first use
    return Draft202012Validator(load_schema(SCHEMA_NAME))


def schema_diagnostics(layout: Layout) -> list[Diagnostic]:
    """WA3001 for each place the manifest breaks its schema, at that place."""
    doc = layout.doc
    if doc is None or doc.root is None:
        return []
    out = []
    for error in _validator().iter_errors(doc.value):
        path = tuple(error.absolute_path)
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "the manifest"
        if error.validator == "required":
            message = f"`{where}` lacks the required key {error.message.split(' ')[0]}: add it"
        elif error.validator == "type":
            message = f"`{where}` must be {error.validator_value}, not {_KIND.get(type(error.instance), 'that')}"
        elif error.validator == "minLength":
            message = f"`{where}` must not be empty"
        else:
            message = f"`{where}`: {error.message}"
        if not doc.ok and error.validator == "required":
            continue  # a half-typed file lost keys: its syntax error is what to read
        out.append(diag("WA3001", message, layout.manifest, doc.range_of(path)))
    return out


def check_entries(layout: Layout, files: ProjectFiles) -> list[Diagnostic]:
    """Ids (present, unique), pages (inside the package, existing, HTML) and sandbox values of every entry."""
    out: list[Diagnostic] = []
    doc, rel = layout.doc, layout.manifest
    if doc is None or rel is None:
        return out
    seen_ids: dict[str, int] = {}
    for ref in layout.plugins:
        base = ("plugins", ref.index)
        if ref.id is None:
            out.append(diag("WA3002", f"plugin {ref.label!r} has no `id`: widgets and registerWidget need the id it "
                                      "registers with (Infinity v37 and later)", rel, doc.range_of(base)))
        elif ref.id in seen_ids:
            out.append(diag("WA3003", f"plugin id {ref.id!r} is used by plugins[{seen_ids[ref.id]}] too",
                            rel, doc.range_of((*base, "id"))))
        else:
            seen_ids[ref.id] = ref.index
        out += _page(ref, files, layout)
        out += _sandbox(ref, layout)
    return out


def _page(ref: PluginRef, files: ProjectFiles, layout: Layout) -> list[Diagnostic]:
    doc, rel = layout.doc, layout.manifest
    where = doc.range_of(("plugins", ref.index, "src"))
    if ref.src is None:
        return []
    if ref.url:
        return [diag("WA3005", f"{ref.src} is loaded from a URL: the package does not hold this plugin", rel, where)]
    if ref.page is None or not files.is_file(ref.page):
        shown = ref.page or ref.src
        return [diag("WA3004", f"{shown} does not exist inside the branding package: the plugin's iframe would stay "
                               "empty", rel, where)]
    if not ref.page.lower().endswith((".html", ".htm")):
        return [diag("WA3020", f"{ref.src} is not an HTML page: the app loads it into an iframe", rel, where)]
    return []


def _sandbox(ref: PluginRef, layout: Layout) -> list[Diagnostic]:
    out = []
    doc, rel = layout.doc, layout.manifest
    for i, value in enumerate(ref.sandbox):
        where = doc.range_of(("plugins", ref.index, "sandboxValues", i))
        if value == DEFAULT:
            out.append(diag("WA3007", "allow-scripts is the default of every plugin iframe", rel, where))
        elif value not in ACCEPTED:
            out.append(diag("WA3006", f"{value!r} is ignored by the app; it accepts {', '.join(ACCEPTED[1:])}",
                            rel, where))
        elif value == "allow-same-origin":
            out.append(diag("WA3008", "with allow-same-origin the plugin can reach the app's page, storage and "
                                      "cookies", rel, where))
    return out


def check_unlisted(layout: Layout, files: ProjectFiles) -> list[Diagnostic]:
    """WA3017 for each folder under plugins/ that no entry's page lies in."""
    plugins_dir = posixpath.join(layout.content, "plugins") if layout.content else "plugins"
    used = {ref.page for ref in layout.plugins if ref.page}
    out = []
    for name in files.listdir(plugins_dir):
        folder = posixpath.join(plugins_dir, name)
        if files.is_dir(folder) and not any(page.startswith(folder + "/") for page in used):
            rng = layout.doc.range_of(("plugins",), key=True) if layout.doc else WHOLE_FILE
            out.append(diag("WA3017", f"{folder}/ is not loaded by any `plugins` entry of the manifest",
                            layout.manifest, rng))
    return out
