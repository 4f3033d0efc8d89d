"""The preview's figures: hot reload against a bare page reload, start-up against a bare Qt window, memory.

- reload_ms_median: a plugin source written on disk -> the plugin loaded again and its menu items rendered, in the
  real window with the preview docked (the window's watcher sees the write); page_reload_ms_median: a bare reload of
  the same host page (to plugins loaded), measured in the same run.
- startup_s_median: `python -m workbench sample_projects/pexip-recording` launched -> the window shown with the
  preview loaded (the window prints a marker then, see workbench/ui/preview/plugin.py);
  webengine_hello_startup_s_median: a bare PySide6 window holding one QWebEngineView launched -> a small local page
  loaded in it (the web engine's own start-up, which ours cannot be faster than).
- pss_mb_with_sandbox: the proportional set size of the workbench process and all its children (renderer, zygotes,
  utility processes) with the sample's preview loaded: each shared page counts once, split between the processes
  that share it (psutil's memory_full_info().pss); the sum of resident sizes counted shared pages in every process.
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

WEBENGINE_HELLO = """
import sys
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineWidgets import QWebEngineView
app = QApplication(sys.argv)
view = QWebEngineView()
view.resize(800, 600)
def loaded(ok):
    print("WORKBENCH_READY" if ok else "FAILED", flush=True)
    app.quit()
view.loadFinished.connect(loaded)
view.show()
view.load(QUrl.fromLocalFile(sys.argv[1]))
app.exec()
"""
HELLO_PAGE = "<!doctype html><html><head><title>hello</title></head><body><p>hello</p></body></html>\n"


def _env(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # compiled bytecode as an installed workbench has it (pip compiles at install), kept out of the repository; the
    # warm-up launches write it
    env.update(QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"), QTWEBENGINE_DISABLE_SANDBOX="1",
               WORKBENCH_SETTINGS=str(tmp / "settings.ini"), WORKBENCH_DATA_DIR=str(tmp / "data"),
               PYTHONPYCACHEPREFIX=str(tmp / "pycache"),
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
        page = tmp / "hello.html"
        page.write_text(HELLO_PAGE)
        env = _env(tmp) | {"WORKBENCH_READY_MARKER": "1", "WORKBENCH_EXIT_WHEN_READY": "1"}
        hello_cmd = [sys.executable, "-c", WEBENGINE_HELLO, str(page)]
        workbench, hello = [], []
        _finish(_launch_until_ready(hello_cmd, env)[1])  # warm the disk cache
        _finish(_launch_until_ready([sys.executable, "-m", "workbench", str(project)], env)[1])
        for _ in range(LAUNCHES):
            seconds, proc = _launch_until_ready([sys.executable, "-m", "workbench", str(project)], env)
            _finish(proc)
            workbench.append(seconds)
            seconds, proc = _launch_until_ready(hello_cmd, env)
            _finish(proc)
            hello.append(seconds)
    return {"startup_s_median": round(statistics.median(workbench), 3),
            "webengine_hello_startup_s_median": round(statistics.median(hello), 3),
            "startup_vs_webengine_hello": round(statistics.median(workbench) / statistics.median(hello), 3)}


def pss() -> dict:
    import psutil

    from workbench.core.process.tree import tree_pids
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        project = _project_copy(tmp)
        env = _env(tmp) | {"WORKBENCH_READY_MARKER": "1"}
        _seconds, proc = _launch_until_ready([sys.executable, "-m", "workbench", str(project)], env)
        try:
            time.sleep(1.5)  # let the renderer finish painting before reading its memory (a benchmark, not a test)
            pids = tree_pids(proc.pid)
            total = rss_total = 0
            for pid in pids:
                try:
                    info = psutil.Process(pid).memory_full_info()
                except psutil.Error:
                    continue
                total += info.pss
                rss_total += info.rss
        finally:
            os.killpg(proc.pid, 15)
            _finish(proc)
    return {"pss_mb_with_sandbox": round(total / (1 << 20), 1), "rss_sum_mb_with_sandbox": round(rss_total / (1 << 20), 1),
            "pss_processes_with_sandbox": len(pids)}


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


FIGURES = {"reload_ms_median": reload, "startup_s_median": startup, "pss_mb_with_sandbox": pss}
