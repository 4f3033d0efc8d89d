"""The Help menu's pages: the rules reference (what `workbench rules` prints), the keyboard shortcuts, About."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


class HelpPage(QDialog):
    """A searchable HTML page with a Close button."""

    def __init__(self, title: str, html_of, parent: QWidget | None = None, placeholder: str = "Filter"):
        """html_of(filter text) -> the page's HTML."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 620)
        self.html_of = html_of
        self.filter = QLineEdit(placeholderText=placeholder)
        self.filter.setClearButtonEnabled(True)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._fill)
        self._fill("")

    def _fill(self, text: str) -> None:
        self.browser.setHtml(self.html_of(text.strip().lower()))


def rules_html(needle: str = "") -> str:
    """Every diagnostic code by section (those matching needle), as in docs/rules.md."""
    from workbench.registry import all_rules
    parts = ["<h2>Diagnostic rules</h2><p>Every code the workbench reports (<code>workbench rules</code>). Turn one "
             "off, change its severity or suppress a finding in <code>workbench.toml</code>.</p>"]
    for title, rules in all_rules():
        rows = [r for r in rules if not needle or needle in f"{r.code} {r.title} {r.trigger} {r.fix}".lower()]
        if not rows:
            continue
        parts.append(f"<h3>{escape(title)}</h3><table cellspacing=0 cellpadding=4 border=1>"
                     "<tr><th>code</th><th>severity</th><th>what triggers it</th><th>how to fix it</th></tr>")
        for r in rows:
            parts.append(f"<tr><td><a name='{r.code}'></a><b>{r.code}</b></td><td>{r.severity.value}</td>"
                         f"<td><b>{escape(r.title)}.</b> {escape(r.trigger)}</td><td>{escape(r.fix)}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(menu, action, shortcut) of every menu action that has a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def visit(menu_title: str, actions: list[QAction]) -> None:
        for a in actions:
            if a.menu() is not None:
                visit(f"{menu_title} › {a.text().replace('&', '')}", a.menu().actions())
            elif not a.shortcut().isEmpty():
                rows.append((menu_title, a.text().replace("&", ""),
                             a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            visit(top.text().replace("&", ""), top.menu().actions())
    seen: set[tuple[str, str]] = set()
    return [r for r in rows if (r[1], r[2]) not in seen and not seen.add((r[1], r[2]))]


EDITOR_KEYS = [("Editor", "Quick fix at the cursor", "Ctrl+."), ("Editor", "Find next / previous", "Enter / Shift+Enter"),
               ("Editor", "Close the find bar", "Esc"), ("Form", "Undo / redo in a field (one history with the text)",
                                                        "Ctrl+Z / Ctrl+Shift+Z")]


def shortcuts_html(window: QWidget, needle: str = "") -> str:
    rows = [r for r in shortcut_rows(window) + EDITOR_KEYS if not needle or needle in " ".join(r).lower()]
    body = "".join(f"<tr><td>{escape(m)}</td><td>{escape(a)}</td><td><b>{escape(k)}</b></td></tr>" for m, a, k in rows)
    return ("<h2>Keyboard shortcuts</h2><table cellspacing=0 cellpadding=4 border=1>"
            f"<tr><th>where</th><th>what</th><th>keys</th></tr>{body}</table>")


def show_rules(parent: QWidget) -> HelpPage:
    page = HelpPage("Rules reference", rules_html, parent, "Filter: a code, a word…")
    page.show()
    return page


def show_shortcuts(window: QWidget) -> HelpPage:
    page = HelpPage("Keyboard shortcuts", lambda needle: shortcuts_html(window, needle), window, "Filter")
    page.show()
    return page


def show_about(parent: QWidget) -> None:
    from workbench import __version__
    from workbench.core.logfile import log_folder
    from workbench.registry import all_targets
    hosts = ", ".join(t.title for t in all_targets())
    QMessageBox.about(parent, "About Plugin Workbench",
                      f"<h3>Plugin Workbench {escape(__version__)}</h3><p>Write, check, run and package plugins for "
                      f"{escape(hosts)}.</p><p>Logs: <code>{escape(str(log_folder()))}</code></p>")
