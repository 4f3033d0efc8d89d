"""The simulated conference as the web app v2 sees it: the actions its changes dispatch, REST requests, dial-out, chat."""

from __future__ import annotations

import pytest

from workbench.core.conference import Conference
from workbench.targets.pexip.actions import (
    ACTIONS,
    BUZZ_CHANGED,
    CONNECT_SUCCESS,
    DISCONNECT,
    DISCONNECT_SUCCESS,
    LOCK_CHANGED,
    MUTED_CHANGED,
    REMOTE_CALL_TYPE,
    SET_SELF_UUID,
    actions_for,
    deliveries,
)


def follow_actions(conference: Conference, into: list) -> None:
    """Collect the actions the web app dispatches for the conference's events."""
    conference.on_event(lambda event, payload: into.extend(
        a for a in actions_for(event, payload, conference) if not a["type"].startswith("PexRTC: ")))


@pytest.fixture
def conf():
    c = Conference("meet.alice", role="chair", self_name="Alice", self_uuid="me")
    c.add_participant({"name": "Bob", "uuid": "bob"}, announce=False)
    c.actions = []
    follow_actions(c, c.actions)
    return c


def types(conf):
    return [a["type"] for a in conf.actions]


def test_participants_appear_only_once_connected(conf):
    assert conf.participant_list() == []
    conf.connect()
    assert [p["uuid"] for p in conf.participant_list()] == ["me", "bob"]
    assert types(conf) == [CONNECT_SUCCESS, REMOTE_CALL_TYPE, SET_SELF_UUID]
    assert conf.actions[0]["payload"] == {"alias": "meet.alice", "displayName": "Alice", "joinRole": "HOST",
                                          "serviceType": "conference"}
    assert conf.actions[1]["payload"] == "video" and conf.actions[2]["payload"] == "me"


def test_guest_joins_as_guest():
    c = Conference(role="guest")
    seen = []
    follow_actions(c, seen)
    c.connect()
    assert seen[0]["payload"]["joinRole"] == "GUEST"


def test_join_leave_mute_emit_actions(conf):
    conf.connect()
    conf.add_participant({"name": "Carol", "uuid": "carol"})
    conf.update_participant("carol", {"muted": True})
    conf.update_participant("carol", {"muted": True})  # no change, no action
    conf.remove_participant("carol")
    assert types(conf)[3:] == [ACTIONS["PARTICIPANT_CONNECT_SUCCESS"], MUTED_CHANGED,
                               ACTIONS["PARTICIPANT_DISCONNECT_SUCCESS"]]
    assert conf.actions[4]["payload"] == {"uuid": "carol", "muted": True}


def test_a_raised_hand_gives_buzz_changed_with_the_name_and_buzz_time(conf):
    conf.connect()
    conf.request("participants/bob/buzz")
    [buzz] = [a for a in conf.actions if a["type"] == BUZZ_CHANGED]
    assert buzz["payload"]["name"] == "Bob" and buzz["payload"]["buzzTime"] > 0 and buzz["payload"]["uuid"] == "bob"


def test_lock_and_hang_up_actions(conf):
    conf.connect()
    conf.update_conference({"locked": True})
    conf.disconnect()
    assert types(conf)[3:] == [LOCK_CHANGED, DISCONNECT, DISCONNECT_SUCCESS]
    assert conf.actions[3]["payload"] == {"locked": True}


def test_the_roster_reaches_the_app_as_pexrtc_participants_after_connect_success(conf):
    conf.update_participant("bob", {"vad": 100, "overlayText": "B."})
    conf.connect()
    [connect, begin, me, bob, end, update, stage] = deliveries("connected", {
        "alias": "meet.alice", "displayName": "Alice", "role": "chair", "serviceType": "conference"}, conf)
    assert connect["pexrtc"] == "connect" and connect["actions"][0]["type"] == CONNECT_SUCCESS
    assert [begin["pexrtc"], end["pexrtc"], update["pexrtc"], stage["pexrtc"]] == [
        "participant_sync_begin", "participant_sync_end", "conference_update", "stage"]
    assert me["data"]["uuid"] == "me" and bob["data"]["display_name"] == "Bob" and bob["data"]["overlay_text"] == "B."
    assert bob["data"]["is_muted"] == "NO" and bob["data"]["role"] == "guest" and bob["data"]["has_media"] is True
    assert {"participant_uuid": "bob", "stage_index": 0, "vad": 100} in stage["data"]
    assert update["data"]["guests_muted"] is False and update["data"]["chatEnabled"] is True


def test_voice_activity_moves_the_stage_not_the_participant(conf):
    conf.connect()
    out = []
    conf.on_event(lambda e, p: out.extend(deliveries(e, p, conf)))
    conf.update_participant("bob", {"vad": 100})
    assert [d["pexrtc"] for d in out] == ["stage"]


