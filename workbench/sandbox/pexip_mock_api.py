"""The Pexip plugin API as the emulated app forwards it: every PEX.pluginAPI call acts on the simulated conference.

A mixin of PexipSession: it relies on the session's `conference` and `log`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer

from workbench.core.hostlog import HOST, WARNING

_CAMERA_MIC = {"[Conference] Mute Camera": ("isVideoMuted", True), "[Conference] Unmute Camera": ("isVideoMuted", False),
               "[Conference] Mute Microphone": ("isMicrophoneMuted", True),
               "[Conference] Unmute Microphone": ("isMicrophoneMuted", False)}
DEPRECATED = {
    "changeConferenceLayout": "changeConferenceLayout is deprecated: use transformConferenceLayout",
    "openTemplateDialog.subscribe": "openTemplateDialog(...).subscribe and dialogRef.viewInit$ are the v21 dialog "
                                    "syntax (deprecated): use openTemplateDialog(...).then(dialogRef => ...)",
}


class PexipMockApi:
    """PEX.pluginAPI calls (and the page's own controls) applied to the simulated conference, each logged."""

    def api_call(self, name: str, args: list) -> Any:
        """Every PEX.pluginAPI call (and the page's own controls, named 'host.*') lands here."""
        if name.startswith("host."):
            return self._host_call(name[5:], args)
        if name in DEPRECATED:
            self.log.add(WARNING, DEPRECATED[name], api=name)
            if name == "openTemplateDialog.subscribe":
                return None
        result = self._api(name, args)
        self.log.call(name, args, result)
        return result

    def _api(self, name: str, args: list) -> Any:
        c = self.conference
        arg = (args + [None] * 5)[:5]
        if name in ("registerPlugin", "createNewState", "openTemplateDialog", "dialogClosed"):
            return None
        if name == "sendRequest":
            return c.request(str(arg[0] or ""), arg[1] if isinstance(arg[1], dict) else None)
        if name == "dialOut":
            params = arg[4] if isinstance(arg[4], dict) else {}
            reply = c.dial_out(arg[0], arg[1], arg[2], params)
            for uid in reply["result"]:  # the far end answers once the plugin had its callback
                QTimer.singleShot(30, lambda uid=uid: c.answer(uid))
            return reply
        if name in ("disconnectParticipant", "spotlightOnParticipant", "spotlightOffParticipant"):
            if str(arg[0]) not in c.participants:
                self.log.add(WARNING, f"{name}: no participant with uuid {arg[0]!r}")
                return {"status": "failure", "result": f"unknown participant {arg[0]!r}"}
            if name == "disconnectParticipant":
                c.remove_participant(str(arg[0]))
            else:
                c.spotlight(str(arg[0]), name == "spotlightOnParticipant")
            return {"status": "success", "result": True}
        if name in ("transformConferenceLayout", "changeConferenceLayout"):
            c.transform_layout(arg[0] if isinstance(arg[0], dict) else {"layout": arg[0]} if arg[0] else {})
            return {"status": "success", "result": True}
        if name == "sendChatMessage":
            c.send_chat(str(arg[0] if arg[0] is not None else ""))
            return {"status": "success", "result": True}
        if name == "dispatchAction":
            action = arg[0] if isinstance(arg[0], dict) else {"type": str(arg[0])}
            change = _CAMERA_MIC.get(str(action.get("type")))
            if change:
                c.update_participant(c.self_uuid, {change[0]: change[1]})
            c.emit(str(action.get("type")), action.get("payload"))
            return None
        self.log.add(WARNING, f"PEX.pluginAPI.{name} is not part of the plugin API")
        return None

    def _host_call(self, name: str, args: list) -> Any:
        """The emulated app's own buttons (stock menus, chat box), logged as host activity."""
        c = self.conference
        if name == "request":
            result = c.request(str(args[0]), args[1] if len(args) > 1 and isinstance(args[1], dict) else None)
            self.log.add(HOST, f"app: {args[0]} -> {result['status']}", request=args[0], result=result)
            return result
        if name == "chat":
            return c.send_chat(str(args[0]))
        if name == "action":
            return self._api("dispatchAction", args)
        return None
