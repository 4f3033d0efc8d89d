"""The `@pexip/plugin-api` surface as data: each call's payload type, the RPC it sends, the events (Qt-free).

Written from the package's own `dist/types.d.ts` (versions 19.3.2, 21.0.0 and 22.0.0). The same specs check a call's
object literal in the plugin's source (validation, with positions) and the payload a running plugin posts (the log).
A spec is a tiny type language: `Str`, `Num`, `Bool`, `Lit`, `Enum`, `Arr`, `Obj` (fields with required flags),
`Union`, `Anything`; `check(spec, value)` lists what does not fit, as (path, message).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.targets.webapp3.icons import ICON_NAMES


class Unknown:
    """A value the source computes at run time: it fits any type."""

    def __repr__(self) -> str:
        return "<computed>"


UNKNOWN = Unknown()


class Partial(dict):
    """An object literal with a spread (`{...base, x: 1}`): some of its keys cannot be listed."""


class Spec:
    """Base of the payload type specs: `problems` skips computed values, `_problems` checks a known one."""

    def problems(self, value: Any, path: tuple) -> list[tuple[tuple, str]]:
        if isinstance(value, Unknown) and not isinstance(value, str):
            return []
        return self._problems(value, path)

    def _problems(self, value: Any, path: tuple) -> list[tuple[tuple, str]]:
        return []


@dataclass(frozen=True)
class Scalar(Spec):
    name: str
    kinds: tuple[type, ...]

    def _problems(self, value, path):
        if isinstance(value, bool) and bool not in self.kinds or not isinstance(value, self.kinds):
            return [(path, f"must be {self.name}")]
        return []


Str = Scalar("a string", (str,))
Num = Scalar("a number", (int, float))
Bool = Scalar("true or false", (bool,))


@dataclass(frozen=True)
class Enum(Spec):
    values: tuple
    name: str = "one of the allowed values"

    def _problems(self, value, path):
        if isinstance(value, Unknown):
            return []
        if value not in self.values or isinstance(value, bool) != any(isinstance(v, bool) for v in self.values):
            return [(path, "must be " + " or ".join(repr(v) for v in self.values))]
        return []


def Lit(value: Any) -> Enum:  # noqa: N802 (a type constructor)
    return Enum((value,))


@dataclass(frozen=True)
class IconName(Spec):
    name: str = "an icon name"

    def _problems(self, value, path):
        if not isinstance(value, str):
            return [(path, "must be an icon name (a string such as 'IconPexipLogo') or {custom: {main, hover}}")]
        if isinstance(value, Unknown):
            return []
        if value not in ICON_NAMES:
            return [(path, f"{value!r} is not an icon Web App 3 knows: the host replies 'Invalid Icon name'")]
        return []


@dataclass(frozen=True)
class Arr(Spec):
    item: Spec
    name: str = "an array"

    def _problems(self, value, path):
        if not isinstance(value, list):
            return [(path, "must be an array")]
        return [p for i, v in enumerate(value) for p in self.item.problems(v, (*path, i))]


@dataclass(frozen=True)
class Field:
    spec: Spec
    required: bool = True


@dataclass(frozen=True)
class Obj(Spec):
    fields: dict[str, Field] = field(default_factory=dict)
    name: str = "an object"
    open: bool = False  # extra keys are fine (a record)

    def _problems(self, value, path):
        if not isinstance(value, dict):
            return [(path, "must be an object")]
        out = []
        for key, f in self.fields.items():
            if key in value:
                if value[key] is None and not f.required:
                    continue
                out += f.spec.problems(value[key], (*path, key))
            elif f.required and not isinstance(value, Partial):
                out.append(((*path, key), "is required"))
        if not self.open and not isinstance(value, Partial):
            out += [((*path, key), "is not a property of this payload: the host ignores it")
                    for key in value if key not in self.fields]
        return out


@dataclass(frozen=True)
class Union(Spec):
    options: tuple[Spec, ...]
    tag: str | None = None  # the key whose literal value picks the option
    name: str = "one of the payload shapes"

    def _problems(self, value, path):
        if self.tag and isinstance(value, dict):
            tag = value.get(self.tag)
            if isinstance(tag, Unknown) or (self.tag not in value and isinstance(value, Partial)):
                return []
            for option in self.options:
                literal = option.fields.get(self.tag) if isinstance(option, Obj) else None
                if literal is not None and not literal.spec.problems(value.get(self.tag), ()):
                    return option.problems(value, path)
            tags = [v for o in self.options if isinstance(o, Obj) and self.tag in o.fields
                    for v in getattr(o.fields[self.tag].spec, "values", ())]
            return [((*path, self.tag), "must be " + " or ".join(repr(t) for t in tags))]
        found = [option.problems(value, path) for option in self.options]
        return [] if any(not f for f in found) else min(found, key=len)


class _Anything(Spec):
    """Any value fits."""


Anything = _Anything()
AnyObject = Obj(open=True)


def req(spec: Spec) -> Field:
    return Field(spec, True)


def opt(spec: Spec) -> Field:
    return Field(spec, False)


def check(spec: Spec, value: Any) -> list[tuple[tuple, str]]:
    """What does not fit: (path inside the value, message)."""
    return spec.problems(value, ())


# -- the payloads ----------------------------------------------------------------------------------------------------
ROLES = Arr(Enum(("chair", "guest")))
POPUP = Obj({"openParams": req(Arr(Anything)), "id": req(Str)})
ICON = Union((IconName(), Obj({"custom": req(Obj({"main": req(Str), "hover": req(Str)}))})))
TOOLBAR_FIELDS = {"icon": req(ICON), "tooltip": req(Str), "roles": opt(ROLES), "opensPopup": opt(POPUP),
                  "isActive": opt(Bool), "badge": opt(Obj({"isVisible": req(Bool)}))}
GROUP_ITEM = Obj({"id": req(Str), **TOOLBAR_FIELDS})
TOOLBAR = Obj({"position": req(Lit("toolbar")), **TOOLBAR_FIELDS, "group": opt(Arr(GROUP_ITEM))})
PARTICIPANT_ACTION = Obj({"position": req(Lit("participantActions")), "participantIDs": opt(Arr(Str)),
                          "label": req(Str), "opensPopup": opt(POPUP), "icon": opt(ICON), "isActive": opt(Bool)})
SETTINGS_MENU = Obj({"position": req(Lit("settingsMenu")), "label": req(Str), "inMeetingOnly": req(Bool),
                     "roles": opt(ROLES), "opensPopup": opt(POPUP)})
BUTTON = Union((TOOLBAR, PARTICIPANT_ACTION, SETTINGS_MENU), tag="position")
BUTTON_POSITIONS = ("toolbar", "participantActions", "settingsMenu")

_BASE = {"name": req(Str), "autoComplete": opt(Str), "isOptional": opt(Bool)}
OPTION = Obj({"id": req(Str), "label": req(Str)})
FORM_ELEMENT = Union((
    Obj({**_BASE, "type": req(Enum(("number", "text", "password", "email", "tel", "url"))),
         "placeholder": opt(Str), "value": opt(Str)}),
    Obj({**_BASE, "type": req(Lit("textarea")), "placeholder": opt(Str), "value": opt(Str)}),
    Obj({**_BASE, "type": req(Lit("select")), "options": req(Arr(OPTION)), "selected": opt(Str)}),
    Obj({**_BASE, "type": req(Lit("checklist")), "options": req(Arr(Obj({
        "id": req(Str), "label": req(Str), "checked": opt(Bool), "required": opt(Bool)})))}),
    Obj({**_BASE, "type": req(Lit("radio")), "groupName": req(Str), "checked": opt(Str), "options": req(Arr(Obj({
        "id": req(Str), "label": req(Str), "value": req(Str), "isDisabled": opt(Bool)})))}),
    Obj({"name": req(Str), "autoComplete": opt(Str), "type": req(Lit("range")), "max": opt(Num), "min": opt(Num),
         "step": opt(Num), "selectedValue": opt(Num)}),
), tag="type")
FORM_TYPES = ("number", "text", "password", "email", "tel", "url", "textarea", "select", "checklist", "radio",
              "range")
FORM = Obj({"title": req(Str), "description": opt(Str), "opensPopup": opt(POPUP),
            "form": req(Obj({"elements": req(Obj(open=True)), "submitBtnTitle": req(Str)}))})
PROMPT = Obj({"title": req(Str), "description": opt(Str), "opensPopup": opt(POPUP),
              "prompt": req(Obj({"primaryAction": req(Str), "secondaryAction": opt(Str)}))})
TOAST = Obj({"message": req(Str), "isDanger": opt(Bool), "isInterrupt": opt(Bool),
             "position": opt(Enum(("topCenter", "bottomCenter"))), "timeout": opt(Num), "canDismiss": opt(Bool)})
_WIDGET = {"src": req(Str), "title": req(Str), "avoidAutoToggle": opt(Obj({"headerCloseButton": opt(Bool)}))}
DIMENSION = Union((Str, Obj(open=True)))
WIDGET = Union((
    Obj({**_WIDGET, "type": req(Lit("sidePanel"))}),
    Obj({**_WIDGET, "type": req(Lit("floating")), "draggable": opt(Bool),
         "position": opt(Enum(("topLeft", "bottomLeft", "center", "topRight", "bottomRight"))),
         "dimensions": opt(Obj({"width": opt(DIMENSION), "height": opt(DIMENSION)})), "isVisible": opt(Bool)}),
), tag="type")
PARTICIPANT = {"participantUuid": req(Str)}
CONFERENCE = {"conferenceAlias": opt(Str)}
DIAL = Obj({"role": req(Enum(("HOST", "GUEST"))), "destination": req(Str),
            "protocol": req(Enum(("sip", "h323", "rtmp", "mssip", "auto"))), "presentation_url": opt(Str),
            "streaming": opt(Enum(("yes", "no"))), "dtmf_sequence": opt(Str), "source": opt(Str),
            "source_display_name": opt(Str), "call_type": opt(Enum(("video", "video-only", "audio"))),
            "keep_conference_alive": opt(Enum(("keep_conference_alive", "keep_conference_alive_if_multiple",
                                                "keep_conference_alive_never"))),
            "remote_display_name": opt(Str), "text": opt(Str), "conferenceAlias": opt(Str)})
LAYOUT = Obj({"transforms": req(Obj(open=True)), "conferenceAlias": opt(Str)})
REQUEST = Obj({"path": req(Str), "method": req(Enum(("GET", "POST"))), "payload": opt(Obj(open=True))})


@dataclass(frozen=True)
class Call:
    """One `plugin.<area>.<name>(payload)` function: the RPC it sends and its payload type (None: no payload)."""

    rpc: str
    payload: Spec | None
    deprecated: str | None = None


CALLS: dict[str, dict[str, Call]] = {
    "ui": {
        "addButton": Call("ui:button:add", BUTTON),
        "addForm": Call("ui:form:open", FORM),
        "showForm": Call("ui:form:open", FORM),
        "addPrompt": Call("ui:prompt:open", PROMPT),
        "showPrompt": Call("ui:prompt:open", PROMPT),
        "showToast": Call("ui:toast:show", TOAST),
        "addWidget": Call("ui:widget:add", WIDGET),
    },
    "app": {"setDisconnectDestination": Call("app:setDisconnectDestination", Obj({"url": req(Str)}))},
    "conference": {
        "dialOut": Call("conference:dialOut", DIAL),
        "sendMessage": Call("conference:sendMessage", Obj({"payload": req(Str), "participantUuid": opt(Str),
                                                           **CONFERENCE})),
        "sendApplicationMessage": Call("conference:sendApplicationMessage", Obj({
            "payload": req(Obj(open=True)), "participantUuid": opt(Str), **CONFERENCE})),
        "lock": Call("conference:lock", Obj({"lock": req(Bool), **CONFERENCE})),
        "muteAllGuests": Call("conference:muteAllGuests", Obj({"mute": req(Bool), **CONFERENCE})),
        "setBandwidth": Call("conference:setBandwidth", Num),
        "setLayout": Call("conference:setLayout", LAYOUT),
        "disconnectAll": Call("conference:disconnectAll", Obj(CONFERENCE)),
        "requestParticipants": Call("conference:requestParticipants", Obj(CONFERENCE)),
        "sendRequest": Call("conference:sendRequest", REQUEST),
        "transfer": Call("participant:transfer", Obj({"destination": req(Str), "pin": req(Str),
                                                     "role": req(Enum(("chair", "guest"))), **PARTICIPANT,
                                                     **CONFERENCE})),
        "mute": Call("participant:mute", Obj({"mute": req(Bool), "participantUuid": opt(Str), **CONFERENCE})),
        "muteVideo": Call("participant:muteVideo", Obj({"muteVideo": req(Bool), "participantUuid": opt(Str),
                                                        **CONFERENCE})),
        "spotlight": Call("participant:spotlight", Obj({"enable": req(Bool), **PARTICIPANT, **CONFERENCE})),
        "admit": Call("participant:admit", Obj({**PARTICIPANT, **CONFERENCE})),
        "raiseHand": Call("participant:raiseHand", Obj({"raise": req(Bool), "participantUuid": opt(Str),
                                                        **CONFERENCE})),
        "setRole": Call("participant:setRole", Obj({"role": req(Enum(("chair", "guest"))), **PARTICIPANT,
                                                    **CONFERENCE})),
        "setTextOverlay": Call("participant:setTextOverlay", Obj({"text": req(Str), **PARTICIPANT, **CONFERENCE})),
        "sendDTMF": Call("participant:sendDTMF", Obj({"digits": req(Str), **PARTICIPANT, "callUuid": opt(Str),
                                                      **CONFERENCE})),
        "disconnect": Call("participant:disconnect", Obj({**PARTICIPANT, **CONFERENCE})),
        "breakout": Call("conference:breakout", AnyObject),
        "joinBreakoutRoom": Call("conference:joinBreakoutRoom", Obj({"breakoutUuid": opt(Str)})),
        "closeBreakouts": Call("conference:closeBreakouts", None),
        "closeBreakoutRoom": Call("conference:closeBreakoutRoom", Obj({"breakoutUuid": req(Str)})),
        "emptyBreakouts": Call("conference:emptyBreakouts", None),
        "breakoutMoveParticipants": Call("conference:breakoutMoveParticipants", Obj({
            "fromBreakoutUuid": opt(Str), "toRoomUuid": req(Str), "participants": req(Arr(Str))})),
        "getCurrentRoomId": Call("conference:currentRoomId", None),
    },
}
# Element methods (on what addButton, addForm... resolve to): their payloads.
ELEMENT_CALLS = {"update": BUTTON}
# Removed from the package: the plugin gets undefined (a TypeError when called).
REMOVED = {
    ("ui", "togglePlugin"): "ui.togglePlugin was removed in @pexip/plugin-api 21 (with window.plugin.iframeManager): "
                            "use plugin.ui.addWidget({type: 'sidePanel', src, title}) and widget.toggle()",
}

IFRAME_MANAGER = ("window.plugin.iframeManager was removed in @pexip/plugin-api 21: use plugin.ui.addWidget({type: "
                  "'sidePanel' | 'floating', src, title})")

EVENTS = ("authenticatedWithConference", "conferenceStatus", "connected", "disconnected", "userInitiatedDisconnect",
          "me", "message", "directMessage", "applicationMessage", "transfer", "cancelTransfer", "stage",
          "participants", "participantJoined", "participantLeft", "participantsActivities", "raiseHand",
          "presentationConnectionStateChange", "layoutUpdate", "breakoutBegin", "breakoutEnd", "breakoutRefer",
          "languageSelect")
DEPRECATED_EVENTS = {
    name: f"events.{name} is deprecated (plugin-api 21.1): use events.participantsActivities "
          "(Join, Leave and Update activities per room)"
    for name in ("participants", "participantJoined", "participantLeft")
}
# The RPCs a plugin page may send, and every one the workbench answers (the bridge answers no other name).
RPCS = frozenset({"syn", "syn:widget", "ui:button:update", "ui:removeElement", "ui:widget:toggle"}
                 | {call.rpc for area in CALLS.values() for call in area.values()})
SUPPORTED_VERSIONS = ("19.3.2", "21.0.0", "22.0.0")


def payload_spec(rpc: str) -> Spec | None:
    """The payload type of an RPC (None when it takes none or is not checked)."""
    if rpc == "ui:button:update":
        return BUTTON
    for area in CALLS.values():
        for call in area.values():
            if call.rpc == rpc:
                return call.payload
    return None


def form_element_problems(elements: Any) -> list[tuple[tuple, str]]:
    """Each form element against its type (the elements record is open: any key names a field)."""
    if not isinstance(elements, dict):
        return [((), "must be an object of form elements by field id")]
    return [p for key, element in elements.items() for p in FORM_ELEMENT.problems(element, (key,))]
