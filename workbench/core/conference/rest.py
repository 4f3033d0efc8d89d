"""The client REST API (`/api/client/v2/conferences/<alias>/...`) over a simulated Conference."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.core.conference.model import _CONFERENCE_TOGGLES, _PARTICIPANT_TOGGLES, failure, success

if TYPE_CHECKING:
    from workbench.core.conference.model import Conference

PREFIX = "api/client/v2/conferences/"


def split_path(conference: Conference, path: str) -> list[str]:
    """The request path as segments relative to the conference; a leading slash and the full prefix are optional."""
    path = str(path or "").split("?")[0].strip().strip("/")
    if path.startswith(PREFIX):
        path = path[len(PREFIX):]
        head, _, rest = path.partition("/")
        path = rest if head == conference.name else path
    return [s for s in path.split("/") if s]


def handle_request(conf: Conference, path: str, payload: Any = None) -> dict:
    """Apply one REST request; unknown paths and participants give a failure reply."""
    payload = payload if isinstance(payload, dict) else {}
    parts = split_path(conf, path)
    if not parts:
        return failure("empty request path")
    if parts[0] == "participants":
        if len(parts) != 3:
            return failure(f"unknown request {path!r}: expected participants/<uuid>/<command>")
        return _participant_request(conf, parts[1], parts[2], payload)
    if len(parts) != 1:
        return failure(f"unknown request {path!r}")
    return _conference_request(conf, parts[0], payload)


def _conference_request(conf: Conference, command: str, payload: dict) -> dict:
    if command in _CONFERENCE_TOGGLES:
        key, value = _CONFERENCE_TOGGLES[command]
        conf.update_conference({key: value})
        return success(True)
    if command == "disconnect":
        for uid in [u for u in conf.participants if u != conf.self_uuid]:
            conf.remove_participant(uid, reason="conference disconnected")
        conf.disconnect()
        return success(True)
    if command == "message":
        if not conf.details.get("chatEnabled", True):
            return failure("chat is disabled in this conference")
        return success(bool(conf.send_chat(payload.get("payload", ""))))
    if command == "dial":
        reply = conf.dial_out(payload.get("destination", ""), payload.get("protocol"), payload.get("role"),
                              {"streaming": payload.get("streaming")} if payload.get("streaming") else {})
        for uid in reply["result"]:
            conf.answer(uid)
        return reply
    if command == "transform_layout":
        conf.transform_layout(payload.get("transforms", payload))
        return success(True)
    if command == "set_message_text":
        conf.message_text = str(payload.get("text", ""))
        return success(True)
    if command == "get_message_text":
        return success({"text": conf.message_text})
    if command == "participants":
        return success(conf.participant_list())
    return failure(f"unknown conference request {command!r}")


def _participant_request(conf: Conference, key: str, command: str, payload: dict) -> dict:
    p = conf.participants.get(key)
    if p is None:
        return failure(f"unknown participant {key!r}")
    uid = p["uuid"]
    if command in _PARTICIPANT_TOGGLES:
        prop, value = _PARTICIPANT_TOGGLES[command]
        conf.update_participant(uid, {prop: value})
        return success(True)
    if command in ("spotlighton", "spotlightoff"):
        conf.spotlight(uid, command == "spotlighton")
        return success(True)
    if command == "disconnect":
        conf.remove_participant(uid)
        return success(True)
    if command == "transfer":
        alias = payload.get("conference_alias")
        if not alias:
            return failure("transfer needs a conference_alias")
        if alias == conf.name:  # transferring into the same conference only changes the role, if any
            if payload.get("role"):
                conf.update_participant(uid, {"role": payload["role"]})
            return success(True)
        conf.remove_participant(uid, reason=f"transferred to {alias}")
        return success(True)
    if command == "role":
        role = payload.get("role")
        if role not in ("chair", "guest"):
            return failure("role must be 'chair' or 'guest'")
        conf.update_participant(uid, {"role": role, "canControl": role == "chair"})
        return success(True)
    if command == "overlaytext":
        conf.update_participant(uid, {"overlayText": str(payload.get("text", ""))})
        return success(True)
    if command == "dtmf":
        digits = str(payload.get("digits", ""))
        if not digits or any(c not in "0123456789*#ABCD" for c in digits):
            return failure("dtmf needs digits (0-9, *, #, A-D)")
        conf.update_participant(uid, {"dtmf": str(p.get("dtmf", "")) + digits})
        return success(True)
    if command in ("buzz", "clearbuzz"):
        conf.update_participant(uid, {"buzzTime": int(conf.clock()) if command == "buzz" else 0})
        return success(True)
    return failure(f"unknown participant request {command!r}")
