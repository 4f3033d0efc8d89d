"""The window's layout: where each panel docks, sizes that follow the window, Reset layout, Focus preview, and the
panels shown only while a project is open.

The explorer is on the left, the preview (page and controls) takes the right column from top to bottom, problems /
log / tests share the bottom panel under the explorer and the editors. The sizes the user gives the explorer, the
preview and the bottom panel (by dragging a separator) are kept as the explorer's width, the preview's share of the
window's width and the bottom panel's height: a window made smaller and then larger again gets its layout back,
instead of handing all the room it regains to the editors.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow

from workbench.ui import settings

log = logging.getLogger(__name__)

LAYOUT_VERSION = 2  # saved layouts of another version are not restored (panels were renamed or moved)
EXPLORER_MIN = 200
PREVIEW_MIN_WIDTH = 660  # a 640 px page and the dock's frame
LEFT, RIGHT, BOTTOM = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
                       Qt.DockWidgetArea.BottomDockWidgetArea)


@dataclass
class Sizes:
    """What the user chose: the explorer's width, the right column's share of the width, the bottom panel's height."""

    explorer: int = 0
    side: float = 0.0
    bottom: int = 0

    @classmethod
    def default(cls, width: int, height: int) -> Sizes:
        """Sizes for a window of this size: a wide explorer, half the width (at least a 640 px page) to the preview."""
        side = min(0.62, max(0.5, PREVIEW_MIN_WIDTH / max(1, width)))
        return cls(max(EXPLORER_MIN, min(300, int(width * 0.16))), side, max(140, min(260, int(height * 0.22))))


@dataclass
class Place:
    """Where a dock goes by default."""

    area: Qt.DockWidgetArea
    visible: bool = True
    tab_with: str | None = None  # another dock's name: the two share a tabbed area
    below: str | None = None  # another dock's name: split under it


