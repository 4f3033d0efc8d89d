"""Helpers of the layout tests: a window at a given size with a sample open, what is cut off, panel sizes."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QHeaderView, QSizePolicy, QTabBar, QWidget

from tests.ui.preview_helpers import settled

IGNORED = QSizePolicy.Policy.Ignored


def preview_window(qtbot, size: tuple[int, int], restore: bool = False):
    """A shown window with the preview docked (and the saved layout restored), no project yet."""
    from workbench.ui.main_window import MainWindow
    from workbench.ui.preview.plugin import install
    from workbench.ui.theme import ThemeManager

    window = MainWindow(ThemeManager("light"))
    qtbot.addWidget(window)
    preview = install(window)
    if restore:
        window.restore_layout()
    window.resize(*size)  # (after a restore too: the test screen is smaller than a saved geometry)
    window.show()
    qtbot.waitExposed(window)
    return window, preview


def open_sized_window(qtbot, path, size: tuple[int, int], restore: bool = False):
    """A shown window with the preview, resized, with the project's page ready and the layout applied."""
    window, preview = preview_window(qtbot, size, restore)
    with qtbot.waitSignal(preview.sig_ready, timeout=20000):
        assert window.open_project(path)
    settled(qtbot, preview)  # the problems count in the status bar comes once the page is loaded
    settle(qtbot, window)
    return window, preview


def settle(qtbot, window) -> None:
    """Wait until the docks have the sizes the layout gives them (two equal readings in a row)."""
    seen: list = []

    def stable() -> bool:
        seen.append(panel_sizes(window))
        return len(seen) > 2 and seen[-1] == seen[-2] == seen[-3]

    qtbot.waitUntil(stable, timeout=5000)


def panel_sizes(window) -> dict[str, tuple[int, int]]:
    """Width and height of each visible main panel, by object name."""
    out = {}
    for name in ("explorer", "editors", "preview", "problems", "log", "tests"):
        widget = window.findChild(QWidget, name)
        if widget is not None and widget.isVisible() and not widget.visibleRegion().isEmpty():
            out[name] = (widget.width(), widget.height())
    return out


def _scrolls(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: what does not fit scrolls into view, it is not cut off."""
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def cut_off(window) -> list[str]:
    """Visible widgets squeezed below their minimum size or lying outside their parent, with where they are."""
    problems = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.visibleRegion().isEmpty() or w.isWindow() or _scrolls(w) or \
                isinstance(w, QHeaderView):
            continue  # (not on screen; a header's minimum size hint counts its sections, not what it needs to show)
        hint = w.minimumSizeHint().expandedTo(w.minimumSize())
        policy = w.sizePolicy()
        name = f"{type(w).__name__}({w.objectName() or getattr(w, 'text', lambda: '')()!r}) in " \
               f"{type(w.parentWidget()).__name__}/{type(w.parentWidget().parentWidget()).__name__}"
        if hint.width() > 0 and policy.horizontalPolicy() != IGNORED and w.width() + 1 < hint.width():
            problems.append(f"{name} is {w.width()} px wide, needs {hint.width()}")
        if hint.height() > 0 and policy.verticalPolicy() != IGNORED and w.height() + 1 < hint.height():
            problems.append(f"{name} is {w.height()} px high, needs {hint.height()}")
        parent = w.parentWidget()
        if parent is not None and not isinstance(parent, QAbstractScrollArea) and \
                not parent.rect().adjusted(-1, -1, 1, 1).contains(w.geometry()):
            problems.append(f"{name} at {w.geometry().getRect()} lies outside its parent {parent.rect().getRect()}")
    for bar in window.findChildren(QTabBar):  # a dock tab bar Qt left behind, drawn over the menus
        if bar.parentWidget() is window and bar.isVisible() and bar.geometry().intersects(window.menuBar().geometry()):
            problems.append(f"a stray tab bar {[bar.tabText(i) for i in range(bar.count())]} over the menu bar")
    return problems
