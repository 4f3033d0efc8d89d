"""Conference and participant RPCs over the simulated conference, and the events the app sends plugins when it
changes (`event:*`), in @pexip/plugin-api's shapes."""

from __future__ import annotations

from typing import Any

from workbench.core.conference import model as conf_model
from workbench.core.hostlog import WARNING
from workbench.targets.webapp3.runtime.shapes import ROOM, conference_status, layout_event, message, participant

JOIN, LEAVE, UPDATE = 0, 1, 2  # ParticipantActivities
_TOGGLES = {  # rpc -> (payload flag, REST command when true, when false)
    "conference:lock": ("lock", "lock", "unlock"),
    "conference:muteAllGuests": ("mute", "muteguests", "unmuteguests"),
    "participant:mute": ("mute", "mute", "unmute"),
    "participant:muteVideo": ("muteVideo", "video_muted", "video_unmuted"),
    "participant:spotlight": ("enable", "spotlighton", "spotlightoff"),
    "participant:raiseHand": ("raise", "buzz", "clearbuzz"),
}
_PARTICIPANT_COMMANDS = {"participant:setRole": "role", "participant:setTextOverlay": "overlaytext",
                         "participant:sendDTMF": "dtmf", "participant:disconnect": "disconnect",
                         "participant:transfer": "transfer"}
_NOT_SIMULATED = ("conference:breakout", "conference:joinBreakoutRoom", "conference:closeBreakouts",
                  "conference:closeBreakoutRoom", "conference:emptyBreakouts", "conference:breakoutMoveParticipants")


def endpoint_reply(result: dict) -> dict:
    """A client REST reply as the app's InfinityClient returns it: {status, data}."""
    return {"status": 200 if result.get("status") == "success" else 400, "data": result}


def conference_rpc(api, rpc: str, payload: Any) -> dict:
    """The reply of a conference:* / participant:* RPC, after its effect on the conference."""
    conf = api.conference
    p = payload if isinstance(payload, dict) else {}
    uuid = str(p.get("participantUuid") or conf.self_uuid)
    if rpc in _TOGGLES:
        flag, on, off = _TOGGLES[rpc]
        command = on if p.get(flag) else off
        path = f"participants/{uuid}/{command}" if rpc.startswith("participant:") else command
        return {"reply": endpoint_reply(conf.request(path, None))}
    if rpc in _PARTICIPANT_COMMANDS:
        body = {"role": p.get("role"), "text": p.get("text"), "digits": p.get("digits"),
                "conference_alias": p.get("destination"), "pin": p.get("pin")}
        body = {k: v for k, v in body.items() if v is not None}
        return {"reply": endpoint_reply(conf.request(f"participants/{uuid}/{_PARTICIPANT_COMMANDS[rpc]}", body))}
    if rpc == "participant:admit":
        person = conf.participants.get(uuid)
        if person is None:
            return {"reply": endpoint_reply(conf_model.failure(f"unknown participant {uuid!r}"))}
        if person.get("serviceType") == "waiting_room":
            conf.update_participant(uuid, {"serviceType": conf.service_type})
        return {"reply": endpoint_reply(conf_model.success(True))}
    if rpc == "conference:dialOut":
        role = "chair" if p.get("role") == "HOST" else "guest"
        result = conf.dial_out(p.get("destination", ""), p.get("protocol"), role,
                               {"streaming": p.get("streaming") == "yes",
                                "remote_display_name": p.get("remote_display_name")})
        api.dial_answer_later(result["result"])
        return {"reply": endpoint_reply(result)}
    if rpc == "conference:sendMessage":
        if p.get("participantUuid"):
            api.log.add(WARNING, "a direct chat message goes to one participant: the simulated conference keeps it "
                                 "in the chat as sent", to=p.get("participantUuid"))
        return {"reply": endpoint_reply(conf.request("message", {"type": "text/plain", "payload": p.get("payload")}))}
    if rpc == "conference:sendApplicationMessage":
        return {"reply": endpoint_reply(conf_model.success(True))}
    if rpc == "conference:setLayout":
        transforms = p.get("transforms") if isinstance(p.get("transforms"), dict) else {}
        return {"reply": endpoint_reply(conf.request("transform_layout", {"transforms": transforms}))}
    if rpc == "conference:disconnectAll":
        return {"reply": endpoint_reply(conf.request("disconnect", None))}
    if rpc == "conference:requestParticipants":
        return {"reply": endpoint_reply(conf_model.success(api.participants_raw()))}
    if rpc == "conference:sendRequest":
        body = p.get("payload") if isinstance(p.get("payload"), dict) else None
        return {"reply": endpoint_reply(conf.request(str(p.get("path", "")), body))}
    if rpc == "conference:setBandwidth":
        return {}  # InfinityClient.setBandwidth returns nothing: the reply's payload is undefined
    if rpc == "conference:currentRoomId":
        return {"reply": ROOM}
    if rpc in _NOT_SIMULATED:
        api.log.add(WARNING, f"{rpc}: breakout rooms are not simulated; the reply is a failure", api=rpc)
        return {"reply": endpoint_reply(conf_model.failure("breakout rooms are not simulated"))}
    return {"reply": endpoint_reply(conf_model.failure(f"{rpc} is not handled"))}