class WindowLayout(QObject):
    """Owns the docks' places and sizes in one main window."""

    sig_focus = Signal(bool)
    """The preview was focused (everything else hidden) or given back its neighbours."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.docks: dict[str, QDockWidget] = {}
        self.places: dict[str, Place] = {}
        self.sizes: Sizes | None = None
        self.focused = False
        self._before_focus: QByteArray | None = None
        self._project_state: QByteArray | None = None  # the layout while a project was open (hidden without one)
        self._project_open = False
        self._default_state: QByteArray | None = None  # the layout as the panels were first docked
        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(0)
        self._apply_timer.timeout.connect(self.apply_sizes)
        window.setCorner(Qt.Corner.TopLeftCorner, LEFT)
        window.setCorner(Qt.Corner.BottomLeftCorner, BOTTOM)
        window.setCorner(Qt.Corner.TopRightCorner, RIGHT)
        window.setCorner(Qt.Corner.BottomRightCorner, RIGHT)
        window.setDockNestingEnabled(True)
        window.installEventFilter(self)

    # -- docks ------------------------------------------------------------------------------------------------------
    def add(self, name: str, dock: QDockWidget, place: Place) -> QDockWidget:
        """Register a dock under a stable name (its object name is dock-<name>) and put it in its default place."""
        dock.setObjectName(f"dock-{name}")
        self.docks[name] = dock
        self.places[name] = place
        self._place(name)
        self._default_state = self.window.saveState(LAYOUT_VERSION)
        return dock

    def dock(self, name: str) -> QDockWidget | None:
        return self.docks.get(name)

    def _place(self, name: str) -> None:
        dock, place = self.docks[name], self.places[name]
        dock.setFloating(False)
        self.window.addDockWidget(place.area, dock)
        if place.tab_with in self.docks:
            self.window.tabifyDockWidget(self.docks[place.tab_with], dock)
        elif place.below in self.docks:
            self.window.splitDockWidget(self.docks[place.below], dock, Qt.Orientation.Vertical)
        dock.setVisible(place.visible and self._project_open)  # without a project the start page has the window

    def arrange(self) -> None:
        """Every dock in its default place, shown or hidden as by default, with default sizes."""
        self._leave_focus()
        for dock in self.docks.values():
            dock.setFloating(False)
        if self._default_state is not None:  # re-docking afresh would leave Qt's old tab bars behind
            self.window.restoreState(self._default_state, LAYOUT_VERSION)
        for name, place in self.places.items():
            self.docks[name].setVisible(place.visible and self._project_open)
        self._raise_firsts()
        self.sizes = Sizes.default(self.window.width(), self.window.height())
        self._apply_soon()

    def reset(self) -> None:
        """View > Reset layout: the default places and sizes (the remembered ones are forgotten)."""
        self.arrange()
        self.central_widget_shown(True)
        self.save()

    # -- sizes ------------------------------------------------------------------------------------------------------
    def _visible(self, name: str) -> QDockWidget | None:
        dock = self.docks.get(name)
        return dock if dock is not None and dock.isVisible() and not dock.isFloating() else None

    def _bottom_dock(self) -> QDockWidget | None:
        return next((d for n, d in self.docks.items() if self.places[n].area == BOTTOM and self._visible(n)), None)

    def apply_sizes(self) -> None:
        """Give the explorer, the preview and the bottom panel their chosen sizes for the window's current size."""
        if self.focused or not self.window.isVisible():
            return
        if self.sizes is None:
            self.sizes = Sizes.default(self.window.width(), self.window.height())
        width, height = self.window.width(), self.window.height()
        docks, widths = [], []
        explorer, preview = self._visible("explorer"), self._visible("preview")
        if explorer is not None:
            docks.append(explorer)
            widths.append(max(EXPLORER_MIN, min(self.sizes.explorer, int(width * 0.3))))
        if preview is not None:
            docks.append(preview)  # a 640 px page whenever the window leaves the editors 400 px beside it
            widths.append(max(int(width * self.sizes.side), min(PREVIEW_MIN_WIDTH, width - (widths or [0])[0] - 400)))
        if docks:
            self.window.resizeDocks(docks, widths, Qt.Orientation.Horizontal)
        bottom = self._bottom_dock()
        if bottom is not None:
            self.window.resizeDocks([bottom], [min(self.sizes.bottom, int(height * 0.4))], Qt.Orientation.Vertical)

    def _apply_soon(self) -> None:
        self._apply_timer.start()

    def remember(self) -> None:
        """Keep the sizes the docks have now as the user's choice (after a separator was dragged)."""
        if self.focused or self.sizes is None or not self.window.isVisible():
            return
        explorer, preview, bottom = self._visible("explorer"), self._visible("preview"), self._bottom_dock()
        if explorer is not None:
            self.sizes.explorer = explorer.width()
        if preview is not None:
            self.sizes.side = preview.width() / max(1, self.window.width())
        if bottom is not None:
            self.sizes.bottom = bottom.height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.window:
            kind = event.type()
            if kind in (QEvent.Type.Resize, QEvent.Type.Show):
                self._apply_soon()
            elif kind == QEvent.Type.MouseButtonRelease:  # the end of a separator drag (children get their own)
                self.remember()
        return False

    # -- focus ------------------------------------------------------------------------------------------------------
    def set_focus(self, on: bool) -> None:
        """Give the whole window to the preview (its controls fold down), or bring the other panels back."""
        preview = self.docks.get("preview")
        if preview is None or on == self.focused:
            return
        if on:
            self._before_focus = self.window.saveState(LAYOUT_VERSION)
            preview.setFloating(False)
            for name, dock in self.docks.items():
                if name != "preview":
                    dock.hide()
            self.central_widget_shown(False)
            preview.show()
            preview.raise_()
            self.focused = True
        else:
            self._leave_focus()
        self.sig_focus.emit(self.focused)

    def _leave_focus(self) -> None:
        if not self.focused:
            return
        self.focused = False
        self.central_widget_shown(True)
        if self._before_focus is not None:
            self.window.restoreState(self._before_focus, LAYOUT_VERSION)
        self._before_focus = None
        self._apply_soon()

    def central_widget_shown(self, shown: bool) -> None:
        central = self.window.centralWidget()
        if central is not None:
            central.setVisible(shown)

    # -- projects ---------------------------------------------------------------------------------------------------
    def project_opened(self) -> None:
        """Show the panels as they were while a project was last open (the defaults the first time)."""
        self._project_open = True
        state, self._project_state = self._project_state, None
        if state is None or not self.window.restoreState(state, LAYOUT_VERSION):
            for name, place in self.places.items():
                self.docks[name].setVisible(place.visible)
            self._raise_firsts()
        self._apply_soon()

    def _raise_firsts(self) -> None:
        """The first dock of each tab group in front (Problems rather than the last one added)."""
        for name, place in self.places.items():
            if place.tab_with is None and place.visible:
                self.docks[name].raise_()

    def share_column(self, top: str, below: str, top_share: float = 0.55) -> None:
        """Split the height of a column between two docks (a dock shown under another gets room, not a sliver)."""
        first, second = self._visible(top), self._visible(below)
        if first is not None and second is not None:
            total = first.height() + second.height()
            self.window.resizeDocks([first, second], [int(total * top_share), total - int(total * top_share)],
                                    Qt.Orientation.Vertical)

    def project_closed(self) -> None:
        """No project: the panels that show one go (the start page takes the window)."""
        if self.focused:
            self.set_focus(False)
        if self._project_open:
            self._project_state = self.window.saveState(LAYOUT_VERSION)
        self._project_open = False
        self._default_state: QByteArray | None = None  # the layout as the panels were first docked
        for dock in self.docks.values():
            dock.hide()

    # -- persistence ------------------------------------------------------------------------------------------------
    def restore(self) -> None:
        """The saved geometry, dock layout and sizes (a layout saved by another version is ignored)."""
        s = settings.app_settings()
        geometry, state = s.value("window/geometry"), s.value("window/state")
        if isinstance(geometry, QByteArray):
            self.window.restoreGeometry(geometry)
        try:
            saved = json.loads(str(s.value("window/sizes", "") or "null"))
            self.sizes = Sizes(**saved) if isinstance(saved, dict) else self.sizes
        except (TypeError, ValueError):
            log.info("the saved panel sizes are not readable: defaults used")
        if isinstance(state, QByteArray):
            if self._project_open:
                self.window.restoreState(state, LAYOUT_VERSION)
            else:  # the saved layout is a project's: applied when one opens (restoring it onto hidden docks
                self._project_state = state  # and hiding them again leaves a stray tab bar on the window)
        self._apply_soon()

    def save(self) -> None:
        s = settings.app_settings()
        s.setValue("window/geometry", self.window.saveGeometry())
        state = self._before_focus if self.focused else None
        if state is None:
            state = self.window.saveState(LAYOUT_VERSION) if self._project_open else self._project_state
        if state is not None:
            s.setValue("window/state", state)
        if self.sizes is not None:
            s.setValue("window/sizes", json.dumps(asdict(self.sizes)))
        s.sync()
