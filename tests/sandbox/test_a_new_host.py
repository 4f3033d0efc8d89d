"""A new host is one package, one page folder and one entry point: a tiny host registered from a temporary
package (nothing else in the workbench touched) is detected, validated, run in a page with a step of its own, and
exported and imported again."""

from __future__ import annotations

import sys
import textwrap
import zipfile

import pytest

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

HOST_PACKAGE = '''
"""A tiny host: a folder with fake.json is a project; its page greets; it has one step of its own."""
from pathlib import Path

from workbench.core.diagnostics import Diagnostic, RuleInfo, Severity
from workbench.core.project import Project
from workbench.targets.base import LazyTarget

HERE = Path(__file__).parent


class FakeTarget(LazyTarget):
    name = "fake"
    title = "Fake Host"
    VALIDATE = "fakehost:validate"
    RULES = "fakehost:RULES"
    OUTLINE = "fakehost:outline"
    EXPORT = "fakehost:export_plan"
    VOCABULARY = "fakehost:vocabulary"
    SESSION = "fakehost.session:create_session"
    IMPORT_LAYOUT = "fakehost:import_layout"
    IMPORT_LOOKS_FOR = "fake.json at the root"

    def detect(self, root):
        return Project(Path(root), "fake", "fake-plugin") if (Path(root) / "fake.json").is_file() else None

    def looked_for(self):
        return ["fake.json"]


RULES = [RuleInfo("FAKE001", Severity.WARNING, "fake.json is empty", "the file has no content", "Write something in it.")]


def validate(project, files):
    text = (project.root / "fake.json").read_text()
    return [] if text.strip() else [Diagnostic("FAKE001", Severity.WARNING, "fake.json is empty", "fake.json")]


def outline(project, files):
    return []


def export_plan(project, files, options):
    from workbench.core.packaging.model import ExportPlan, PlanEntry
    return ExportPlan([PlanEntry("fake.json", source=project.root / "fake.json", origin="fake.json")], "fake.zip",
                      revalidate=False)


def import_layout(names, read):
    return {"strip": "", "add": "", "certainty": 3, "description": "fake package"} if "fake.json" in names else None


def vocabulary(project=None):
    from workbench.core.page_step_specs import PAGE_STEPS
    from workbench.core.steps import StepModel, StepSpec, Vocabulary

    class Greet(StepModel):
        name: str

    return Vocabulary.of((*PAGE_STEPS, StepSpec("greet", Greet, "fakehost.session:step_greet")))


TARGET = FakeTarget()
'''

SESSION = '''
from fakehost import HERE
from workbench.sandbox.session import HostSession


class FakeSession(HostSession):
    target = "fake"
    host_dir = HERE / "page"


def create_session(project, setup=None, parent=None):
    return FakeSession(project, setup, parent)


async def step_greet(session, value, step):
    await session.js("(document.getElementById('out').textContent = 'Hello ' + " + repr(value.name) + ")")
'''

PAGE = """<!DOCTYPE html><html><body><p id="out">waiting</p>
<script>window.addEventListener('load', function () { WBKit.ready({}); });</script></body></html>"""


@pytest.fixture
def fake_host(tmp_path, monkeypatch):
    site = tmp_path / "site"
    package = site / "fakehost"
    (package / "page").mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(HOST_PACKAGE))
    (package / "session.py").write_text(textwrap.dedent(SESSION))
    (package / "page" / "index.html").write_text(PAGE)
    info = site / "fakehost-0.1.dist-info"  # the one registry line: an entry point of the group workbench.targets
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fakehost\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[workbench.targets]\nfake = fakehost:TARGET\n")
    monkeypatch.syspath_prepend(str(site))
    from workbench.registry import reload_targets
    reload_targets()
    project = tmp_path / "project"
    (project / "scenarios").mkdir(parents=True)
    (project / "fake.json").write_text("")
    (project / "scenarios" / "greets.yaml").write_text(
        "steps:\n  - greet: {name: World}\n  - expect: {selector: '#out', text: Hello World}\n")
    yield project
    sys.modules.pop("fakehost", None)
    sys.modules.pop("fakehost.session", None)
    monkeypatch.undo()
    reload_targets()


def test_a_host_registered_by_an_entry_point_works_end_to_end(fake_host, qapp, capsys, tmp_path):
    from qtasync import install_loop, run

    from workbench.cli import main
    from workbench.core.packaging import export_project
    from workbench.core.scenario import find_scenarios
    from workbench.registry import open_project, target_names
    from workbench.sandbox.runner import run_files

    assert "fake" in target_names()
    target, project = open_project(fake_host)
    assert target.title == "Fake Host" and project.kind == "fake-plugin"
    assert main(["validate", str(fake_host)]) == 0  # warnings only
    assert "FAKE001" in capsys.readouterr().out
    assert "FAKE001" in main_rules(capsys)

    install_loop(qapp)
    results = run(run_files(target, project, find_scenarios(fake_host)), 60000)
    assert [r.passed for r in results] == [True], [r.failure_text() for r in results]

    result = export_project(target, project, output=tmp_path / "out" / "fake.zip", force=True)
    assert result.path is not None and zipfile.ZipFile(result.path).namelist() == ["fake.json"]
    assert main(["import", str(result.path), str(tmp_path / "imported")]) == 0
    assert "imported fake package" in capsys.readouterr().out and open_project(tmp_path / "imported")[0] is target


def main_rules(capsys) -> str:
    from workbench.cli import main
    main(["rules"])
    return capsys.readouterr().out
