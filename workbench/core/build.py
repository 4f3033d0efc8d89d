"""A project's own build (npm scripts, Maven...), as a host describes it and the workbench runs it (Qt-free).

A host says how its projects build (`Target.build_spec(project) -> BuildSpec | None`); the command line and the
window run the same spec with `run_build` (blocking: call it from a worker thread), which streams the output lines,
maps the tool's error lines to diagnostics on the project's files, and kills the whole process tree when cancelled.
"""

from __future__ import annotations

import re
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.diagnostics import Diagnostic, Position, Range, Severity

BUILD_FAILED = "WB010"  # the build exited with an error the output did not locate
# When the workbench last built the project successfully: bundlers skip writing outputs that did not change, so
# their times alone cannot tell a build that is up to date from one that is stale.
BUILD_STAMP = ".workbench/build-stamp"


def last_built(root: Path) -> float:
    """The time of the last successful build the workbench ran for the project (0 when none)."""
    try:
        return (Path(root) / BUILD_STAMP).stat().st_mtime
    except OSError:
        return 0.0


@dataclass(frozen=True)
class BuildSpec:
    """How a project builds: the command, where, what it writes, and how its error lines read."""

    title: str  # what the user sees, e.g. "npm run build"
    command: tuple[str, ...]
    cwd: Path
    outputs: tuple[str, ...] = ()  # project-relative paths the build writes (to tell a stale build)
    missing: str | None = None  # why it cannot run yet, with what to do ("run npm ci first"); None when it can
    problem_patterns: tuple[str, ...] = ()  # regexes with groups file, line, col?, severity?, message (an empty
    # message group takes the next non-empty line: tools such as ts-loader print the message under the position)
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class BuildResult:
    """How a build ended: its exit code, the diagnostics its output located, its time and its output tail."""

    returncode: int
    diagnostics: list[Diagnostic]
    seconds: float
    tail: list[str]
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.cancelled


def problems_in(lines: list[str], spec: BuildSpec, root: Path) -> list[Diagnostic]:
    """Diagnostics for the output lines that match the spec's patterns, on project-relative files."""
    found: list[Diagnostic] = []
    patterns = [re.compile(p) for p in spec.problem_patterns]
    for i, text in enumerate(lines):
        for pattern in patterns:
            m = pattern.search(text)
            if not m:
                continue
            groups = m.groupdict()
            if "message" in groups and not (groups["message"] or "").strip():
                groups["message"] = next((n for n in lines[i + 1:i + 3] if n.strip()), text)
            file = _relative(groups.get("file") or "", spec.cwd, root)
            line = int(groups.get("line") or 1)
            col = int(groups.get("col") or 1)
            severity = Severity.WARNING if (groups.get("severity") or "").lower().startswith("warn") else Severity.ERROR
            found.append(Diagnostic(BUILD_FAILED, severity, f"{spec.title}: {groups.get('message', text).strip()}",
                                    file, Range(Position(line, col), Position(line, col + 1))))
            break
    return found


def _relative(file: str, cwd: Path, root: Path) -> str:
    path = Path(file)
    path = path if path.is_absolute() else (cwd / path)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return file


def run_build(spec: BuildSpec, root: Path, on_line: Callable[[str], None] | None = None,
              cancel: threading.Event | None = None, tail_lines: int = 200) -> BuildResult:
    """Run the build to its end (or until cancel is set: the process tree is killed); blocking."""
    import os

    t0 = time.perf_counter()
    if spec.missing:
        diag = Diagnostic(BUILD_FAILED, Severity.ERROR, spec.missing, "")
        return BuildResult(-1, [diag], 0.0, [spec.missing])
    lines: list[str] = []
    try:
        proc = subprocess.Popen(list(spec.command), cwd=spec.cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env={**os.environ, **spec.env}, start_new_session=True)
    except OSError as exc:
        message = f"{spec.title} could not start: {exc.strerror or exc}"
        return BuildResult(-1, [Diagnostic(BUILD_FAILED, Severity.ERROR, message, "")], 0.0, [message])
    watcher = threading.Thread(target=_watch_cancel, args=(proc, cancel), daemon=True) if cancel else None
    if watcher:
        watcher.start()
    assert proc.stdout is not None
    for raw in proc.stdout:
        text = raw.decode("utf-8", "replace").rstrip("\r\n")[:4000]
        lines.append(text)
        if on_line:
            on_line(text)
    code = proc.wait()
    cancelled = bool(cancel and cancel.is_set())
    if code == 0 and not cancelled:
        _stamp(root)
    diags = problems_in(lines, spec, root)
    if code != 0 and not cancelled and not any(d.severity is Severity.ERROR for d in diags):
        last = next((line for line in reversed(lines) if line.strip()), "")
        diags.append(Diagnostic(BUILD_FAILED, Severity.ERROR, f"{spec.title} failed (exit code {code}): {last}", ""))
    return BuildResult(code, diags, time.perf_counter() - t0, lines[-tail_lines:], cancelled)


def _stamp(root: Path) -> None:
    stamp = Path(root) / BUILD_STAMP
    try:
        stamp.parent.mkdir(exist_ok=True)
        stamp.write_text(time.strftime("%Y-%m-%dT%H:%M:%S\n"), encoding="utf-8")
    except OSError:
        pass  # a read-only project still builds; staleness then falls back on the outputs' times


def _watch_cancel(proc: subprocess.Popen, cancel: threading.Event) -> None:
    while proc.poll() is None:
        if cancel.wait(0.1):
            from workbench.core.process.tree import end_processes, tree_pids
            end_processes(tree_pids(proc.pid, proc.pid), grace_s=2.0)
            return
