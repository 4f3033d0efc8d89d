"""Rules on an XCALLY manifest and the files it names (schema-level checks with positions, then beyond)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.core.diagnostics import Diagnostic, Position, Range, Severity
from workbench.core.file_schema import load_schema
from workbench.core.files import ProjectFiles
from workbench.core.jsondoc import JsonDocument, JsonNode
from workbench.targets.xcally.shapes import DEFAULT_ICON, PLUGIN_TYPES, ROLES, SIDEBAR_VALUES, only_side

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
STRING_FIELDS = ("name", "version", "description", "icon")
SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
ICON_NAME = re.compile(r"^icon-[a-z0-9]+(?:-[a-z0-9]+)*$")
JSON_TYPE_NAMES = {"object": "an object", "array": "an array", "string": "a string", "number": "a number",
                   "true": "true", "false": "false", "null": "null", "invalid": "not a value"}


@dataclass
class ManifestFacts:
    """What later rules need from the manifest: the plugin type and the local files it names."""

    plugin_type: str | None = None
    script_path: str | None = None  # relative to the project root, existing
    views: dict[str, str] = field(default_factory=dict)  # side -> local file (project-relative), existing


def required_fields() -> list[str]:
    """The keys every manifest needs, as the model declares them (read from its generated schema: no pydantic)."""
    return load_schema("xcally-manifest.schema.json")["required"]


def _head(rng: Range) -> Range:
    """The first character of a range: a missing field is reported at the object's opening brace."""
    return Range(rng.start, Position(rng.start.line, rng.start.column + 1))


def check_manifest(doc: JsonDocument, files: ProjectFiles) -> tuple[list[Diagnostic], ManifestFacts]:
    """Diagnostics of manifest.json (beyond JSON syntax) and the facts the other rules use."""
    facts = ManifestFacts()
    root = doc.root
    if root is None:
        return [], facts
    if root.kind != "object":
        needed = required_fields()
        return [doc.diag("XC001", E, f"manifest.json holds {JSON_TYPE_NAMES[root.kind]}: it must be a JSON object "
                                     f"with {', '.join(needed[:-1])} and {needed[-1]}")], facts
    out: list[Diagnostic] = []
    for key in required_fields():
        if key not in root.members:
            out.append(Diagnostic("XC002", E, f"required field `{key}` is missing: add it to manifest.json",
                                  doc.file, _head(root.range)))
    for key in STRING_FIELDS:
        node = root.get(key)
        if node is not None and node.kind != "string":
            hint = ' such as "1.0.0" (quotes included)' if key == "version" else ""
            out.append(doc.diag("XC003", E, f"`{key}` is {JSON_TYPE_NAMES[node.kind]}: it must be a string{hint}",
                                (key,)))
    for key in ("name", "version"):
        node = root.get(key)
        if node is not None and node.kind == "string" and not node.value.strip():
            out.append(doc.diag("XC003", E, f"`{key}` is empty: give the plugin a {key}", (key,)))
    out += _check_author(doc, root)
    out += _check_type_and_sidebar(doc, root, facts)
    out += _check_version_and_icon(doc, root)
    out += _check_parameters(doc, root, files, facts)
    return out, facts


def _check_author(doc: JsonDocument, root: JsonNode) -> list[Diagnostic]:
    author = root.get("author")
    if author is None:
        return []
    if author.kind != "object":
        return [doc.diag("XC003", E, f"`author` is {JSON_TYPE_NAMES[author.kind]}: it must be an object "
                                     "{name, email, website}", ("author",))]
    return [doc.diag("XC003", E, f"`author.{k}` is {JSON_TYPE_NAMES[v.kind]}: it must be a string", ("author", k))
            for k, v in author.members.items() if k in ("name", "email", "website") and v.kind != "string"]


def _check_type_and_sidebar(doc: JsonDocument, root: JsonNode, facts: ManifestFacts) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    kind = root.get("type")
    if kind is not None:
        if kind.kind == "string" and kind.value in PLUGIN_TYPES:
            facts.plugin_type = kind.value
        else:
            shown = repr(kind.value) if kind.kind == "string" else JSON_TYPE_NAMES[kind.kind]
            hint = f' (did you mean "{kind.value.lower()}"?)' if kind.kind == "string" and \
                kind.value.lower() in PLUGIN_TYPES else ""
            out.append(doc.diag("XC004", E, f"`type` is {shown}{hint}: use \"script\" for a Node.js app or \"html\" "
                                            "for a page", ("type",)))
    sidebar = root.get("sidebar")
    if sidebar is not None and not (sidebar.kind == "string" and sidebar.value in SIDEBAR_VALUES):
        shown = repr(sidebar.value) if sidebar.kind == "string" else JSON_TYPE_NAMES[sidebar.kind]
        match = [v for v in SIDEBAR_VALUES if isinstance(sidebar.value, str) and v.lower() == sidebar.value.lower()]
        hint = f' (did you mean "{match[0]}"? values are case-sensitive)' if match else ""
        out.append(doc.diag("XC005", E, f"`sidebar` is {shown}{hint}: use one of "
                                        + ", ".join(f'"{v}"' for v in SIDEBAR_VALUES), ("sidebar",)))
    return out


