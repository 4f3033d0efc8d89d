"""Opening someone else's project in the window runs none of its own code (npm scripts, a script plugin's Node
process) until the user asks once: Build, Start, or a project made here. From then on the preview builds and starts
it by itself. The command line is always an explicit request."""

from __future__ import annotations

import shutil

import pytest
from plugin_projects import pexip_typescript, xcally_script
from qtasync import wait_for

from workbench.core import trust
from workbench.registry import open_project
from workbench.ui.preview.live import PreviewController

pytestmark = [pytest.mark.qt, pytest.mark.webengine,
              pytest.mark.skipif(shutil.which("node") is None or shutil.which("npm") is None,
                                 reason="Node.js and npm not on PATH")]

SOURCE = "(window as any).PEX.pluginAPI.registerPlugin({id: 'probe', load() {}, unload() {}});\n"
MARK = "require('fs').writeFileSync(require('path').join(__dirname, 'ran.txt'), 'ran');\n"


@pytest.fixture(autouse=True)
def own_data(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))  # nothing trusted yet


@pytest.fixture
def preview():
    controllers = []

    def make(root):
        controller = PreviewController()
        controller.open(open_project(root)[1])
        controllers.append(controller)
        return controller

    yield make
    for controller in controllers:
        controller.close()


def status_of(controller) -> list[str]:
    said: list[str] = []
    controller.sig_status.connect(said.append)
    return said


def test_an_unbuilt_typescript_project_is_not_built_until_the_user_builds_it(tmp_path, qtbot, monkeypatch):
    from workbench.ui import dialogs
    from workbench.ui.main_window import MainWindow
    from workbench.ui.preview.plugin import install
    from workbench.ui.theme import ThemeManager
    monkeypatch.setenv("WORKBENCH_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.setattr(dialogs, "ask_save_before", lambda *a: "save")
    root = pexip_typescript(tmp_path / "ts", SOURCE)
    (root / "build.js").write_text(MARK + (root / "build.js").read_text())
    window = MainWindow(ThemeManager("light"))
    qtbot.addWidget(window)
    controller = install(window).controller
    said = status_of(controller)
    try:
        assert window.open_project(root)
        assert wait_for(lambda: any("has not been built yet" in s for s in said), 15000), said
        assert not (root / "ran.txt").exists()  # its npm script did not run
        assert "Project → Build" in next(s for s in said if "has not been built yet" in s)
        with qtbot.waitSignal(window.sig_project_trusted, timeout=30000):
            assert window.build()  # the user asks
        assert (root / "ran.txt").exists() and trust.is_trusted(root)
        assert wait_for(lambda: controller.session is not None and controller.session.ready, 20000), said
        (root / "ran.txt").unlink()
        (root / "src" / "index.ts").write_text(SOURCE + "// edited\n")
        controller.files_changed(["src/index.ts"])  # from now on the preview builds it by itself
        assert wait_for(lambda: (root / "ran.txt").exists(), 20000)
    finally:
        window.close_project()


def test_a_script_plugin_is_not_started_until_the_user_starts_it(tmp_path, preview):
    root = xcally_script(tmp_path / "plugin", MARK + "setInterval(() => {}, 1000);\n")
    controller = preview(root)
    assert wait_for(lambda: controller.session is not None and controller.session.ready, 20000)
    assert wait_for(lambda: any("was not started by itself" in e.message
                                for e in controller.session.log.entries), 5000)
    assert controller.session.node.state == "stopped" and not (root / "app" / "ran.txt").exists()
    trust.trust(root)
    trusted = preview(root)
    assert wait_for(lambda: (root / "app" / "ran.txt").exists(), 20000)  # a trusted project starts by itself
    assert trusted.session.node.state == "running"
