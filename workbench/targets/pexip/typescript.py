"""Pexip's TypeScript plugin projects (its plugin template): src/ built by the project's own npm scripts into
dist/plugins/<name>/, beside dev-assets/ with settings.json and manifest.json (Qt-free).

The web app sees one branding package: dev-assets/ with dist/plugins/ laid over its plugins/, as the template's
development server serves them. These helpers map that package's paths to the project's files and tell whether the
built output is there and newer than what it is built from.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path

from workbench.core.build import BuildSpec, last_built
from workbench.core.project import Project
from workbench.targets.pexip.detect import TYPESCRIPT

# Compiler and bundler lines that name a place: tsc, ts-loader (message on the next line), webpack's module errors.
PROBLEM_PATTERNS = (
    r"^(?P<file>[^\s(][^(]*\.[cm]?tsx?)\((?P<line>\d+),(?P<col>\d+)\): (?P<severity>error|warning) "
    r"(?P<message>TS\d+: .*)$",
    r"\[tsl\] (?P<severity>ERROR|WARNING) in (?P<file>.+?)\((?P<line>\d+),(?P<col>\d+)\)(?P<message>)\s*$",
    # ts-loader on a problem of the compiler's configuration (TS18002, TS5023...): no file, the message follows
    r"\[tsl\] (?P<severity>ERROR|WARNING)(?P<message>)\s*$",
    r"^(?P<severity>ERROR|WARNING) in (?P<file>\S+\.[cm]?[jt]sx?) (?P<line>\d+):(?P<col>\d+)(?:-\d+)?(?P<message>)\s*$",
)
SOURCES = ("src", "templates", "package.json", "package-lock.json", "tsconfig.json", "webpack.config.js",
           "webpack.config.ts", "vite.config.js", "vite.config.ts")
SKIPPED = frozenset({"node_modules", ".git", "dist"})


def is_typescript(project: Project) -> bool:
    return project.kind == TYPESCRIPT


def folder_rel(project: Project) -> str:
    """The template's folder, relative to the project root ('' or 'webapp2')."""
    return str(project.details.get("folder", ""))


def dist_rel(project: Project) -> str:
    return str(project.details.get("dist", "dist"))


def content_path(project: Project, content_rel: str) -> str | None:
    """The project file that serves a path of the branding package (plugins/ from dist/, the rest from
    dev-assets/); None for a path that leaves the package."""
    rel = posixpath.normpath(content_rel.lstrip("/"))
    if rel == ".." or rel.startswith("../"):
        return None
    if rel == "plugins" or rel.startswith("plugins/"):
        return posixpath.join(dist_rel(project), rel)
    return posixpath.join(project.content_root, rel)


def package_relative(project: Project, rel: str) -> str | None:
    """The branding package path of a project file (None when the package does not serve it)."""
    dist = dist_rel(project) + "/plugins/"
    if rel.startswith(dist):
        return "plugins/" + rel[len(dist):]
    assets = project.content_root + "/"
    return rel[len(assets):] if rel.startswith(assets) else None


def _newest(paths: list[Path]) -> tuple[float, Path | None]:
    newest, which = 0.0, None
    for top in paths:
        files = [top] if top.is_file() else (p for p in top.rglob("*") if p.is_file()
                                             and not SKIPPED & set(p.relative_to(top).parts))
        for f in files:
            try:
                mtime = f.stat().st_mtime
            except OSError:
                continue
            if mtime > newest:
                newest, which = mtime, f
    return newest, which


def build_state(project: Project) -> tuple[str, str | None]:
    """('missing' | 'stale' | 'fresh', the project file that is newer than the build when stale)."""
    root = Path(project.root)
    folder = root / folder_rel(project)
    built, _ = _newest([root / dist_rel(project) / "plugins"]) if (root / dist_rel(project) / "plugins").is_dir() \
        else (0.0, None)
    if not built:
        return "missing", None
    built = max(built, last_built(root))
    source, which = _newest([folder / name for name in SOURCES if (folder / name).exists()])
    if source > built and which is not None:
        return "stale", which.relative_to(root).as_posix()
    return "fresh", None


def build_spec(project: Project) -> BuildSpec | None:
    """The project's own build (`npm run build`), or None for projects that need none."""
    if not is_typescript(project):
        return None
    root = Path(project.root)
    folder = root / folder_rel(project)
    where = folder_rel(project) or "the project folder"
    try:
        package = json.loads((folder / "package.json").read_text(encoding="utf-8-sig"))
        scripts = package.get("scripts") if isinstance(package, dict) else None
    except (OSError, ValueError):
        scripts = None
    script = "build" if isinstance(scripts, dict) and "build" in scripts else None
    npm = shutil.which("npm")
    missing = None
    if script is None:
        missing = (f"package.json in {where} has no \"build\" script: add one that writes "
                   f"{dist_rel(project)}/plugins/<name>/ (Pexip's template: \"webpack --mode=production\")")
    elif npm is None:
        missing = "npm is not on PATH: install Node.js (with npm) to build this TypeScript plugin"
    elif not (folder / "node_modules").is_dir():
        lock = (folder / "package-lock.json").is_file()
        missing = (f"the project's npm packages are not installed (no node_modules in {where}): run "
                   f"`{'npm ci' if lock else 'npm install'}` there first")
    return BuildSpec(title=f"npm run {script or 'build'}", command=(npm or "npm", "run", script or "build"),
                     cwd=folder, outputs=(f"{dist_rel(project)}/plugins",), missing=missing,
                     problem_patterns=PROBLEM_PATTERNS, env={"NO_COLOR": "1", "FORCE_COLOR": "0"})
