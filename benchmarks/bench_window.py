"""Window figures: opening a 10,000-file project until its tree is shown, against a bare os.walk of it."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FILES = 10_000


def make_project(root: Path, files: int = FILES) -> Path:
    """A Pexip branding project (the recording sample) plus `files` small files spread over 100 folders."""
    shutil.copytree(REPO / "sample_projects" / "pexip-recording", root)
    assets = root / "webapp2" / "plugins" / "recording" / "assets" / "generated"
    for i in range(files):
        folder = assets / f"group{i % 100:03}"
        if i < 100:
            folder.mkdir(parents=True)
        (folder / f"item{i:05}.json").write_text("{}")
    return root


def _median_s(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return round(statistics.median(samples), 4)


def tree_10k() -> dict:
    from PySide6.QtWidgets import QApplication

    tmp = Path(tempfile.mkdtemp(prefix="workbench-bench-"))
    os.environ["WORKBENCH_SETTINGS"] = str(tmp / "settings.ini")
    os.environ["WORKBENCH_DATA_DIR"] = str(tmp / "data")
    from workbench.ui.main_window import MainWindow
    from workbench.ui.theme import ThemeManager

    project = make_project(tmp / "project")
    app = QApplication.instance() or QApplication([])
    theme = ThemeManager("light")

    def walk() -> None:
        sum(len(f) for _, _, f in os.walk(project))

    def open_tree() -> None:
        window = MainWindow(theme)
        window.show()
        assert window.open_project(project)
        window.explorer.view.expandAll()  # every row laid out: the worst case of "the tree is shown"
        window.explorer.view.viewport().repaint()
        app.processEvents()
        assert len(window.explorer.model.file_paths()) > FILES
        window.close_project()
        window.close()
        window.deleteLater()
        app.processEvents()

    walk()
    open_tree()  # warm-up: imports, fonts
    figures = {"os_walk_10k_s_median": _median_s(walk, 7), "tree_10k_open_s_median": _median_s(open_tree, 5)}
    shutil.rmtree(tmp, ignore_errors=True)
    return figures


FIGURES = {"tree_10k_open_s_median": tree_10k}

if __name__ == "__main__":
    print(tree_10k())
