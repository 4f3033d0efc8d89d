"""The hang watchdog cannot be switched off, and a plugin sending the browser elsewhere keeps the host page."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin, registering
from qtasync import wait_for

from tests.sandbox.pexip_helpers import run_text, started_session

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


def test_a_loop_after_a_blocked_navigation_is_still_detected(tmp_path):
    body = """
      try { top.location.href = 'https://elsewhere.example/'; } catch (e) {}
      setTimeout(function () { while (true) {} }, 300);"""
    session = started_session(pexip_plugin(tmp_path / "proj", registering(body)))
    try:
        assert wait_for(lambda: any(e.data.get("hang") for e in session.log.errors()), 10000), session.log.tail()
        assert any("navigated to https://elsewhere.example/" in e.message for e in session.log.of_kind("host"))
    finally:
        session.close()


def test_navigation_is_logged_and_the_host_page_stays(tmp_path):
    root = pexip_plugin(tmp_path / "proj", registering("").replace(
        "go: function () {}", "go: function () { window.location.href = 'https://www.example.com/goodbye'; }"))
    session = started_session(root)
    try:
        from qtasync import apply
        apply(session, "click", {"location": "toolbar", "index": 0})
        assert wait_for(lambda: session.page.navigations == ["https://www.example.com/goodbye"], 5000)
        assert session.page.url().toString().startswith("workbench://app/")
        apply(session, "expect", {"selector": "#participant-list"})
    finally:
        session.close()


def test_a_plugin_looping_at_load_fails_its_scenario_within_seconds(tmp_path):
    root = pexip_plugin(tmp_path / "proj", registering("while (true) {}"))
    result = run_text(root, "steps:\n  - expect: {no_errors: true}\n")
    assert not result.passed and "stopped responding" in result.reason
