"""Fullscreen as a published plugin asks for it: granted from a click (a scenario's, or the user's in the preview),
refused without one, as the browser does."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin

from tests.sandbox.pexip_helpers import run_text

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

FULLSCREEN = """(function () {
  function mark(text) {
    var el = document.createElement('div'); el.className = 'fs'; el.textContent = text; document.body.appendChild(el);
  }
  document.addEventListener('fullscreenchange', function () { mark('change ' + !!document.fullscreenElement); });
  PEX.pluginAPI.registerPlugin({id: 'probe-1.0', unload: function () {},
    load: function () {
      setTimeout(function () {  // no user gesture here: the browser refuses
        document.documentElement.requestFullscreen().then(function () { mark('timer granted'); },
                                                          function () { mark('timer refused'); });
      }, 0);
    },
    go: function () {
      if (!document.fullscreenElement) {
        document.documentElement.requestFullscreen().then(function () { mark('entered'); });
      } else {
        document.exitFullscreen().then(function () { mark('left'); });
      }
    }});
})();
"""


def test_a_click_may_go_fullscreen_and_back(tmp_path):
    result = run_text(pexip_plugin(tmp_path, FULLSCREEN), """
name: fullscreen
steps:
  - expect: {selector: ".fs", text: timer refused}
  - click: {location: toolbar, index: 0}
  - expect: {selector: ".fs", text: entered}
  - expect: {selector: ".fs", text: change true}
  - click: {location: toolbar, index: 0}
  - expect: {selector: ".fs", text: left}
  - expect: {selector: ".fs", text: change false}
  - expect: {no_errors: true}
""")
    assert result.passed, result.failure_text()


def test_a_users_click_in_the_preview_goes_fullscreen(qtbot, tmp_path):
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from qtasync import js as page_js
    from qtasync import wait_for

    from tests.sandbox.pexip_helpers import started_session
    from tests.ui.preview_helpers import click_element

    session = started_session(pexip_plugin(tmp_path, FULLSCREEN))
    view = QWebEngineView()
    try:
        view.setPage(session.page)
        view.resize(1200, 800)
        view.show()
        qtbot.waitExposed(view)
        assert wait_for(lambda: page_js(session, "window.innerWidth") == 1200, 5000)  # laid out in the view
        requests = []
        session.page.fullScreenRequested.connect(lambda request: requests.append(request.toggleOn()))
        click_element(qtbot, view, ".plugin-toolbar-button")  # a real mouse click: the browser's own gesture
        assert wait_for(lambda: "entered" in str(page_js(session, "document.body.innerText")), 5000)
        assert requests == [True]  # the browser granted it itself (no emulation needed)
        assert session.log.errors() == []
    finally:
        view.setPage(None)
        view.deleteLater()
        session.close()


def test_a_scenarios_click_goes_fullscreen_without_the_browsers_refusal_in_the_console(tmp_path):
    from qtasync import apply

    from tests.sandbox.pexip_helpers import started_session

    session = started_session(pexip_plugin(tmp_path, FULLSCREEN))
    try:
        apply(session, "expect", {"selector": ".fs", "text": "timer refused"})  # refused, and said so: as in the app
        before = len([e for e in session.log.of_kind("console") if "user gesture" in e.message])
        apply(session, "click", {"location": "toolbar", "index": 0})
        apply(session, "expect", {"selector": ".fs", "text": "entered"})
        after = [e.message for e in session.log.of_kind("console") if "user gesture" in e.message]
        assert len(after) == before, after  # the app shows no refusal for a click
    finally:
        session.close()
