"""Participant presets of the conference controls: the kinds of call a plugin meets in a real conference."""

from __future__ import annotations

from typing import Any

PRESETS: dict[str, dict[str, Any]] = {
    "guest": {"name": "Guest", "role": "guest", "protocol": "webrtc", "callType": "video"},
    "chair": {"name": "Chair", "role": "chair", "protocol": "webrtc", "callType": "video"},
    "streaming recorder": {"name": "Recorder", "role": "guest", "protocol": "rtmp", "callType": "video",
                           "isStreaming": True, "uri": "rtmp://recorder.example.com/live", "canMute": False},
    "SIP endpoint": {"name": "Meeting room", "role": "guest", "protocol": "sip", "callType": "video",
                     "uri": "sip:meeting.room@example.com", "isExternal": True, "feccSupported": True},
    "audio-only": {"name": "Phone", "role": "guest", "protocol": "sip", "callType": "audio", "isVideoMuted": True,
                   "uri": "sip:+15550100@example.com"},
}


def preset_names() -> list[str]:
    return list(PRESETS)


def preset_participant(kind: str, taken_names: list[str] | None = None) -> dict[str, Any]:
    """The properties of a new participant of that kind, its name made unique among taken_names."""
    if kind not in PRESETS:
        raise KeyError(f"no participant preset {kind!r} (there are: {', '.join(PRESETS)})")
    props = dict(PRESETS[kind])
    taken = {n.lower() for n in taken_names or []}
    base, n = props["name"], 1
    while props["name"].lower() in taken:
        n += 1
        props["name"] = f"{base} {n}"
    if kind == "streaming recorder" and n > 1:
        props["uri"] = f"rtmp://recorder.example.com/live{n}"
    return props
