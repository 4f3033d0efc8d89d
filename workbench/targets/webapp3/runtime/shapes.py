"""The simulated conference in the shapes Web App 3 hands plugins: `InfinityParticipant` (with its `rawData`, the
client REST API's participant), `ConferenceStatus`, `Message`, `LayoutEvent` (from @pexip/plugin-api's types)."""

from __future__ import annotations

import datetime as dt
from typing import Any

ROOM = "main"  # plugins see the main room's id as 'main' (RoomID)
_ENDPOINTS = ("sip", "h323", "mssip", "rtmp")


def _iso(seconds: float) -> str:
    """A timestamp as the page turns into a Date (dates cross postMessage as Date objects)."""
    return dt.datetime.fromtimestamp(float(seconds or 0), dt.UTC).isoformat().replace("+00:00", "Z")


def _yes(value: Any) -> str:
    return "YES" if value else "NO"


def raw_participant(p: dict) -> dict:
    """The participant as the client REST API (`participants`) returns it."""
    return {
        "buzz_time": int(p.get("buzzTime") or 0), "call_direction": "out" if p.get("serviceType") == "connecting"
        else "in", "disconnect_supported": _yes(p.get("canDisconnect", True)), "display_name": p.get("name", ""),
        "encryption": "On", "external_node_uuid": "", "fecc_supported": _yes(p.get("feccSupported")),
        "has_media": p.get("callType") != "api", "is_audio_only_call": _yes(p.get("callType") == "audio"),
        "is_client_muted": False, "is_conjoined": False, "is_external": bool(p.get("isExternal")),
        "is_idp_authenticated": False, "is_muted": _yes(p.get("muted")), "is_presenting": _yes(p.get("presenting")),
        "is_streaming_conference": bool(p.get("isStreaming")), "is_transferring": False,
        "is_video_call": _yes(p.get("callType") == "video"), "is_video_muted": bool(p.get("isVideoMuted")),
        "is_video_silent": False, "is_main_video_dropped_out": False, "local_alias": p.get("uri", ""),
        "mute_supported": _yes(p.get("canMute", True)), "needs_presentation_in_mix": False,
        "overlay_text": p.get("overlayText", p.get("name", "")), "presentation_supported": "YES",
        "protocol": p.get("protocol", ""), "role": p.get("role", "guest"),
        "rx_presentation_policy": "ALLOW" if p.get("rxPresentation", True) else "DENY",
        "service_type": p.get("serviceType", "conference"), "spotlight": int(p.get("spotlight") or 0),
        "start_time": int(p.get("startTime") or 0), "supports_direct_chat": True,
        "transfer_supported": _yes(p.get("canTransfer", True)), "uuid": p["uuid"], "uri": p.get("uri", ""),
        "vendor": p.get("vendor", ""), "can_receive_personal_mix": False,
        "receive_from_video_mix": {"mix_name": "main", "timestamp": 0},
    }


def participant(p: dict) -> dict:
    """An `InfinityParticipant` (what events and dialOut hand plugins)."""
    chair = p.get("role") == "chair"
    return {
        "callType": p.get("callType", "video"), "canControl": bool(p.get("canControl", chair)),
        "canChangeLayout": chair, "canDisconnect": bool(p.get("canDisconnect", True)),
        "canMute": bool(p.get("canMute", True)), "canTransfer": bool(p.get("canTransfer", True)),
        "canFecc": bool(p.get("feccSupported")), "canRaiseHand": True, "canSpotlight": chair,
        "displayName": p.get("name", ""), "overlayText": p.get("overlayText", p.get("name", "")),
        "handRaisedTime": int(p.get("buzzTime") or 0), "isCameraMuted": bool(p.get("isVideoMuted")),
        "isConjoined": False, "isEndpoint": p.get("protocol") in _ENDPOINTS, "isExternal": bool(p.get("isExternal")),
        "isIdpAuthenticated": False, "isGateway": p.get("serviceType") == "gateway", "isHost": chair,
        "isMainVideoDroppedOut": False, "isMuted": bool(p.get("muted")), "isClientMuted": False,
        "isPresenting": bool(p.get("presenting")), "isSpotlight": bool(p.get("spotlight")),
        "isStreaming": bool(p.get("isStreaming")), "isTransferring": False, "isVideoSilent": False,
        "isWaiting": p.get("serviceType") == "waiting_room", "needsPresentationInMix": False,
        "protocol": p.get("protocol", ""), "raisedHand": bool(p.get("buzzTime")), "role": p.get("role", "guest"),
        "rxPresentation": bool(p.get("rxPresentation", True)), "serviceType": p.get("serviceType", "conference"),
        "spotlightOrder": int(p.get("spotlight") or 0), "startAt": _iso(p.get("startTime") or 0),
        "startTime": int(p.get("startTime") or 0), "uri": p.get("uri", ""), "uuid": p["uuid"],
        "vendor": p.get("vendor", ""), "canReceivePersonalMix": False,
        "receiveFromVideoMix": {"mix_name": "main", "timestamp": 0}, "rawData": raw_participant(p),
    }


def conference_status(conference) -> dict:
    """`ConferenceStatus` of the simulated conference."""
    d = conference.details
    guests = [p for p in conference.participants.values() if p.get("role") == "guest"]
    raw = {"locked": bool(d.get("locked")), "guests_muted": bool(d.get("guestsMuted")),
           "started": bool(d.get("started", True)), "live_captions_available": False,
           "direct_media": bool(d.get("directMedia")), "presentation_allowed": True,
           "breakout_rooms": False, "guests_can_present": True, "guests_can_unmute": True,
           "all_muted": bool(guests) and all(p.get("muted") for p in guests)}
    return {"locked": raw["locked"], "guestsMuted": raw["guests_muted"], "allMuted": raw["all_muted"],
            "started": raw["started"], "liveCaptionsAvailable": False, "breakoutRooms": False,
            "directMedia": raw["direct_media"], "presentationAllowed": True, "breakout": False,
            "guestsAllowedToLeave": True, "guestsCanUnmute": True, "guestsCanPresent": True, "rawData": raw}


def message(conference, msg: dict, index: int) -> dict:
    """A chat `Message` (event:message)."""
    return {"at": _iso(conference.clock()), "id": f"message-{index}", "message": msg.get("payload", ""),
            "displayName": msg.get("origin", ""), "userId": msg.get("uuid", "")}


def layout_event(conference, transforms: dict) -> dict:
    """A `LayoutEvent` after a layout change."""
    layout = transforms.get("layout") or transforms.get("host_layout") or conference.details.get("layout", "1:7")
    guest = transforms.get("guest_layout") or layout
    return {"requested_layout": {"primary_screen": {"chair_layout": layout, "guest_layout": guest}},
            "view": layout, "participants": [u for u in conference.participants if u != conference.self_uuid],
            "overlay_text_enabled": bool(transforms.get("enable_overlay_text", False))}
