"""Soak: the window left open with a live preview, and a long scenario; references and memory must stay flat.

Run on demand (it takes a quarter of an hour): `python benchmarks/run.py --only soak --json`.

- soak_window_*: `MainWindow` on a copy of sample_projects/pexip-recording with the preview loaded, for SOAK_WINDOW_S
  seconds (600); every 30 s the plugin's source is rewritten on disk, so the preview reloads it (the watchdog's
  heartbeat runs all along). Every 10 s the process samples sys.getrefcount of None, True and False, its resident
  size and the proportional set size of its process tree (the renderer included).
- soak_scenario_*: one scenario of SOAK_SCENARIO_S seconds (300) run as `workbench test` runs it (the same runner,
  in its own process), participants joining, being muted and leaving, and expectations on them, sampled the same
  way.
Figures: each drift is the last sample minus the first taken after a minute of warm-up (references in counts,
memory in MB), with the steps or reloads done. Flat means a drift that does not grow with the time run.
Each phase runs in a fresh subprocess (this file with --child), as the product runs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_projects" / "pexip-recording"
PLUGIN_JS = "webapp2/plugins/recording/recording.plugin.js"
SOAK_WINDOW_S = float(os.environ.get("SOAK_WINDOW_S", 600))
SOAK_SCENARIO_S = float(os.environ.get("SOAK_SCENARIO_S", 300))
SAMPLE_EVERY_S = 10.0
WARM_UP_S = 60.0
ON_DEMAND = True  # benchmarks/run.py runs this group only when asked for by name


def _scenario(seconds: float) -> str:
    """A scenario of about `seconds`: rounds of a participant joining, muted, checked and leaving."""
    rounds = max(1, int(seconds / 2.0))
    steps = []
    for i in range(rounds):
        steps += [f"  - join: {{name: Guest {i}, role: guest, uuid: g{i}}}",
                  f"  - expect: {{participant: g{i}, has: {{role: guest}}}}",
                  f"  - update: {{participant: g{i}, set: {{muted: true}}}}",
                  f"  - expect: {{participant: g{i}, has: {{muted: true}}}}",
                  f"  - leave: {{participant: g{i}}}",
                  "  - expect: {no_errors: true}",
                  "  - wait: 1900"]
    return "name: soak\nrole: chair\nsteps:\n" + "\n".join(steps) + "\n"


class Sampler:
    """Samples the references to None/True/False and the memory of this process (and its tree)."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.samples: list[dict] = []

    def take(self) -> None:
        import psutil

        me = psutil.Process()
        pss = 0
        for proc in [me, *me.children(recursive=True)]:
            try:
                pss += proc.memory_full_info().pss
            except psutil.Error:
                pass
        self.samples.append({"t": round(time.perf_counter() - self.t0, 1), "none": sys.getrefcount(None),
                             "true": sys.getrefcount(True), "false": sys.getrefcount(False),
                             "rss_mb": me.memory_info().rss / (1 << 20), "pss_mb": pss / (1 << 20)})

    def drift(self, prefix: str) -> dict:
        warm = [s for s in self.samples if s["t"] >= WARM_UP_S] or self.samples
        first, last = warm[0], self.samples[-1]
        out = {f"{prefix}_{k}_refcount_drift": last[k] - first[k] for k in ("none", "true", "false")}
        out |= {f"{prefix}_{k}_drift": round(last[k] - first[k], 1) for k in ("rss_mb", "pss_mb")}
        out |= {f"{prefix}_minutes": round(last["t"] / 60, 1), f"{prefix}_samples": len(self.samples),
                f"{prefix}_pss_mb_last": round(last["pss_mb"], 1)}
        return out


async def _every(sampler: Sampler, stop) -> None:
    import asyncio
    while not stop():
        sampler.take()
        await asyncio.sleep(SAMPLE_EVERY_S)


def _child_window(tmp: Path) -> dict:
    import asyncio

    from workbench.ui.preview.plugin import prepare
    prepare()
    import qasync
    from PySide6.QtWidgets import QApplication

    from workbench.ui.main_window import MainWindow
    from workbench.ui.preview.plugin import install
    from workbench.ui.theme import ThemeManager

    app = QApplication.instance() or QApplication(["soak"])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    project = tmp / "project"
    shutil.copytree(SAMPLE, project)
    path = project / PLUGIN_JS
    original = path.read_text()

    async def soak() -> dict:
        window = MainWindow(ThemeManager("light"))
        preview = install(window)
        window.show()
        ready = asyncio.Event()
        preview.controller.sig_ready.connect(ready.set)
        window.open_project(project)
        await asyncio.wait_for(ready.wait(), 60)
        sampler, end = Sampler(), time.perf_counter() + SOAK_WINDOW_S
        sampling = asyncio.ensure_future(_every(sampler, lambda: time.perf_counter() > end))
        reloads = 0
        while time.perf_counter() < end:
            await asyncio.sleep(30)
            reloads += 1
            path.write_text(original.replace("'Start recording'", f"'Start recording {reloads}'"))
        await sampling
        sampler.take()
        for doc in window.session.documents.values():
            doc.saved_text = doc.text
        window.close()
        return sampler.drift("soak_window") | {"soak_window_reloads": reloads}

    with loop:
        return loop.run_until_complete(soak())


def _child_scenario(tmp: Path) -> dict:
    import asyncio

    from workbench.sandbox.environment import ensure_app
    app = ensure_app()
    import qasync

    from workbench.registry import open_project
    from workbench.sandbox.runner import run_files

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    project_root = tmp / "project"
    shutil.copytree(SAMPLE, project_root)
    scenario = project_root / "scenarios" / "soak.yaml"
    scenario.write_text(_scenario(SOAK_SCENARIO_S))
    target, project = open_project(project_root)

    async def soak() -> dict:
        sampler, running = Sampler(), True
        sampling = asyncio.ensure_future(_every(sampler, lambda: not running))
        [result] = await run_files(target, project, [scenario])
        running = False  # (the samples are those taken while the scenario ran: its session is closed by now)
        await sampling
        if not result.passed:
            raise RuntimeError(result.failure_text())
        return sampler.drift("soak_scenario") | {"soak_scenario_steps": result.steps_run}

    with loop:
        return loop.run_until_complete(soak())


def soak() -> dict:
    figures: dict = {}
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ) | {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                                  "WORKBENCH_SETTINGS": str(Path(d) / "settings.ini"),
                                  "WORKBENCH_DATA_DIR": str(Path(d) / "data"), "WORKBENCH_LOG_DIR": str(Path(d) / "logs"),
                                  "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        for phase, seconds in (("window", SOAK_WINDOW_S), ("scenario", SOAK_SCENARIO_S)):
            tmp = Path(d) / phase
            tmp.mkdir()
            result = subprocess.run([sys.executable, __file__, "--child", phase, str(tmp)], env=env, cwd=REPO,
                                    capture_output=True, text=True, timeout=seconds + 600)
            if result.returncode != 0:
                raise RuntimeError(f"soak {phase} failed ({result.returncode}): {result.stderr[-3000:]}")
            figures |= json.loads(result.stdout.strip().splitlines()[-1])
    return figures


FIGURES = {"soak": soak}

if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        sys.path.insert(0, str(REPO))
        phase, tmp = sys.argv[2], Path(sys.argv[3])
        print(json.dumps(_child_window(tmp) if phase == "window" else _child_scenario(tmp)), flush=True)
    else:
        print(json.dumps(soak(), indent=2))
