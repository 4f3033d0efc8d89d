"""Helpers of the Pexip sandbox tests: open a project, run scenarios, start sessions."""

from __future__ import annotations

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
