"""The simulated conference: the one source of truth the Pexip host page mirrors (Qt-free).

API calls forwarded by the page, scenario steps and the window's controls all change the conference through the
methods below; every change notifies the `on_change` listeners (the page re-renders from `snapshot()`) and the
events a real host would raise are emitted as actions `{type, payload}` to the `on_action` listeners.
"""

from __future__ import annotations

import copy
import itertools
import re
import time
import uuid as uuidlib
from collections.abc import Callable
from typing import Any

# PEX.actions constants. Their string values are not documented; the bracketed `[Area] Event Name` form of the
# literal types real plugins filter on is the safe guess.
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

CONFERENCE_DEFAULTS: dict[str, Any] = {
    "locked": False, "guestsMuted": False, "chatEnabled": True, "mediaType": "video", "started": True,
}
PARTICIPANT_DEFAULTS: dict[str, Any] = {
    "uuid": "", "name": "", "role": "guest", "uri": "", "startTime": 0, "protocol": "webrtc", "isExternal": False,
    "presenting": False, "muted": False, "isVideoMuted": False, "canControl": False, "canDisconnect": True,
    "canTransfer": True, "canMute": True, "serviceType": "conference", "callType": "video", "spotlight": 0,
    "isStreaming": False, "vad": 0, "stageIndex": 0, "rxPresentation": True, "feccSupported": False, "buzzTime": 0,
}
# Plugin-visible participant properties the REST API can flip on and off.
_PARTICIPANT_TOGGLES = {
    "mute": ("muted", True), "unmute": ("muted", False),
    "video_muted": ("isVideoMuted", True), "video_unmuted": ("isVideoMuted", False),
    "allowrxpresentation": ("rxPresentation", True), "denyrxpresentation": ("rxPresentation", False),
}
_CONFERENCE_TOGGLES = {
    "lock": ("locked", True), "unlock": ("locked", False),
    "muteguests": ("guestsMuted", True), "muteguest": ("guestsMuted", True),
    "unmuteguests": ("guestsMuted", False), "unmuteguest": ("guestsMuted", False),
    "start_conference": ("started", True),
}

Listener = Callable[..., None]


def success(result: Any = True) -> dict:
    return {"status": "success", "result": result}


def failure(reason: str) -> dict:
    return {"status": "failure", "result": reason}


