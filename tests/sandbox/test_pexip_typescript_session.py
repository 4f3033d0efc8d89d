"""A TypeScript plugin project in the preview and in scenarios: built before the page loads, built again when a
source changes (then reloaded, the conference kept), and a plain message when it cannot be built."""

from __future__ import annotations

import shutil

import pytest
from plugin_projects import pexip_typescript
from qtasync import js, run, wait_for

from tests.sandbox.pexip_helpers import run_text, started_session

pytestmark = [pytest.mark.qt, pytest.mark.webengine,
              pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")]


def marking(text: str) -> str:
    """Plugin source that puts `text` in #probe once connected."""
    return ("window.PEX.pluginAPI.registerPlugin({id: 'probe', unload: () => { document.getElementById('probe')"
            "?.remove(); }, load: () => { const el = document.createElement('div'); el.id = 'probe';"
            f" el.textContent = '{text}'; document.body.appendChild(el); }}}});\n")


def test_an_unbuilt_project_is_built_before_the_scenario_runs(tmp_path):
    result = run_text(pexip_typescript(tmp_path / "p", marking("built v1")), """
name: built first
steps:
  - expect: {selector: "#probe", text: built v1}
  - expect: {no_errors: true}
""")
    assert result.passed, result.failure_text()
    assert (tmp_path / "p" / "dist" / "plugins" / "probe" / "index.js").is_file()


def test_without_npm_ci_the_scenario_says_so(tmp_path):
    result = run_text(pexip_typescript(tmp_path / "p", marking("x"), installed=False), "steps:\n  - wait: 1\n")
    assert not result.passed
    assert "npm packages are not installed" in result.reason and "run `npm install`" in result.reason


def test_a_saved_source_is_built_and_reloaded(qapp, tmp_path):
    root = pexip_typescript(tmp_path / "p", marking("v1"))
    session = started_session(root, participants=[{"name": "Bob", "uuid": "bob"}])
    try:
        assert wait_for(lambda: js(session, "document.getElementById('probe')?.textContent") == "v1", 5000)
        (root / "src" / "index.ts").write_text(marking("v2"))
        assert run(session.reload_changed(["src/index.ts"]), 30000) == "built; probe"
        assert wait_for(lambda: js(session, "document.getElementById('probe')?.textContent") == "v2", 5000)
        assert "bob" in session.conference.participants and session.conference.connected  # the conference is kept
        # the build's own writes, reported by the file watcher afterwards, change nothing more
        assert run(session.reload_changed(["dist/plugins/probe/index.js"])) is None
        # a source that does not compile: the error points at it, the running plugin stays
        (root / "src" / "index.ts").write_text(marking("v3") + "oops(); // @ts-error\n")
        assert run(session.reload_changed(["src/index.ts"]), 30000) == "build failed"
        [error] = [e for e in session.log.errors() if e.data.get("build")]
        assert (error.data["file"], error.data["line"]) == ("src/index.ts", 2) and "TS2304" in error.message
        assert js(session, "document.getElementById('probe')?.textContent") == "v2"
    finally:
        session.close()
