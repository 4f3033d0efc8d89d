"""The simulated conference: the one source of truth the host pages of conferencing apps mirror (Qt-free).

It models the conference as the conferencing server holds it (participants and their properties, lock, guests muted,
layout, chat) seen from the local participant. API calls forwarded by a page, scenario steps and the window's
controls all change it through the methods below; every change notifies the `on_change` listeners (a page re-renders
from `snapshot()`) and raises a neutral event (`on_event(fn(event, payload))`, the names below), which each host
turns into the actions or events its own app dispatches.
"""

from __future__ import annotations

import copy
import itertools
import re
import time
import uuid as uuidlib
from collections.abc import Callable
from typing import Any

# The neutral events the conference raises; each host turns them into what its own app dispatches.
CONNECTED = "connected"  # {alias, displayName, role, serviceType}
DISCONNECTED = "disconnected"  # {reason}
SELF_UUID = "self_uuid"  # the local participant's uuid
PARTICIPANT_JOINED = "participant_joined"  # the participant
PARTICIPANT_LEFT = "participant_left"  # the participant, with `reason`
PARTICIPANT_CHANGED = "participant_changed"  # {participant, changes: {property: [before, after]}}
CONFERENCE_CHANGED = "conference_changed"  # {details, changes: {property: [before, after]}}
LAYOUT_CHANGED = "layout_changed"  # the transforms
CHAT_SENT = "chat_sent"  # {origin, uuid, type, payload}
CHAT_RECEIVED = "chat_received"  # {origin, uuid, type, payload}
EVENTS = (CONNECTED, DISCONNECTED, SELF_UUID, PARTICIPANT_JOINED, PARTICIPANT_LEFT, PARTICIPANT_CHANGED,
          CONFERENCE_CHANGED, LAYOUT_CHANGED, CHAT_SENT, CHAT_RECEIVED)

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


FAIL_DIAL = r"^$|^invalid"  # aliases whose dial-out fails unless a scenario says otherwise


class Conference:
    """One simulated conference seen from the local participant."""

    def __init__(self, name: str = "meet.alice", *, role: str = "chair", self_name: str = "Alice",
                 self_uuid: str | None = None, details: dict | None = None, service_type: str = "conference",
                 fail_dial: str = FAIL_DIAL, clock: Callable[[], float] = time.time):
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
        self._event_listeners: list[Listener] = []
        self._counter = itertools.count(1)
        self.self_uuid = self.add_participant(
            {"name": self_name, "uuid": self_uuid, "role": self.role, "protocol": "api", "callType": "video",
             "canControl": self.role == "chair"}, announce=False)

    # -- listeners --------------------------------------------------------------------------------------------
    def on_change(self, fn: Listener) -> None:
        """fn() after every change of the conference or a participant."""
        self._change_listeners.append(fn)

    def on_event(self, fn: Listener) -> None:
        """fn(event, payload) for every neutral event (see EVENTS)."""
        self._event_listeners.append(fn)

    def _changed(self) -> None:
        for fn in list(self._change_listeners):
            fn()

    def _raise(self, event: str, payload: Any = None) -> None:
        payload = copy.deepcopy(payload)
        for fn in list(self._event_listeners):
            fn(event, payload)

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
        self._raise(CONNECTED, {"alias": self.name, "displayName": me["name"], "role": self.role,
                                "serviceType": self.service_type})
        self._raise(SELF_UUID, self.self_uuid)

    def disconnect(self) -> None:
        """The local participant leaves (or the conference is torn down)."""
        if not self.connected:
            return
        self.connected = False
        self._changed()
        self._raise(DISCONNECTED, {"reason": "disconnected"})

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
                self._raise(PARTICIPANT_JOINED, p)
        return uid

    def remove_participant(self, key: str, reason: str = "disconnected") -> dict:
        """A participant leaves."""
        p = self.require(key)
        del self.participants[p["uuid"]]
        self._changed()
        if self.connected:
            self._raise(PARTICIPANT_LEFT, {**p, "reason": reason})
        return p

    def update_participant(self, key: str, changes: dict) -> dict:
        """Change participant properties; the event carries each property that really changed (before, after)."""
        p = self.require(key)
        changes = dict(changes)
        changes.pop("uuid", None)  # the uuid is the key: it never changes
        diff = {k: [p.get(k), v] for k, v in changes.items() if p.get(k) != v}
        p.update(changes)
        self._changed()
        if diff and self.connected:
            self._raise(PARTICIPANT_CHANGED, {"participant": p, "changes": diff})
        return p

    def update_conference(self, changes: dict) -> dict:
        """Change conference properties (locked, guestsMuted, chatEnabled, mediaType, started, or extra ones)."""
        diff = {k: [self.details.get(k), v] for k, v in changes.items() if self.details.get(k) != v}
        self.details.update(changes)
        self._changed()
        if diff and self.connected:
            self._raise(CONFERENCE_CHANGED, {"details": self.details, "changes": diff})
        return self.details

    # -- what the plugin API does -------------------------------------------------------------------------------
    def dial_out(self, alias: str, protocol: str | None = None, role: str | None = None,
                 params: dict | None = None) -> dict:
        """Dial a participant out: a new participant (serviceType 'connecting' until `answer`); the API's reply."""
        params = dict(params or {})
        alias = "" if alias is None else str(alias)
        if self.fail_dial is not None and self.fail_dial.search(alias[:1000]):
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
        self._raise(LAYOUT_CHANGED, transforms)
        return transforms

    def send_chat(self, text: str) -> dict:
        """The local user sends a chat message."""
        me = self.participants[self.self_uuid]
        message = {"origin": me["name"], "uuid": self.self_uuid, "type": "text/plain", "payload": str(text)}
        self.chat.append({**message, "direction": "out"})
        self._changed()
        self._raise(CHAT_SENT, message)
        return message

    def receive_chat(self, sender: str, text: str) -> dict:
        """A message comes into the conference from another participant."""
        p = self.find(sender)
        origin, uid = (p["name"], p["uuid"]) if p else (sender, "")
        message = {"origin": origin, "uuid": uid, "type": "text/plain", "payload": str(text)}
        self.chat.append({**message, "direction": "in"})
        self._changed()
        self._raise(CHAT_RECEIVED, message)
        return message

    def request(self, path: str, payload: dict | None = None) -> dict:
        """The client REST API over this conference; returns {status, result}."""
        from workbench.core.conference.rest import handle_request
        return handle_request(self, path, payload)


def conference_from_header(conference: dict | None, me: dict | None, participants: list | None, *, role: str,
                           fail_dial: str = FAIL_DIAL, self_props: dict | None = None) -> Conference:
    """The conference a scenario's header describes: `conference` (name, serviceType, any detail), `self` (name,
    uuid, any property over self_props, the host's own), and the participants there at the start."""
    conf, me = dict(conference or {}), dict(me or {})
    made = Conference(str(conf.pop("name", "meet.alice")), role=role, self_name=str(me.pop("name", "Alice")),
                      self_uuid=me.pop("uuid", None), service_type=str(conf.pop("serviceType", "conference")),
                      details=conf, fail_dial=fail_dial)
    own = {**(self_props or {}), **me}
    if own:
        made.participants[made.self_uuid].update(own)
    for p in participants or []:
        made.add_participant(dict(p), announce=False)
    return made
