"""The preview's figures: hot reload against a bare page reload, start-up against a bare Qt window, memory.

- reload_ms_median (Pexip) and reload_ms_median_<host> (xcally_html, xcally_script, exo): a file saved on disk ->
  the change visible in the real window's preview (the window's watcher sees the write; the host reports the reload
  done and the new text is then read from the page): a Pexip plugin's label, an XCALLY view's heading, the page an
  XCALLY script plugin serves after its restart, an eXo connector's call button; page_reload_ms_median[_<host>]: a
  bare reload of the same host page (to ready), measured in the same run and window.
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
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

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
class ReloadCase(NamedTuple):
    """One host's hot reload: which sample, which file is saved, what the change is, how it is seen."""

    host: str
    sample: str
    file: str
    old: str
    new: str  # with {i}: each save writes something new
    shown: Callable  # async (session, text) -> bool, read once the reload is reported: the change is visible


async def _pexip_shown(session, text: str) -> bool:
    item = await session.harness("WBH.extensions.pexip.item({location: 'toolbar', index: 0})") or {}
    return (item.get("item") or {}).get("label") == text


async def _view_shown(session, text: str) -> bool:
    from workbench.targets.xcally.runtime.steps import view_text
    return text in (await view_text(session) or "")


async def _exo_shown(session, text: str) -> bool:
    return text in (await session.harness("(document.querySelector('#callButton') || {}).innerText || ''") or "")


RELOAD_CASES = (
    ReloadCase("pexip", "pexip-recording", PLUGIN_JS, "label: 'Start recording'", "label: 'Start recording {i}'",
               lambda s, new: _pexip_shown(s, new.split("'")[1])),
    ReloadCase("xcally_html", "xcally-html", "views/admin.html", "Queue dashboard (admin)", "Queue dashboard {i}",
               _view_shown),
    ReloadCase("xcally_script", "xcally-script", "app/index.js", "Status plugin is running", "Status plugin {i}",
               _view_shown),
    ReloadCase("exo", "exo-connector", "webapp/src/main/webapp/js/webconferencing-acme.js", ">Call with Acme<",
               ">Acme call {i}<", lambda s, new: _exo_shown(s, new.strip("<>"))),
)


async def wait_until(condition, timeout_ms: int) -> bool:
    """Re-check condition() (a value or an awaitable) on the loop until it holds (True) or timeout_ms pass."""
    import inspect

    from workbench.sandbox.aio import poll

    async def check():
        value = condition()
        return bool(await value if inspect.isawaitable(value) else value), ""
    return (await poll(check, timeout_ms))[0]


def _reload_host(window, preview, project: Path, case: ReloadCase) -> tuple[list[float], list[float]]:
    """Save the case's file RELOADS times (change -> visible) and reload the bare page as often, in one window."""
    from timing import run
    ready = {"n": 0}
    controller = preview.controller
    link = controller.sig_ready.connect(lambda: ready.__setitem__("n", ready["n"] + 1))
    window.open_project(project)
    if not run(wait_until(lambda: ready["n"] >= 1 and controller.session.ready, 30000)):
        raise RuntimeError(f"{case.sample}: the preview did not load")
    session = controller.session
    if case.host == "xcally_script" and not run(wait_until(lambda: bool(session.node.port), 15000)):
        raise RuntimeError("the script plugin serves nothing")
    path = project / case.file
    original = path.read_text()
    done: dict = {}
    controller.sig_reloaded.connect(lambda _what, _ms: done.setdefault("t", time.perf_counter()))
    reload_ms, page_ms = [], []
    for i in range(RELOADS + 2):
        done.clear()
        new = case.new.format(i=i)
        t0 = time.perf_counter()
        path.write_text(original.replace(case.old, new))
        if not run(wait_until(lambda: "t" in done, 15000)):
            raise RuntimeError(f"{case.sample}: {case.file} was not reloaded")
        if not run(wait_until(lambda new=new: case.shown(session, new), 5000)):
            raise RuntimeError(f"{case.sample}: the reload did not show {new!r}")
        if i >= 2:  # the first rounds warm the caches
            reload_ms.append((done["t"] - t0) * 1000)
        n = ready["n"]
        t0 = time.perf_counter()
        controller.reload_page()
        if not run(wait_until(lambda n=n: ready["n"] > n, 10000)):
            raise RuntimeError(f"{case.sample}: the page did not reload")
        if i >= 2:
            page_ms.append((time.perf_counter() - t0) * 1000)
    controller.sig_ready.disconnect(link)
    controller.sig_reloaded.disconnect()
    return reload_ms, page_ms


def reload() -> dict:
    """reload_ms_median[_<host>]: a file saved on disk -> the change visible in the window's preview;
    page_reload_ms_median[_<host>]: a bare reload of the same host page, in the same window and run."""
    from workbench.ui.preview.plugin import prepare
    prepare()
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from PySide6.QtWidgets import QApplication
    from timing import run

    figures: dict = {}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        os.environ.update(WORKBENCH_SETTINGS=str(tmp / "settings.ini"), WORKBENCH_DATA_DIR=str(tmp / "data"),
                          PORT="0")  # the script sample serves on a free port
        app = QApplication.instance() or QApplication(["bench"])
        run(wait_until(lambda: True, 0))  # the qasync loop exists before the window starts tasks
        executor = ThreadPoolExecutor()  # (stopping a plugin runs in it: plain threads end with the program)
        asyncio.get_event_loop().set_default_executor(executor)
        from workbench.core.trust import trust
        from workbench.ui.main_window import MainWindow
        from workbench.ui.preview.plugin import install
        from workbench.ui.theme import ThemeManager
        window = MainWindow(ThemeManager("light"))
        preview = install(window)
        window.resize(1280, 800)
        window.show()
        for case in RELOAD_CASES:
            if case.host == "xcally_script" and shutil.which("node") is None:
                continue
            project = tmp / case.sample
            shutil.copytree(REPO / "sample_projects" / case.sample, project)
            trust(project)  # a project the user has run here: its script plugin starts by itself
            reload_ms, page_ms = _reload_host(window, preview, project, case)
            suffix = "" if case.host == "pexip" else f"_{case.host}"
            figures[f"reload_ms_median{suffix}"] = round(statistics.median(reload_ms), 1)
            figures[f"page_reload_ms_median{suffix}"] = round(statistics.median(page_ms), 1)
        window.close()
        app.processEvents()
        executor.shutdown(wait=True)
    return figures


FIGURES = {"reload_ms_median": reload, "startup_s_median": startup, "pss_mb_with_sandbox": pss}
