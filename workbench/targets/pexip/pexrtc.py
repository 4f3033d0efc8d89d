"""The simulated conference as PexRTC's event stream carries it to the web app (Qt-free).

PexRTC hands the app raw server objects (`participant_create`, `conference_update`, `stage`...) through the callbacks
`onParticipantCreate` and the rest; the app turns them into its own camelCase participants (participants$). The
field names below are the client REST API's (documented by Pexip); the page converts them back exactly, so a
participant that no plugin touched reads the same in participants$ as in the workbench's conference.
"""

from __future__ import annotations

from typing import Any

from workbench.core.conference import PARTICIPANT_DEFAULTS

# camelCase participant property -> (PexRTC field, how the value is written: 'yes' YES/NO, 'bool', 'value')
PARTICIPANT_FIELDS: dict[str, tuple[str, str]] = {
    "uuid": ("uuid", "value"), "name": ("display_name", "value"), "role": ("role", "value"),
    "uri": ("uri", "value"), "startTime": ("start_time", "value"), "protocol": ("protocol", "value"),
    "isExternal": ("is_external", "bool"), "presenting": ("is_presenting", "yes"), "muted": ("is_muted", "yes"),
    "isVideoMuted": ("is_video_muted", "bool"), "canDisconnect": ("disconnect_supported", "yes"),
    "canTransfer": ("transfer_supported", "yes"), "canMute": ("mute_supported", "yes"),
    "serviceType": ("service_type", "value"), "spotlight": ("spotlight", "value"),
    "isStreaming": ("is_streaming_conference", "bool"), "feccSupported": ("fecc_supported", "yes"),
    "buzzTime": ("buzz_time", "value"),
}
# Properties the server does not send with the participant: the app derives them (canControl from the role,
# callType from the media flags, rxPresentation from its policy) or gets them from the stage event (vad, stageIndex).
DERIVED = frozenset({"canControl", "callType", "rxPresentation", "vad", "stageIndex"})
CONFERENCE_FIELDS = {"locked": "locked", "guestsMuted": "guests_muted", "started": "started"}


def _write(value: Any, how: str) -> Any:
    if how == "yes":
        return "YES" if value else "NO"
    if how == "bool":
        return bool(value)
    return value


def participant(p: dict, alias: str, self_uuid: str) -> dict:
    """A participant as PexRTC's participant_create / participant_update carry it."""
    out: dict[str, Any] = {field: _write(p.get(key), how) for key, (field, how) in PARTICIPANT_FIELDS.items()}
    call_type = p.get("callType", "video")
    out.update({
        "overlay_text": p.get("overlayText") or p.get("name", ""),
        "has_media": call_type != "api",
        "is_audio_only_call": "YES" if call_type == "audio" else "NO",
        "is_video_call": "YES" if call_type == "video" else "NO",
        "rx_presentation_policy": "ALLOW" if p.get("rxPresentation", True) else "DENY",
        "call_direction": "in",
        "local_alias": alias, "presentation_supported": "YES", "encryption": "On", "vendor": "",
        "call_tag": p.get("callTag", ""), "external_node_uuid": "", "is_conjoined": False,
        "is_main_video_dropped_out": False,
    })
    # Properties a scenario or the REST API added (overlayText, dtmf, ...) travel as they are.
    out.update({k: v for k, v in p.items() if k not in PARTICIPANT_DEFAULTS and k not in out and k != "overlayText"})
    if p.get("uuid") == self_uuid:
        out["is_client_muted"] = bool(p.get("isMicrophoneMuted"))
    return out


def conference_update(details: dict) -> dict:
    """The conference as PexRTC's conference_update carries it (locked, guests_muted, started are documented; the
    app's other details, chatEnabled and mediaType included, ride along under their own names)."""
    out = {field: bool(details.get(key)) for key, field in CONFERENCE_FIELDS.items()}
    out.update({k: v for k, v in details.items() if k not in CONFERENCE_FIELDS})
    return out


def stage(participants: list[dict]) -> list[dict]:
    """The stage event: who is on stage, in stage order, with voice activity (0 or 100)."""
    ordered = sorted(participants, key=lambda p: int(p.get("stageIndex") or 0))
    return [{"participant_uuid": p["uuid"], "stage_index": int(p.get("stageIndex") or 0),
             "vad": int(p.get("vad") or 0)} for p in ordered]
