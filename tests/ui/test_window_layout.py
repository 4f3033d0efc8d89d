"""The window's layout for the job: a wide explorer, a preview with room, nothing cut off, at 1280×800 and
1920×1080 for every sample; focus, reset, resize down and up, panels only with a project, stable names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.conftest import SAMPLES
from tests.ui.layout_helpers import cut_off, open_sized_window, panel_sizes, preview_window, settle
from tests.ui.preview_helpers import close_window

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
ALL_SAMPLES = sorted(p.name for p in SAMPLES.iterdir() if p.is_dir())
SIZES = [(1280, 800), (1920, 1080)]


@pytest.fixture(autouse=True)
def free_port(monkeypatch):
    monkeypatch.setenv("PORT", "0")  # the script sample serves on a free port, not its fixed one


def page_size(preview) -> tuple[int, int]:
    view = preview.panel.view
    return view.width(), view.height()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("sample", ALL_SAMPLES)
def test_every_sample_gets_a_roomy_layout_with_nothing_cut_off(qtbot, copy_sample, sample, size):
    window, preview = open_sized_window(qtbot, copy_sample(sample), size)
    try:
        sizes = panel_sizes(window)
        assert sizes["explorer"][0] >= 200
        assert {"explorer", "editors", "preview", "problems"} <= set(sizes)
        width, height = page_size(preview)
        if size == (1280, 800):
            assert width >= 640 and height >= 360, (width, height)
        assert cut_off(window) == []

        window.preview.actions.focus.trigger()
        qtbot.waitUntil(lambda: not window.explorer.isVisible())
        settle(qtbot, window)
        width, height = page_size(preview)
        assert width * height >= 0.45 * size[0] * size[1], (width, height)
        assert not window.editors.isVisible() and not window.problems.isVisible()
        assert cut_off(window) == []

        window.preview.actions.focus.trigger()
        settle(qtbot, window)
        assert panel_sizes(window) == sizes
    finally:
        close_window(window)


def test_a_resize_down_and_up_gives_the_layout_back(qtbot, copy_sample):
    window, preview = open_sized_window(qtbot, copy_sample("pexip-recording"), (1920, 1080))
    try:
        before = panel_sizes(window)
        window.resize(1280, 800)
        settle(qtbot, window)
        assert page_size(preview)[0] >= 640 and panel_sizes(window)["explorer"][0] >= 200
        window.resize(1920, 1080)
        settle(qtbot, window)
        after = panel_sizes(window)
        assert after.keys() == before.keys()
        for name, (w, h) in before.items():
            assert abs(after[name][0] - w) <= 2 and abs(after[name][1] - h) <= 2, (name, before, after)
    finally:
        close_window(window)


def test_a_dragged_separator_is_kept_through_resizes_and_restarts(qtbot, copy_sample):
    window, preview = open_sized_window(qtbot, copy_sample("pexip-recording"), (1600, 1000))
    project = window.session.project.root
    try:
        window.resizeDocks([window.explorer_dock], [330], Qt.Orientation.Horizontal)
        settle(qtbot, window)
        window.layout_manager.remember()  # what the end of a separator drag does
        wide = window.explorer.width()
        assert wide > 300
        window.resize(1300, 850)
        window.resize(1600, 1000)
        settle(qtbot, window)
        assert abs(window.explorer.width() - wide) <= 2
    finally:
        close_window(window)
    again, again_preview = preview_window(qtbot, (1600, 1000), restore=True)
    qtbot.waitUntil(lambda: cut_off(again) == [])  # the start: no panel shows yet, nothing is left over the menus
    with qtbot.waitSignal(again_preview.sig_ready, timeout=20000):
        again.open_project(project)
    settle(qtbot, again)
    assert abs(again.explorer.width() - wide) <= 2
    assert cut_off(again) == []
    close_window(again)


def test_reset_layout_brings_every_panel_back_to_its_place(qtbot, copy_sample):
    window, preview = open_sized_window(qtbot, copy_sample("xcally-html"), (1280, 800))
    try:
        default = panel_sizes(window)
        window.explorer_dock.hide()
        window.preview.actions.detach.trigger()
        assert preview.preview_dock.isFloating()
        window.reset_layout_action.trigger()
        settle(qtbot, window)
        assert not preview.preview_dock.isFloating() and window.explorer.isVisible()
        assert panel_sizes(window) == default
    finally:
        close_window(window)


def test_host_panels_show_only_with_a_project_of_their_host(qtbot, copy_sample):
    window, preview = preview_window(qtbot, (1280, 800))
    window.show_start_page()
    assert not preview.area.isVisible() and not window.explorer.isVisible() and not preview.log.isVisible()
    assert window.start_page.isVisible()
    with qtbot.waitSignal(preview.sig_ready, timeout=20000):
        window.open_project(copy_sample("pexip-recording"))
    tabs = preview.host_controls
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Conference", "Plugins"]
    assert window.start_page is None and window.stack.minimumSizeHint().width() < 400  # no 719 px start page left
    with qtbot.waitSignal(preview.sig_ready, timeout=20000):
        window.open_project(copy_sample("exo-connector"))
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Web Conferencing"]
    window.close_project()
    assert not preview.area.isVisible() and not window.problems.isVisible()
    close_window(window)


def test_main_panels_have_stable_object_names(qtbot, copy_sample):
    window, preview = open_sized_window(qtbot, copy_sample("xcally-html"), (1280, 800))
    try:
        for name in ("explorer", "editors", "preview", "problems", "log", "tests", "devtools", "host-panel"):
            assert window.findChild(QWidget, name) is not None, name
        assert window.findChild(QWidget, "host-panel") is preview.host_controls.panel
    finally:
        close_window(window)
