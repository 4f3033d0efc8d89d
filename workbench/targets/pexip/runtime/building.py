"""A TypeScript plugin project in the preview and in scenarios: built (with its own npm scripts) before the page
loads when its output is missing or older than its sources, and built again when a source changes."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.build import BuildResult, run_build
from workbench.core.hostlog import ERROR, HOST, WARNING, HostLog
from workbench.core.project import Project
from workbench.targets.pexip.typescript import SOURCES, build_spec, build_state, dist_rel, folder_rel, package_relative

TAIL_LINES = 12  # of the tool's output, in the log when a build fails
NOT_BY_ITSELF = ("Project → Build (Ctrl+Shift+B) runs {title} (the preview runs a project's own scripts by itself "
                 "only once you have built or run it here)")


@dataclass
class Changes:
    """A batch of changed project files, sorted for a TypeScript project."""

    sources: list[str] = field(default_factory=list)  # what the build reads: build again
    package: list[str] = field(default_factory=list)  # branding package paths (dev-assets/, dist/plugins/)


def split_changes(project: Project, files: Iterable[str]) -> Changes:
    """Which changed files the build reads and which the page serves (as branding package paths)."""
    out = Changes()
    folder = folder_rel(project)
    prefix = f"{folder}/" if folder else ""
    for rel in files:
        inner = rel[len(prefix):] if rel.startswith(prefix) else None
        top = inner.split("/", 1)[0] if inner else None
        if top in SOURCES and not rel.startswith(dist_rel(project) + "/"):
            out.sources.append(rel)
            continue
        served = package_relative(project, rel)
        if served is not None:
            out.package.append(served)
    return out


def output_marks(project: Project) -> dict[str, int]:
    """The built files and their modification times (to tell the build's own writes from later ones)."""
    root = Path(project.root)
    plugins = root / dist_rel(project) / "plugins"
    marks = {}
    for path in plugins.rglob("*") if plugins.is_dir() else []:
        try:
            if path.is_file():
                marks[path.relative_to(root).as_posix()] = path.stat().st_mtime_ns
        except OSError:
            continue
    return marks


async def build(project: Project, log: HostLog, cancel: threading.Event | None = None) -> BuildResult | None:
    """Run the project's build off the GUI thread and log how it went; None when it cannot run (logged). Setting
    cancel (the session closes) stops the build's whole process tree."""
    spec = build_spec(project)
    if spec is None:
        return None
    if spec.missing:
        log.add(WARNING, spec.missing, build=True)
        return None
    log.add(HOST, f"building: {spec.title}", build=True)
    loop = asyncio.get_event_loop()
    result = await loop.run_in_executor(None, lambda: run_build(
        spec, Path(project.root), None, cancel, needed=lambda: build_state(project)[0] != "fresh"))
    if result.cancelled:
        return result
    if result.skipped:
        log.add(HOST, "built meanwhile by another run of this project", build=True)
        return result
    if result.ok:
        log.add(HOST, f"built in {result.seconds:.1f} s ({spec.title})", build=True)
        return result
    for d in result.diagnostics:
        log.add(ERROR, d.message, file=d.file or None, line=d.range.start.line, column=d.range.start.column,
                build=True)
    tail = [line for line in result.tail if line.strip()][-TAIL_LINES:]
    log.add(HOST, "the build's output ended with:\n" + "\n".join(tail), build=True)
    return result


async def ensure_built(project: Project, log: HostLog, may_build: bool = True,
                       cancel: threading.Event | None = None) -> str | None:
    """Build before the page loads when the output is missing or stale; why the plugin cannot run, if so. Without
    may_build (a project the user never ran here) the last build runs, and a missing one is a reason."""
    state, newer = build_state(project)
    if state == "fresh":
        return None
    if not may_build:
        spec = build_spec(project)
        title = spec.title if spec is not None else "its build"
        if state == "missing":
            return f"the plugin has not been built yet: {NOT_BY_ITSELF.format(title=title)}"
        log.add(WARNING, f"{newer} changed after the last build: the preview runs the last build; "
                         + NOT_BY_ITSELF.format(title=title), build=True)
        return None
    if state == "stale":
        log.add(HOST, f"{newer} changed after the last build: building again", build=True)
    result = await build(project, log, cancel)
    if result is not None and not result.ok:
        return f"the build failed: {result.diagnostics[0].message}" if result.diagnostics else "the build failed"
    if state == "missing" and build_state(project)[0] == "missing":
        spec = build_spec(project)
        return (spec.missing if spec is not None and spec.missing else
                f"the build wrote nothing into {dist_rel(project)}/plugins/") + \
            " (the plugin has not been built yet)"
    if result is None and state == "stale":
        log.add(WARNING, "the preview runs the last build: it is older than the sources", build=True)
    return None
