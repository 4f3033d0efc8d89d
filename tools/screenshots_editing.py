"""Screenshots of the New Project wizard and the menus, taken from a real window on an X display (menus are
separate windows: only a screen grab shows them open over the window).

    Xvfb :98 -screen 0 1800x1000x24 &  DISPLAY=:98 python3 tools/screenshots_editing.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from screenshots import settle, wait  # noqa: E402


def screen_grab(window, path: Path, width: int = 0, height: int = 0) -> None:
    """The screen where the window is (open menus included), cropped to the window's top-left width x height."""
    from PySide6.QtGui import QGuiApplication
    geometry = window.frameGeometry()
    QGuiApplication.primaryScreen().grabWindow(0, geometry.x(), geometry.y(), width or geometry.width(),
                                               height or geometry.height()).save(str(path))


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="workbench-shots-"))
    os.environ["WORKBENCH_SETTINGS"] = str(tmp / "settings.ini")
    os.environ["WORKBENCH_DATA_DIR"] = str(tmp / "data")
    out = REPO / "docs" / "screenshots"
    from workbench.commands.window import create_window
    app, window = create_window("light")
    window.setGeometry(0, 0, 1760, 980)
    window.show()
    window.show_start_page()
    settle(400)
    dialog = window.new_project("pexip-blank")
    dialog.location.setText(str(tmp))
    dialog.name.setText("Team Tools")
    dialog.move(window.x() + 260, window.y() + 100)
    settle(500)
    dialog.grab().save(str(out / "new-project-wizard.png"))
    dialog.host.setCurrentIndex(dialog.host.findData("exo"))
    dialog.name.setText("Zoomy Rooms")
    settle(300)
    dialog.grab().save(str(out / "new-project-wizard-exo.png"))
    dialog.host.setCurrentIndex(dialog.host.findData("pexip"))
    dialog.starts.setCurrentRow(0)
    dialog.name.setText("Team Tools")
    got = []
    window.sig_diagnostics.connect(got.append)
    dialog.create_button.click()
    wait(lambda: bool(got))
    window.explorer_dock.setMinimumWidth(340)  # for the picture: the explorer's names in full
    window.explorer.view.expandAll()
    settle(800)
    for title, name in (("File", "menu-file"), ("Edit", "menu-edit"), ("Project", "menu-project"),
                        ("Help", "menu-help")):
        action = next(a for a in window.menuBar().actions() if a.text().replace("&", "") == title)
        window.menuBar().setActiveAction(action)
        settle(400)
        screen_grab(window, out / f"{name}.png", 760, 520)
        action.menu().hide()
        settle(150)
    window.explorer.select("webapp2/plugins/team-tools/team-tools.plugin.js")
    index = window.explorer.view.currentIndex()
    rect = window.explorer.view.visualRect(index)
    menu = window.explorer_actions.menu_for("webapp2/plugins/team-tools/team-tools.plugin.js")
    menu.popup(window.explorer.view.viewport().mapToGlobal(rect.center()))
    settle(400)
    screen_grab(window, out / "explorer-context-menu.png", 760, 520)
    menu.hide()
    for doc in window.session.documents.values():
        doc.saved_text = doc.text
    window.close()
    shutil.rmtree(tmp, ignore_errors=True)
    for name in ("new-project-wizard", "new-project-wizard-exo", "menu-file", "menu-edit", "menu-project",
                 "menu-help", "explorer-context-menu"):
        print(out / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
