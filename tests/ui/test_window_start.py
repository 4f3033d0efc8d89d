"""`workbench PATH`: the project's page starts loading before the window is built; the window then shows that page,
its problems and its scenarios as if it had opened the project itself."""

from __future__ import annotations

import pytest

from tests.ui.preview_helpers import close_window, js, settled
from workbench.ui.preview.plugin import install, open_early

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


def _window(qtbot, controller):
    from workbench.ui.main_window import MainWindow
    from workbench.ui.theme import ThemeManager

    window = MainWindow(ThemeManager("light"))
    qtbot.addWidget(window)
    preview = install(window, controller)
    window.resize(1400, 900)
    window.show()
    return window, preview


@pytest.mark.parametrize("loaded_first", [True, False], ids=["page-ready-first", "window-first"])
def test_a_preview_started_before_the_window_is_the_one_it_shows(qtbot, copy_sample, loaded_first):
    target, project, controller = open_early(copy_sample("pexip-recording"))
    session = controller.session
    if loaded_first:
        qtbot.waitUntil(lambda: session.ready, timeout=20000)
    window, preview = _window(qtbot, controller)
    try:
        with qtbot.waitSignal(window.sig_diagnostics, timeout=20000):
            window.show_project(target, project)
        settled(qtbot, preview)
        assert controller.session is session  # the page was not loaded a second time
        qtbot.waitUntil(lambda: preview.panel.status.text() == "ready", timeout=20000)
        assert preview.panel.view is not None and preview.panel.view.page() is session.page
        assert js(qtbot, session.page, "document.readyState") == "complete"
        assert preview.tests.rows and window.validation_label.text()
        assert any(e.message for e in session.log.entries) and preview.log.model.rowCount() > 0
    finally:
        close_window(window)


def test_a_folder_that_is_no_project_starts_nothing_early(tmp_path):
    assert open_early(tmp_path) is None
