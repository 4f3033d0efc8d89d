"""A project's own build: output streamed, error lines mapped to files, a missing set-up said plainly, cancel kills."""

from __future__ import annotations

import sys
import threading

from workbench.core.build import BuildSpec, run_build

SCRIPT = """import sys, time
print('compiling src/plugin.ts')
print('src/plugin.ts(12,5): error TS2304: Cannot find name foo.')
sys.exit(2)
"""


def test_errors_are_mapped_to_the_project_files(tmp_path):
    (tmp_path / "build.py").write_text(SCRIPT)
    spec = BuildSpec("npm run build", (sys.executable, "build.py"), tmp_path,
                     problem_patterns=(r"^(?P<file>[^(]+)\((?P<line>\d+),(?P<col>\d+)\): (?P<severity>error) "
                                       r"(?P<message>.*)$",))
    seen: list[str] = []
    result = run_build(spec, tmp_path, seen.append)
    assert not result.ok and result.returncode == 2
    assert seen[0] == "compiling src/plugin.ts"
    [d] = result.diagnostics
    assert (d.file, d.range.start.line, d.range.start.column) == ("src/plugin.ts", 12, 5)
    assert "Cannot find name foo" in d.message


def test_a_build_that_cannot_run_yet_says_what_to_do(tmp_path):
    spec = BuildSpec("npm run build", ("npm", "run", "build"), tmp_path, missing="node_modules is missing: run npm ci")
    result = run_build(spec, tmp_path)
    assert not result.ok and result.diagnostics[0].message == "node_modules is missing: run npm ci"


def test_cancel_stops_the_build(tmp_path):
    (tmp_path / "slow.py").write_text("import time\nprint('started', flush=True)\ntime.sleep(60)\n")
    cancel = threading.Event()
    spec = BuildSpec("slow", (sys.executable, "slow.py"), tmp_path)
    result = run_build(spec, tmp_path, lambda line: cancel.set() if line == "started" else None, cancel)
    assert result.cancelled and not result.ok and result.seconds < 10


def test_a_message_printed_under_its_position_is_found(tmp_path):
    from pathlib import Path

    from workbench.core.build import problems_in
    lines = [f"[tsl] ERROR in {tmp_path}/src/hands.ts(24,78)", "      TS2339: Property 'missing' does not exist."]
    spec = BuildSpec("npm run build", ("npm",), Path(tmp_path),
                     problem_patterns=(r"\[tsl\] (?P<severity>ERROR|WARNING) in (?P<file>.+?)\((?P<line>\d+),"
                                       r"(?P<col>\d+)\)(?P<message>)$",))
    [d] = problems_in(lines, spec, Path(tmp_path))
    assert (d.file, d.range.start.line, d.range.start.column) == ("src/hands.ts", 24, 78)
    assert d.message.endswith("TS2339: Property 'missing' does not exist.")


def test_a_successful_build_is_stamped(tmp_path):
    from workbench.core.build import last_built
    (tmp_path / "ok.py").write_text("print('built')\n")
    assert last_built(tmp_path) == 0
    assert run_build(BuildSpec("ok", (sys.executable, "ok.py"), tmp_path), tmp_path).ok
    assert last_built(tmp_path) > 0


BUILDS_ONCE = """import sys
from pathlib import Path
from workbench.core.build import BuildSpec, run_build
root = Path(sys.argv[1])
spec = BuildSpec("build", (sys.executable, "build.py"), root)
result = run_build(spec, root, needed=lambda: not (root / "dist").exists())
print("skipped" if result.skipped else f"built {result.returncode}")
"""
SLOW_BUILD = """import time
from pathlib import Path
with open("runs.txt", "a") as runs:
    runs.write("run\\n")
time.sleep(1.0)  # long enough for the other process to be waiting on the lock
Path("dist").mkdir()
"""


def test_processes_building_one_project_at_once_build_it_once(tmp_path):
    import subprocess
    (tmp_path / "build.py").write_text(SLOW_BUILD)
    procs = [subprocess.Popen([sys.executable, "-c", BUILDS_ONCE, str(tmp_path)], stdout=subprocess.PIPE, text=True)
             for _ in range(3)]
    said = sorted(p.communicate(timeout=60)[0].strip() for p in procs)
    assert said == ["built 0", "skipped", "skipped"]
    assert (tmp_path / "runs.txt").read_text() == "run\n"


def test_a_build_waiting_for_its_turn_can_be_cancelled(tmp_path):
    from workbench.core.buildlock import build_lock
    cancel = threading.Event()
    spec = BuildSpec("build", (sys.executable, "-c", "print('never')"), tmp_path)
    with build_lock(tmp_path):  # another build holds the project
        threading.Timer(0.2, cancel.set).start()
        result = run_build(spec, tmp_path, cancel=cancel)
    assert result.cancelled and not result.ok and result.tail == []


def test_a_problem_of_the_whole_project_prints_without_a_location(tmp_path):
    spec = BuildSpec("npm run build", ("npm", "run", "build"), tmp_path, missing="node_modules is missing: run npm ci")
    [d] = run_build(spec, tmp_path).diagnostics
    assert d.to_text() == "error WB010 node_modules is missing: run npm ci"
