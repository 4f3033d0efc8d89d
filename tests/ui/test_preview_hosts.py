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
