"""A plugin that sends the browser elsewhere: logged as a navigation, refused, and checked with `navigated`."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin

from tests.sandbox.pexip_helpers import run_text

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

REDIRECTING = """(function () {
  PEX.pluginAPI.registerPlugin({id: 'probe-1.0', load: function () {}, unload: function () {},
    go: function () { window.location.href = 'https://survey.example.com/thanks?room=' + PEX.pexrtc.conference_name; }});
})();
"""


def test_a_redirect_is_a_navigation_not_a_load_failure(tmp_path):
    project = pexip_plugin(tmp_path, REDIRECTING)
    result = run_text(project, """
name: redirect
steps:
  - click: {location: toolbar, index: 0}
  - expect: {navigated: survey.example.com/thanks}
  - expect: {navigated: "https://survey.example.com/thanks?room=meet.alice"}
  - expect: {no_errors: true}
  - expect: {item: {location: toolbar, index: 0}, label: Go}
""")
    assert result.passed, result.failure_text()
    assert not any("did not load" in line for line in result.log_tail)


def test_expecting_a_navigation_that_did_not_happen_fails(tmp_path):
    project = pexip_plugin(tmp_path, REDIRECTING)
    result = run_text(project, """
name: no redirect
steps:
  - click: {location: toolbar, index: 0}
  - expect: {navigated: example.org, timeout: 300}
""")
    assert not result.passed
    assert 'no navigation to a URL containing "example.org"' in result.reason
    assert "https://survey.example.com/thanks" in result.reason


def test_a_window_the_plugin_opens_is_logged_and_the_plugin_goes_on(qapp, tmp_path):
    from qtasync import fire, js, wait_for

    from tests.sandbox.pexip_helpers import started_session
    session = started_session(pexip_plugin(tmp_path, REDIRECTING))
    try:
        fire(session, "var w = window.open(); w.document.write('<p>shot</p>'); document.body.dataset.opened = 'yes'")
        assert js(session, "document.body.dataset.opened") == "yes"
        assert wait_for(lambda: any("opened a new window" in e.message for e in session.log.entries), 3000)
        assert session.log.errors() == []
    finally:
        session.close()
