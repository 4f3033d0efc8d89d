"""Validation latency: one keystroke in the window, `workbench validate` from a shell, a 200-plugin package.

Each figure is measured next to its baseline in the same run:
- validate_keystroke_ms_median (LiveValidator re-validating one edited buffer: each sample's first JSON file and
  largest JS file; the max of the medians) beside json_loads_ms_median (json.loads of the JSON buffers) and
  treesitter_js_parse_ms_median (a bare tree-sitter parse of the JS buffers);
- validate_cli_s_median (`python -m workbench validate <sample>`) beside python_startup_s_median (`python -c pass`);
- validate_200_plugins_ms_median (a generated Pexip branding package of 200 plugins, parse caches cleared before each
  run) beside read_200_plugins_ms_median (reading every file of it and json.loads of its JSON files).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from timing import median_ms  # noqa: E402

from workbench.core import files as core_files  # noqa: E402
from workbench.core.files import ProjectFiles  # noqa: E402
from workbench.core.paths import SAMPLES  # noqa: E402
from workbench.core.validation import LiveValidator, validate  # noqa: E402
from workbench.registry import open_project  # noqa: E402

CLI_SAMPLE = SAMPLES / "pexip-recording"


def _edited_buffers(project) -> list[str]:
    """The files a user types in: the project's first JSON file (a manifest or package) and its largest JS file."""
    files = ProjectFiles(project.root)
    candidates = [f for f in files.walk_files() if not f.startswith("scenarios/")]
    json_files = [f for f in candidates if f.endswith(".json")][:1]
    js_files = sorted((f for f in candidates if f.endswith(".js")), key=lambda f: -(project.root / f).stat().st_size)
    return json_files + js_files[:1]


def keystroke() -> dict:
    """Re-validate one edited in-memory buffer per sample and file kind; report the worst median and its baseline."""
    from workbench.core.treesitter import parse

    worst, where, baseline_json, baseline_js = 0.0, "", 0.0, 0.0
    for sample in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        try:
            target, project = open_project(sample)
        except Exception as exc:  # a sample another part of the product has not finished must not stop the run
            print(f"  skipped {sample.name}: {exc}", file=sys.stderr)
            continue
        for rel in _edited_buffers(project):
            text = (project.root / rel).read_text(encoding="utf-8")
            live = LiveValidator(target, project)
            live.run()  # the window validates once when a project opens
            count = iter(range(1, 10**6))

            def edit_and_validate(live=live, rel=rel, text=text, count=count):
                # a new content every time (as typing does), so the edited file misses the parse caches
                live.set_buffer(rel, text + "\n" + " " * next(count))
                live.run()

            ms = median_ms(edit_and_validate, repeat=30)
            print(f"  {sample.name}: {rel} {ms} ms", file=sys.stderr)
            if rel.endswith(".json"):
                baseline_json = max(baseline_json, median_ms(lambda text=text: json.loads(text), repeat=30))
            else:
                baseline_js = max(baseline_js, median_ms(lambda text=text: parse("javascript", text), repeat=30))
            if ms >= worst:
                worst, where = ms, f"{sample.name}/{rel}"
    return {"validate_keystroke_ms_median": worst, "json_loads_ms_median": baseline_json,
            "treesitter_js_parse_ms_median": baseline_js, "validate_keystroke_worst_file": where}


def _median_s(cmd: list[str], repeat: int = 7) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - t0)
    return round(statistics.median(samples), 3)


def cli() -> dict:
    """`python -m workbench validate <sample>` beside a bare interpreter start, interleaved in one run."""
    return {
        "python_startup_s_median": _median_s([sys.executable, "-c", "pass"]),
        "validate_cli_s_median": _median_s([sys.executable, "-m", "workbench", "validate", str(CLI_SAMPLE)]),
    }


def generate_package(root: Path, count: int = 200) -> None:
    """A branding package of `count` toolbar plugins, each with a package file, a source file and an SVG icon."""
    web = root / "webapp2"
    entries = []
    for i in range(count):
        name, ident = f"plugin{i:03d}", f"plugin{i:03d}-1.0"
        folder = web / "plugins" / name
        (folder / "assets").mkdir(parents=True)
        entries.append({"id": ident, "srcURL": f"plugins/{name}/{name}.plugin.package.json", "enabled": True})
        package = {"id": ident, "name": name, "description": f"Plugin number {i}", "version": 1.0,
                   "srcURL": f"{name}.plugin.js", "allowUnload": True, "platforms": ["web", "electron"],
                   "participantRoles": ["chair"],
                   "menuItems": {"toolbar": [{"icon": f"assets/{name}.svg#{name}", "label": f"Run {i}",
                                              "action": "run"}]}}
        (folder / f"{name}.plugin.package.json").write_text(json.dumps(package, indent=2))
        (folder / f"{name}.plugin.js").write_text(
            "(function () {\n"
            "  var state$ = PEX.pluginAPI.createNewState({});\n"
            "  function load(participants$, conferenceDetails$) {\n"
            "    participants$.subscribe(function (list) { state$.next({label: 'Run ' + list.length}); });\n"
            "  }\n"
            "  function unload() {}\n"
            f"  function run(participants) {{ PEX.pluginAPI.sendChatMessage('plugin {i} ran'); }}\n"
            f"  PEX.pluginAPI.registerPlugin({{id: '{ident}', load: load, unload: unload, run: run, "
            "state$: state$});\n"
            "})();\n")
        (folder / "assets" / f"{name}.svg").write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{name}" viewBox="0 0 24 24"><circle cx="12" cy="12" '
            'r="8"/></svg>\n')
    (web / "settings.json").write_text(json.dumps({"plugins": entries}, indent=2))
    (web / "manifest.json").write_text(json.dumps({"brandingID": "1700000000000", "isSettingsBranded": True}))


def two_hundred_plugins() -> dict:
    """Validate a generated 200-plugin package cold (parse caches cleared before each run)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate_package(root)
        target, project = open_project(root)
        diags = validate(target, project)
        assert not diags, diags[:3]  # the generated package is clean: the figure measures a full pass

        def cold():
            core_files.CACHE._items.clear()
            validate(target, project)

        def read_all():
            for path in root.rglob("*"):
                if path.is_file():
                    data = path.read_bytes()
                    if path.suffix == ".json":
                        json.loads(data)

        return {"validate_200_plugins_ms_median": median_ms(cold, repeat=9, warmup=1),
                "read_200_plugins_ms_median": median_ms(read_all, repeat=9, warmup=1)}


FIGURES = {
    "validate_keystroke_ms_median": keystroke,
    "validate_cli_s_median": cli,
    "validate_200_plugins_ms_median": two_hundred_plugins,
}
