"""A project's own build (npm scripts, Maven...), as a host describes it and the workbench runs it (Qt-free).

A host says how its projects build (`Target.build_spec(project) -> BuildSpec | None`); the command line and the
window run the same spec with `run_build` (blocking: call it from a worker thread), which streams the output lines,
maps the tool's error lines to diagnostics on the project's files, and kills the whole process tree when cancelled.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.buildlock import build_lock
from workbench.core.diagnostics import Diagnostic, Position, Range, Severity

BUILD_FAILED = "WB010"  # the build exited with an error the output did not locate
# When the workbench last built the project successfully: bundlers skip writing outputs that did not change, so
# their times alone cannot tell a build that is up to date from one that is stale.
BUILD_STAMP = ".workbench/build-stamp"
MAX_LINE_CHARS = 4000  # bytes of one output line kept (a longer one is cut and said so)
MAX_SCANNED = 4000  # characters of a line the problem patterns look at
MAX_DIAGNOSTICS = 500  # problems listed from one build's output
CANCEL_GRACE_S = 2.0  # a cancelled build's processes get this long to end before they are killed


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
    skipped: bool = False  # another process built the project while this one waited its turn

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.cancelled


def problems_in(lines: list[str], spec: BuildSpec, root: Path) -> list[Diagnostic]:
    """Diagnostics for the output lines that match the spec's patterns, on project-relative files."""
    scanner = _Scanner(spec, root)
    for line in lines:
        scanner.feed(line)
    return scanner.finish()


class _Scanner:
    """problems_in as the lines come: a match whose message is on a later line waits for it (two lines at most)."""

    def __init__(self, spec: BuildSpec, root: Path):
        self.spec, self.root = spec, root
        self.patterns = [re.compile(p) for p in spec.problem_patterns]
        self.found: list[Diagnostic] = []
        self.more = 0  # problems past MAX_DIAGNOSTICS, counted only
        self._waiting: tuple[dict, str, int] | None = None  # groups, the line, lines it may still wait

    def feed(self, text: str) -> None:
        text = text[:MAX_SCANNED]
        if self._waiting is not None:
            groups, line, left = self._waiting
            if text.strip() or left <= 1:
                self._waiting = None
                self._add(groups, text if text.strip() else line)
            else:
                self._waiting = (groups, line, left - 1)
        for pattern in self.patterns:
            m = pattern.search(text)
            if not m:
                continue
            groups = m.groupdict()
            if "message" in groups and not (groups["message"] or "").strip():
                self._waiting = (groups, text, 2)
            else:
                self._add(groups, text)
            break

    def finish(self) -> list[Diagnostic]:
        if self._waiting is not None:
            groups, line, _ = self._waiting
            self._waiting = None
            self._add(groups, line)
        return self.found

    def _add(self, groups: dict, text: str) -> None:
        if len(self.found) >= MAX_DIAGNOSTICS:
            self.more += 1
            return
        message = groups.get("message") or ""
        message = message if message.strip() else text
        file = _relative(groups["file"], self.spec.cwd, self.root) if groups.get("file") else ""  # "": the project
        line, col = _number(groups.get("line")), _number(groups.get("col"))
        severity = Severity.WARNING if (groups.get("severity") or "").lower().startswith("warn") else Severity.ERROR
        self.found.append(Diagnostic(BUILD_FAILED, severity, f"{self.spec.title}: {message.strip()}", file,
                                     Range(Position(line, col), Position(line, col + 1))))


def _number(text: str | None) -> int:
    """A line or column the tool printed (1 when it printed none, or digits no file has)."""
    return int(text) if text and text.isdigit() and len(text) < 10 else 1


def _relative(file: str, cwd: Path, root: Path) -> str:
    path = Path(file)
    path = path if path.is_absolute() else (cwd / path)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return file


def run_build(spec: BuildSpec, root: Path, on_line: Callable[[str], None] | None = None,
              cancel: threading.Event | None = None, tail_lines: int = 200,
              needed: Callable[[], bool] | None = None) -> BuildResult:
    """Run the build to its end (or until cancel is set); blocking. One build of a project runs at a time, across
    processes; needed(), asked once that turn comes, says whether the build is still to do (another process may have
    built the project meanwhile: the result is then `skipped`).

    The build runs as a process tree the workbench owns (core/process/keeper.py): cancelling it, the build's own end
    and the workbench's end (even by SIGKILL) end every process it started, daemons included. Its output is read as
    lines cut at MAX_LINE_CHARS; only the tail and the problems found are kept."""
    t0 = time.perf_counter()
    if spec.missing:
        diag = Diagnostic(BUILD_FAILED, Severity.ERROR, spec.missing, "")
        return BuildResult(-1, [diag], 0.0, [spec.missing])
    with build_lock(root, cancel) as turn:
        if not turn:
            return BuildResult(-1, [], time.perf_counter() - t0, [], cancelled=True)
        if needed is not None and not needed():
            return BuildResult(0, [], time.perf_counter() - t0, [], skipped=True)
        return _run_contained(spec, root, on_line, cancel, tail_lines, t0)


