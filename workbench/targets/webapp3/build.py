"""A plugin project's own build (Pexip's template: `npm run build`, Vite writing dist/) and whether it is stale."""

from __future__ import annotations

import shutil
from pathlib import Path

from workbench.core.build import BuildSpec
from workbench.core.files import ProjectFiles
from workbench.core.project import Project

OUTPUT = "dist/index.html"
# What a Vite build reads: when any is newer than the output, the output is stale.
INPUTS = ("src", "public", "index.html", "package.json", "package-lock.json", "vite.config.ts", "vite.config.js",
          "vite.config.mts", "vite.config.mjs", "tsconfig.json")
# Vite and TypeScript error lines: `src/index.ts:12:5 - error TS2345: ...`, `file: /abs/src/x.ts:3:1`,
# and esbuild's `src/index.ts:4:10: ERROR: ...`.
PROBLEM_PATTERNS = (
    r"(?P<file>[^\s:()]+\.(?:ts|tsx|js|jsx|mjs)):(?P<line>\d+):(?P<col>\d+)(?::| -) (?P<severity>error|ERROR|warning)"
    r"(?: TS\d+)?:? (?P<message>.+)",
    r"^file: (?P<file>[^\s:]+\.(?:ts|tsx|js|jsx|mjs)):(?P<line>\d+):(?P<col>\d+)",
)


def build_spec(project: Project) -> BuildSpec | None:
    """`npm run build` in the project (None for a branding package: it holds built plugins)."""
    if project.kind != "webapp3-plugin":
        return None
    root = Path(project.root)
    npm = shutil.which("npm")
    missing = None
    if npm is None:
        missing = "npm is not on PATH: install Node.js (with npm) to build the plugin"
    elif not (root / "node_modules").is_dir():
        missing = "the project's dependencies are not installed: run `npm ci` (or `npm install`) in the project first"
    return BuildSpec("npm run build", (npm or "npm", "run", "build"), root, (OUTPUT,), missing, PROBLEM_PATTERNS)


def _newest(path: Path) -> float:
    try:
        if path.is_file():
            return path.stat().st_mtime
        if path.is_dir():
            return max((p.stat().st_mtime for p in path.rglob("*") if p.is_file()), default=0.0)
    except OSError:
        return 0.0
    return 0.0


def build_state(project: Project, files: ProjectFiles | None = None) -> str:
    """'missing', 'stale' or 'fresh': the build output against the newest of its inputs."""
    root = Path(project.root)
    output = root / OUTPUT
    if not output.is_file():
        return "missing"
    built = output.stat().st_mtime
    return "stale" if max(_newest(root / name) for name in INPUTS) > built else "fresh"
