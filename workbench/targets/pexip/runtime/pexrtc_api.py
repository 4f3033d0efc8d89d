"""PexRTC's methods on the app's call (`PEX.pexrtc.setParticipantText(...)` and the rest), applied to the simulated
conference as the client REST requests PexRTC sends for them. Each is logged as a `pexrtc.<method>` call."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from workbench.core.conference import Conference, failure, success

ANSWER_DELAY_S = 0.03  # a dialled participant answers once the plugin had its callback


def _a(args: list, i: int, default: Any = None) -> Any:
    return args[i] if i < len(args) and args[i] is not None else default


def _participant(command: str) -> Callable[[list], tuple[str, Any]]:
    return lambda a: (f"participants/{_a(a, 0, '')}/{command}", None)


def _toggle(on: str, off: str, uuid: bool = True) -> Callable[[list], tuple[str, Any]]:
    if uuid:
        return lambda a: (f"participants/{_a(a, 0, '')}/{on if _a(a, 1) else off}", None)
    return lambda a: (on if _a(a, 0) else off, None)


def _transfer(a: list) -> tuple[str, Any]:
    params = {"conference_alias": _a(a, 1)}
    if _a(a, 2):
        params["role"] = _a(a, 2)
        if _a(a, 3):
            params["pin"] = _a(a, 3)
    return f"participants/{_a(a, 0, '')}/transfer", params


# method -> (REST path, payload) as PexRTC sends it ('<self>' stands for the app's own participant)
REQUESTS: dict[str, Callable[[list], tuple[str, Any]]] = {
    "setParticipantMute": _toggle("mute", "unmute"),
    "setParticipantText": lambda a: (f"participants/{_a(a, 0, '')}/overlaytext", {"text": str(_a(a, 1, ""))}),
    "sendChatMessage": lambda a: ("message", {"type": "text/plain", "payload": str(_a(a, 0, ""))}),
    "setConferenceLock": _toggle("lock", "unlock", uuid=False),
    "setMuteAllGuests": _toggle("muteguests", "unmuteguests", uuid=False),
    "startConference": lambda a: ("start_conference", None),
    "disconnectAll": lambda a: ("disconnect", None),
    "getParticipants": lambda a: ("participants", None),
    "setParticipantRxPresentation": _toggle("allowrxpresentation", "denyrxpresentation"),
    "disconnectParticipant": _participant("disconnect"),
    "transferParticipant": _transfer,
    "setParticipantSpotlight": _toggle("spotlighton", "spotlightoff"),
    "overrideLayout": lambda a: ("transform_layout", {"transforms": _a(a, 0, {})}),
    "transformLayout": lambda a: ("transform_layout", {"transforms": _a(a, 0, {})}),
    "setRole": lambda a: (f"participants/{_a(a, 0, '')}/role", {"role": _a(a, 1)}),
    "sendDTMF": lambda a: (f"participants/{_a(a, 1, 'call')}/dtmf", {"digits": str(_a(a, 0, ""))}),
    "setBuzz": lambda a: ("participants/<self>/buzz", None),
    "clearBuzz": lambda a: (f"participants/{_a(a, 0, '<self>')}/clearbuzz", None),
    "videoMuted": lambda a: (f"participants/{_a(a, 0, '<self>')}/video_muted", None),
    "videoUnmuted": lambda a: (f"participants/{_a(a, 0, '<self>')}/video_unmuted", None),
    "holdParticipant": _participant("hold"),
    "resumeParticipant": _participant("resume"),
    "unlockParticipant": _participant("unlock"),
}
LOCAL_MEDIA = {"muteAudio": "isMicrophoneMuted", "muteVideo": "isVideoMuted"}


def pexrtc_call(conference: Conference, method: str, args: list) -> Any:
    """Apply one PexRTC method of the app's call; the client REST reply (or None for local-only methods)."""
    me = conference.self_uuid
    if method in LOCAL_MEDIA:  # the local camera / microphone: nothing goes to the server but the app shows it
        conference.update_participant(me, {LOCAL_MEDIA[method]: bool(_a(args, 0, False))})
        return None
    if method == "disconnect":
        conference.disconnect()
        return None
    if method == "dialOut":
        params = _a(args, 4, {})
        reply = conference.dial_out(_a(args, 0), _a(args, 1), _a(args, 2), params if isinstance(params, dict) else {})
        loop = asyncio.get_event_loop()
        for uid in reply["result"]:
            loop.call_later(ANSWER_DELAY_S, conference.answer, uid)
        return reply
    if method == "clearAllBuzz":
        for uid in [u for u, p in conference.participants.items() if p.get("buzzTime")]:
            conference.request(f"participants/{uid}/clearbuzz")
        return success(True)
    if method == "sendRequest":
        payload = _a(args, 1)
        return conference.request(str(_a(args, 0, "")), payload if isinstance(payload, dict) else None)
    make = REQUESTS.get(method)
    if make is None:
        return failure(f"PexRTC.{method} is not emulated")
    path, payload = make(args)
    return conference.request(path.replace("<self>", me).replace("participants/call/", f"participants/{me}/"),
                              payload)
