"""What the web app receives when the simulated conference changes: PexRTC events and `PEX.actions$` actions (Qt-free).

The server's changes reach the app through PexRTC (`participant_create`, `conference_update`, `message_received`...):
the page's PexRTC instance calls the app's callbacks, which a plugin may wrap. The actions the app dispatches because
of such an event ride with it (`actions`) and are dispatched by the app's own callback only, so a plugin that swallows
a participant also swallows its actions, as in the app. Other actions (the app's own, the chat it sends, layouts) go
straight to `PEX.actions$`.

What is documented, what published plugins show and what is inferred: docs/pexip-webapp2-emulation.md. The
`PEX.actions` constants' string values are not documented; the bracketed `[Area] Event Name` form is the safe guess.
"""

from __future__ import annotations

from typing import Any

from workbench.core.conference import model as events
from workbench.targets.pexip import pexrtc

ACTIONS = {
    "SEND_CHAT_MESSAGE": "[Conference] Send Chat Message",
    "RECEIVE_CHAT_MESSAGE": "[Conference] Receive Chat Message",
    "SELECT_EVENT": "[Timeline] Select Event",
    "PARTICIPANT_CONNECT_SUCCESS": "[Participant] Connect Success",
    "PARTICIPANT_DISCONNECT_SUCCESS": "[Participant] Disconnect Success",
}
CONNECT_SUCCESS = "[Conference] Connect Success"
SET_SELF_UUID = "[Conference] Set Self UUID"
REMOTE_CALL_TYPE = "[Conference] Set remote call type"
DISCONNECT = "[Conference] Disconnect"
DISCONNECT_SUCCESS = "[Conference] Disconnect Success"
MUTED_CHANGED = "[Participant] Muted Changed"
BUZZ_CHANGED = "[Conference] Buzz Changed"
LAYOUT_CHANGED = "[Conference] Transform Layout"
# Inferred by analogy with Muted Changed / Buzz Changed: no published plugin filters on these.
SPOTLIGHT_CHANGED = "[Participant] Spotlight Changed"
ROLE_CHANGED = "[Participant] Role Changed"
LOCK_CHANGED = "[Conference] Lock Changed"
GUESTS_MUTED_CHANGED = "[Conference] Guests Muted Changed"
PEXRTC_PREFIX = "PexRTC: "  # the app's actions for PexRTC's participant events (a published plugin filters on them)

CAMERA_MIC = {"[Conference] Mute Camera": ("isVideoMuted", True), "[Conference] Unmute Camera": ("isVideoMuted", False),
              "[Conference] Mute Microphone": ("isMicrophoneMuted", True),
              "[Conference] Unmute Microphone": ("isMicrophoneMuted", False)}
# A participant property change -> the action the app dispatches and its payload ('participant': the whole one).
_PARTICIPANT_ACTIONS = {"muted": (MUTED_CHANGED, "muted"), "buzzTime": (BUZZ_CHANGED, "participant"),
                        "spotlight": (SPOTLIGHT_CHANGED, "spotlight"), "role": (ROLE_CHANGED, "role")}
_CONFERENCE_ACTIONS = {"locked": LOCK_CHANGED, "guestsMuted": GUESTS_MUTED_CHANGED}
_STAGE_ONLY = frozenset({"vad", "stageIndex"})


def action_types() -> list[str]:
    """Every action type the app is known to dispatch (for the conference panel's dispatch box)."""
    return sorted({*ACTIONS.values(), CONNECT_SUCCESS, SET_SELF_UUID, REMOTE_CALL_TYPE, DISCONNECT, DISCONNECT_SUCCESS,
                   MUTED_CHANGED, BUZZ_CHANGED, LAYOUT_CHANGED, SPOTLIGHT_CHANGED, ROLE_CHANGED, LOCK_CHANGED,
                   GUESTS_MUTED_CHANGED, *CAMERA_MIC,
                   *(PEXRTC_PREFIX + e for e in ("participant_create", "participant_update", "participant_delete"))})