def test_participant_has_every_documented_property(conf):
    p = conf.participants["bob"]
    for key in ("uuid", "name", "role", "uri", "startTime", "protocol", "isExternal", "presenting", "muted",
                "canControl", "canDisconnect", "canTransfer", "canMute", "serviceType", "callType", "spotlight",
                "isStreaming", "vad", "stageIndex", "rxPresentation", "feccSupported", "buzzTime", "isVideoMuted"):
        assert key in p, key


@pytest.mark.parametrize("path, prop, value", [
    ("participants/bob/mute", "muted", True),
    ("/participants/bob/video_muted", "isVideoMuted", True),
    ("participants/bob/denyrxpresentation", "rxPresentation", False),
])
def test_participant_requests_change_what_they_name(conf, path, prop, value):
    assert conf.request(path) == {"status": "success", "result": True}
    assert conf.participants["bob"][prop] is value


def test_conference_requests_and_failures(conf):
    assert conf.request("/lock")["status"] == "success" and conf.details["locked"] is True
    assert conf.request("unlock")["status"] == "success" and conf.details["locked"] is False
    assert conf.request("/muteguests")["status"] == "success" and conf.details["guestsMuted"] is True
    assert conf.request("/api/client/v2/conferences/meet.alice/unmuteguests")["status"] == "success"
    assert conf.details["guestsMuted"] is False
    assert conf.request("participants/ghost/mute")["status"] == "failure"
    assert conf.request("/frobnicate")["status"] == "failure"
    assert conf.request("participants/bob/dtmf", {"digits": "12#"})["status"] == "success"
    assert conf.request("participants/bob/dtmf", {"digits": "xyz"})["status"] == "failure"


def test_spotlight_role_transfer(conf):
    conf.connect()
    conf.request("participants/bob/spotlighton")
    assert conf.participants["bob"]["spotlight"] > 0
    conf.request("participants/bob/spotlightoff")
    assert conf.participants["bob"]["spotlight"] == 0
    conf.request("participants/bob/role", {"role": "chair"})
    assert conf.participants["bob"]["role"] == "chair"
    assert conf.request("participants/bob/transfer", {"conference_alias": "meet.other"})["status"] == "success"
    assert "bob" not in conf.participants
    assert types(conf)[-1] == ACTIONS["PARTICIPANT_DISCONNECT_SUCCESS"]


def test_dial_out_adds_a_participant_and_fails_on_the_pattern(conf):
    reply = conf.dial_out("rtmp://rec.example/live", "auto", "guest", {"streaming": True})
    uid = reply["result"][0]
    p = conf.participants[uid]
    assert reply["status"] == "success" and p["isStreaming"] and p["protocol"] == "rtmp"
    assert p["serviceType"] == "connecting"
    conf.answer(uid)
    assert conf.participants[uid]["serviceType"] == "conference"
    assert conf.participants[conf.dial_out("bob2@example.com", None, "guest")["result"][0]]["protocol"] == "sip"
    assert conf.dial_out("invalid@x", "sip", "guest") == {"status": "success", "result": []}


def test_chat_and_layout(conf):
    conf.send_chat("hi")
    conf.receive_chat("bob", "!lock")
    conf.transform_layout({"layout": "1:7"})
    assert types(conf) == [ACTIONS["SEND_CHAT_MESSAGE"], ACTIONS["RECEIVE_CHAT_MESSAGE"],
                           "[Conference] Transform Layout"]  # chat flows before connecting too
    assert conf.actions[1]["payload"]["payload"] == "!lock" and conf.actions[1]["payload"]["origin"] == "Bob"
    assert conf.layouts == [{"layout": "1:7"}]


def test_changes_notify_listeners(conf):
    calls = []
    conf.on_change(lambda: calls.append(1))
    conf.update_conference({"locked": True})
    conf.add_participant({"name": "Dan"})
    assert len(calls) == 2


def test_unknown_participant_is_a_clear_error(conf):
    with pytest.raises(KeyError, match="no participant 'zed'.*Bob \\(bob\\)"):
        conf.require("zed")
    assert conf.find("BOB")["uuid"] == "bob"


def test_generated_uuids_never_collide_with_explicit_ones():
    # a recorded scenario may name a uuid the generator would produce next
    first = Conference("meet.x", role="chair", self_name="Alice")
    taken = first.self_uuid
    c = Conference("meet.x", role="chair", self_name="Alice", self_uuid="me")
    c.add_participant({"name": "Bob", "uuid": taken})
    uid = c.dial_out("carol@example.com", "sip", "guest")["result"][0]
    assert uid != taken and {taken, uid} <= set(c.participants)