def _run_contained(spec: BuildSpec, root: Path, on_line: Callable[[str], None] | None,
                   cancel: threading.Event | None, tail_lines: int, t0: float) -> BuildResult:
    """The build as a contained process tree, its output scanned as it comes."""
    import os

    from workbench.core.process.containment import KEEPER_GRACE_S, ContainedRun

    try:
        run = ContainedRun(list(spec.command), str(spec.cwd), {**os.environ, **spec.env}, merge_stderr=True)
    except OSError as exc:
        message = f"{spec.title} could not start: {exc.strerror or exc}"
        return BuildResult(-1, [Diagnostic(BUILD_FAILED, Severity.ERROR, message, "")], 0.0, [message])
    output = _Output(spec, root, on_line, tail_lines)
    readers = [threading.Thread(target=_read, args=(fd, output), daemon=True, name="build-output")
               for fd in (run.stdout_fd, run.stderr_fd)]
    for reader in readers:
        reader.start()
    if cancel is not None:
        threading.Thread(target=_watch_cancel, args=(run, cancel, KEEPER_GRACE_S), daemon=True,
                         name="build-cancel").start()
    run.wait_end()
    for reader in readers:
        reader.join(timeout=2.0)  # a descendant that escaped the tree may hold the pipe: do not wait for it
    code = run.exit_code if run.exit_code is not None else -1
    cancelled = bool(cancel and cancel.is_set())
    if code == 0 and not cancelled:
        _stamp(root)
    diags = output.finish()
    if code != 0 and not cancelled and not any(d.severity is Severity.ERROR for d in diags):
        last = next((line for line in reversed(output.tail) if line.strip()), "")
        diags.append(Diagnostic(BUILD_FAILED, Severity.ERROR, f"{spec.title} failed (exit code {code}): {last}", ""))
    return BuildResult(code, diags, time.perf_counter() - t0, list(output.tail), cancelled)


class _Output:
    """The build's lines from both pipes: passed on, scanned for problems, the tail kept (thread-safe)."""

    def __init__(self, spec: BuildSpec, root: Path, on_line: Callable[[str], None] | None, tail_lines: int):
        self.on_line = on_line
        self.tail: deque[str] = deque(maxlen=tail_lines)
        self._scanner = _Scanner(spec, root)
        self._lock = threading.Lock()

    def line(self, text: str) -> None:
        with self._lock:
            self.tail.append(text)
            self._scanner.feed(text)
        if self.on_line:
            self.on_line(text)

    def finish(self) -> list[Diagnostic]:
        with self._lock:
            found = self._scanner.finish()
            if self._scanner.more:
                found.append(Diagnostic(BUILD_FAILED, Severity.WARNING, f"{self._scanner.more} more problem(s) in the "
                                        f"build's output are not listed", ""))
            return found


def _read(fd: int, output: _Output) -> None:
    """Read a pipe to its end as lines of at most MAX_LINE_CHARS (an endless line is cut, never held whole)."""
    # stdout carries the build's two streams in order; stderr only what the process keeper says (a Python error)
    import os

    from workbench.core.process.output import READ_CHUNK, LineSplitter

    splitter = LineSplitter(output.line, output.line, "output", max_bytes=MAX_LINE_CHARS)
    try:
        while data := os.read(fd, READ_CHUNK):
            splitter.feed(data)
        splitter.close()
    except OSError:
        pass
    finally:
        os.close(fd)


def _stamp(root: Path) -> None:
    stamp = Path(root) / BUILD_STAMP
    try:
        stamp.parent.mkdir(exist_ok=True)
        stamp.write_text(time.strftime("%Y-%m-%dT%H:%M:%S\n"), encoding="utf-8")
    except OSError:
        pass  # a read-only project still builds; staleness then falls back on the outputs' times


def _watch_cancel(run, cancel: threading.Event, keeper_grace_s: float) -> None:
    """Stop the whole tree once cancel is set (its keeper is forced when it does not answer)."""
    while not run.finished.is_set():
        if cancel.wait(0.1):
            run.stop(CANCEL_GRACE_S)
            if not run.finished.wait(CANCEL_GRACE_S + keeper_grace_s):
                run.kill_keeper()
            return
