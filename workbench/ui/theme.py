"""Light and dark themes following the system colour scheme (QStyleHints.colorScheme)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    name: str
    dark: bool
    window: str
    base: str
    text: str
    dim: str
    accent: str
    line_bg: str  # current line / gutter
    error: str
    warning: str
    info: str
    syntax: dict  # token kind -> colour


LIGHT = Theme("light", False, "#f3f3f3", "#ffffff", "#1e1e1e", "#8a8a8a", "#2f6fdd", "#f0f0f0",
              "#d32f2f", "#c77c02", "#1976d2",
              {"keyword": "#0033b3", "string": "#067d17", "number": "#1750eb", "comment": "#8c8c8c",
               "key": "#871094", "tag": "#0033b3", "attribute": "#174ad4", "literal": "#0033b3",
               "function": "#00627a", "punct": "#555555"})
DARK = Theme("dark", True, "#252526", "#1e1e1e", "#d4d4d4", "#808080", "#3794ff", "#2a2a2a",
             "#f14c4c", "#cca700", "#3794ff",
             {"keyword": "#569cd6", "string": "#ce9178", "number": "#b5cea8", "comment": "#6a9955",
              "key": "#9cdcfe", "tag": "#569cd6", "attribute": "#9cdcfe", "literal": "#569cd6",
              "function": "#dcdcaa", "punct": "#a0a0a0"})


def system_prefers_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


class ThemeManager(QObject):
    """Applies the palette and tells widgets when the theme changes (system switch or user choice)."""

    sig_theme_changed = Signal(object)
    """Emitted with the new Theme."""

    def __init__(self, choice: str = "system"):
        super().__init__()
        self.choice = choice
        self.theme = LIGHT
        app = QApplication.instance()
        app.styleHints().colorSchemeChanged.connect(lambda *_: self.apply())
        self.apply()

    def set_choice(self, choice: str) -> None:
        """'system', 'light' or 'dark'."""
        self.choice = choice
        self.apply()

    def apply(self) -> None:
        dark = system_prefers_dark() if self.choice == "system" else self.choice == "dark"
        self.theme = DARK if dark else LIGHT
        set_current_theme(self.theme)
        app = QApplication.instance()
        app.setStyle("Fusion")
        app.setPalette(palette_for(self.theme))
        self.sig_theme_changed.emit(self.theme)


def palette_for(theme: Theme) -> QPalette:
    pal = QPalette()
    c = QColor
    roles = QPalette.ColorRole
    pal.setColor(roles.Window, c(theme.window))
    pal.setColor(roles.WindowText, c(theme.text))
    pal.setColor(roles.Base, c(theme.base))
    pal.setColor(roles.AlternateBase, c(theme.line_bg))
    pal.setColor(roles.Text, c(theme.text))
    pal.setColor(roles.Button, c(theme.window))
    pal.setColor(roles.ButtonText, c(theme.text))
    pal.setColor(roles.ToolTipBase, c(theme.base))
    pal.setColor(roles.ToolTipText, c(theme.text))
    pal.setColor(roles.Highlight, c(theme.accent))
    pal.setColor(roles.HighlightedText, c("#ffffff"))
    pal.setColor(roles.PlaceholderText, c(theme.dim))
    pal.setColor(roles.Link, c(theme.accent))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, c(theme.dim))
    return pal


_current: list[Theme] = [LIGHT]


def current_theme() -> Theme:
    """The theme in force (for painters that are not told of changes)."""
    return _current[0]


def set_current_theme(theme: Theme) -> None:
    _current[0] = theme
