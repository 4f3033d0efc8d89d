"""Forms generated from a pydantic model's JSON Schema, with per-field overrides (napari-style)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFormLayout, QFrame, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from workbench.core.document import Document
from workbench.core.jsonedit import path_at
from workbench.ui.forms.fields import (
    BoolField,
    ChoiceListField,
    EnumField,
    Field,
    FormContext,
    RawField,
    StringListField,
    TextField,
    parse_number_or_string,
)
from workbench.ui.forms.schema import enum_values, field_kind, label_for, resolve, unwrap_optional

# An override builds the widget of one field: (ctx, path, schema, form) -> Field
Override = Callable[[FormContext, tuple, dict, "SchemaForm"], Field]


def build_field(ctx: FormContext, path: tuple, schema: dict, root: dict, form: SchemaForm) -> QWidget:
    """The default widget for a schema node."""
    name = str(path[-1]) if path else ""
    override = form.overrides.get(name) or form.overrides.get("/".join(map(str, path)))
    if override:
        return override(ctx, path, schema, form)
    kind = field_kind(schema, root)
    inner, nullable = unwrap_optional(schema, root)
    if kind == "string":
        return TextField(ctx, path, placeholder=inner.get("description", "")[:60], nullable=nullable)
    if kind in ("number", "number-or-string"):
        return TextField(ctx, path, placeholder="a number, e.g. 1.0", parse=parse_number_or_string)
    if kind == "boolean":
        return BoolField(ctx, path)
    if kind == "enum":
        return EnumField(ctx, path, enum_values(schema, root), optional=nullable or name not in form.required(path))
    if kind == "enum-list":
        return ChoiceListField(ctx, path, enum_values(schema, root))
    if kind == "string-list":
        return StringListField(ctx, path)
    if kind == "object":
        box = QGroupBox(label_for(name))
        layout = QFormLayout(box)
        form.add_properties(layout, path, inner)
        return box
    return RawField(ctx, path)


class SchemaForm(QScrollArea):
    """A form over one document; every widget is a view of the document's JSON text."""

    def __init__(self, document: Document, schema: dict, overrides: dict[str, Override] | None = None,
                 project_root=None, extras: dict | None = None, title: str = ""):
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document, self.schema = document, schema
        self.overrides = overrides or {}
        self.ctx = FormContext(document, project_root, extras)
        host = QWidget()
        self.layout_ = QVBoxLayout(host)
        self.layout_.setContentsMargins(6, 6, 6, 6)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px; border-radius: 4px; }")
        self.banner.hide()
        self.layout_.addWidget(self.banner)
        if title:
            self.layout_.addWidget(QLabel(f"<b>{title}</b>"))
        self.body = QWidget()
        form_layout = QFormLayout(self.body)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Beside the text view the form is narrow: a row that does not fit puts its label above the field.
        form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.add_properties(form_layout, (), schema)
        self.layout_.addWidget(self.body)
        self.layout_.addStretch(1)
        self.setWidget(host)
        self._listener = lambda _doc: self.refresh()
        document.on_change(self._listener)
        self.refresh()

    def required(self, path: tuple) -> set[str]:
        node = self.schema
        for key in path[:-1]:
            if isinstance(key, int):
                node = resolve(node.get("items", {}), self.schema)
            else:
                node, _ = unwrap_optional(node.get("properties", {}).get(key, {}), self.schema)
        return set(node.get("required", []))

    def add_properties(self, layout: QFormLayout, path: tuple, schema: dict) -> None:
        schema = resolve(schema, self.schema)
        required = set(schema.get("required", []))
        for name, sub in schema.get("properties", {}).items():
            widget = build_field(self.ctx, path + (name,), sub, self.schema, self)
            if isinstance(widget, QGroupBox):
                layout.addRow(widget)
                continue
            text = label_for(name) + (" *" if name in required else "")
            label = QLabel(text)
            description = unwrap_optional(sub, self.schema)[0].get("description")
            if description:
                label.setToolTip(description)
            layout.addRow(label, with_error_label(widget))

    def refresh(self) -> None:
        """Show the document's values; when its JSON is broken, say so and freeze the fields."""
        jdoc = self.document.json()
        broken = not jdoc.ok or jdoc.root.kind != "object"
        if broken:
            first = next((d for d in jdoc.diagnostics if d.severity.value == "error"), None)
            where = f" (line {first.range.start.line}: {first.message})" if first else ""
            self.banner.setText("The text is not valid JSON" + where + ". Fix it in the text view to edit here.")
        self.banner.setVisible(broken)
        self.body.setEnabled(not broken)
        if broken:
            return
        self.ctx.refreshing = True
        try:
            for f in list(self.ctx.fields):
                f.refresh()
        finally:
            self.ctx.refreshing = False

    def sources_changed(self, rel: str) -> None:
        """Another file of the project changed (unsaved edits included): refresh the fields that read it."""
        if rel == self.document.rel or not self.document.json().ok:
            return
        self.ctx.refreshing = True
        try:
            for f in list(self.ctx.fields):
                if hasattr(f, "sources_changed"):
                    f.sources_changed(rel)
        finally:
            self.ctx.refreshing = False

    def focus_path(self, path: tuple) -> bool:
        """Focus the field showing path (or its nearest ancestor) and flash it; False when none does."""
        best = self.field_at(path)
        if best is None:
            return False
        self.ensureWidgetVisible(best)
        best.focus_field()
        best.setStyleSheet("background: rgba(255, 200, 0, 90);")
        QTimer.singleShot(900, best, lambda: best.setStyleSheet(""))  # bound to best: dropped if it is deleted
        return True

    def detach(self) -> None:
        self.document.remove_listener(self._listener)

    def set_diagnostics(self, diagnostics: list) -> None:
        """Mark each field with the diagnostics placed at its value (or inside it)."""
        jdoc = self.document.json()
        per_field: dict[int, list[str]] = {}
        for d in diagnostics if jdoc.ok else []:
            path = path_at(jdoc, d.range.start.line, d.range.start.column)
            f = self.field_at(path) if path else None
            if f is not None:
                per_field.setdefault(id(f), []).append(f"{d.code}: {d.message}")
        for f in self.ctx.fields:
            if per_field.get(id(f)) or getattr(f, "errors", None):
                f.set_errors(per_field.get(id(f), []))

    def field_at(self, path: tuple) -> Field | None:
        """The field showing path, or its nearest ancestor's."""
        best: Field | None = None
        for f in self.ctx.fields:
            if tuple(path[: len(f.path)]) == f.path and (best is None or len(f.path) > len(best.path)):
                best = f
        return best


def with_error_label(widget: QWidget) -> QWidget:
    """The field with a hidden line under it where its errors are written."""
    if not isinstance(widget, Field):
        return widget
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    column.addWidget(widget)
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #d32f2f; font-size: small;")
    label.hide()
    column.addWidget(label)
    widget.error_label = label
    return holder
