"""Helpers of the Pexip sandbox tests: open a project, run scenarios, start sessions."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.scenario import parse_scenario
from workbench.sandbox.runner import run_scenario
from workbench.sandbox.session import SessionSetup
from workbench.targets import open_project
from workbench.targets.pexip.runtime import create_session


def project_at(path: Path):
    return open_project(path)[1]


def run_text(project_path: Path, text: str):
    """Run scenario YAML text against a project; the ScenarioResult."""
    project = project_at(project_path)
    return run_scenario(project, parse_scenario(text, "inline.yaml"))


def started_session(project_path: Path, **setup):
    session = create_session(project_at(project_path), SessionSetup(**setup))
    session.start(20000)
    return session


def fetch(session, url: str) -> str:
    """Fetch url from the page; 'ok:<text>' or 'failed'."""
    from workbench.sandbox.waiting import wait_for
    key = f"__fetch{abs(hash(url))}"
    session.page.eval_js(f"""window.{key} = null; fetch({json.dumps(url)})
        .then(function (r) {{ return r.ok ? r.text().then(function (t) {{ window.{key} = 'ok:' + t; }})
                                          : (window.{key} = 'failed'); }})
        .catch(function () {{ window.{key} = 'failed'; }}); 1""")
    box = {}
    assert wait_for(lambda: bool(box.setdefault("v", session.page.eval_js(f"window.{key}")[1]) or box.pop("v")), 5000)
    return box["v"]
