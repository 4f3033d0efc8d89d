"""The preview of other hosts: their session's page when their run time exists, a clear message otherwise."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.ui.preview_helpers import close_window, js, open_preview_window
from workbench.ui.preview.live import PreviewController
from workbench.ui.preview.panel import PreviewPanel

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


def test_xcally_html_project_shows_its_page(qtbot, copy_sample):
    window, preview = open_preview_window(qtbot, copy_sample("xcally-html"))
    try:
        assert preview.panel.view is not None
        page = preview.panel.view.page()
        assert preview.controller.session.target == "xcally"
        assert page is preview.controller.session.page and page.url().scheme() == "workbench"
        assert js(qtbot, page, "document.querySelectorAll('iframe').length") >= 1  # the plugin's view frame
        assert not preview.controls.isEnabled()  # no simulated conference for this host
    finally:
        close_window(window)


def test_a_host_without_run_time_gets_a_message_not_a_crash(qtbot, tmp_path):
    controller = PreviewController()
    panel = PreviewPanel(controller)
    qtbot.addWidget(panel)
    project = SimpleNamespace(target="nohost", root=tmp_path, content_root="", kind="x", details={})
    controller.open(project)
    assert controller.session is None
    assert "The preview could not start" in panel.message.text() and "nohost" in panel.message.text()
    assert panel.stack.currentWidget() is panel.message


def test_a_web_app_3_project_gets_the_conference_panel_shared_with_web_app_2(qtbot, tmp_path):
    from webapp3_projects import branding
    root = branding(tmp_path / "wa3", {"p": "await call('syn', {id: 'p', version: 1});"})
    window, preview = open_preview_window(qtbot, root)
    try:
        session = preview.controller.session
        assert session.target == "webapp3" and preview.controls.isEnabled()  # the same panel the v2 host gets
        assert js(qtbot, preview.panel.view.page(), "document.querySelector('iframe.plugin-frame').sandbox.value") \
            == "allow-scripts"
        session.conference.add_participant({"name": "Zed"})
        qtbot.waitUntil(lambda: js(qtbot, preview.panel.view.page(),
                                   "document.getElementById('roster').textContent").count("Zed") == 1, timeout=5000)
    finally:
        close_window(window)
