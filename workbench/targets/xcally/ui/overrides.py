"""Form overrides for the XCALLY manifest: `parameters` follow `type` (script launcher or html views)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout

from workbench.ui.forms.fields import Field, FormContext, TextField

FIELDS_BY_TYPE = {
    "script": [(("scriptName",), "Script name *", "process name, e.g. my-plugin"),
               (("scriptPath",), "Script path *", "launcher inside the zip, e.g. app/index.js"),
               (("views", "admin"), "Admin view", "optional admin page (URL or html file)")],
    "html": [(("views", "admin"), "Admin view", "URL or html file shown to admins"),
             (("views", "agent"), "Agent view", "URL or html file shown to agents")],
}


class ParametersField(Field):
    """The fields of `parameters` for the manifest's current `type`."""

    def __init__(self, ctx: FormContext, path: tuple, schema: dict, form) -> None:
        super().__init__(ctx, path)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.box: QGroupBox | None = None
        self.kind: str | None = "?"
        self.children_: list[Field] = []

    def refresh(self) -> None:
        kind = self.ctx.value(("type",))
        if kind != self.kind:
            self._rebuild(kind)
        for f in self.children_:
            f.refresh()

    def _rebuild(self, kind) -> None:
        for f in self.children_:
            if f in self.ctx.fields:
                self.ctx.fields.remove(f)
        if self.box is not None:
            self.box.setParent(None)
            self.box.deleteLater()
        self.children_ = []
        self.box = QGroupBox(f"Parameters ({kind} plugin)" if kind in FIELDS_BY_TYPE else "Parameters")
        layout = QFormLayout(self.box)
        if kind not in FIELDS_BY_TYPE:
            layout.addRow(QLabel("Choose the type (script or html) to see its parameters."))
        for sub, label, hint in FIELDS_BY_TYPE.get(kind, []):
            field = TextField(self.ctx, self.path + sub, placeholder=hint)
            self.ctx.fields.remove(field)  # refreshed by this field, after a rebuild
            self.children_.append(field)
            layout.addRow(label, field)
        self.ctx.fields.extend(self.children_)
        self.outer.addWidget(self.box)
        self.kind = kind


MANIFEST_OVERRIDES = {"parameters": ParametersField}