class Conference:
    """One simulated Pexip conference seen from the local participant."""

    def __init__(self, name: str = "meet.alice", *, role: str = "chair", self_name: str = "Alice",
                 self_uuid: str | None = None, details: dict | None = None, service_type: str = "conference",
                 fail_dial: str = r"^$|^invalid", clock: Callable[[], float] = time.time):
        self.name = name
        self.role = role if role in ("chair", "guest") else "chair"
        self.service_type = service_type
        self.details: dict[str, Any] = {**CONFERENCE_DEFAULTS, **(details or {})}
        self.participants: dict[str, dict[str, Any]] = {}
        self.connected = False
        self.layouts: list[dict] = []  # every transformConferenceLayout / transform_layout, in order
        self.chat: list[dict] = []  # every chat message, in and out
        self.message_text = ""
        self.fail_dial = re.compile(fail_dial) if fail_dial else None
        self.clock = clock
        self._change_listeners: list[Listener] = []
        self._action_listeners: list[Listener] = []
        self._counter = itertools.count(1)
        self.self_uuid = self.add_participant(
            {"name": self_name, "uuid": self_uuid, "role": self.role, "protocol": "api", "callType": "video",
             "canControl": self.role == "chair"}, announce=False)

    # -- listeners --------------------------------------------------------------------------------------------
    def on_change(self, fn: Listener) -> None:
        """fn() after every change of the conference or a participant."""
        self._change_listeners.append(fn)

    def on_action(self, fn: Listener) -> None:
        """fn({type, payload}) for every action the host raises."""
        self._action_listeners.append(fn)

    def _changed(self) -> None:
        for fn in list(self._change_listeners):
            fn()

    def emit(self, type_: str, payload: Any = None) -> dict:
        """Raise an action (also what `PEX.dispatchAction` and the `dispatch` step do)."""
        action = {"type": type_, "payload": copy.deepcopy(payload)}
        for fn in list(self._action_listeners):
            fn(action)
        return action

    # -- views --------------------------------------------------------------------------------------------------
    def participant_list(self) -> list[dict]:
        """The participants as participants$ carries them (the local one included), in join order."""
        return [copy.deepcopy(p) for p in self.participants.values()] if self.connected else []

    def snapshot(self) -> dict:
        """Everything the page needs to mirror the conference."""
        return {"name": self.name, "role": self.role, "selfUUID": self.self_uuid, "connected": self.connected,
                "details": dict(self.details), "participants": self.participant_list(),
                "allParticipants": [copy.deepcopy(p) for p in self.participants.values()],
                "layouts": list(self.layouts)}

    def find(self, key: str) -> dict | None:
        """A participant by uuid, or by name (case-insensitive) when no uuid matches."""
        if key in self.participants:
            return self.participants[key]
        for p in self.participants.values():
            if str(p.get("name", "")).lower() == str(key).lower():
                return p
        return None

    def require(self, key: str) -> dict:
        found = self.find(key)
        if found is None:
            known = ", ".join(f"{p['name']} ({u})" for u, p in self.participants.items())
            raise KeyError(f"no participant {key!r} in the conference (there are: {known})")
        return found

    # -- lifecycle ----------------------------------------------------------------------------------------------
    def connect(self) -> None:
        """The local participant's call connects: what a host does once its plugins are loaded."""
        if self.connected:
            return
        self.connected = True
        me = self.participants[self.self_uuid]
        self._changed()
        self.emit(CONNECT_SUCCESS, {"alias": self.name, "displayName": me["name"],
                                    "joinRole": "HOST" if self.role == "chair" else "GUEST",
                                    "serviceType": self.service_type})
        self.emit(SET_SELF_UUID, self.self_uuid)

    def disconnect(self) -> None:
        """The local participant leaves (or the conference is torn down)."""
        if not self.connected:
            return
        self.connected = False
        self._changed()
        self.emit(DISCONNECT_SUCCESS, {"reason": "disconnected"})

    # -- participants ---------------------------------------------------------------------------------------------
    def _new_uuid(self) -> str:
        """A deterministic uuid (runs are reproducible) that no participant has, explicit uuids included."""
        while True:
            uid = str(uuidlib.UUID(int=next(self._counter) + (1 << 64)))
            if uid not in self.participants:
                return uid

    def add_participant(self, props: dict, *, announce: bool = True) -> str:
        """A participant joins; returns its uuid. Unknown properties are kept (extra ones are allowed)."""
        props = {k: v for k, v in dict(props).items() if v is not None}
        uid = str(props.pop("uuid", "") or self._new_uuid())
        if uid in self.participants:
            raise ValueError(f"a participant with uuid {uid!r} is already in the conference")
        p = {**PARTICIPANT_DEFAULTS, "uuid": uid, "startTime": int(self.clock()), **props}
        p.setdefault("uri", f"sip:{str(p['name']).lower().replace(' ', '.') or uid}@example.com")
        if not p["uri"]:
            p["uri"] = f"{str(p['name']).lower().replace(' ', '.') or uid}@example.com"
        p["canControl"] = bool(props.get("canControl", p["role"] == "chair"))
        self.participants[uid] = p
        if announce:
            self._changed()
            if self.connected:
                self.emit(ACTIONS["PARTICIPANT_CONNECT_SUCCESS"], copy.deepcopy(p))
        return uid

    def remove_participant(self, key: str, reason: str = "disconnected") -> dict:
        """A participant leaves."""
        p = self.require(key)
        del self.participants[p["uuid"]]
        self._changed()
        if self.connected:
            self.emit(ACTIONS["PARTICIPANT_DISCONNECT_SUCCESS"], {**copy.deepcopy(p), "reason": reason})
        return p

    def update_participant(self, key: str, changes: dict) -> dict:
        """Change participant properties (and raise `[Participant] Muted Changed` when `muted` flips)."""
        p = self.require(key)
        changes = dict(changes)
        changes.pop("uuid", None)  # the uuid is the key: it never changes
        was_muted = p.get("muted")
        p.update(changes)
        self._changed()
        if "muted" in changes and bool(changes["muted"]) != bool(was_muted) and self.connected:
            self.emit(MUTED_CHANGED, {"uuid": p["uuid"], "muted": bool(p["muted"])})
        return p

    def update_conference(self, changes: dict) -> dict:
        """Change conference properties (locked, guestsMuted, chatEnabled, mediaType, started, or extra ones)."""
        self.details.update(changes)
        self._changed()
        return self.details

    # -- what the plugin API does -------------------------------------------------------------------------------
    def dial_out(self, alias: str, protocol: str | None = None, role: str | None = None,
                 params: dict | None = None) -> dict:
        """PEX.pluginAPI.dialOut: a new participant (serviceType 'connecting' until `answer`); the reply the callback gets."""
        params = dict(params or {})
        alias = "" if alias is None else str(alias)
        if self.fail_dial is not None and self.fail_dial.search(alias):
            return {"status": "success", "result": []}
        protocol = protocol or "sip"
        streaming = bool(params.get("streaming"))
        if protocol == "auto":
            protocol = "rtmp" if alias.startswith(("rtmp:", "rtmps:")) else "sip"
        uid = self.add_participant({
            "name": params.get("remote_display_name") or alias, "uri": alias, "protocol": protocol,
            "role": role if role in ("chair", "guest") else "guest", "isStreaming": streaming,
            "serviceType": "connecting", "callType": "video", "canControl": False,
        })
        return {"status": "success", "result": [uid]}

    def answer(self, uid: str) -> None:
        """A dialled participant answers: it enters the conference (serviceType becomes the conference's)."""
        if uid in self.participants and self.participants[uid].get("serviceType") == "connecting":
            self.update_participant(uid, {"serviceType": self.service_type})

    def spotlight(self, key: str, on: bool) -> dict:
        return self.update_participant(key, {"spotlight": int(self.clock() * 1000) if on else 0})

    def transform_layout(self, transforms: dict | None) -> dict:
        """Record a layout transformation (`{}` means the default layout)."""
        transforms = dict(transforms or {})
        self.layouts.append(transforms)
        self.details["layout"] = transforms.get("layout", self.details.get("layout", "default")) if transforms \
            else "default"
        self._changed()
        self.emit(LAYOUT_CHANGED, transforms)
        return transforms

    def send_chat(self, text: str) -> dict:
        """The local user sends a chat message (SEND_CHAT_MESSAGE)."""
        me = self.participants[self.self_uuid]
        message = {"origin": me["name"], "uuid": self.self_uuid, "type": "text/plain", "payload": str(text)}
        self.chat.append({**message, "direction": "out"})
        self._changed()
        self.emit(ACTIONS["SEND_CHAT_MESSAGE"], message)
        return message

    def receive_chat(self, sender: str, text: str) -> dict:
        """A message comes into the conference from another participant (RECEIVE_CHAT_MESSAGE)."""
        p = self.find(sender)
        origin, uid = (p["name"], p["uuid"]) if p else (sender, "")
        message = {"origin": origin, "uuid": uid, "type": "text/plain", "payload": str(text)}
        self.chat.append({**message, "direction": "in"})
        self._changed()
        self.emit(ACTIONS["RECEIVE_CHAT_MESSAGE"], message)
        return message

    def request(self, path: str, payload: dict | None = None) -> dict:
        """PEX.pluginAPI.sendRequest: the client REST API over this conference; returns {status, result}."""
        from workbench.core.conference_rest import handle_request
        return handle_request(self, path, payload)
