"""The preview's figures: hot reload against a bare page reload, start-up against a bare Qt window, memory.

- reload_ms_median: a plugin source written on disk -> the plugin loaded again and its menu items rendered, in the
  real window with the preview docked (the window's watcher sees the write); page_reload_ms_median: a bare reload of
  the same host page (to plugins loaded), measured in the same run.
- startup_s_median: `python -m workbench sample_projects/pexip-recording` launched -> the window shown with the
  preview loaded (the window prints a marker then, see workbench/ui/preview/plugin.py); qt_hello_startup_s_median:
  a bare PySide6 window launched -> shown.
- rss_mb_with_sandbox: the resident memory of the workbench process and all its children (renderer, GPU/utility
  processes) with the sample's preview loaded, summed from /proc.
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
PLUGIN_JS = "webapp2/plugins/recording/recording.plugin.js"
RELOADS = 15
LAUNCHES = 5

QT_HELLO = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
w = QLabel("hello")
w.show()
def shown():
    print("WORKBENCH_READY", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _env(tmp: Path) -> dict:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"), QTWEBENGINE_DISABLE_SANDBOX="1",
               WORKBENCH_SETTINGS=str(tmp / "settings.ini"), WORKBENCH_DATA_DIR=str(tmp / "data"),
               PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""))
    return env


def _launch_until_ready(cmd: list[str], env: dict, timeout: float = 60.0) -> tuple[float, subprocess.Popen]:
    """Seconds from launch to the ready marker on stdout; the process is left running."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            start_new_session=True)
    deadline = t0 + timeout
    for line in proc.stdout:
        if line.startswith("WORKBENCH_READY"):
            return time.perf_counter() - t0, proc
        if time.perf_counter() > deadline:
            break
    proc.kill()
    raise RuntimeError(f"{cmd} did not get ready (exit code {proc.wait()})")


def _finish(proc: subprocess.Popen) -> None:
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait()


def _project_copy(tmp: Path) -> Path:
    dest = tmp / "pexip-recording"
    if not dest.exists():
        shutil.copytree(SAMPLE, dest)
    return dest


# -- start-up and memory (subprocesses) -------------------------------------------------------------------------------
def startup() -> dict:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        project = _project_copy(tmp)
        env = _env(tmp) | {"WORKBENCH_READY_MARKER": "1", "WORKBENCH_EXIT_WHEN_READY": "1"}
        workbench, hello = [], []
        _finish(_launch_until_ready([sys.executable, "-c", QT_HELLO], env)[1])  # warm the disk cache
        _finish(_launch_until_ready([sys.executable, "-m", "workbench", str(project)], env)[1])
        for _ in range(LAUNCHES):
            seconds, proc = _launch_until_ready([sys.executable, "-m", "workbench", str(project)], env)
            _finish(proc)
            workbench.append(seconds)
            seconds, proc = _launch_until_ready([sys.executable, "-c", QT_HELLO], env)
            _finish(proc)
            hello.append(seconds)
    return {"startup_s_median": round(statistics.median(workbench), 3),
            "qt_hello_startup_s_median": round(statistics.median(hello), 3)}


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss() -> dict:
    from workbench.core.process.tree import tree_pids
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        project = _project_copy(tmp)
        env = _env(tmp) | {"WORKBENCH_READY_MARKER": "1"}
        _seconds, proc = _launch_until_ready([sys.executable, "-m", "workbench", str(project)], env)
        try:
            time.sleep(1.5)  # let the renderer finish painting before reading its memory (a benchmark, not a test)
            pids = tree_pids(proc.pid)
            total_kb = sum(_rss_kb(pid) for pid in pids)
        finally:
            os.killpg(proc.pid, 15)
            _finish(proc)
    return {"rss_mb_with_sandbox": round(total_kb / 1024, 1), "rss_processes_with_sandbox": len(pids)}


# -- hot reload (in process, the real window) -----------------------------------------------------------------------------
def reload() -> dict:
    from workbench.ui.preview.plugin import prepare
    prepare()
    from PySide6.QtWidgets import QApplication
    from timing import run

    async def wait_for(condition, timeout_ms: int) -> bool:
        from workbench.sandbox.aio import poll

        async def check():
            return condition(), ""
        return (await poll(check, timeout_ms))[0]

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        os.environ.update(WORKBENCH_SETTINGS=str(tmp / "settings.ini"), WORKBENCH_DATA_DIR=str(tmp / "data"))
        app = QApplication.instance() or QApplication(["bench"])
        run(wait_for(lambda: True, 0))  # the qasync loop exists before the window starts tasks
        from workbench.ui.main_window import MainWindow
        from workbench.ui.preview.plugin import install
        from workbench.ui.theme import ThemeManager
        project = _project_copy(tmp)
        window = MainWindow(ThemeManager("light"))
        preview = install(window)
        window.show()
        ready = {"n": 0}
        preview.controller.sig_ready.connect(lambda: ready.__setitem__("n", ready["n"] + 1))
        window.open_project(project)
        if not run(wait_for(lambda: ready["n"] >= 1, 30000)):
            raise RuntimeError("the preview did not load")
        controller = preview.controller
        path = project / PLUGIN_JS
        original = path.read_text()
        done: dict = {}
        controller.sig_reloaded.connect(lambda ids, ms: done.setdefault("t", time.perf_counter()))
        reload_ms, page_ms = [], []
        for i in range(RELOADS + 2):
            done.clear()
            label = f"Start recording {i}"
            t0 = time.perf_counter()
            path.write_text(original.replace("label: 'Start recording'", f"label: '{label}'"))
            if not run(wait_for(lambda: "t" in done, 5000)):
                raise RuntimeError("the plugin was not reloaded")
            entry = next(e for e in reversed(controller.session.log.entries) if e.data.get("reloaded"))
            if not entry.data.get("rendered"):
                raise RuntimeError("the reloaded plugin rendered no menu item")
            if i >= 2:  # the first rounds warm the caches
                reload_ms.append((done["t"] - t0) * 1000)
            n = ready["n"]
            t0 = time.perf_counter()
            controller.reload_page()
            if not run(wait_for(lambda n=n: ready["n"] > n, 10000)):
                raise RuntimeError("the page did not reload")
            if i >= 2:
                page_ms.append((time.perf_counter() - t0) * 1000)
        for doc in window.session.documents.values():
            doc.saved_text = doc.text
        window.close()
        app.processEvents()
    return {"reload_ms_median": round(statistics.median(reload_ms), 1),
            "page_reload_ms_median": round(statistics.median(page_ms), 1)}


FIGURES = {"reload_ms_median": reload, "startup_s_median": startup, "rss_mb_with_sandbox": rss}
