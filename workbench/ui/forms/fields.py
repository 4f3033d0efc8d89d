"""Field widgets bound to one JSON path of a document: they show its value and write edits back as text splices."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from workbench.core.document import Document

Path = tuple


class FormContext:
    """What every field of one form shares: the document, and the guard that stops refresh loops."""

    def __init__(self, document: Document, project_root=None, extras: dict | None = None):
        self.document = document
        self.project_root = project_root
        self.extras = extras or {}
        # extras["overlays"]: () -> {rel: text} of the project's unsaved buffers (what the validator reads)
        self._overlays: Callable[[], dict[str, str]] | None = self.extras.get("overlays")
        self.refreshing = False
        self.fields: list[Field] = []
        self._step = 0  # a field's edits join one undo step until it loses focus (or another field is edited)

    def write(self, path: Path, value: Any) -> None:
        if not self.refreshing:
            self.document.set_value(path, value, merge=(id(self), tuple(path), self._step))

    def end_step(self) -> None:
        """The field's edit is over: the next one starts a new undo step."""
        self._step += 1

    def remove(self, path: Path) -> None:
        if not self.refreshing:
            self.document.remove_value(path)

    def overlays(self) -> dict[str, str]:
        """The unsaved buffers of the project's other open files (empty when the form stands alone)."""
        return dict(self._overlays()) if self._overlays else {}

    def value(self, path: Path, default: Any = None) -> Any:
        return self.document.value_at(path, default)

    def present(self, path: Path) -> bool:
        return self.document.json().node(list(path)) is not None


class Field(QWidget):
    """Base of every bound widget: `refresh()` shows the document's value without writing back."""

    def __init__(self, ctx: FormContext, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.path = ctx, tuple(path)
        ctx.fields.append(self)
        self.setProperty("jsonPath", "/".join(map(str, self.path)))

    def refresh(self) -> None:
        raise NotImplementedError

    def focus_field(self) -> None:
        self.setFocus()

    def set_errors(self, messages: list[str]) -> None:
        """Mark the field with the diagnostics at its value (a red frame, the messages under it or as a tooltip)."""
        self.errors = list(messages)
        self.setStyleSheet("QLineEdit, QComboBox, QCheckBox, QLabel#raw { border: 1px solid #d32f2f; "
                           "border-radius: 2px; }" if messages else "")
        self.setToolTip("\n".join(messages))
        label = getattr(self, "error_label", None)
        if label is not None:
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))


class TextField(Field):
    """A string (optionally nullable: empty text removes nothing but writes null when the file had null)."""

    def __init__(self, ctx: FormContext, path: Path, placeholder: str = "", nullable: bool = False,
                 parse: Callable[[str], Any] | None = None):
        super().__init__(ctx, path)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(placeholderText=placeholder)
        layout.addWidget(self.edit)
        self.nullable, self.parse = nullable, parse
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(ctx.end_step)
        self.setFocusProxy(self.edit)

    def _edited(self, text: str) -> None:
        if self.parse:
            value = self.parse(text)
        elif text == "" and self.nullable and self.ctx.present(self.path) and self.ctx.value(self.path) is None:
            value = None
        else:
            value = text
        if value == "" and not self.ctx.present(self.path):
            return
        self.ctx.write(self.path, value)

    def refresh(self) -> None:
        value = self.ctx.value(self.path)
        text = "" if value is None else value if isinstance(value, str) else json.dumps(value)
        if self.edit.text() != text:
            pos = self.edit.cursorPosition()
            self.edit.setText(text)
            if self.edit.hasFocus():  # typing elsewhere (text view, undo) must not move the user's caret
                self.edit.setCursorPosition(min(pos, len(text)))
        self.edit.setPlaceholderText("null (set by the plugin's state)" if self.ctx.present(self.path)
                                     and value is None else self.edit.placeholderText() if value is None else "")


def parse_number_or_string(text: str) -> Any:
    """'1.0' -> 1.0, '2' -> 2, anything else stays a string (the validator explains what it should be)."""
    try:
        number = json.loads(text)
    except ValueError:
        return text
    return number if isinstance(number, (int, float)) and not isinstance(number, bool) else text


