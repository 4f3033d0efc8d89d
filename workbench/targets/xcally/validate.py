"""Validation of an XCALLY plugin: manifest, the files it names, script dependencies and package size."""

from __future__ import annotations

from pathlib import PurePosixPath

from workbench.core.diagnostics import Diagnostic, Severity
from workbench.core.files import ProjectFiles
from workbench.core.packaging.report import human_size
from workbench.core.project import Project
from workbench.targets.xcally.checks import ManifestFacts, check_manifest
from workbench.targets.xcally.contents import package_files
from workbench.targets.xcally.requires import package_name, script_modules
from workbench.targets.xcally.rules import OLD_PACKAGE_LIMIT_BYTES, PACKAGE_LIMIT_BYTES
from workbench.targets.xcally.target import manifest_path, missing_manifest

E, W = Severity.ERROR, Severity.WARNING
DEPENDENCY_KEYS = ("dependencies", "optionalDependencies", "peerDependencies", "bundledDependencies")


def validate_plugin(project: Project, files: ProjectFiles) -> list[Diagnostic]:
    """Every diagnostic of the plugin, positions included."""
    rel = manifest_path(project)
    doc = files.json(rel)
    if doc is None:
        return [missing_manifest(project)]
    out = list(doc.diagnostics)
    diags, facts = check_manifest(doc, files)
    out += diags
    out += check_script(project, files, facts, rel)
    out += check_size(project, files, rel)
    return out


# Formats that are compressed already: a zip cannot shrink them, so they count in full towards the upload limit.
COMPRESSED_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".jar",
    ".war", ".mp3", ".mp4", ".m4a", ".mov", ".avi", ".mkv", ".webm", ".ogg", ".woff", ".woff2", ".pdf",
})


def check_size(project: Project, files: ProjectFiles, manifest_rel: str) -> list[Diagnostic]:
    """The package size against App Zone's 50 MB limit (and the 4 MB of an older release).

    The limit applies to the zip; before the export compresses it, only already-compressed files give a size that is
    certain. So: an error when they alone pass the limit, a warning when the files pass it before compression (the
    export then measures the zip and refuses it above the limit)."""
    entries = package_files(files, project.content_root)
    total = sum(f.size for f in entries)
    if total <= OLD_PACKAGE_LIMIT_BYTES:
        return []
    largest = ", ".join(f"{f.arcname} ({human_size(f.size)})" for f in sorted(entries, key=lambda f: -f.size)[:3])
    certain = sum(f.size for f in entries if PurePosixPath(f.arcname).suffix.lower() in COMPRESSED_SUFFIXES)
    if certain > PACKAGE_LIMIT_BYTES:
        return [Diagnostic("XC013", E, f"already-compressed files (images, archives, media) alone come to "
                                       f"{human_size(certain)}, above App Zone's 50 MB limit: remove or shrink files "
                                       f"(largest: {largest})", manifest_rel)]
    if total > PACKAGE_LIMIT_BYTES:
        return [Diagnostic("XC022", W, f"the files come to {human_size(total)} before compression, above App Zone's "
                                       f"50 MB limit: the zip may be refused (the export measures it and refuses it "
                                       f"above 50 MB); largest: {largest}", manifest_rel)]
    return [Diagnostic("XC014", W, f"the files come to {human_size(total)}, above the 4 MB an older Motion "
                                   f"release accepted (largest: {largest})", manifest_rel)]


def check_script(project: Project, files: ProjectFiles, facts: ManifestFacts, manifest_rel: str) -> list[Diagnostic]:
    """Syntax of the script's JS, relative requires, and a package.json declaring its non-built-in modules."""
    if facts.plugin_type != "script" or facts.script_path is None:
        return []
    modules = script_modules(files, facts.script_path)
    out = list(modules.syntax)
    out += [Diagnostic("XC017", W, f"require({ref.specifier!r}): no such file in the package; the script would "
                                   "fail at start", ref.file, ref.range) for ref in modules.unresolved]
    if not modules.external:
        return out
    pkg_rel = f"{project.content_root}/package.json" if project.content_root else "package.json"
    pkg = files.json(pkg_rel)
    if pkg is None:
        first = modules.external[0]
        names = sorted({package_name(r.specifier) for r in modules.external})
        out.append(Diagnostic("XC015", E, f"the script loads {', '.join(names)} but the plugin has no package.json: "
                                          "add one listing them in dependencies (npm install --save "
                                          f"{' '.join(names)})", first.file, first.range))
        return out
    out += pkg.diagnostics
    value = pkg.value if isinstance(pkg.value, dict) else {}
    declared: set[str] = set()
    for key in DEPENDENCY_KEYS:
        deps = value.get(key)
        if isinstance(deps, dict):
            declared |= set(deps)
        elif isinstance(deps, list):
            declared |= {d for d in deps if isinstance(d, str)}
    own_name = value.get("name")
    for ref in modules.external:
        name = package_name(ref.specifier)
        if name not in declared and name != own_name:
            out.append(Diagnostic("XC016", W, f"{name!r} is not in package.json dependencies: run npm install "
                                              f"--save {name}", ref.file, ref.range))
    return out
