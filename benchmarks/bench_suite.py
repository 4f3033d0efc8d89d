"""A 200-scenario suite with `workbench test -j 1` and `-j 2`, beside 200 loads of a bare page.

- suite_200_j1_s, suite_200_j2_s: `python -m workbench test <project> -q -j N` in a subprocess, launch to exit, on a
  copy of sample_projects/pexip-recording whose scenarios folder holds its 4 scenarios 50 times each (200 files);
- bare_page_loads_200_s: a subprocess that starts a QApplication with one QWebEngineView and loads a small local
  HTML page 200 times, one after the other, launch to exit: what 200 page loads cost with nothing of ours;
- suite_200_j2_vs_j1: the ratio the target is about (<= 0.6 on two processors). Each of these scenarios waits for
  its call to connect (1 s, as the app does), time a worker overlaps with its other scenario in flight; so the same
  suite is also run with `host: {connect_delay: 0}` in every file (suite_200_busy_j1_s, suite_200_busy_j2_s,
  suite_200_busy_j2_vs_j1): what two processes give when the work is all processor time.
Each figure is from SUITE_RUNS runs (median), the three commands interleaved.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_projects" / "pexip-recording"
COPIES = 50
SUITE_RUNS = 1  # one run: the j1 suite alone takes minutes (each Pexip scenario waits for the call to connect, 1 s)

BARE_LOADS = """
import sys
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineWidgets import QWebEngineView
app = QApplication(sys.argv)
view = QWebEngineView()
url = QUrl.fromLocalFile(sys.argv[1])
left = [200]
def loaded(ok):
    if not ok:
        sys.exit("the bare page did not load")
    left[0] -= 1
    if left[0]:
        view.load(url)
    else:
        app.quit()
view.loadFinished.connect(loaded)
view.load(url)
app.exec()
"""
BARE_PAGE = "<!doctype html><html><head><title>bare</title></head><body><p>bare page</p></body></html>\n"


def _env(tmp: Path) -> dict:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", WORKBENCH_LOG_DIR=str(tmp / "logs"),
               PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""))
    return env


def suite_project(dest: Path, copies: int = COPIES, busy: bool = False) -> Path:
    """A copy of the recording sample whose scenarios folder holds each of its scenarios `copies` times.

    busy: the call connects at once in every scenario (no waiting time to overlap).
    """
    shutil.copytree(SAMPLE, dest)
    folder = dest / "scenarios"
    originals = {path.name: path.read_text() for path in sorted(folder.iterdir())}
    for name in originals:
        (folder / name).unlink()
        if busy:  # into the file's own `host: {...}` when it has one (a key given twice is an error)
            text = originals[name]
            originals[name] = (text.replace("\nhost: {", "\nhost: {connect_delay: 0, ", 1) if "\nhost: {" in text
                               else "host: {connect_delay: 0}\n" + text)
    for i in range(copies):
        for name, text in originals.items():
            (folder / f"s{i:03d}_{name}").write_text(text)
    return dest


def _timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    result = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True,
                            timeout=1800)
    seconds = time.perf_counter() - t0
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])}... exited {result.returncode}: {result.stdout[-2000:]}"
                           f"{result.stderr[-2000:]}")
    return seconds


def suite() -> dict:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        project = suite_project(tmp / "suite")
        busy = suite_project(tmp / "busy", busy=True)
        page = tmp / "bare.html"
        page.write_text(BARE_PAGE)
        env = _env(tmp)
        runs: dict[str, list[float]] = {"j1": [], "j2": [], "busy_j1": [], "busy_j2": [], "bare": []}
        for _ in range(SUITE_RUNS):
            runs["bare"].append(_timed([sys.executable, "-c", BARE_LOADS, str(page)], env))
            for jobs in ("1", "2"):
                for prefix, folder in (("", project), ("busy_", busy)):
                    runs[f"{prefix}j{jobs}"].append(_timed([sys.executable, "-m", "workbench", "test", str(folder),
                                                            "-q", "-j", jobs], env))
    j1, j2 = statistics.median(runs["j1"]), statistics.median(runs["j2"])
    busy_j1, busy_j2 = statistics.median(runs["busy_j1"]), statistics.median(runs["busy_j2"])
    return {"suite_200_j1_s": round(j1, 2), "suite_200_j2_s": round(j2, 2),
            "suite_200_busy_j1_s": round(busy_j1, 2), "suite_200_busy_j2_s": round(busy_j2, 2),
            "suite_200_busy_j2_vs_j1": round(busy_j2 / busy_j1, 3),
            "bare_page_loads_200_s": round(statistics.median(runs["bare"]), 2),
            "suite_200_j2_vs_j1": round(j2 / j1, 3), "suite_cores_available": len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity") else os.cpu_count()}


FIGURES = {"suite_200_j2_s": suite}

if __name__ == "__main__":
    print(suite())
