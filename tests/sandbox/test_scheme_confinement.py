"""The workbench:// scheme serves the mounted package folder and nothing else: no absolute or empty segments, no
encoded separators, no tool folders, no links out of the folder, no special files, no unbounded reads."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import QObject, QUrl
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob
from testpaths import FIXTURES

from tests.sandbox.pexip_helpers import fetch, started_session
from workbench.sandbox import scheme as scheme_module
from workbench.sandbox.scheme import FileSchemeHandler

PUBLISHED = FIXTURES / "scenarios" / "published"
CC = "/custom_configuration/"


@pytest.fixture
def project(tmp_path):
    """A project whose package is webapp2/, with a git config and window settings beside it."""
    root = tmp_path / "project"
    (root / "webapp2/plugins").mkdir(parents=True)
    (root / "webapp2/index.html").write_text("<p>package</p>")
    (root / ".git").mkdir()
    (root / ".git/config").write_text("[core]\n\tfsmonitor = touch /tmp/owned\n")
    (root / ".workbench").mkdir()
    (root / ".workbench/project.json").write_text('{"allowedHosts": ["evil.example"]}')
    (root / "notes.txt").write_text("beside the package")
    return root


def handler_for(content, root) -> FileSchemeHandler:
    handler = FileSchemeHandler()
    handler.mount("app", "custom_configuration/", content, confine=root)  # as the host sessions mount packages
    return handler


def refused(handler, path) -> str:
    target, why = handler.resolve("app", path)
    assert target is None and why, f"{path} was served: {target}"
    return why


def test_an_absolute_path_after_the_prefix_is_refused(qapp, project):
    handler = handler_for(project / "webapp2", project)
    assert "empty segment" in refused(handler, f"{CC}/{project}/.git/config")
    assert "empty segment" in refused(handler, f"{CC}plugins//{project}/notes.txt")


def test_encoded_separators_are_refused(qapp, project):
    handler = handler_for(project / "webapp2", project)
    assert "%2F" in refused(handler, f"{CC}%2F{str(project).lstrip('/')}/notes.txt")  # an absolute path, encoded
    assert "%2F" in refused(handler, f"{CC}plugins%2F%2F{str(project).lstrip('/')}%2Fnotes.txt")


def test_tool_folders_are_never_served_even_inside_the_mount(qapp, project):
    handler = handler_for(project, project)  # a single plugin folder: the package is the project itself
    assert ".git/" in refused(handler, f"{CC}.git/config")
    assert ".workbench/" in refused(handler, f"{CC}.workbench/project.json")
    assert ".git/" in refused(handler, f"{CC}.GIT/config").lower()
    assert handler.resolve("app", f"{CC}notes.txt")[0] is not None


def test_a_link_out_of_the_mounted_folder_is_refused_even_inside_the_project(qapp, project):
    os.symlink("../notes.txt", project / "webapp2/notes.txt")
    os.symlink("../.git", project / "webapp2/repo")
    handler = handler_for(project / "webapp2", project)
    assert "outside the project's package folder" in refused(handler, f"{CC}notes.txt")
    assert ".git/" in refused(handler, f"{CC}repo/config")


def test_special_files_are_refused_with_the_reason(qapp, project):
    os.mkfifo(project / "webapp2/pipe.js")
    os.symlink("/dev/zero", project / "webapp2/zero.js")
    handler = handler_for(project / "webapp2", project)
    assert "FIFO" in refused(handler, f"{CC}pipe.js")
    assert "/dev/zero" in refused(handler, f"{CC}zero.js")


class FakeJob(QObject):
    """What _serve uses of a QWebEngineUrlRequestJob."""

    def __init__(self, url: str):
        super().__init__()
        self.url, self.failed, self.replied = QUrl(url), None, None

    def requestUrl(self):  # noqa: N802
        return self.url

    def fail(self, error):
        self.failed = error

    def reply(self, mime, device):
        self.replied = bytes(device.data())


def test_reads_are_bounded(qapp, project, monkeypatch):
    monkeypatch.setattr(scheme_module, "SERVE_LIMIT", 10)
    (project / "webapp2/big.js").write_text("x" * 11)
    (project / "webapp2/small.js").write_text("x" * 10)
    seen = []
    handler = FileSchemeHandler(on_refused=lambda url, why: seen.append(why))
    handler.mount("app", "custom_configuration/", project / "webapp2", confine=project)
    big, small = FakeJob("workbench://app/custom_configuration/big.js"), \
        FakeJob("workbench://app/custom_configuration/small.js")
    handler._serve(big)
    handler._serve(small)
    assert big.failed == QWebEngineUrlRequestJob.Error.RequestDenied and big.replied is None
    assert "more than the 10" in seen[0]
    assert small.replied == b"x" * 10


@pytest.mark.webengine
def test_the_page_cannot_fetch_the_git_config_through_an_absolute_path(qapp, tmp_path):
    root = tmp_path / "published"
    shutil.copytree(PUBLISHED, root)
    (root / ".git").mkdir()
    (root / ".git/config").write_text("[core]\n\tsecret = yes\n")
    session = started_session(root)
    try:
        assert fetch(session, "custom_configuration/settings.json").startswith("ok:")
        assert fetch(session, f"custom_configuration//{root.resolve()}/.git/config") == "failed"
        assert fetch(session, "custom_configuration/..%2F.git/config") == "failed"
        assert any(".git/config" in e.message and e.data.get("refused") for e in session.log.of_kind("network"))
    finally:
        session.close()
