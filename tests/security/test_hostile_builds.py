"""A project's own build (npm scripts, Maven) is the user's code, but the workbench runs it: cancelling it, its end and
the workbench's end (even by SIGKILL) end every process it started, daemons included, and its output never takes
more memory than a few lines."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import psutil
import pytest
from testpaths import REPO

from tests.security.hostile import run_bounded
from tests.targets.xcally.node_helpers import wait_until
from workbench.core.build import BuildSpec, run_build

pytestmark = pytest.mark.timeout(60)

# The classic daemon, started by the build: a setsid'd middle process starts a child that ignores SIGTERM and exits,
# so the child is an orphan in a session of its own, no longer a descendant of the build. It writes its pid to a file.
DAEMONIZING_BUILD = textwrap.dedent("""
    import os, signal, sys, time
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            with open("daemon.pid", "w") as f:
                f.write(str(os.getpid()))
            while True:
                time.sleep(1)
        os._exit(0)
    print("building", flush=True)
    if len(sys.argv) > 1:
        time.sleep(60)
""")


def daemon_of(folder: Path) -> int:
    pid_file = folder / "daemon.pid"
    assert wait_until(lambda: pid_file.is_file() and pid_file.read_text().strip() != "", 10), "no daemon started"
    return int(pid_file.read_text())


def alive(pids: list[int]) -> list[int]:
    """The pids still running (zombies are dead)."""
    out = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                out.append(pid)
        except psutil.NoSuchProcess:
            continue
    return out


def kill(pids: list[int]) -> None:
    for pid in alive(pids):
        os.kill(pid, signal.SIGKILL)


def build_spec(folder: Path, *args: str) -> BuildSpec:
    (folder / "build.py").write_text(DAEMONIZING_BUILD)
    return BuildSpec("npm run build", (sys.executable, "build.py", *args), folder)


def test_cancel_ends_a_daemon_the_build_started(tmp_path):
    spec = build_spec(tmp_path, "stay")
    cancel = threading.Event()
    done: dict = {}
    worker = threading.Thread(target=lambda: done.setdefault("result", run_build(spec, tmp_path, cancel=cancel)))
    worker.start()
    daemon = daemon_of(tmp_path)
    try:
        cancel.set()
        worker.join(20)
        assert done["result"].cancelled
        assert wait_until(lambda: not alive([daemon]), 5), "the daemon outlived the cancelled build"
    finally:
        kill([daemon])


def test_a_build_that_ends_takes_its_daemons_with_it(tmp_path):
    spec = build_spec(tmp_path)
    result = run_build(spec, tmp_path)
    daemon = daemon_of(tmp_path)
    try:
        assert result.ok
        assert wait_until(lambda: not alive([daemon]), 5), "a daemon of the build outlived it"
    finally:
        kill([daemon])


HOLDER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {repo!r})
    from pathlib import Path
    from workbench.core.build import BuildSpec, run_build
    folder = Path(sys.argv[1])
    run_build(BuildSpec("build", (sys.executable, "build.py", "stay"), folder), folder)
""")


def test_the_workbench_killed_by_sigkill_takes_the_build_with_it(tmp_path):
    build_spec(tmp_path, "stay")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER.format(repo=str(REPO)), str(tmp_path)])
    daemon = None
    try:
        daemon = daemon_of(tmp_path)
        tree = [p.pid for p in psutil.Process(holder.pid).children(recursive=True)]  # the keeper and the build
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(5)
        assert wait_until(lambda: not alive([daemon, *tree]), 10), "the build outlived the workbench"
    finally:
        if holder.poll() is None:
            holder.kill()
        kill([daemon] if daemon else [])


ENDLESS_LINE = "import sys\nchunk = b'x' * (1 << 20)\nfor _ in range(1024):\n    sys.stdout.buffer.write(chunk)\n"
FLOOD = "for i in range(300000):\n    print('src/a.ts:%d:1 - error TS1: flood %d' % (i + 1, i))\n"
RUN = textwrap.dedent("""
    import sys
    from pathlib import Path
    from workbench.core.build import BuildSpec, run_build
    folder = Path(sys.argv[1])
    spec = BuildSpec("build", (sys.executable, sys.argv[2]), folder,
                     problem_patterns=(r"(?P<file>\\S+):(?P<line>\\d+):(?P<col>\\d+) - (?P<severity>error) (?P<message>.+)",))
    result = run_build(spec, folder)
    longest = max(len(line) for line in result.tail)
    # VmHWM: this program's peak (ru_maxrss would also count the test process it was forked from)
    peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) // 1024
    print(result.returncode, len(result.tail), longest, len(result.diagnostics), peak)
""")


@pytest.mark.parametrize("script", [ENDLESS_LINE, FLOOD], ids=["a 1 GB line", "300,000 error lines"])
def test_build_output_takes_bounded_memory(tmp_path, script):
    (tmp_path / "out.py").write_text(script)
    # 512 MB of address space: holding the output would run out of it
    ran = run_bounded("-c", RUN, tmp_path, "out.py", memory=512 << 20, timeout=45)
    assert ran.returncode == 0 and "MemoryError" not in ran.stderr, ran.stderr[-2000:]
    code, tail, longest, diagnostics, peak_mb = map(int, ran.stdout.split())
    assert code == 0 and tail <= 200 and longest <= 4200 and diagnostics <= 501 and peak_mb < 200, ran.stdout


@pytest.mark.qt
def test_the_window_keeps_a_bounded_backlog_of_a_flooding_build(tmp_path, qtbot):
    from workbench.ui.build.runner import BuildRunner
    (tmp_path / "out.py").write_text(FLOOD)
    runner = BuildRunner()
    shown: list[str] = []
    runner.sig_line.connect(shown.append)
    with qtbot.waitSignal(runner.sig_finished, timeout=30000) as ended:
        runner.start(BuildSpec("build", (sys.executable, "out.py"), tmp_path), tmp_path)
        runner._pool.submit(lambda: None).result()  # the build ran to its end while the window was busy
    assert ended.args[0].ok
    assert len(shown) <= 10_001, len(shown)  # queued lines are bounded; the rest is one note
    assert shown[-1].startswith("output flood:") and "dropped" in shown[-1]
    runner.shutdown()


SLOW_NODE_BUILD = """
const fs = require('fs');
const { spawn } = require('child_process');
const daemon = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"],
                     { detached: true, stdio: 'ignore' });
fs.writeFileSync('daemon.pid', String(daemon.pid));
setInterval(() => {}, 1000);
"""


@pytest.mark.qt
@pytest.mark.webengine
@pytest.mark.skipif(shutil.which("node") is None or shutil.which("npm") is None, reason="Node.js and npm not on PATH")
def test_closing_a_preview_during_its_build_ends_the_build(tmp_path):
    from plugin_projects import pexip_typescript
    from qtasync import wait_for

    from workbench.registry import open_project
    from workbench.sandbox.aio import spawn
    root = pexip_typescript(tmp_path / "ts", "export {};\n")
    (root / "build.js").write_text(SLOW_NODE_BUILD)
    host, project = open_project(root)
    session = host.create_session(project)
    task = spawn(session.start())
    daemon = None
    pid_file = root / "daemon.pid"
    try:
        assert wait_for(lambda: pid_file.is_file() and pid_file.read_text() != "", 15000), "the build did not start"
        daemon = int(pid_file.read_text())
        session.close()
        assert wait_until(lambda: not alive([daemon]), 10), "the build outlived the preview it was for"
    finally:
        task.cancel()
        session.close()
        kill([daemon] if daemon else [])
