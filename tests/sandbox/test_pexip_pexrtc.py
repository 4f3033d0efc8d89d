"""PEX.pexrtc is the app's live call: the roster reaches the app through its callbacks, which plugins wrap, and its
methods act on the conference."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin
from qtasync import fire, wait_for
from qtasync import js as page_js

from tests.sandbox.pexip_helpers import run_text, started_session

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


def names_plugin(wrap: str) -> str:
    """A plugin that shows participants$ as [name|name] and wraps the app's callbacks once connected."""
    return """(function () {
  PEX.pluginAPI.registerPlugin({id: 'probe-1.0', unload: function () {}, go: function () {},
    load: function (participants$) {
      var box = document.createElement('div'); box.id = 'names'; document.body.appendChild(box);
      participants$.subscribe(function (list) {
        box.textContent = '[' + list.map(function (p) { return p.name; }).join('|') + ']';
      });
      PEX.actions$.ofType('[Conference] Connect Success').subscribe(function () {
        var rtc = PEX.pexrtc;
""" + wrap + """
      });
    }});
})();
"""


HIDE_API_USERS = names_plugin("""
        var create = rtc.onParticipantCreate, update = rtc.onParticipantUpdate;
        rtc.onParticipantCreate = function (p) { if (p.protocol !== 'api') create(p); };
        rtc.onParticipantUpdate = function (p) { if (p.protocol !== 'api') update(p); };
""")

RENAMER = names_plugin("""
        var create = rtc.onParticipantCreate, update = rtc.onParticipantUpdate;
        rtc.onParticipantCreate = function (p) {
          if (p.uuid !== rtc.uuid && p.overlay_text.indexOf('Guest-') !== 0) {
            rtc.setParticipantText(p.uuid, 'Guest-' + p.uuid);
            return;  // shown once the server has the new text
          }
          p.display_name = p.overlay_text;
          create(p);
        };
        rtc.onParticipantUpdate = function (p) { p.display_name = p.overlay_text; create(p); update(p); };
""")

CHAT_FILTER = names_plugin("""
        var chat = rtc.onChatMessage;
        rtc.onChatMessage = function (m) { if (m.payload.charAt(0) !== '!') chat(m); };
        PEX.actions$.ofType(PEX.actions.RECEIVE_CHAT_MESSAGE).subscribe(function (a) {
          var el = document.createElement('div'); el.className = 'heard'; el.textContent = a.payload.payload;
          document.body.appendChild(el);
        });
""")


def test_a_plugin_that_wraps_the_callbacks_hides_api_participants(tmp_path):
    result = run_text(pexip_plugin(tmp_path, HIDE_API_USERS), """
name: hide api users
participants:
  - {name: Bob, uuid: bob}
  - {name: Dashboard, uuid: dash, protocol: api, callType: api}
steps:
  - expect: {selector: "#names", text: "[Alice|Bob]"}
  - join: {name: Robot, uuid: robot, protocol: api, callType: api}
  - join: {name: Carol, uuid: carol}
  - expect: {selector: "#names", text: "[Alice|Bob|Carol]"}
  - expect: {selector: "#participant-count", text: "3"}
  - expect: {selector: "#carol"}
  - expect: {conference: {participantCount: 5}}
  - expect: {no_errors: true}
""")
    assert result.passed, result.failure_text()


def test_a_plugin_renames_participants_through_pexrtc(tmp_path):
    result = run_text(pexip_plugin(tmp_path, RENAMER), """
name: rename
participants: [{name: Bob, uuid: bob}]
steps:
  - expect: {call: pexrtc.setParticipantText, args: [bob, Guest-bob]}
  - expect: {participant: bob, has: {overlayText: Guest-bob}}
  - expect: {selector: "#names", text: "[Alice|Guest-bob]"}
  - expect: {selector: "#bob .pex-roster-list__user-name", text: Guest-bob}
  - expect: {no_errors: true}
""")
    assert result.passed, result.failure_text()


def test_a_swallowed_chat_message_is_neither_shown_nor_dispatched(tmp_path):
    result = run_text(pexip_plugin(tmp_path, CHAT_FILTER), """
name: chat filter
participants: [{name: Bob, uuid: bob}]
steps:
  - expect: {conference: {connected: true}}
  - wait: 100
  - chat: {from: bob, text: "!lock"}
  - chat: {from: bob, text: hello}
  - expect: {selector: "#chat-messages", text: "Bob: hello"}
  - expect: {selector: ".heard", text: hello}
  - expect: {no_errors: true}
""")
    assert result.passed, result.failure_text()
    assert "!lock" not in " ".join(result.log_tail)


@pytest.fixture(scope="module")
def session(qapp, tmp_path_factory):
    root = pexip_plugin(tmp_path_factory.mktemp("rtc"), names_plugin(""))
    s = started_session(root, participants=[{"name": "Bob", "uuid": "bob"}], self={"name": "Alice", "uuid": "me"})
    yield s
    s.close()


def js(session, code):
    return page_js(session, code)


def test_pexrtc_is_a_live_pexrtc_instance(session):
    assert js(session, "PEX.pexrtc instanceof PexRTC && PEX.pexrtc.constructor.name") == "PexRTC"
    assert js(session, "[PEX.pexrtc.uuid, PEX.pexrtc.role, PEX.pexrtc.conference_name, PEX.pexrtc.state]") == [
        "me", "HOST", "meet.alice", "CONNECTED"]
    roster = js(session, "PEX.pexrtc.getRosterList().map(function (p) { return [p.uuid, p.display_name, p.is_muted]; })")
    assert roster == [["me", "Alice", "NO"], ["bob", "Bob", "NO"]]


def test_pexrtc_methods_act_on_the_conference(session):
    fire(session, "PEX.pexrtc.setParticipantMute('bob', true); PEX.pexrtc.setConferenceLock(true);"
                  " PEX.pexrtc.sendChatMessage('from pexrtc')")
    assert wait_for(lambda: session.conference.participants["bob"]["muted"] is True, 3000)
    assert wait_for(lambda: session.conference.details["locked"] is True, 3000)
    assert wait_for(lambda: session.conference.chat and session.conference.chat[-1]["payload"] == "from pexrtc", 3000)
    fire(session, "window.__dialled = null; PEX.pexrtc.dialOut('sip:room@example.com', 'sip', 'guest',"
                  " function (msg) { window.__dialled = msg; })")
    assert wait_for(lambda: (js(session, "window.__dialled") or {}).get("status") == "success", 3000)
    assert wait_for(lambda: js(session, "document.getElementById('names').textContent").count("|") == 2, 3000)
    names = [c.data["name"] for c in session.log.calls()]
    assert {"pexrtc.setParticipantMute", "pexrtc.setConferenceLock", "pexrtc.dialOut"} <= set(names)


def test_a_plugins_own_pexrtc_gets_an_error_not_a_call(session):
    fire(session, "window.__err = null; var r = new PexRTC(); r.onError = function (e) { window.__err = e; };"
                  " r.makeCall('node.example.com', 'meet.other', 'Interpreter', 576, 'audioonly')")
    assert wait_for(lambda: "Call Failed" in str(js(session, "window.__err")), 3000)
    assert any("calls placed by plugins" in w.message or "a call of its own" in w.message
               for w in session.log.of_kind("warning"))
