"""The eXo host page: a connector written to the template's conventions, unchanged, against the mock core."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from qtasync import apply, js, run, wait_for
from testpaths import FIXTURES, SAMPLES

from tests.sandbox.session_helpers import assert_scenarios_pass, started_sessions
from workbench.core.project import Project
from workbench.sandbox.session import SessionSetup, StepFailure
from workbench.targets.exo.runtime.session import ExoSession

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
TEMPLATE = FIXTURES / "exo_runtime" / "template-connector"
MODULE = "webapp/src/main/webapp/js/webconferencing-myconf.js"


@pytest.fixture
def session_of(qapp):
    def create(root: Path = TEMPLATE, **extra) -> ExoSession:
        return ExoSession(Project(Path(root), "exo", "exo-connector"), SessionSetup(header=extra))

    yield from started_sessions(create)


def test_template_connector_shows_its_button_for_a_user_and_a_space(session_of):
    s = session_of()
    assert not s.log.errors()
    assert s.log.calls("addProvider")[0].data["args"] == ["myconf"]
    apply(s, "context", {"type": "user", "id": "mary"})
    apply(s, "expect", {"button": True, "text": "Call with My Conf"})
    apply(s, "context", {"type": "space", "id": "product_team", "members": ["john", "mary", "james"]})
    apply(s, "expect", {"button": True})
    assert js(s, "document.querySelector('#callButton .myconfCallAction') !== null") is True


def test_clicking_the_button_opens_the_call_page_with_the_connector_settings(session_of):
    s = session_of()
    apply(s, "context", {"type": "space", "id": "product_team"})
    apply(s, "click", {"button": True})
    apply(s, "expect", {"call": "addCall", "args": ["g/product_team", {"owner": "product_team", "ownerType": "space",
                                                                     "provider": "myconf"}]})
    apply(s, "expect", {"call": "callPage.startCall", "args": ["g/product_team", True]})
    opened = s.log.calls("showCallWindow")[0].data["args"][0]
    assert opened == "/myconf/call?apiClientId=fixture-client&id=g%2Fproduct_team"  # settings from the XML
    apply(s, "expect", {"selector": ".callWindowUrl", "text": "/myconf/call"})
    settings = js(s, "ExoHost.config.settings")
    assert settings["serviceUrl"] == "https://conf.example.org" and settings["url"] == "/myconf"
    # The connector's own call page, rendered from its JSP: its script ran with the settings the servlet passes.
    frame = "document.querySelector('.callWindowFrame').contentDocument"
    assert wait_for(lambda: "started g/product_team on https://conf.example.org" in
                    (js(s, f"{frame}.getElementById('callState').textContent") or ""), 5000)
    assert js(s, f"{frame}.getElementById('callTitle').textContent") == "Product Team"  # the call the page read
    warnings = [e.message for e in s.log.of_kind("warning")]
    not_rendered = [m for m in warnings if "call page /myconf/call: not rendered" in m]
    assert any("scriptlet <% out.print(request.getServerName()); %>" in m for m in not_rendered), warnings
    assert any("<c:if" in m for m in not_rendered) and any("'callTitle'" in m for m in not_rendered)


def test_no_button_for_a_user_without_an_account_of_the_connector_type(session_of):
    s = session_of(users=[{"id": "bob", "firstName": "Bob", "imAccounts": {}}])
    apply(s, "context", {"type": "user", "id": "bob"})
    apply(s, "expect", {"button": False})
    with pytest.raises(StepFailure, match="no call button: No My Conf users found for bob"):
        apply(s, "expect", {"button": True, "timeout": 300})


def test_incoming_call_reaches_the_connector_through_on_user_update(session_of):
    s = session_of()
    apply(s, "incoming", {"from": "mary", "callId": "p/john@myconf-mary@myconf"})
    apply(s, "expect", {"call": "getCall", "args": ["p/john@myconf-mary@myconf"]})
    apply(s, "expect", {"selector": ".uiIncomingCall", "text": "Mary Williams is calling you"})
    apply(s, "expect", {"selector": ".ui-dialog .ui-dialog-title", "text": "Incoming call"})  # jQuery UI's dialog
    apply(s, "click", {"selector": ".ui-dialog-buttonset button"})  # Answer
    apply(s, "expect", {"call": "updateUserCall", "args": ["p/john@myconf-mary@myconf", "joined"]})


def test_unknown_call_fails_with_not_found_and_every_core_call_is_logged(session_of):
    s = session_of()
    js(s, "eXo.webConferencing.getCall('nope').fail(function (e) { window.__err = e.code; }) && 1")
    assert wait_for(lambda: js(s, "window.__err || ''") == "NOT_FOUND_ERROR", 5000)
    names = {c.data["name"] for c in s.log.calls()}
    assert {"init", "getLog", "addProvider", "getUser", "onUserUpdate", "getCall"} <= names


def test_jquery_comes_from_the_xstatic_package(session_of):
    import re

    from workbench.targets.exo.runtime.session import jquery_source
    packaged = re.search(rb"jQuery JavaScript Library v([0-9.]+)", jquery_source()).group(1).decode()
    s = session_of()
    assert js(s, "jQuery.fn.jquery") == packaged


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


def test_a_call_button_promise_never_settled_is_no_button(session_of, tmp_path):
    # eXo adds a button only when the promise resolves (as External Visio's, whose buttons come from its Vue app).
    root = _broken_copy(tmp_path, ("\t\t\t\tvar button = $.Deferred();",
                                   "\t\t\t\tvar button = $.Deferred();\n\t\t\t\treturn button.promise();"))
    s = session_of(root)
    apply(s, "context", {"type": "user", "id": "mary"})
    apply(s, "expect", {"button": False, "timeout": 400})
    with pytest.raises(StepFailure, match="still pending"):
        apply(s, "expect", {"button": True, "timeout": 300})


def test_init_must_return_a_promise(session_of, tmp_path):
    root = _broken_copy(tmp_path, ("\t\t\t\treturn process.promise();", "\t\t\t\treturn true;"))
    s = session_of(root)
    run(s.settle())
    assert any("init(context) of provider myconf must return a jQuery promise" in e.message for e in s.log.errors())


def test_the_connector_sample_scenarios_pass():
    assert_scenarios_pass(SAMPLES / "exo-connector")


def test_a_connector_made_by_workbench_new_runs_its_renamed_scenarios(tmp_path):
    from workbench.registry import new_project

    new_project("exo-connector", tmp_path / "zoomy", {"type": "zoomy", "title": "Zoomy Rooms"})
    assert_scenarios_pass(tmp_path / "zoomy")


DUO = FIXTURES / "exo_runtime" / "duo-connector"


def test_every_provider_of_the_add_on_is_added_and_one_without_init_is_initialised(session_of):
    s = session_of(DUO)
    assert [c.data["args"] for c in s.log.calls("addProvider")] == [["duo"], ["duovoice"]]
    flags = js(s, "(function () { var out = {}; ['duo', 'duovoice'].forEach(function (t) {"
                  " eXo.webConferencing.getProvider(t).done(function (p, ok) { out[t] = ok; }); }); return out; })()")
    assert flags == {"duo": True, "duovoice": True}  # duovoice has no init(): the core marks it initialised
    assert s.providers() == [{"type": "duo", "title": "Duo Meet", "previewed": True},
                             {"type": "duovoice", "title": "Duo Voice", "previewed": False}]


def test_modules_get_their_dependencies_and_a_missing_webpack_build_is_named(session_of):
    s = session_of(DUO)
    errors = [e.message for e in s.log.errors()]
    assert errors == ["module webConferencing_duoButton: /js/callButton.bundle.js is built by webpack (entry "
                      "`callButton` in webapp/webpack.prod.js) and is not in the sources: run `npm run build` in webapp "
                      "(the Maven build runs it too), then reload the preview"]
    apply(s, "context", {"type": "user", "id": "mary"})
    apply(s, "expect", {"button": True, "text": "Call with Duo Meet"})  # the helper module's label, under `helper`
    # jQuery UI's tooltip on the button works as on eXo pages, and the settings' messages reached configure()
    assert js(s, "jQuery('#callButton .duoCallAction').tooltip('instance') !== undefined") is True
    assert js(s, "jQuery('#callButton .duoCallAction').attr('title')") == "Start a call"


def test_the_page_is_a_portal_page_and_follows_the_context(session_of):
    s = session_of(DUO)
    assert js(s, "location.pathname") == "/portal/dw/"
    apply(s, "context", {"type": "space", "id": "product_team"})
    assert js(s, "location.pathname") == "/portal/g/:spaces:product_team/product_team"
    # duo listens for incoming calls only under /portal/, as published connectors do
    apply(s, "incoming", {"from": "mary", "provider": "duo"})
    apply(s, "expect", {"call": "noticeInfo", "args": ["Duo", "Call from Mary Williams"]})


def test_the_provider_previewed_is_chosen_by_the_header(session_of):
    s = session_of(DUO, provider="duovoice")
    apply(s, "context", {"type": "user", "id": "mary"})
    apply(s, "expect", {"button": True, "text": "Dial +33 1 23 45 67 89"})  # from its Java settings, via jq and wc
    assert s.recording_header()["provider"] == "duovoice"


def test_the_core_offers_its_whole_public_surface_and_logs_each_call(session_of):
    s = session_of()
    names = js(s, "Object.keys(eXo.webConferencing).sort()")
    assert {"loadStyle", "getRandom", "initRequest", "update", "showCallWindow", "findCallId", "updateParticipants",
            "toCallUpdate", "getProvidersConfig", "createUserContext", "getAllProviders", "message"} <= set(names)
    js(s, "(function (wc) { wc.loadStyle('/myconf/skin/x.css'); wc.loadStyle('/myconf/skin/x.css');"
          " window.__rnd = wc.getRandom(10, 20); wc.update();"
          " wc.initRequest(jQuery.Deferred().resolve({ok: 1}, 'success', {status: 200}).promise())"
          "   .done(function (data, status) { window.__req = [data.ok, status]; }); return 1; })(eXo.webConferencing)")
    assert js(s, "document.querySelectorAll(\"link[href='/myconf/skin/x.css']\").length") == 1
    assert 10 < js(s, "window.__rnd") < 20
    assert wait_for(lambda: js(s, "window.__req") == [1, 200], 3000)
    logged = {c.data["name"] for c in s.log.calls()}
    assert {"loadStyle", "getRandom", "initRequest", "update"} <= logged


def test_once_built_the_bundle_loads_and_a_scenario_picks_the_provider_and_its_settings(tmp_path):
    root = tmp_path / "duo"
    shutil.copytree(DUO, root)
    (root / "webapp/src/main/webapp/js/callButton.bundle.js").write_text(
        "(function (vue) { return {init: function () { return Promise.resolve({}); }}; })(vue);\n")
    (root / "scenarios").mkdir()
    (root / "scenarios/voice.yaml").write_text(
        "name: the voice provider of the add-on dials from a user's popover\n"
        "provider: duovoice\n"
        "settings:\n  number: \"+1 555 0100\"\n"
        "steps:\n"
        "  - context: {type: user, id: mary}\n"
        "  - expect: {button: true, text: \"Dial +1 555 0100\"}\n")
    assert_scenarios_pass(root)
