"""The preview dock's content: the page with its bar on top, the controls in folding tabs below."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QSplitter, QWidget

from workbench.ui.preview.control_tabs import FoldingTabs

PAGE_SHARE = 0.62  # of the column's height, by default


class PreviewArea(QSplitter):
    """Page over controls; folding the controls gives their room to the page, unfolding gives it back."""

    def __init__(self, page: QWidget, controls: FoldingTabs, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("preview")
        self.page, self.controls = page, controls
        self.addWidget(page)
        self.addWidget(controls)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self._unfolded: list[int] | None = None
        self._shared = False
        controls.sig_folded.connect(self._folded)
        controls.installEventFilter(self)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._first_share()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.controls and event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, self._first_share)
        return False

    def _first_share(self) -> None:
        """The first time both parts show at a real size, the page gets its share (later the user's split stays)."""
        if not self._shared and self.height() > 100 and self.controls.isVisible():
            self._shared = True
            self.share()

    def share(self, page_share: float = PAGE_SHARE) -> None:
        """Split the height between the page and its controls."""
        total = sum(self.sizes()) or self.height()
        if not self.controls.folded and self.controls.isVisible():
            self.setSizes([int(total * page_share), total - int(total * page_share)])

    def _folded(self, folded: bool) -> None:
        total = sum(self.sizes())
        if folded:
            self._unfolded = self.sizes()
            tabs = self.controls.folded_height()
            self.setSizes([total - tabs, tabs])
        elif self._unfolded:
            self.setSizes(self._unfolded)
        else:
            self.share()