class BoolField(Field):
    def __init__(self, ctx: FormContext, path: Path, text: str = ""):
        super().__init__(ctx, path)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(text)
        layout.addWidget(self.box)
        self.box.toggled.connect(lambda on: self.ctx.write(self.path, bool(on)))
        self.setFocusProxy(self.box)

    def refresh(self) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(self.ctx.value(self.path) is True)
        self.box.blockSignals(False)


class EnumField(Field):
    def __init__(self, ctx: FormContext, path: Path, values: list, optional: bool = True):
        super().__init__(ctx, path)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.values = ([None] if optional else []) + list(values)
        for v in self.values:
            self.combo.addItem("(not set)" if v is None else str(v))
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.setFocusProxy(self.combo)

    def _chosen(self, index: int) -> None:
        value = self.values[index]
        if value is None:
            self.ctx.remove(self.path)
        else:
            self.ctx.write(self.path, value)

    def refresh(self) -> None:
        value = self.ctx.value(self.path)
        self.combo.blockSignals(True)
        if value in self.values:
            self.combo.setCurrentIndex(self.values.index(value))
        elif value is not None:  # an invalid value: show it, the problems panel explains
            self.combo.addItem(str(value))
            self.values.append(value)
            self.combo.setCurrentIndex(len(self.values) - 1)
        self.combo.blockSignals(False)


class ChoiceListField(Field):
    """A list of enum values as a row of checkboxes (platforms, roles); order follows the schema."""

    PER_LINE = 3  # more side by side would widen a form that shares the editor with the text view

    def __init__(self, ctx: FormContext, path: Path, values: list):
        super().__init__(ctx, path)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[Any, QCheckBox] = {}
        for i, v in enumerate(values):
            box = QCheckBox(str(v))
            box.toggled.connect(lambda on, v=v: self._toggled(v, on))
            layout.addWidget(box, i // self.PER_LINE, i % self.PER_LINE)
            self.boxes[v] = box
        layout.setColumnStretch(self.PER_LINE, 1)
        if self.boxes:
            self.setFocusProxy(next(iter(self.boxes.values())))

    def _toggled(self, value: Any, on: bool) -> None:
        if self.ctx.refreshing:
            return
        current = self.ctx.value(self.path)
        self.ctx.end_step()
        if not isinstance(current, list):
            if on:
                self.ctx.write(self.path, [value])
        elif on and value not in current:
            self.ctx.document.insert_value(list(self.path), self.place_for(value, current), value)
        elif not on and value in current:
            self.ctx.document.remove_value(list(self.path) + [current.index(value)])

    def place_for(self, value: Any, current: list) -> int:
        """Where a value checked again goes: before the first item that follows it in the schema's order, so
        unchecking and checking again gives the list back as it was."""
        order = list(self.boxes)
        rank = order.index(value)
        for i, item in enumerate(current):
            if item in order and order.index(item) > rank:
                return i
        return len(current)

    def refresh(self) -> None:
        current = self.ctx.value(self.path)
        current = current if isinstance(current, list) else []
        for v, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(v in current)
            box.blockSignals(False)


class StringListField(TextField):
    """A list of strings as comma-separated text."""

    def __init__(self, ctx: FormContext, path: Path):
        super().__init__(ctx, path, placeholder="comma-separated",
                         parse=lambda t: [s.strip() for s in t.split(",") if s.strip()])

    def refresh(self) -> None:
        value = self.ctx.value(self.path)
        text = ", ".join(map(str, value)) if isinstance(value, list) else ""
        if self.edit.text() != text and not self.edit.hasFocus():
            self.edit.setText(text)


class RawField(Field):
    """A value the form does not edit: shown compactly, edited in the text view."""

    def __init__(self, ctx: FormContext, path: Path):
        super().__init__(ctx, path)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("raw")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)

    def refresh(self) -> None:
        value = self.ctx.value(self.path)
        text = "(not set)" if value is None and not self.ctx.present(self.path) else json.dumps(value)
        self.label.setText(text if len(text) < 200 else text[:200] + "…")
        self.label.setToolTip("Edit this value in the text view")
