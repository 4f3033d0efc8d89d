"""The eXo provider settings form: the provider-configuration properties of the connector's configuration XML.

The rows are the settings model's fields (always shown: a missing one is added by editing it), then the connector's
own settings; the values are checked with the model. Edits go through targets.exo.connector.set_provider_property
(one attribute rewritten, placeholders kept), then into the document as one minimal splice: the XML text and the
form stay two views of one buffer.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workbench.core.document import Document
from workbench.core.project import Project


def provider_values(xml_text: str) -> dict[str, str] | None:
    """Raw property values of the provider-configuration, in order; None when the XML has no provider plugin."""
    from workbench.targets.exo.connector import property_values, provider_configuration, provider_plugins
    from workbench.targets.exo.xmltree import parse_xml
    doc = parse_xml(xml_text, "configuration.xml")
    plugin = next(iter(provider_plugins(doc)), None)
    param = provider_configuration(plugin) if plugin is not None else None
    return property_values(param) if param is not None else None


class ExoProviderForm(QScrollArea):
    """Active, description and the connector's own settings (placeholders shown with their defaults)."""

    def __init__(self, document: Document):
        super().__init__()
        self.document = document
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        host = QWidget()
        outer = QVBoxLayout(host)
        outer.addWidget(QLabel("<b>eXo call provider settings</b> (provider-configuration)"))
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.hide()
        outer.addWidget(self.banner)
        self.body = QWidget()
        self.rows = QFormLayout(self.body)
        outer.addWidget(self.body)
        add_row = QHBoxLayout()
        self.new_name = QLineEdit(placeholderText="new setting name, e.g. acme-apiKey")
        add = QPushButton("Add setting")
        add.clicked.connect(self._add)
        add_row.addWidget(self.new_name)
        add_row.addWidget(add)
        outer.addLayout(add_row)
        outer.addStretch(1)
        self.setWidget(host)
        self.edits: dict[str, QLineEdit | QCheckBox] = {}
        self._names: list[str] = []
        self._listener = lambda _doc: self.refresh()
        document.on_change(self._listener)
        self.refresh()

    def write(self, name: str, value: str) -> None:
        from workbench.targets.exo.connector import set_provider_property
        try:
            self.document.set_text(set_provider_property(self.document.text, name, value))
        except ValueError as exc:
            self.banner.setText(str(exc))
            self.banner.show()

    def _add(self) -> None:
        name = self.new_name.text().strip()
        if name:
            self.write(name, "")
            self.new_name.clear()

    def _rebuild(self, names: list[str]) -> None:
        from workbench.targets.exo.models import ProviderSettings
        while self.rows.rowCount():
            self.rows.removeRow(0)
        self.edits = {}
        for name in names:
            known = ProviderSettings.model_fields.get(name)
            if known is not None and known.annotation is bool:
                box = QCheckBox(known.description or name)
                box.toggled.connect(lambda on, n=name: self.write(n, "true" if on else "false"))
                widget = box
            else:
                widget = QLineEdit()
                widget.textEdited.connect(lambda text, n=name: self.write(n, text))
            self.edits[name] = widget
            self.rows.addRow(name, widget)
            self.rows.labelForField(widget).setToolTip(ProviderSettings.field_help(name))
        self._names = names

    def refresh(self) -> None:
        from workbench.targets.exo.connector import resolve_placeholders
        from workbench.targets.exo.models import ProviderSettings
        values = provider_values(self.document.text)
        self.body.setEnabled(values is not None)
        if values is None:
            self.banner.setText("No add.callprovider plugin with a provider-configuration here: edit the XML text.")
            self.banner.show()
            return
        resolved = {name: resolve_placeholders(raw) for name, raw in values.items()}
        problem = ProviderSettings.problem(resolved)
        self.banner.setText(problem or "")
        self.banner.setVisible(problem is not None)
        read = ProviderSettings.as_exo_reads(resolved)  # what eXo makes of them: a flag is true when absent
        names = [*ProviderSettings.model_fields, *(n for n in values if n not in ProviderSettings.model_fields)]
        if names != self._names:
            self._rebuild(names)
        for name in names:
            widget = self.edits[name]
            raw = values.get(name)
            widget.blockSignals(True)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(getattr(read, name)))
            else:
                shown = resolved.get(name, "")
                if widget.text() != shown:
                    widget.setText(shown)
                widget.setPlaceholderText("not set" if raw is None else "")
                widget.setToolTip(f"written as {raw}" if raw is not None and raw != shown else "")
            widget.blockSignals(False)

    def detach(self) -> None:
        self.document.remove_listener(self._listener)


def exo_form(project: Project, document: Document) -> QWidget | None:
    """The settings form for the connector's provider configuration file, else None."""
    if provider_values(document.text) is None:
        return None
    return ExoProviderForm(document)


def form_for(project: Project, document: Document, overlays=None) -> QWidget | None:
    """The provider settings form for the connector's configuration XML, None for other files."""
    return exo_form(project, document) if document.language == "xml" else None
