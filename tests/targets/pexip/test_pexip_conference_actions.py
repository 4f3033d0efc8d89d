"""The simulated conference as the web app v2 sees it: the actions its changes dispatch, REST requests, dial-out, chat."""

from __future__ import annotations

import pytest

from workbench.core.conference import Conference
from workbench.targets.pexip.actions import ACTIONS, CONNECT_SUCCESS, MUTED_CHANGED, SET_SELF_UUID, actions_for


def follow_actions(conference: Conference, into: list) -> None:
    """Collect the actions the web app dispatches for the conference's events."""
    conference.on_event(lambda event, payload: into.extend(actions_for(event, payload)))


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
    assert types(conf) == [CONNECT_SUCCESS, SET_SELF_UUID]
    assert conf.actions[0]["payload"] == {"alias": "meet.alice", "displayName": "Alice", "joinRole": "HOST",
                                          "serviceType": "conference"}
    assert conf.actions[1]["payload"] == "me"


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
    assert types(conf)[2:] == [ACTIONS["PARTICIPANT_CONNECT_SUCCESS"], MUTED_CHANGED,
                               ACTIONS["PARTICIPANT_DISCONNECT_SUCCESS"]]
    assert conf.actions[3]["payload"] == {"uuid": "carol", "muted": True}


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
                           "[Conference] Transform Layout"]
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
