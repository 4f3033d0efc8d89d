"""Helpers of the Pexip sandbox tests: open a project, run scenarios, start sessions, fetch from the page."""

from __future__ import annotations

import json
from pathlib import Path

from qtasync import js, run, started, wait_for

from workbench.core.scenario import parse_scenario
from workbench.registry import open_project
from workbench.sandbox.runner import run_scenario
from workbench.sandbox.session import SessionSetup


def project_at(path: Path):
    return open_project(path)[1]


def run_text(project_path: Path, text: str):
    """Run scenario YAML text against a project; the ScenarioResult."""
    target, project = open_project(project_path)
    return run(run_scenario(target, project, parse_scenario(text, "inline.yaml", target.vocabulary(project))), 60000)


def started_session(project_path: Path, allow_hosts=(), **header):
    """A started session; the call connects as soon as the plugins are loaded unless the header's host says."""
    header.setdefault("host", {"connect_delay": 0})
    target, project = open_project(project_path)
    session = target.create_session(project, SessionSetup(header=header, allow_hosts=list(allow_hosts)))
    return started(session)


def fetch(session, url: str) -> str:
    """Fetch url from the page; 'ok:<text>' or 'failed'."""
    key = f"__fetch{abs(hash(url))}"
    js(session, f"""(window.{key} = null, fetch({json.dumps(url)})
        .then(function (r) {{ return r.ok ? r.text().then(function (t) {{ window.{key} = 'ok:' + t; }})
                                          : (window.{key} = 'failed'); }})
        .catch(function () {{ window.{key} = 'failed'; }}), 1)""")
    assert wait_for(lambda: js(session, f"window.{key}") is not None, 5000)
    return js(session, f"window.{key}")
