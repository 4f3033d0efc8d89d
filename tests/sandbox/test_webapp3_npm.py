"""The real @pexip/plugin-api from npm, built with Vite as Pexip's template builds it: the sample's scenarios pass,
and a plugin built against each older supported version of the package runs too (slow: npm installs)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from qtasync import run
from testpaths import SAMPLES

from workbench.core.scenario import find_scenarios
from workbench.registry import open_project
from workbench.sandbox.runner import run_files

pytestmark = [pytest.mark.qt, pytest.mark.webengine, pytest.mark.slow, pytest.mark.node]

OLDER_PLUGIN = """import { registerPlugin } from '@pexip/plugin-api'
const plugin = await registerPlugin({ id: 'versions', version: 1 })
const button = await plugin.ui.addButton({ position: 'toolbar', icon: 'IconPlay', tooltip: 'Go' })
button.onClick.add(async () => {
  const input = await plugin.ui.showForm({ title: 'Name', form: { elements: {
    who: { name: 'Who', type: 'text' } }, submitBtnTitle: 'OK' } })
  await plugin.conference.lock({ lock: true })
  await plugin.ui.showToast({ message: `hello ${input.who}` })
})
plugin.events.participantJoined.add(async ({ participant }) => {
  await plugin.ui.showToast({ message: `${participant.displayName} is here` })
})
"""
OLDER_SCENARIO = """steps:
  - click: {button: Go}
  - submit: {form: Name, values: {who: Ann}}
  - expect: {toast: hello Ann}
  - expect: {conference: {locked: true}}
  - join: {name: Dan}
  - expect: {toast: Dan is here}
  - expect: {no_errors: true}
"""


def npm(root, *args: str) -> None:
    done = subprocess.run(["npm", *args, "--no-audit", "--no-fund"], cwd=root, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def passed(root) -> list:
    target, project = open_project(root)
    results = run(run_files(target, project, find_scenarios(root)), 300000)
    assert results and all(r.passed for r in results), [r.failure_text() for r in results]
    return results


@pytest.fixture(scope="module")
def npm_available():
    if shutil.which("npm") is None:
        pytest.skip("npm is not on PATH")


def test_the_sample_builds_with_vite_and_its_scenarios_pass(tmp_path, qapp, npm_available):
    root = tmp_path / "sample"
    shutil.copytree(SAMPLES / "webapp3-meeting-tools", root, ignore=shutil.ignore_patterns("node_modules", "dist"))
    npm(root, "ci")
    passed(root)  # the session runs the project's own build (npm run build) first
    assert (root / "dist" / "index.html").is_file()


@pytest.mark.parametrize("version", ["19.3.2", "21.0.0"])
def test_a_plugin_on_an_older_plugin_api_runs(tmp_path, qapp, npm_available, version):
    root = tmp_path / version
    shutil.copytree(SAMPLES / "webapp3-meeting-tools", root, ignore=shutil.ignore_patterns(
        "node_modules", "dist", "scenarios", "src", "package-lock.json"))
    package = json.loads((root / "package.json").read_text())
    package["dependencies"]["@pexip/plugin-api"] = version
    (root / "package.json").write_text(json.dumps(package, indent=2))
    (root / "src").mkdir()
    (root / "src" / "index.ts").write_text(OLDER_PLUGIN)
    (root / "scenarios").mkdir()
    (root / "scenarios" / "versions.yaml").write_text(OLDER_SCENARIO)
    npm(root, "install")
    passed(root)


def test_a_blank_project_installs_builds_and_passes_its_scenario(tmp_path, qapp, npm_available):
    from workbench.registry import get_target
    root = tmp_path / "hello"
    target = get_target("webapp3")
    [blank] = [s for s in target.samples() if s.blank]
    target.new_project(blank, root, {"plugin_id": "hello-tools"})
    npm(root, "ci")
    assert [r.name for r in passed(root)] == ["the toolbar button shows a toast"]
