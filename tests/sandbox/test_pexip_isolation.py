"""Isolation of the emulated app: network lockdown, files of the package only, crash recovery, plugins on request."""

from __future__ import annotations

import os
import shutil
import signal

import pytest
from qtasync import harness, run, wait_for
from testpaths import FIXTURES, SAMPLES

from tests.sandbox.pexip_helpers import fetch, started_session
from workbench.sandbox.scheme import FileSchemeHandler

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
PUBLISHED = FIXTURES / "scenarios" / "published"


@pytest.fixture
def published(qapp):
    session = started_session(PUBLISHED, participants=[{"name": "Bob", "uuid": "bob"}])
    yield session
    session.close()


def test_profile_is_off_the_record(published):
    assert published.environment.profile.isOffTheRecord()


def test_outbound_request_is_blocked_and_logged_as_csp_violation(published):
    assert wait_for(lambda: any("api.example.com" in e.message for e in published.log.of_kind("network")), 3000)
    entry = next(e for e in published.log.of_kind("network") if "api.example.com" in e.message)
    assert "Content Security Policy" in entry.message and entry.data["host"] == "api.example.com"
    assert fetch(published, "https://api.example.com/other") == "failed"


def test_allowed_host_passes_the_lockdown(published):
    lockdown = published.environment.lockdown
    assert not lockdown.is_allowed("https", "api.example.com")
    published.environment.allow_host("api.example.com")
    assert lockdown.is_allowed("https", "api.example.com") and lockdown.is_allowed("workbench", "app")
    assert not lockdown.is_allowed("https", "sub.api.example.com")  # exactly that host
    assert not lockdown.is_allowed("file", "")
    published.environment.allow_host("127.0.0.1:9006")
    assert lockdown.is_allowed("http", "127.0.0.1", 9006) and not lockdown.is_allowed("http", "127.0.0.1", 9007)


def test_project_assets_are_served_under_custom_configuration(published):
    text = fetch(published, "./custom_configuration/plugins/published/assets/config.json")
    assert text.startswith("ok:") and "hello from assets" in text
    assert fetch(published, "file:///etc/hostname") == "failed"


def test_symlink_out_of_the_package_is_refused(qapp, tmp_path):
    project = tmp_path / "proj"
    shutil.copytree(PUBLISHED, project)
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    os.symlink(secret, project / "webapp2" / "leak.txt")
    session = started_session(project)
    try:
        assert fetch(session, "custom_configuration/leak.txt") == "failed"
        assert any("outside" in e.message for e in session.log.of_kind("network"))
    finally:
        session.close()


def test_dot_dot_paths_never_resolve(tmp_path):
    (tmp_path / "root").mkdir()
    (tmp_path / "outside.txt").write_text("x")
    handler = FileSchemeHandler()
    handler.mount("app", "custom_configuration/", tmp_path / "root", tmp_path / "root")
    for path in ("/custom_configuration/../outside.txt", "/custom_configuration/%2e%2e/outside.txt",
                 "/custom_configuration/..%2Foutside.txt"):
        target, why = handler.resolve("app", path)
        assert target is None and why, path


def test_renderer_crash_is_reported_and_the_page_recovers(published):
    published.conference.add_participant({"name": "Carol", "uuid": "carol"})
    pid = published.page.renderProcessPid()
    assert pid > 0
    published.ready = False
    os.kill(pid, signal.SIGKILL)
    assert wait_for(lambda: published.ready, 15000)
    assert any("renderer crashed" in e.message for e in published.log.errors())
    assert published.page.restarts == 1
    # the restarted page mirrors the same conference
    assert wait_for(lambda: harness(published, "document.querySelectorAll('#participant-list .participant').length")
                    == 3, 3000)


def test_plugins_load_and_unload_on_request(qapp):
    session = started_session(SAMPLES / "pexip-conference-tools")
    item = "WBH.extensions.pexip.item({location: 'conference', index: 0}).item"
    try:
        assert run(session.set_plugin_enabled("layout-tools-1.0", False))
        assert wait_for(lambda: harness(session, item) is None, 2000)
        assert wait_for(lambda: any(p["id"] == "layout-tools-1.0" and not p["started"]
                                    for p in session.plugin_states()), 2000)
        assert run(session.set_plugin_enabled("layout-tools-1.0", True))
        assert wait_for(lambda: (harness(session, item) or {}).get("label") == "Change layout", 3000)
    finally:
        session.close()


def test_page_works_in_a_visible_view(qapp):
    from PySide6.QtWebEngineWidgets import QWebEngineView
    session = started_session(SAMPLES / "pexip-recording")
    view = QWebEngineView()
    try:
        view.setPage(session.page)
        view.resize(900, 600)
        view.show()
        session.conference.update_conference({"locked": True})
        assert wait_for(lambda: harness(session, "!document.getElementById('conference-locked').hidden") is True,
                        2000)
    finally:
        view.setPage(None)
        view.close()
        session.close()
