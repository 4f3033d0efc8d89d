"""Form overrides for the Pexip files: menu items with icon and action pickers, the plugin list, the branding ID."""

from __future__ import annotations

import json
import posixpath
import time
from pathlib import Path

from PySide6.QtWidgets import QButtonGroup, QComboBox, QFileDialog, QHBoxLayout, QPushButton, QRadioButton, QVBoxLayout

from workbench.core.jsonedit import JsonEditor
from workbench.core.safeio import MANIFEST_LIMIT, read_regular
from workbench.targets.pexip.shapes import MENU_LOCATIONS
from workbench.targets.pexip.ui.icons import relative_ref, symbol_icon
from workbench.ui.forms.fields import BoolField, Field, FormContext, TextField
from workbench.ui.forms.lists import ItemListField


def registered_actions(project_root: Path, package_rel: str, src_url: str | None,
                       overlays: dict[str, str] | None = None) -> list[str]:
    """Functions the plugin's JS passes to registerPlugin (besides id/load/unload/state$); unsaved buffers in
    overlays take the place of the files on disk, as in validation."""
    if not src_url:
        return []
    try:
        from workbench.core.files import ProjectFiles
        from workbench.targets.pexip.jsfacts import js_facts
    except ImportError:
        return []
    files = ProjectFiles(project_root, overlays)
    rel = files.resolve(package_rel, src_url)
    facts = js_facts(files, rel) if rel else None
    names: list[str] = []
    for reg in facts.registers if facts else []:
        for key in (reg.keys or {}):
            if key not in ("id", "load", "unload", "state$", "version") and key not in names:
                names.append(key)
    return names


class IconPicker(Field):
    """An icon: '(set by state)' for null, or one of the SVG symbols of the project (editable for others)."""

    NONE = "(none: set by the plugin's state)"

    def __init__(self, ctx: FormContext, path: tuple):
        super().__init__(ctx, path)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setMinimumContentsLength(12)
        layout.addWidget(self.combo)
        root: Path = ctx.project_root
        package_rel = ctx.document.rel
        self.combo.addItem(self.NONE)
        for svg_rel, element_id in ctx.extras.get("symbols", []):
            ref = relative_ref(package_rel, svg_rel, element_id)
            self.combo.addItem(symbol_icon(root / svg_rel, element_id), ref)
        self.combo.textActivated.connect(self._chosen)
        self.combo.lineEdit().editingFinished.connect(lambda: self._chosen(self.combo.currentText()))
        self.setFocusProxy(self.combo)

    def _chosen(self, text: str) -> None:
        value = None if text in (self.NONE, "") else text
        if value != self.ctx.value(self.path) or not self.ctx.present(self.path):
            self.ctx.write(self.path, value)

    def refresh(self) -> None:
        value = self.ctx.value(self.path)
        text = self.NONE if value is None else str(value)
        self.combo.blockSignals(True)
        index = self.combo.findText(text)
        if index < 0:
            self.combo.addItem(text)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)


class ActionPicker(Field):
    """The action: one of the functions the JS registers (any name can be typed; the validator checks it)."""

    def __init__(self, ctx: FormContext, path: tuple):
        super().__init__(ctx, path)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setMinimumContentsLength(10)
        layout.addWidget(self.combo)
        self.combo.textActivated.connect(self._chosen)
        self.combo.lineEdit().textEdited.connect(self._chosen)
        self.setFocusProxy(self.combo)
        self._actions: list[str] = []

    def _chosen(self, text: str) -> None:
        if text != self.ctx.value(self.path):
            self.ctx.write(self.path, text)

    def sources_changed(self, rel: str) -> None:
        """Another open file changed (typed, saved, closed): the JS may now register other functions."""
        self.refresh()

    def refresh(self) -> None:
        actions = registered_actions(self.ctx.project_root, self.ctx.document.rel, self.ctx.value(("srcURL",)),
                                     self.ctx.overlays())
        value = self.ctx.value(self.path)
        text = "" if value is None else str(value)
        self.combo.blockSignals(True)
        if actions != self._actions:
            self._actions = actions
            self.combo.clear()
            self.combo.addItems(actions)
        if self.combo.currentText() != text:
            index = self.combo.findText(text)
            if index >= 0:
                self.combo.setCurrentIndex(index)
            else:
                self.combo.setEditText(text)
        self.combo.blockSignals(False)


def menu_item_row(ctx: FormContext, path: tuple) -> list[tuple[str, Field]]:
    return [("Icon", IconPicker(ctx, path + ("icon",))),
            ("Label", TextField(ctx, path + ("label",), placeholder="null: set by the plugin's state", nullable=True)),
            ("Action", ActionPicker(ctx, path + ("action",)))]


