"""A list of objects in a form: one row of fields per item (or one small card per item), with add, remove and move
buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.forms.fields import Field, FormContext, Path

RowFactory = Callable[[FormContext, Path], list[tuple[str, Field]]]


class ItemListField(Field):
    """Rows rebuilt only when the number of items changes; otherwise each row's fields refresh in place.

    With `card_title`, each item is a framed card (a title line with its buttons, then one labelled field per line):
    items with several wide fields stay readable when the form is narrow (form and text side by side).
    """

    def __init__(self, ctx: FormContext, path: Path, row_factory: RowFactory, new_item: Callable[[], Any],
                 add_text: str = "Add", extra_buttons: list[QPushButton] | None = None, card_title: str = ""):
        super().__init__(ctx, path)
        self.row_factory, self.new_item = row_factory, new_item
        self.card_title = card_title
        self.cards: list[QFrame] = []
        self.row_buttons: list[dict[str, QToolButton]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.grid_host)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(self.add_item)
        buttons.addWidget(self.add_button)
        for b in extra_buttons or []:
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.rows: list[list[Field]] = []
        self._count = -1

    def items(self) -> list:
        value = self.ctx.value(self.path)
        return value if isinstance(value, list) else []

    def add_item(self) -> None:
        if self.ctx.present(self.path) and isinstance(self.ctx.value(self.path), list):
            self.ctx.document.append_value(list(self.path), self.new_item())
        else:
            self.ctx.write(self.path, [self.new_item()])

    def _remove(self, index: int) -> None:
        self.ctx.document.remove_value(list(self.path) + [index])

    def _move(self, index: int, delta: int) -> None:
        other = index + delta
        if 0 <= other < len(self.items()):
            self.ctx.document.swap_items(list(self.path), index, other)

    def _rebuild(self, count: int) -> None:
        for row in self.rows:
            for f in row:
                if f in self.ctx.fields:
                    self.ctx.fields.remove(f)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.rows, self.cards, self.row_buttons = [], [], []
        if self.card_title:
            self._build_cards(count)
            return
        header_done = False
        for i in range(count):
            pairs = self.row_factory(self.ctx, self.path + (i,))
            if not header_done:
                for col, (title, _) in enumerate(pairs):
                    self.grid.addWidget(QLabel(f"<small>{title}</small>"), 0, col)
                header_done = True
            for col, (_, f) in enumerate(pairs):
                self.grid.addWidget(f, i + 1, col)
            col = len(pairs)
            buttons = self._item_buttons(i, count)
            for b in buttons.values():
                self.grid.addWidget(b, i + 1, col)
                col += 1
            self.rows.append([f for _, f in pairs])
            self.row_buttons.append(buttons)
            for c in range(len(pairs)):
                self.grid.setColumnStretch(c, 1)
        if count == 0:
            self.grid.addWidget(QLabel("<i>(empty)</i>"), 0, 0)
        self._count = count

    def _item_buttons(self, i: int, count: int) -> dict[str, QToolButton]:
        """Move up / move down / remove buttons of item i (moves that would leave the list are disabled)."""
        buttons: dict[str, QToolButton] = {}
        for name, text, tip, slot in (("up", "↑", "Move up", lambda _=False, i=i: self._move(i, -1)),
                                      ("down", "↓", "Move down", lambda _=False, i=i: self._move(i, 1)),
                                      ("remove", "✕", "Remove", lambda _=False, i=i: self._remove(i))):
            b = QToolButton(text=text)
            b.setToolTip(tip)
            b.setAutoRaise(self.card_title != "")
            b.clicked.connect(slot)
            buttons[name] = b
        buttons["up"].setEnabled(i > 0)
        buttons["down"].setEnabled(i < count - 1)
        return buttons

    def _build_cards(self, count: int) -> None:
        for i in range(count):
            pairs = self.row_factory(self.ctx, self.path + (i,))
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            layout = QVBoxLayout(card)
            layout.setContentsMargins(6, 2, 6, 6)
            layout.setSpacing(2)
            header = QHBoxLayout()
            header.addWidget(QLabel(f"<b>{self.card_title} {i + 1}</b>"))
            header.addStretch(1)
            buttons = self._item_buttons(i, count)
            for b in buttons.values():
                header.addWidget(b)
            layout.addLayout(header)
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setContentsMargins(0, 0, 0, 0)
            for title, f in pairs:
                form.addRow(title, f)
            layout.addLayout(form)
            self.grid.addWidget(card, i, 0)
            self.rows.append([f for _, f in pairs])
            self.cards.append(card)
            self.row_buttons.append(buttons)
        self.grid.setColumnStretch(0, 1)
        if count == 0:
            self.grid.addWidget(QLabel("<i>(empty)</i>"), 0, 0)
        self._count = count

    def refresh(self) -> None:
        count = len(self.items())
        if count != self._count:
            self._rebuild(count)
        for row in self.rows:
            for f in row:
                f.refresh()

    def focus_field(self) -> None:
        self.add_button.setFocus()
