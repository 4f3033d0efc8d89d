"""The plugin API as the emulated app forwards it: every PEX.pluginAPI call acts on the simulated conference.

The page may call exactly the names of `PexipApi.handlers()`; each takes the argument list the page sent (plugin
data, so anything) and returns a JSON reply. A call the arguments do not fit gets a failure reply and a warning in
the log, never an exception.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from workbench.core.conference import Conference, failure, success
from workbench.core.hostlog import HOST, WARNING, HostLog
from workbench.targets.pexip.actions import CAMERA_MIC

DEPRECATED = {
    "changeConferenceLayout": "changeConferenceLayout is deprecated: use transformConferenceLayout",
    "openTemplateDialog.subscribe": "openTemplateDialog(...).subscribe and dialogRef.viewInit$ are the v21 dialog "
                                    "syntax (deprecated): use openTemplateDialog(...).then(dialogRef => ...)",
}
PLUGIN_API = ("registerPlugin", "createNewState", "openTemplateDialog", "dialogClosed", "sendRequest", "dialOut",
              "disconnectParticipant", "spotlightOnParticipant", "spotlightOffParticipant",
              "transformConferenceLayout", "changeConferenceLayout", "sendChatMessage", "dispatchAction",
              "openTemplateDialog.subscribe")
ANSWER_DELAY_S = 0.03  # a dialled participant answers once the plugin had its callback


def _arg(args: list, i: int) -> Any:
    return args[i] if i < len(args) else None


class PexipApi:
    """PEX.pluginAPI calls (and the page's own controls, named 'host.*') applied to the simulated conference."""

    def __init__(self, conference: Conference, log: HostLog, dispatch: Callable[[str, Any], None]):
        self.conference, self.log, self.dispatch = conference, log, dispatch

    def handlers(self) -> dict[str, Callable[[list], Any]]:
        calls: dict[str, Callable[[list], Any]] = {name: (lambda args, n=name: self.call(n, args)) for name in PLUGIN_API}
        calls.update({"host.request": self._host_request, "host.chat": self._host_chat,
                      "host.action": lambda args: self._api("dispatchAction", args), "pexrtc": self._pexrtc})
        return calls

    def _pexrtc(self, args: list) -> Any:
        """A method of PEX.pexrtc (the app's call), logged as pexrtc.<method>."""
        from workbench.targets.pexip.runtime.pexrtc_api import pexrtc_call
        method = str(_arg(args, 0))
        margs = _arg(args, 1) if isinstance(_arg(args, 1), list) else []
        result = pexrtc_call(self.conference, method, margs)
        self.log.call(f"pexrtc.{method}", margs, result)
        return result

    def call(self, name: str, args: list) -> Any:
        """One PEX.pluginAPI call, logged with its result."""
        if name in DEPRECATED:
            self.log.add(WARNING, DEPRECATED[name], api=name)
            if name == "openTemplateDialog.subscribe":
                return None
        result = self._api(name, args)
        self.log.call(name, args, result)
        return result

    def _api(self, name: str, args: list) -> Any:
        c = self.conference
        if name in ("registerPlugin", "createNewState", "openTemplateDialog", "dialogClosed"):
            return None
        if name == "sendRequest":
            payload = _arg(args, 1)
            return c.request(str(_arg(args, 0) or ""), payload if isinstance(payload, dict) else None)
        if name == "dialOut":
            params = _arg(args, 4) if isinstance(_arg(args, 4), dict) else {}
            reply = c.dial_out(_arg(args, 0), _arg(args, 1), _arg(args, 2), params)
            loop = asyncio.get_event_loop()
            for uid in reply["result"]:
                loop.call_later(ANSWER_DELAY_S, c.answer, uid)
            return reply
        if name in ("disconnectParticipant", "spotlightOnParticipant", "spotlightOffParticipant"):
            uuid = str(_arg(args, 0))
            if uuid not in c.participants:
                self.log.add(WARNING, f"{name}: no participant with uuid {_arg(args, 0)!r}")
                return failure(f"unknown participant {_arg(args, 0)!r}")
            if name == "disconnectParticipant":
                c.remove_participant(uuid)
            else:
                c.spotlight(uuid, name == "spotlightOnParticipant")
            return success(True)
        if name in ("transformConferenceLayout", "changeConferenceLayout"):
            layout = _arg(args, 0)
            c.transform_layout(layout if isinstance(layout, dict) else {"layout": layout} if layout else {})
            return success(True)
        if name == "sendChatMessage":
            c.send_chat(str(_arg(args, 0) if _arg(args, 0) is not None else ""))
            return success(True)
        if name == "dispatchAction":
            action = _arg(args, 0) if isinstance(_arg(args, 0), dict) else {"type": str(_arg(args, 0))}
            type_ = str(action.get("type"))
            change = CAMERA_MIC.get(type_)
            if change:
                c.update_participant(c.self_uuid, {change[0]: change[1]})
            self.dispatch(type_, action.get("payload"))
            return None
        return None

    def _host_request(self, args: list) -> Any:
        """The emulated app's own buttons (stock menus) make REST requests, logged as host activity."""
        path = str(_arg(args, 0))
        payload = _arg(args, 1)
        result = self.conference.request(path, payload if isinstance(payload, dict) else None)
        self.log.add(HOST, f"app: {path} -> {result['status']}", request=path, result=result)
        return result

    def _host_chat(self, args: list) -> Any:
        return self.conference.send_chat(str(_arg(args, 0)))


# Calls whose arguments say what the plugin asked for (others are checked by name only), and plumbing calls.
_CALLS_WITH_ARGS = frozenset({"dialOut", "sendRequest", "transformConferenceLayout", "changeConferenceLayout",
                              "sendChatMessage", "spotlightOnParticipant", "spotlightOffParticipant",
                              "disconnectParticipant"})
_SKIPPED_CALLS = frozenset({"registerPlugin", "createNewState", "dialogClosed", "openTemplateDialog.subscribe"})


def recorded_check(name: str, args: list) -> dict | None:
    """How a recorded plugin API call becomes a scenario check (None: plumbing, not behaviour)."""
    from workbench.core.scenario_record import plain_call_check
    if name in _SKIPPED_CALLS or name.startswith("host."):
        return None
    if name == "openTemplateDialog":
        title = args[0].get("title") if args and isinstance(args[0], dict) else None
        return {"dialog": title} if title else None
    return plain_call_check(name, args) if name in _CALLS_WITH_ARGS else {"call": name}