def deliveries(event: str, payload: Any, conference) -> list[dict]:
    """What the page receives for one neutral conference event, in order: {'action': {...}} to dispatch, or
    {'pexrtc': event name, 'data': ..., 'actions': [...]} for the page's PexRTC to hand to the app's callback."""
    alias, me = conference.name, conference.self_uuid

    def rtc(name: str, data: Any, actions: list[dict] | None = None) -> dict:
        return {"pexrtc": name, "data": data, "actions": actions or []}

    if event == events.CONNECTED:
        media = conference.details.get("mediaType", "video")
        connect = rtc("connect", {"uuid": me, "display_name": payload["displayName"], "conference_name": alias,
                                  "role": "HOST" if payload["role"] == "chair" else "GUEST",
                                  "service_type": payload["serviceType"],
                                  "chat_enabled": bool(conference.details.get("chatEnabled", True))},
                      [_action(CONNECT_SUCCESS, {"alias": payload["alias"], "displayName": payload["displayName"],
                                                 "joinRole": "HOST" if payload["role"] == "chair" else "GUEST",
                                                 "serviceType": payload["serviceType"]}),
                       _action(REMOTE_CALL_TYPE, "audio" if media == "audioonly" else "video"),
                       _action(SET_SELF_UUID, me)])
        # The event stream then syncs the roster (no per-participant actions: nobody joined just now).
        roster = [rtc("participant_create", pexrtc.participant(p, alias, me)) for p in conference.participants.values()]
        return [connect, rtc("participant_sync_begin", None), *roster, rtc("participant_sync_end", None),
                rtc("conference_update", pexrtc.conference_update(conference.details)),
                rtc("stage", pexrtc.stage(list(conference.participants.values())))]
    if event == events.SELF_UUID:
        return []  # dispatched with the connection (above), once the app's call knows its uuid
    if event == events.DISCONNECTED:
        return [rtc("disconnect", payload, [_action(DISCONNECT, payload), _action(DISCONNECT_SUCCESS, payload)])]
    if event == events.PARTICIPANT_JOINED:
        data = pexrtc.participant(payload, alias, me)
        return [rtc("participant_create", data, [_action(ACTIONS["PARTICIPANT_CONNECT_SUCCESS"], payload),
                                                 _action(PEXRTC_PREFIX + "participant_create", data)])]
    if event == events.PARTICIPANT_LEFT:
        return [rtc("participant_delete", {"uuid": payload["uuid"]},
                    [_action(ACTIONS["PARTICIPANT_DISCONNECT_SUCCESS"], payload),
                     _action(PEXRTC_PREFIX + "participant_delete", {"uuid": payload["uuid"]})])]
    if event == events.PARTICIPANT_CHANGED:
        return _participant_changed(payload, conference)
    if event == events.CONFERENCE_CHANGED:
        changes = payload["changes"]
        acts = [_action(type_, {key: changes[key][1]}) for key, type_ in _CONFERENCE_ACTIONS.items() if key in changes]
        return [rtc("conference_update", pexrtc.conference_update(payload["details"]), acts)]
    if event == events.LAYOUT_CHANGED:
        view = payload.get("layout") or conference.details.get("layout", "default")
        return [{"action": _action(LAYOUT_CHANGED, payload)}, rtc("layout", {"view": view, "transforms": payload})]
    if event == events.CHAT_SENT:
        return [{"action": _action(ACTIONS["SEND_CHAT_MESSAGE"], payload)}]
    if event == events.CHAT_RECEIVED:
        return [rtc("message_received", payload, [_action(ACTIONS["RECEIVE_CHAT_MESSAGE"], payload)])]
    return []


def _participant_changed(payload: dict, conference) -> list[dict]:
    p, changes = payload["participant"], payload["changes"]
    out: list[dict] = []
    if set(changes) - _STAGE_ONLY:
        data = pexrtc.participant(p, conference.name, conference.self_uuid)
        acts = [_action(PEXRTC_PREFIX + "participant_update", data)]
        for key, (type_, what) in _PARTICIPANT_ACTIONS.items():
            if key in changes and changes[key][0] != changes[key][1]:
                value = bool(changes[key][1]) if key == "muted" else changes[key][1]
                acts.append(_action(type_, p if what == "participant" else {"uuid": p["uuid"], what: value}))
        out.append({"pexrtc": "participant_update", "data": data, "actions": acts})
    if "presenting" in changes:
        out.append({"pexrtc": "presentation", "data": {"status": "start" if p.get("presenting") else "stop",
                                                        "presenter_name": p.get("name", ""),
                                                        "presenter_uri": p.get("uri", "")}, "actions": []})
    if set(changes) & _STAGE_ONLY:
        out.append({"pexrtc": "stage", "data": pexrtc.stage(list(conference.participants.values())), "actions": []})
    return out


def actions_for(event: str, payload: Any, conference) -> list[dict]:
    """Every action one neutral event makes the app dispatch (when no plugin swallows its PexRTC event)."""
    out: list[dict] = []
    for d in deliveries(event, payload, conference):
        out += [d["action"]] if "action" in d else d["actions"]
    return out


def _action(type_: str, payload: Any) -> dict:
    return {"type": type_, "payload": payload}