def _activity(kind: int, person: dict) -> dict:
    # plugin-api 21.1 names the kind `activity`, 22 names it `type`: the app sends both, so either version reads it
    return {"roomId": ROOM, "activity": {"type": kind, "activity": kind, "participant": participant(person)}}


def events_for(conference, event: str, payload: Any) -> list[tuple[str, Any]]:
    """The plugin events the app sends for one neutral conference event."""
    everyone = {"id": ROOM, "participants": [participant(p) for p in conference.participant_list()]}
    if event == conf_model.CONNECTED:
        me = conference.participants[conference.self_uuid]
        return [("event:conference:authenticated", {"conferenceAlias": conference.name,
                                                    "conferenceName": conference.name}),
                ("event:connected", None),
                ("event:me", {"id": ROOM, "participant": participant(me)}),
                ("event:conferenceStatus", {"id": ROOM, "status": conference_status(conference)}),
                ("event:participants", everyone),
                ("event:participantsActivities", [_activity(JOIN, p) for p in conference.participant_list()])]
    if event == conf_model.DISCONNECTED:
        return [("event:disconnected", {"error": str((payload or {}).get("reason", "disconnected")),
                                        "errorCode": "#pex128"})]
    if event == conf_model.PARTICIPANT_JOINED:
        return [("event:participantJoined", {"id": ROOM, "participant": participant(payload)}),
                ("event:participants", everyone), ("event:participantsActivities", [_activity(JOIN, payload)])]
    if event == conf_model.PARTICIPANT_LEFT:
        return [("participant:disconnected", {"participantUuid": payload["uuid"]}),
                ("event:participantLeft", {"id": ROOM, "participant": participant(payload)}),
                ("event:participants", everyone), ("event:participantsActivities", [_activity(LEAVE, payload)])]
    if event == conf_model.PARTICIPANT_CHANGED:
        person, changes = payload["participant"], payload.get("changes", {})
        out = [("event:participants", everyone), ("event:participantsActivities", [_activity(UPDATE, person)])]
        if person["uuid"] == conference.self_uuid:
            out.append(("event:me", {"id": ROOM, "participant": participant(person)}))
        if "buzzTime" in changes and person.get("buzzTime"):
            out.append(("event:raiseHand", {"id": ROOM, "participant": participant(person)}))
        if "vad" in changes or "stageIndex" in changes:
            out.append(("event:stage", [{"userId": p["uuid"], "stageIndex": int(p.get("stageIndex") or 0),
                                         "vad": int(p.get("vad") or 0)} for p in conference.participant_list()]))
        guests_muted = "muted" in changes and person.get("role") == "guest"
        if guests_muted:
            out.append(("event:conferenceStatus", {"id": ROOM, "status": conference_status(conference)}))
        return out
    if event == conf_model.CONFERENCE_CHANGED:
        return [("event:conferenceStatus", {"id": ROOM, "status": conference_status(conference)})]
    if event == conf_model.LAYOUT_CHANGED:
        return [("event:layoutUpdate", layout_event(conference, payload or {}))]
    if event == conf_model.CHAT_RECEIVED:
        return [("event:message", message(conference, payload, len(conference.chat)))]
    return []