class MenuItemsField(Field):
    """Where the plugin appears (exactly one of toolbar / conference / participants) and its items."""

    def __init__(self, ctx: FormContext, path: tuple, schema: dict, form) -> None:
        super().__init__(ctx, path)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QVBoxLayout()  # one per line: side by side they overflow a narrow form
        row.setSpacing(2)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for loc in MENU_LOCATIONS:
            radio = QRadioButton(loc)
            self.group.addButton(radio)
            self.radios[loc] = radio
            radio.toggled.connect(lambda on, loc=loc: on and self._location_chosen(loc))
            row.addWidget(radio)
        outer.addLayout(row)
        self.outer = outer
        self.list: ItemListField | None = None
        self.location: str | None = None

    def current_location(self) -> str | None:
        value = self.ctx.value(self.path)
        if isinstance(value, dict):
            for loc in MENU_LOCATIONS:
                if loc in value:
                    return loc
        return None

    def _location_chosen(self, loc: str) -> None:
        if self.ctx.refreshing:
            return
        current = self.current_location()
        if current == loc:
            return
        doc = self.ctx.document
        if current is None:
            self.ctx.write(self.path + (loc,), [])
        else:  # rename the key: the items and their formatting stay
            doc.apply(JsonEditor(doc.text, doc.json()).rename_key(list(self.path) + [current], loc))

    def refresh(self) -> None:
        loc = self.current_location()
        for name, radio in self.radios.items():
            radio.blockSignals(True)
            radio.setChecked(name == loc)
            radio.blockSignals(False)
        if loc != self.location:
            if self.list is not None:
                self.list.setParent(None)
                self.list.deleteLater()
                self._forget(self.list)
                self.list = None
            if loc is not None:
                self.list = ItemListField(self.ctx, self.path + (loc,), menu_item_row,
                                          lambda: {"icon": None, "label": "New item", "action": ""}, "Add item",
                                          card_title="Item")
                self.outer.addWidget(self.list)
            self.location = loc
        if self.list is not None:
            self.list.refresh()

    def _forget(self, field: ItemListField) -> None:
        for row in field.rows:
            for f in row:
                if f in self.ctx.fields:
                    self.ctx.fields.remove(f)
        if field in self.ctx.fields:
            self.ctx.fields.remove(field)


def settings_entry_for_folder(project_root: Path, settings_rel: str, folder: Path) -> dict | None:
    """The settings.json entry for a plugin folder holding a *.plugin.package.json (None when it has none)."""
    packages = sorted(Path(folder).glob("*.plugin.package.json"))
    if not packages:
        return None
    package = packages[0]
    try:
        plugin_id = json.loads(read_regular(package, MANIFEST_LIMIT).decode("utf-8")).get("id") \
            or package.name.split(".")[0]
    except (OSError, ValueError, AttributeError, RecursionError):
        plugin_id = package.name.split(".")[0]
    rel = package.resolve().relative_to(Path(project_root).resolve()).as_posix()
    src = posixpath.relpath(rel, posixpath.dirname(settings_rel) or ".")
    return {"id": plugin_id, "srcURL": src, "enabled": True}


def plugin_row(ctx: FormContext, path: tuple) -> list[tuple[str, Field]]:
    return [("Enabled", BoolField(ctx, path + ("enabled",))),
            ("ID", TextField(ctx, path + ("id",))),
            ("Package file", TextField(ctx, path + ("srcURL",)))]


def plugins_override(ctx: FormContext, path: tuple, schema: dict, form) -> Field:
    add_folder = QPushButton("Add from folder…")
    field = ItemListField(ctx, path, plugin_row, lambda: {"id": "", "srcURL": "", "enabled": True},
                          "Add plugin", [add_folder])

    def pick() -> None:
        start = Path(ctx.project_root) / posixpath.dirname(ctx.document.rel) / "plugins"
        folder = QFileDialog.getExistingDirectory(field, "Plugin folder", str(start if start.is_dir() else
                                                                               ctx.project_root))
        if folder:
            add_plugin_folder(ctx, path, Path(folder))

    add_folder.clicked.connect(pick)
    return field


def add_plugin_folder(ctx: FormContext, path: tuple, folder: Path) -> bool:
    """Append the plugin in folder to the list; False when the folder holds no plugin package file."""
    entry = settings_entry_for_folder(Path(ctx.project_root), ctx.document.rel, folder)
    if entry is None:
        return False
    if isinstance(ctx.value(path), list):
        ctx.document.append_value(list(path), entry)
    else:
        ctx.write(path, [entry])
    return True


def new_branding_id() -> str:
    """A fresh brandingID: the current time in milliseconds, as the branding portal does."""
    return str(int(time.time() * 1000))


def branding_id_override(ctx: FormContext, path: tuple, schema: dict, form) -> Field:
    field = TextField(ctx, path, placeholder="digits, new for every upload")
    button = QPushButton("New ID")
    button.setToolTip("Clients keep a cached branding until the brandingID changes")
    button.clicked.connect(lambda: ctx.document.set_value(list(path), new_branding_id()))
    field.layout().addWidget(button)
    field.new_id_button = button
    return field


PACKAGE_OVERRIDES = {"menuItems": MenuItemsField}
SETTINGS_OVERRIDES = {"plugins": plugins_override}
MANIFEST_OVERRIDES = {"brandingID": branding_id_override}
