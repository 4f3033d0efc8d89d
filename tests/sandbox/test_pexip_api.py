"""PEX globals and PEX.pluginAPI as plugins see them, over the simulated conference."""

from __future__ import annotations

import pytest
from qtasync import fire, harness, wait_for
from qtasync import js as page_js
from testpaths import FIXTURES

from tests.sandbox.pexip_helpers import started_session

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


@pytest.fixture(scope="module")
def session(qapp):
    s = started_session(FIXTURES / "scenarios" / "published", participants=[{"name": "Bob", "uuid": "bob"}],
                        conference={"name": "meet.board"}, self={"name": "Alice", "uuid": "me"})
    yield s
    s.close()


def js(session, code):
    return page_js(session, code)


def dialogs(session):
    return harness(session, "WBH.extensions.pexip.dialogs()")


def call_and_wait(session, code, name, count=1):
    before = len(session.log.calls(name))
    fire(session, code)
    assert wait_for(lambda: len(session.log.calls(name)) >= before + count, 3000), name
    return session.log.calls(name)[-1]


def test_pex_globals(session):
    assert js(session, "PEX.selfUUID") == "me"
    assert js(session, "PEX.pexrtc.conference_name") == "meet.board"
    assert js(session, "PEX.actions.RECEIVE_CHAT_MESSAGE") == "[Conference] Receive Chat Message"
    assert js(session, "typeof PEX.actions$.ofType('x').subscribe") == "function"
    assert js(session, "typeof PEX.dispatchAction") == "function"


def test_send_request_paths_with_and_without_slash_and_failures(session):
    entry = call_and_wait(session, "PEX.pluginAPI.sendRequest('participants/bob/video_muted')", "sendRequest")
    assert entry.data["result"] == {"status": "success", "result": True}
    assert session.conference.participants["bob"]["isVideoMuted"] is True
    entry = call_and_wait(session, "PEX.pluginAPI.sendRequest('/participants/nobody/mute')", "sendRequest")
    assert entry.data["result"]["status"] == "failure"
    call_and_wait(session, "PEX.pluginAPI.sendRequest('/muteguests')", "sendRequest")
    assert session.conference.details["guestsMuted"] is True
    call_and_wait(session, "PEX.pluginAPI.sendRequest('participants/bob/role', {role: 'chair'})", "sendRequest")
    assert session.conference.participants["bob"]["role"] == "chair"


def test_send_request_callback_gets_the_reply(session):
    fire(session, "window.__reply = null; PEX.pluginAPI.sendRequest('/unlock', null, function (r) {"
                         " window.__reply = r; }); 1")
    assert wait_for(lambda: js(session, "window.__reply") == {"status": "success", "result": True}, 3000)


def test_deprecated_forms_work_and_warn(session):
    call_and_wait(session, "PEX.pluginAPI.changeConferenceLayout({layout: '2:21'})", "changeConferenceLayout")
    assert session.conference.layouts[-1] == {"layout": "2:21"}
    fire(session, "PEX.pluginAPI.openTemplateDialog({title: 'Old', body: '<p id=old>x</p>'})"
                         ".subscribe(function (ref) { ref.viewInit$.subscribe(function () { ref.close(); }); }); 1")
    assert wait_for(lambda: any("v21" in w.message for w in session.log.of_kind("warning")), 3000)
    assert any("changeConferenceLayout is deprecated" in w.message for w in session.log.of_kind("warning"))
    assert wait_for(lambda: dialogs(session) == [], 3000)


def test_dialog_promise_dialogref_close_and_close_dollar(session):
    fire(session, "window.__closed = false; PEX.pluginAPI.openTemplateDialog({title: 'New', "
                         "body: '<button id=nb class=\"dialog-button green-action-button\">x</button>'})"
                         ".then(function (ref) { ref.close$.subscribe(function () { window.__closed = true; });"
                         " document.getElementById('nb').addEventListener('click', function () { ref.close(); }); }); 1")
    assert wait_for(lambda: dialogs(session) == ["New"], 3000)
    fire(session, "document.getElementById('nb').click()")
    assert wait_for(lambda: js(session, "window.__closed") is True, 3000)


def test_chat_and_dispatch_emit_actions(session):
    call_and_wait(session, "PEX.pluginAPI.sendChatMessage('hello room')", "sendChatMessage")
    assert wait_for(lambda: any(e.data["type"] == "[Conference] Send Chat Message"
                                and e.data["payload"]["payload"] == "hello room" for e in session.log.of_kind("action")))
    call_and_wait(session, "PEX.dispatchAction({type: '[Conference] Mute Camera'})", "dispatchAction")
    assert session.conference.participants["me"]["isVideoMuted"] is True


def test_dial_out_spotlight_disconnect(session):
    fire(session, "window.__dial = null; PEX.pluginAPI.dialOut('rtmp://live.example/x', 'auto', 'guest',"
                         " function (r) { window.__dial = r; }, {streaming: true}); 1")
    assert wait_for(lambda: js(session, "window.__dial") is not None, 3000)
    reply = js(session, "window.__dial")
    assert reply["status"] == "success" and len(reply["result"]) == 1
    uid = reply["result"][0]
    assert session.conference.participants[uid]["isStreaming"] is True
    call_and_wait(session, f"PEX.pluginAPI.spotlightOnParticipant('{uid}')", "spotlightOnParticipant")
    assert session.conference.participants[uid]["spotlight"] > 0
    call_and_wait(session, f"PEX.pluginAPI.disconnectParticipant('{uid}')", "disconnectParticipant")
    assert uid not in session.conference.participants
