"""A file the page asks for that is not in the project is named in the log, as the browser's console names a 404."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin, registering
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob
from qtasync import wait_for

from tests.sandbox.pexip_helpers import started_session
from tests.sandbox.test_scheme_confinement import FakeJob
from workbench.sandbox.scheme import FileSchemeHandler


def test_a_missing_file_is_reported_and_answered_not_found(qapp, tmp_path):
    (tmp_path / "there.css").write_text("p {}")
    missing = []
    handler = FileSchemeHandler(on_missing=missing.append)
    handler.mount("app", "custom_configuration/", tmp_path)
    gone, there = FakeJob("workbench://app/custom_configuration/gone.css"), \
        FakeJob("workbench://app/custom_configuration/there.css")
    handler._serve(gone)
    handler._serve(there)
    assert gone.failed == QWebEngineUrlRequestJob.Error.UrlNotFound
    assert missing == ["workbench://app/custom_configuration/gone.css"]
    assert there.replied == b"p {}"


# A plugin that links its stylesheet under a folder name it does not have (as a renamed plugin folder leaves it).
STYLED = registering("""
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = 'custom_configuration/plugins/old-name/assets/css/styles.css';
    document.head.appendChild(link);
""")


@pytest.mark.qt
@pytest.mark.webengine
def test_a_stylesheet_the_plugin_links_but_the_package_lacks_is_a_warning(qapp, tmp_path):
    session = started_session(pexip_plugin(tmp_path / "p", STYLED))
    try:
        def warned():
            return [e for e in session.log.of_kind("warning") if e.data.get("not_found")]
        assert wait_for(lambda: bool(warned()), 5000)
        entry = warned()[0]
        assert entry.data["url"].endswith("custom_configuration/plugins/old-name/assets/css/styles.css")
        assert "404" in entry.message
    finally:
        session.close()
