"""The web app's action stream (`PEX.actions$`): the actions a change of the simulated conference dispatches (Qt-free).

`PEX.actions` constants' string values are not documented; the bracketed `[Area] Event Name` form of the literal
types real plugins filter on is the safe guess.
"""

from __future__ import annotations

from typing import Any

from workbench.core.conference import model as events

ACTIONS = {
    "SEND_CHAT_MESSAGE": "[Conference] Send Chat Message",
    "RECEIVE_CHAT_MESSAGE": "[Conference] Receive Chat Message",
    "SELECT_EVENT": "[Timeline] Select Event",
    "PARTICIPANT_CONNECT_SUCCESS": "[Participant] Connect Success",
    "PARTICIPANT_DISCONNECT_SUCCESS": "[Participant] Disconnect Success",
}
CONNECT_SUCCESS = "[Conference] Connect Success"
DISCONNECT_SUCCESS = "[Conference] Disconnect Success"
SET_SELF_UUID = "[Conference] Set Self UUID"
MUTED_CHANGED = "[Participant] Muted Changed"
LAYOUT_CHANGED = "[Conference] Transform Layout"

CAMERA_MIC = {"[Conference] Mute Camera": ("isVideoMuted", True), "[Conference] Unmute Camera": ("isVideoMuted", False),
              "[Conference] Mute Microphone": ("isMicrophoneMuted", True),
              "[Conference] Unmute Microphone": ("isMicrophoneMuted", False)}


def action_types() -> list[str]:
    """Every action type the app is known to dispatch (for the conference panel's dispatch box)."""
    return sorted({*ACTIONS.values(), CONNECT_SUCCESS, DISCONNECT_SUCCESS, SET_SELF_UUID, MUTED_CHANGED,
                   LAYOUT_CHANGED, *CAMERA_MIC})


def actions_for(event: str, payload: Any) -> list[dict]:
    """The actions the web app dispatches for one neutral conference event."""
    if event == events.CONNECTED:
        return [_action(CONNECT_SUCCESS, {"alias": payload["alias"], "displayName": payload["displayName"],
                                          "joinRole": "HOST" if payload["role"] == "chair" else "GUEST",
                                          "serviceType": payload["serviceType"]})]
    if event == events.SELF_UUID:
        return [_action(SET_SELF_UUID, payload)]
    if event == events.DISCONNECTED:
        return [_action(DISCONNECT_SUCCESS, payload)]
    if event == events.PARTICIPANT_JOINED:
        return [_action(ACTIONS["PARTICIPANT_CONNECT_SUCCESS"], payload)]
    if event == events.PARTICIPANT_LEFT:
        return [_action(ACTIONS["PARTICIPANT_DISCONNECT_SUCCESS"], payload)]
    if event == events.PARTICIPANT_CHANGED:
        changes = payload["changes"]
        if "muted" in changes and bool(changes["muted"][0]) != bool(changes["muted"][1]):
            return [_action(MUTED_CHANGED, {"uuid": payload["participant"]["uuid"], "muted": bool(changes["muted"][1])})]
        return []
    if event == events.LAYOUT_CHANGED:
        return [_action(LAYOUT_CHANGED, payload)]
    if event == events.CHAT_SENT:
        return [_action(ACTIONS["SEND_CHAT_MESSAGE"], payload)]
    if event == events.CHAT_RECEIVED:
        return [_action(ACTIONS["RECEIVE_CHAT_MESSAGE"], payload)]
    return []


def _action(type_: str, payload: Any) -> dict:
    return {"type": type_, "payload": payload}