def _check_version_and_icon(doc: JsonDocument, root: JsonNode) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    version = root.get("version")
    if version is not None and version.kind == "string" and version.value.strip() and \
            not SEMVER.match(version.value):
        out.append(doc.diag("XC010", W, f"version {version.value!r} is not MAJOR.MINOR.PATCH: write it like "
                                        "\"1.0.0\"", ("version",)))
    icon = root.get("icon")
    if icon is not None and icon.kind == "string":
        if not ICON_NAME.match(icon.value):
            out.append(doc.diag("XC011", W, f"icon {icon.value!r} is not a Motion icon name: use a name like "
                                            f"\"{DEFAULT_ICON}\"", ("icon",)))
        elif icon.value != DEFAULT_ICON:
            out.append(doc.diag("XC012", INFO, f"icon {icon.value!r}: only \"{DEFAULT_ICON}\" is confirmed by the "
                                            "documentation; check it in Motion's icon list", ("icon",)))
    return out


def _check_parameters(doc: JsonDocument, root: JsonNode, files: ProjectFiles,
                      facts: ManifestFacts) -> list[Diagnostic]:
    params = root.get("parameters")
    if params is None:
        return []
    if params.kind != "object":
        return [doc.diag("XC003", E, f"`parameters` is {JSON_TYPE_NAMES[params.kind]}: it must be an object",
                         ("parameters",))]
    out: list[Diagnostic] = []
    if facts.plugin_type == "script":
        for key, what in (("scriptName", "the process name, e.g. \"my-plugin\""),
                          ("scriptPath", "the launcher path inside the zip, e.g. \"app/index.js\"")):
            node = params.get(key)
            if node is None:
                out.append(Diagnostic("XC006", E, f"a script plugin needs `parameters.{key}`: {what}", doc.file,
                                      _head(params.range)))
            elif node.kind != "string" or not node.value.strip():
                out.append(doc.diag("XC006", E, f"`parameters.{key}` must be a non-empty string: {what}",
                                    ("parameters", key)))
        out += _check_script_path(doc, params, files, facts)
        if params.get("views") is not None:
            out += _check_views(doc, params, files, facts, required=False)
    elif facts.plugin_type == "html":
        out += _check_views(doc, params, files, facts, required=True)
    out += _check_sidebar_views(doc, root, params, facts)
    return out


def _check_script_path(doc: JsonDocument, params: JsonNode, files: ProjectFiles,
                       facts: ManifestFacts) -> list[Diagnostic]:
    node = params.get("scriptPath")
    if node is None or node.kind != "string" or not node.value.strip():
        return []
    path = ("parameters", "scriptPath")
    rel = files.resolve(doc.file, node.value)
    if rel is None:
        return [doc.diag("XC007", E, f"scriptPath {node.value!r} must be a path inside the zip, relative to "
                                     "manifest.json (no leading '/', no '..' out of the package)", path)]
    if not files.is_file(rel):
        return [doc.diag("XC007", E, f"scriptPath {node.value!r}: no such file in the package; add it or "
                                     "correct the path (relative to manifest.json)", path)]
    facts.script_path = rel
    return []


def _check_views(doc: JsonDocument, params: JsonNode, files: ProjectFiles, facts: ManifestFacts,
                 required: bool) -> list[Diagnostic]:
    views = params.get("views")
    if views is None:
        return [Diagnostic("XC008", E, "an html plugin needs `parameters.views` with `admin` and/or `agent` (a URL "
                                       "or an html file in the zip)", doc.file, _head(params.range))] if required else []
    if views.kind != "object":
        return [doc.diag("XC008", E, f"`parameters.views` is {JSON_TYPE_NAMES[views.kind]}: it must be an object "
                                     "with `admin` and/or `agent`", ("parameters", "views"))]
    out: list[Diagnostic] = []
    if "admin" not in views.members and "agent" not in views.members:
        out.append(Diagnostic("XC008", E, "`parameters.views` needs `admin` and/or `agent`: a URL or the path of an "
                                          "html file in the zip", doc.file, _head(views.range)))
    for side in ROLES:
        node = views.get(side)
        if node is None:
            continue
        path = ("parameters", "views", side)
        if node.kind != "string" or not node.value.strip():
            out.append(doc.diag("XC008", E, f"`views.{side}` must be a non-empty string: a URL or an html file",
                                path))
            continue
        out += _check_view(doc, files, facts, side, node.value, path)
    return out


def _check_view(doc: JsonDocument, files: ProjectFiles, facts: ManifestFacts, side: str, value: str,
                path: tuple) -> list[Diagnostic]:
    lowered = value.strip().lower()
    if lowered.startswith("http://"):
        return [doc.diag("XC020", W, f"views.{side} is an http:// URL: Motion runs over HTTPS and the browser "
                                     "blocks mixed content; use https://", path)]
    if lowered.startswith(("https://", "//")):
        return []
    local = value.split("#")[0].split("?")[0]
    rel = files.resolve(doc.file, local)
    if rel is None or not files.is_file(rel):
        return [doc.diag("XC009", E, f"views.{side} {value!r}: no such file in the package; add the html file, "
                                     "correct the path (relative to manifest.json) or give an https:// URL", path)]
    facts.views[side] = rel
    if not rel.lower().endswith((".html", ".htm")):
        return [doc.diag("XC021", W, f"views.{side} {value!r} is not an .html file: point it at an html page",
                         path)]
    return []


def _check_sidebar_views(doc: JsonDocument, root: JsonNode, params: JsonNode,
                         facts: ManifestFacts) -> list[Diagnostic]:
    sidebar = root.get("sidebar")
    views = params.get("views")
    if sidebar is None or sidebar.kind != "string" or views is None or views.kind != "object":
        return []
    needed = only_side(sidebar.value) if isinstance(sidebar.value, str) else None
    if needed and needed not in views.members:
        other = "admin" if needed == "agent" else "agent"
        return [doc.diag("XC019", W, f"sidebar is \"{sidebar.value}\" but there is no views.{needed}: add "
                                     f"views.{needed}, or set sidebar to show the {other} side", ("sidebar",))]
    return []
