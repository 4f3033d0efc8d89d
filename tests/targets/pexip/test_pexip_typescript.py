"""TypeScript plugin projects as Pexip's template lays them out: detected, built with their own npm scripts (errors on
the source files), validated and exported from the built output."""

from __future__ import annotations

import io
import json
import os
import shutil
import time
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from plugin_projects import pexip_typescript

from workbench.cli import main
from workbench.core.build import problems_in
from workbench.core.diagnostics import Severity
from workbench.core.validation import validate
from workbench.targets.pexip import TARGET
from workbench.targets.pexip.typescript import build_spec

needs_npm = pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
SOURCE = "window.PEX.pluginAPI.registerPlugin({id: 'probe', load: () => {}, unload: () => {}});\n"


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def codes(root: Path) -> list[tuple[str, str, int]]:
    return [(d.code, d.file, d.range.start.line) for d in validate(TARGET, TARGET.detect(root))]


@pytest.mark.parametrize("folder", ["", "webapp2"])
def test_the_template_layout_is_detected(tmp_path, folder):
    pexip_typescript(tmp_path / folder if folder else tmp_path, SOURCE)
    project = TARGET.detect(tmp_path)
    assert project.kind == "pexip-typescript"
    prefix = f"{folder}/" if folder else ""
    assert project.content_root == f"{prefix}dev-assets" and project.details["dist"] == f"{prefix}dist"


def test_a_build_that_cannot_run_says_what_to_do(tmp_path):
    root = pexip_typescript(tmp_path / "p", SOURCE, installed=False)
    assert "run `npm install` there first" in build_spec(TARGET.detect(root)).missing
    (root / "package-lock.json").write_text("{}")
    assert "run `npm ci` there first" in build_spec(TARGET.detect(root)).missing
    (root / "package.json").write_text('{"name": "probe", "scripts": {}}')
    assert 'no "build" script' in build_spec(TARGET.detect(root)).missing
    rc, out, err = cli("build", str(root))
    assert rc == 1 and 'no "build" script' in err and out == ""


def test_tool_errors_land_on_the_source_files(tmp_path):
    spec = build_spec(TARGET.detect(pexip_typescript(tmp_path, SOURCE)))
    lines = [  # as webpack with ts-loader, tsc and webpack's resolver print them
        f"[tsl] ERROR in {tmp_path}/src/hands.ts(24,78)",
        "      TS2339: Property 'missing' does not exist on type 'Participant'.",
        "src/index.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
        "ERROR in ./src/index.ts 3:0-25",
        "Module not found: Error: Can't resolve './nope' in '/x/src'",
    ]
    found = [(d.file, d.range.start.line, d.range.start.column, d.severity, d.message) for d in
             problems_in(lines, spec, tmp_path)]
    assert [f[:3] for f in found] == [("src/hands.ts", 24, 78), ("src/index.ts", 3, 7), ("src/index.ts", 3, 0)]
    assert "TS2339: Property 'missing'" in found[0][4] and "TS2322" in found[1][4]
    assert "Can't resolve './nope'" in found[2][4] and all(f[3] is Severity.ERROR for f in found)


def test_a_compiler_configuration_error_is_shown_with_its_message(tmp_path):
    spec = build_spec(TARGET.detect(pexip_typescript(tmp_path, SOURCE)))
    lines = [  # ts-loader on a tsconfig.json that includes no file: no place, the message on the next line
        "ERROR in ./src/index.ts",
        "[tsl] ERROR",
        "      TS18002: The 'files' list in config file 'tsconfig.json' is empty.",
    ]
    found = problems_in(lines, spec, tmp_path)
    assert len(found) == 1 and found[0].severity is Severity.ERROR and found[0].file == ""
    assert "TS18002: The 'files' list in config file 'tsconfig.json' is empty." in found[0].message


@needs_npm
def test_build_then_validate_then_export(tmp_path):
    root = pexip_typescript(tmp_path / "p", SOURCE, items=[{"label": "Go", "action": "go"}])
    assert codes(root) == [("PEX034", "dev-assets/settings.json", 1)]  # not built yet
    rc, out, err = cli("build", str(root))
    assert rc == 0 and "built dist/plugins/probe" in err and out == ""
    # the built plugin is what is validated: "1.0.0" from package.json, an action the source does not register
    assert codes(root) == [("PEX002", "dist/plugins/probe/plugin.json", 5),
                           ("PEX014", "dist/plugins/probe/plugin.json", 19)]
    earlier = time.time() - 10  # the build was a while ago, whatever the file system's clock granularity
    for built in [root / ".workbench" / "build-stamp", *(root / "dist").rglob("*")]:
        os.utime(built, (earlier, earlier))
    (root / "src" / "index.ts").write_text(SOURCE + "// changed\n")
    assert ("PEX035", "src/index.ts", 1) in codes(root)
    rc, out, _ = cli("build", str(root), "--format", "json")
    assert rc == 0 and json.loads(out) == [] and ("PEX035", "src/index.ts", 1) not in codes(root)
    rc, _, err = cli("export", str(root), "-o", str(tmp_path / "p.zip"), "--force")
    assert rc == 0, err
    with zipfile.ZipFile(tmp_path / "p.zip") as zf:
        assert sorted(zf.namelist()) == ["webapp2/manifest.json", "webapp2/plugins/probe/index.js",
                                         "webapp2/plugins/probe/plugin.json", "webapp2/settings.json"]


@needs_npm
def test_a_failing_build_points_at_the_source(tmp_path):
    root = pexip_typescript(tmp_path / "p", SOURCE + "oops(); // @ts-error\n")
    rc, out, err = cli("build", str(root))
    assert rc == 1 and "failed" in err
    assert out.startswith("src/index.ts:2:5: error WB010 npm run build: TS2304: Cannot find name 'oops'.")


def test_an_unbuilt_project_cannot_be_exported(tmp_path):
    root = pexip_typescript(tmp_path / "p", SOURCE)
    rc, _, err = cli("export", str(root), "-o", str(tmp_path / "p.zip"), "--force")
    assert rc == 1 and "not built" in err and not (tmp_path / "p.zip").exists()
