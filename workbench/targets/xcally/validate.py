"""Validation of an XCALLY plugin: manifest, the files it names, script dependencies and package size."""

from __future__ import annotations

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


def check_size(project: Project, files: ProjectFiles, manifest_rel: str) -> list[Diagnostic]:
    """The projected zip size (files an export includes) against App Zone's 50 MB limit, warning above 4 MB."""
    entries = package_files(files, project.content_root)
    total = sum(f.size for f in entries)
    if total <= OLD_PACKAGE_LIMIT_BYTES:
        return []
    largest = ", ".join(f"{f.arcname} ({human_size(f.size, binary=True)})"
                        for f in sorted(entries, key=lambda f: -f.size)[:3])
    shown = human_size(total, binary=True)  # the limits below are binary megabytes
    if total > PACKAGE_LIMIT_BYTES:
        return [Diagnostic("XC013", E, f"the package would be {shown}, above App Zone's 50 MB limit: "
                                       f"remove or shrink files (largest: {largest})", manifest_rel)]
    return [Diagnostic("XC014", W, f"the package would be {shown}, above the 4 MB an older Motion "
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
