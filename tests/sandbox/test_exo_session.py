"""The eXo host page: a connector written to the template's conventions, unchanged, against the mock core."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from testpaths import FIXTURES, SAMPLES

from tests.sandbox.session_helpers import assert_scenarios_pass, run, started_sessions
from workbench.core.project import Project
from workbench.core.scenario import Step
from workbench.sandbox.environment import prepare_environment

prepare_environment()  # the project scheme must be registered before the QApplication exists

from workbench.sandbox.exo_session import ExoSession  # noqa: E402
from workbench.sandbox.session import SessionSetup, StepFailure  # noqa: E402

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
TEMPLATE = FIXTURES / "exo_runtime" / "template-connector"
MODULE = "webapp/src/main/webapp/js/webconferencing-myconf.js"


@pytest.fixture
def session_of(qapp):
    def create(root: Path = TEMPLATE, **extra) -> ExoSession:
        return ExoSession(Project(Path(root), "exo", "exo-connector"), SessionSetup(extra=extra))

    yield from started_sessions(create)


def test_template_connector_shows_its_button_for_a_user_and_a_space(session_of):
    s = session_of()
    assert not s.log.errors()
    assert s.log.calls("addProvider")[0].data["args"] == ["myconf"]
    run(s, "context", {"type": "user", "id": "mary"})
    run(s, "expect", {"button": True, "text": "Call with My Conf"})
    run(s, "context", {"type": "space", "id": "product_team", "members": ["john", "mary", "james"]})
    run(s, "expect", {"button": True})
    assert s.js("document.querySelector('#callButton .myconfCallAction') !== null") is True


def test_clicking_the_button_opens_the_call_page_with_the_connector_settings(session_of):
    s = session_of()
    run(s, "context", {"type": "space", "id": "product_team"})
    run(s, "click", {"button": True})
    run(s, "expect", {"call": "addCall", "args": ["g/product_team", {"owner": "product_team", "ownerType": "space",
                                                                     "provider": "myconf"}]})
    run(s, "expect", {"call": "callPage.startCall", "args": ["g/product_team", True]})
    opened = s.log.calls("showCallWindow")[0].data["args"][0]
    assert opened == "/myconf/call?apiClientId=fixture-client&id=g%2Fproduct_team"  # settings from the XML
    run(s, "expect", {"selector": ".callWindowUrl", "text": "/myconf/call"})
    settings = json.loads(s.js("JSON.stringify(ExoHost.config.settings)"))
    assert settings["serviceUrl"] == "https://conf.example.org" and settings["url"] == "/myconf"


def test_no_button_for_a_user_without_an_account_of_the_connector_type(session_of):
    s = session_of(users=[{"id": "bob", "firstName": "Bob", "imAccounts": {}}])
    run(s, "context", {"type": "user", "id": "bob"})
    run(s, "expect", {"button": False})
    with pytest.raises(StepFailure, match="no call button: No My Conf users found for bob"):
        run(s, "expect", {"button": True, "timeout": 300})


def test_incoming_call_reaches_the_connector_through_on_user_update(session_of):
    s = session_of()
    run(s, "incoming", {"from": "mary", "callId": "p/john@myconf-mary@myconf"})
    run(s, "expect", {"call": "getCall", "args": ["p/john@myconf-mary@myconf"]})
    run(s, "expect", {"selector": ".uiIncomingCall", "text": "Mary Williams is calling you"})
    run(s, "click", {"selector": ".uiDialogMockButtons button"})  # Answer
    run(s, "expect", {"call": "updateUserCall", "args": ["p/john@myconf-mary@myconf", "joined"]})


def test_unknown_call_fails_with_not_found_and_every_core_call_is_logged(session_of):
    s = session_of()
    s.js("webConferencing.getCall('nope').fail(function (e) { window.__err = e.code; })")
    s.poll(Step("expect", {}, 1), lambda: (s.js("window.__err || ''") == "NOT_FOUND_ERROR", "no rejection"))
    names = {c.data["name"] for c in s.log.calls()}
    assert {"init", "getLog", "addProvider", "getUser", "onUserUpdate", "getCall"} <= names


def test_jquery_comes_from_the_xstatic_package(session_of):
    import re

    from workbench.sandbox.exo_session import jquery_source
    packaged = re.search(rb"jQuery JavaScript Library v([0-9.]+)", jquery_source()).group(1).decode()
    s = session_of()
    assert s.js("jQuery.fn.jquery") == packaged


def _broken_copy(tmp_path: Path, replace: tuple[str, str]) -> Path:
    root = tmp_path / "connector"
    shutil.copytree(TEMPLATE, root)
    module = root / MODULE
    text = module.read_text()
    assert replace[0] in text
    module.write_text(text.replace(*replace))
    return root


def test_methods_on_the_prototype_are_rejected_with_the_reason(session_of, tmp_path):
    root = _broken_copy(tmp_path, ("\t\t\tthis.callButton = function(context) {",
                                   "\t\t\tMyConfProvider.prototype.callButton = function(context) {"))
    s = session_of(root)
    errors = [e.message for e in s.log.errors()]
    assert any("missing own property callButton" in m and "found on the prototype" in m for m in errors), errors


def test_init_must_return_a_promise(session_of, tmp_path):
    root = _broken_copy(tmp_path, ("\t\t\t\treturn process.promise();", "\t\t\t\treturn true;"))
    s = session_of(root)
    s.settle()
    assert any("init(context) of provider myconf must return a promise" in e.message for e in s.log.errors())


def test_the_connector_sample_scenarios_pass():
    assert_scenarios_pass(SAMPLES / "exo-connector")


def test_a_connector_made_by_workbench_new_runs_its_renamed_scenarios(tmp_path):
    from workbench.core.newproject import create_project

    create_project("exo-connector", tmp_path / "zoomy", "zoomy", "Zoomy Rooms")
    assert_scenarios_pass(tmp_path / "zoomy")
