"""Tabs that fold down to their tab bar: the preview's controls stay one click away without taking the page's room.

Clicking the current tab (or the ▾ button) folds the tabs; clicking any tab unfolds them. Each tab's content sits in
a scroll area, so a panel taller or wider than the room it gets scrolls instead of being cut off or pushing the
window's minimum size up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QTabWidget, QToolButton, QWidget

UNLIMITED = 16777215  # QWIDGETSIZE_MAX


def scrolling(widget: QWidget) -> QScrollArea:
    """The widget in a frameless scroll area that resizes it (scroll bars only when it cannot shrink further)."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setMinimumSize(0, 0)
    return area


class FoldingTabs(QTabWidget):
    """A tab widget that folds to its tab bar."""

    sig_folded = Signal(bool)
    """The tabs were folded (True) or unfolded (False)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.folded = False
        self.fold_button = QToolButton()
        self.fold_button.setAutoRaise(True)
        self.fold_button.clicked.connect(lambda _=False: self.set_folded(not self.folded))
        self.setCornerWidget(self.fold_button, Qt.Corner.TopRightCorner)
        self.tabBarClicked.connect(self._tab_clicked)
        self.currentChanged.connect(self._current_changed)
        self._show_fold_state()

    def add_panel(self, widget: QWidget, title: str, scroll: bool = True) -> int:
        """Add a tab (in a scroll area unless it scrolls itself); its index."""
        return self.addTab(scrolling(widget) if scroll else widget, title)

    def content(self, index: int) -> QWidget | None:
        """The widget of a tab (the one inside its scroll area)."""
        page = self.widget(index)
        return page.widget() if isinstance(page, QScrollArea) else page

    def index_of(self, widget: QWidget) -> int:
        """The tab showing widget, or -1."""
        return next((i for i in range(self.count()) if self.content(i) is widget), -1)

    def folded_height(self) -> int:
        return self.tabBar().sizeHint().height() + 2

    def set_folded(self, folded: bool) -> None:
        """Fold to the tab bar or unfold."""
        if folded == self.folded:
            return
        self.folded = folded
        page = self.currentWidget()
        if page is not None:
            page.setVisible(not folded)
        self.setMaximumHeight(self.folded_height() if folded else UNLIMITED)
        self._show_fold_state()
        self.sig_folded.emit(folded)

    def _tab_clicked(self, index: int) -> None:
        if index < 0:
            return
        if self.folded:
            self.setCurrentIndex(index)
            self.set_folded(False)
        elif index == self.currentIndex():
            self.set_folded(True)

    def _current_changed(self, _index: int) -> None:
        page = self.currentWidget()
        if page is not None and self.folded:
            page.hide()

    def _show_fold_state(self) -> None:
        self.fold_button.setText("▴" if self.folded else "▾")
        self.fold_button.setToolTip("Show the controls" if self.folded else "Fold the controls to give the page room")
