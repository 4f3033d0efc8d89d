"""Helpers of the preview tests: a window with the preview docked, JavaScript in its page, real mouse clicks."""

from __future__ import annotations

import json
from contextlib import contextmanager

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from workbench.ui.preview.plugin import prepare

prepare()  # the workbench scheme and QtWebEngine must be set up before pytest-qt creates the QApplication


HARNESS_WORLD = 16  # workbench.sandbox.kit.HARNESS_WORLD: the checks' isolated world


def js(qtbot, page, code: str, timeout: int = 5000, world: int = 0):
    """Evaluate code in the page (its main world, or another) and wait for its (JSON) value."""
    box: dict = {}
    page.runJavaScript(f"JSON.stringify((function () {{ return {code}; }})())", world,
                       lambda v: box.setdefault("v", v))
    qtbot.waitUntil(lambda: "v" in box, timeout=timeout)
    value = box["v"]
    if value == "":  # the page navigated (a reload) while the call ran: no value this time
        return None
    return json.loads(value) if isinstance(value, str) else value


def wait_js(qtbot, page, code: str, predicate=bool, timeout: int = 5000, world: int = 0):
    """Re-evaluate code until predicate(value) holds; returns the value."""
    seen: dict = {}

    def check() -> bool:
        seen["v"] = js(qtbot, page, code, world=world)
        return predicate(seen["v"])

    qtbot.waitUntil(check, timeout=timeout)
    return seen["v"]


def click_element(qtbot, view, selector: str) -> None:
    """A real mouse click in the view, at the centre of the element the selector finds."""
    rect = wait_js(qtbot, view.page(), f"""(function () {{
        var el = document.querySelector({json.dumps(selector)});
        if (!el) return null;
        var r = el.getBoundingClientRect();
        return r.width && r.height ? {{x: r.left + r.width / 2, y: r.top + r.height / 2}} : null;
    }})()""")
    target = view.focusProxy() or view
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(rect["x"]), int(rect["y"])))


def toolbar_label(qtbot, page):
    return js(qtbot, page, "(WBH.extensions.pexip.item({location: 'toolbar', index: 0}).item || {}).label || null",
              world=HARNESS_WORLD)


def dialogs(qtbot, page):
    return js(qtbot, page, "WBH.extensions.pexip.dialogs()", world=HARNESS_WORLD)


def open_preview_window(qtbot, path):
    """A shown MainWindow with the preview installed and the project's page ready."""
    from workbench.ui.main_window import MainWindow
    from workbench.ui.preview.plugin import install
    from workbench.ui.theme import ThemeManager

    window = MainWindow(ThemeManager("light"))
    qtbot.addWidget(window)
    preview = install(window)
    window.resize(1500, 950)
    window.show()
    with qtbot.waitSignal(preview.sig_ready, timeout=20000):
        assert window.open_project(path)
    settled(qtbot, preview)
    return window, preview


def settled(qtbot, preview) -> None:
    """Wait for what the window does once the page is loaded (the project's validation, its scenario list)."""
    qtbot.waitUntil(lambda: not preview.gate.pending, timeout=5000)


@contextmanager
def previewing(qtbot, path):
    """with previewing(qtbot, path) as (window, preview): a preview window on the project, closed afterwards."""
    window, preview = open_preview_window(qtbot, path)
    try:
        yield window, preview
    finally:
        close_window(window)


def close_window(window) -> None:
    if window.session is not None:
        for doc in window.session.documents.values():
            doc.saved_text = doc.text
    window.close()
