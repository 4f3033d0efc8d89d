"""Debugging in the window: Chromium DevTools on the preview's page, and an XCALLY script plugin under Node's
inspector, with the address shown, DevTools attached in one click and reattached after each restart on save."""

from __future__ import annotations

import shutil

import pytest

from tests.ui.preview_helpers import previewing

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js not on PATH")


def test_devtools_attach_to_the_preview_page_and_follow_it(qtbot, copy_sample):
    with previewing(qtbot, copy_sample("pexip-recording")) as (window, preview):
        assert not preview.devtools_dock.isVisible() and not preview.devtools.attached
        preview.actions.devtools.trigger()  # F12
        assert preview.devtools_dock.isVisible()
        front_end = preview.devtools.page_tools.page()
        assert preview.controller.session.page.devToolsPage() is front_end
        qtbot.waitUntil(lambda: front_end.url().scheme() == "devtools" and front_end.title() == "DevTools",
                        timeout=10000)

        with qtbot.waitSignal(preview.sig_ready, timeout=20000):
            window.run()  # F5: the same front-end stays attached (and keeps its breakpoints)
        assert preview.controller.session.page.devToolsPage() is front_end

        with qtbot.waitSignal(preview.sig_ready, timeout=20000):
            window.open_project(copy_sample("xcally-html"))  # another project: DevTools follow its page
        assert preview.controller.session.page.devToolsPage() is preview.devtools.page_tools.page() is not None

        preview.actions.devtools.trigger()  # hidden: the page runs without DevTools
        assert not preview.devtools.attached and preview.controller.session.page.devToolsPage() is None


@needs_node
def test_script_plugin_under_the_inspector_gets_devtools_in_one_click_and_after_each_restart(
        qtbot, copy_sample, monkeypatch):
    monkeypatch.setenv("PORT", "0")
    root = copy_sample("xcally-script")
    with previewing(qtbot, root) as (window, preview):
        session = preview.controller.session
        qtbot.waitUntil(lambda: bool(session.node.port), timeout=10000)
        node = preview.devtools.node
        assert preview.devtools.indexOf(node) >= 0 and session.inspector() is None

        def attached() -> int:
            return sum(e.message.strip() == "Debugger attached." for e in session.log.entries)

        preview.actions.open_inspector.trigger()  # one click: the inspector on, DevTools on the process
        qtbot.waitUntil(lambda: attached() == 1, timeout=20000)
        info = session.inspector()
        assert node.address.text() == info["address"] and info["address"].startswith("127.0.0.1:")
        assert f"--inspect={info['address']}" in " ".join(session.node.process.launch.arguments("node"))
        qtbot.waitUntil(lambda: bool(session.node.port), timeout=10000)
        assert session.node.port != int(info["address"].rsplit(":", 1)[1])  # the server, not the inspector
        first_url = info["url"]

        # The plugin's page cannot reach the inspector that the window's DevTools may reach.
        from tests.ui.preview_helpers import js
        from workbench.core.hostlog import NETWORK
        js(qtbot, preview.panel.view.page(), f"(function () {{ try {{ new WebSocket('ws://{info['address']}/x'); }} "
                                             "catch (e) {} return 1; })()")
        qtbot.waitUntil(lambda: any(e.kind == NETWORK and info["address"].split(":")[0] in e.message
                                    for e in session.log.entries), timeout=5000)
        assert attached() == 1

        script = root / "app" / "index.js"
        with qtbot.waitSignal(preview.controller.sig_reloaded, timeout=20000):
            script.write_text(script.read_text() + "\n// changed\n")
        qtbot.waitUntil(lambda: attached() == 2, timeout=20000)  # DevTools reattached to the new run
        again = session.inspector()
        assert again["address"] == info["address"] and again["url"] != first_url


def test_a_hot_reloaded_plugin_keeps_its_url_so_breakpoints_hold(qtbot, copy_sample):
    from tests.ui.preview_helpers import js
    root = copy_sample("pexip-recording")
    with previewing(qtbot, root) as (window, preview):
        served = preview.controller.session.environment.scheme.served
        plugin = "custom_configuration/plugins/recording/recording.plugin.js"
        before = served.count(plugin)
        source = root / "webapp2/plugins/recording/recording.plugin.js"
        with qtbot.waitSignal(preview.controller.sig_reloaded, timeout=5000):
            source.write_text(source.read_text() + "\n// changed\n")
        assert served.count(plugin) == before + 1  # fetched anew, at the very same URL
        scripts = js(qtbot, preview.panel.view.page(),
                     "Array.prototype.map.call(document.querySelectorAll('script[data-plugin]'), s => s.src)")
        assert scripts and all(s.endswith("/" + plugin) for s in scripts)
