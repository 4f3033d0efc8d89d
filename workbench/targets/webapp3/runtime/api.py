"""The app's answers to plugin RPCs: what Web App 3 replies, and what each call does to the simulated conference.

The page hands every RPC it takes from a plugin iframe to `PluginApi.handle` (the page answers only the RPC names of
@pexip/plugin-api). The result is `{"reply": ...}` (the page posts it as is; no key: the reply is undefined) or
`{"render": {"id": ...}}` for what the page draws (buttons, forms, prompts, toasts, widgets), which it then answers
itself. Payloads are checked against the package's types and any mismatch is a warning in the log; the host
refuses only what the real app refuses (an unknown icon, a widget of a plugin whose manifest id does not match).
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from typing import Any

from workbench.core.hostlog import HOST, WARNING, HostLog
from workbench.targets.webapp3 import apitypes
from workbench.targets.webapp3.runtime.shapes import ROOM, participant, raw_participant

ANSWER_DELAY_S = 0.05  # a dialled participant answers once the plugin had its reply
_UI_RENDERED = ("ui:form:open", "ui:prompt:open", "ui:toast:show")


@dataclass
class PluginState:
    """One manifest entry as the app runs it."""

    key: str  # the page's name for it: the manifest id, or plugin-<n> when it has none
    manifest_id: str | None
    registered_id: str | None = None
    version: Any = None
    elements: dict[str, str] = field(default_factory=dict)  # element id -> kind


def ok(data: Any = None) -> dict:
    return {"status": 200, "data": data}


class PluginApi:
    """Plugin RPCs applied to the app's state and the simulated conference."""

    def __init__(self, conference, log: HostLog, plugins: list[PluginState]):
        self.conference, self.log = conference, log
        self.plugins = {p.key: p for p in plugins}
        self.disconnect_destination: str | None = None
        self.popups: list[dict] = []
        self._ids = itertools.count(1)

    def handle(self, args: list) -> dict:
        """One RPC from the page: [plugin key, 'plugin'|'widget', widget id, rpc, payload]."""
        key, kind, _widget, rpc, payload = (list(args) + [None] * 5)[:5]
        plugin = self.plugins.get(str(key))
        if plugin is None or not isinstance(rpc, str) or rpc not in apitypes.RPCS:
            self.log.add(WARNING, f"{rpc!r} is not an RPC of @pexip/plugin-api: the app ignores it", api=str(rpc))
            return {"reply": {"status": "failed", "reason": "Unknown RPC", "id": ""}}
        self._check(plugin, rpc, payload)
        decided = self._decide(plugin, str(kind), rpc, payload)
        shown = decided.get("reply", {"render": decided["render"]} if "render" in decided else None)
        self.log.call(rpc, [payload], shown)
        return decided

    def _check(self, plugin: PluginState, rpc: str, payload: Any) -> None:
        spec = apitypes.payload_spec(rpc)
        if spec is None:
            return
        problems = apitypes.check(spec, payload)
        if rpc == "ui:form:open" and isinstance(payload, dict) and isinstance(payload.get("form"), dict):
            problems += [(("form", "elements", *p), m) for p, m in
                         apitypes.form_element_problems(payload["form"].get("elements"))]
        for path, message in problems[:10]:
            if "Invalid Icon name" in message:
                continue  # the reply says it
            where = ".".join(str(p) for p in path) or "the payload"
            self.log.add(WARNING, f"{rpc} from {plugin.key}: `{where}` {message} (plugin-api types)", api=rpc,
                         plugin=plugin.key)

    def _id(self, kind: str) -> str:
        return f"{kind}-{next(self._ids)}"

    # -- what the app decides --------------------------------------------------------------------------------------
    def _decide(self, plugin: PluginState, kind: str, rpc: str, payload: Any) -> dict:
        p = payload if isinstance(payload, dict) else {}
        if rpc == "syn":
            return self._syn(plugin, kind, p)
        if rpc == "syn:widget":
            return self._syn_widget(plugin, kind, p)
        if rpc in ("ui:button:add", "ui:button:update"):
            return self._button(plugin, rpc, p)
        if rpc in _UI_RENDERED:
            element = self._id({"ui:toast:show": "toast"}.get(rpc, "modal"))
            if rpc != "ui:toast:show":
                plugin.elements[element] = "modal"
            return {"render": {"id": element}}
        if rpc == "ui:removeElement":
            element = str(p.get("id"))
            if plugin.elements.pop(element, None) is None:
                return {"reply": {"status": "failed", "reason": f"No element with id {element}", "id": element}}
            return {"render": {"id": element}}
        if rpc == "ui:widget:add":
            return self._widget(plugin, kind, p)
        if rpc == "ui:widget:toggle":
            element = str(p.get("id"))
            if plugin.elements.get(element) != "widget":
                return {"reply": {"status": "failed", "reason": f"No widget with id {element}", "id": element}}
            return {"render": {"id": element}}
        if rpc == "app:setDisconnectDestination":
            url = str(p.get("url", ""))
            if not url.startswith(("http://", "https://")):
                return {"reply": {"status": "failed", "reason": "The URL must use http or https", "id": ""}}
            self.disconnect_destination = url
            return {"reply": {"status": "ok", "id": "", "data": None}}
        from workbench.targets.webapp3.runtime.conference import conference_rpc
        return conference_rpc(self, rpc, payload)

    def _syn(self, plugin: PluginState, kind: str, p: dict) -> dict:
        if kind != "plugin":
            return {"reply": {"ack": False, "reason": "A widget registers with registerWidget"}}
        plugin.registered_id = str(p.get("id")) if p.get("id") is not None else None
        plugin.version = p.get("version")
        if plugin.manifest_id and plugin.registered_id != plugin.manifest_id:
            self.log.add(WARNING, f"plugin {plugin.key} registered as {plugin.registered_id!r}, not as its manifest "
                                  "id: the app will refuse its widgets", plugin=plugin.key)
        return {"reply": {"ack": True}}

    def _syn_widget(self, plugin: PluginState, kind: str, p: dict) -> dict:
        parent = p.get("parentPluginId")
        if kind != "widget":
            return {"reply": {"ack": False, "reason": "registerWidget is for a widget's page"}}
        if parent != plugin.registered_id or parent != plugin.manifest_id:
            return {"reply": {"ack": False, "reason": f"parentPluginId {parent!r} does not match the plugin that "
                                                      "added the widget"}}
        return {"reply": {"ack": True}}

    def _button(self, plugin: PluginState, rpc: str, p: dict) -> dict:
        # A toolbar button and its group items must name an icon; a participant action may (settings items never).
        icons = [g.get("icon") for g in p.get("group") or [] if isinstance(g, dict)]
        if p.get("position") == "toolbar" or p.get("position") == "participantActions" and p.get("icon") is not None:
            icons.append(p.get("icon"))
        element = str(p.get("targetId")) if rpc == "ui:button:update" else self._id("button")
        if rpc == "ui:button:update" and plugin.elements.get(element) != "button":
            return {"reply": {"status": "failed", "reason": f"No button with id {element}", "id": element}}
        for icon in icons:
            if apitypes.check(apitypes.ICON, icon):
                return {"reply": {"status": "failed", "reason": "Invalid Icon name", "id": element}}
        plugin.elements[element] = "button"
        return {"render": {"id": element}}

    def _widget(self, plugin: PluginState, kind: str, p: dict) -> dict:
        if kind != "plugin":
            return {"reply": {"status": "failed", "reason": "A widget cannot add widgets", "id": ""}}
        if not plugin.manifest_id or plugin.registered_id != plugin.manifest_id:
            return {"reply": {"status": "failed", "id": "", "reason": "The plugin's id in the branding manifest must "
                                                                      "match the id passed to registerPlugin"}}
        element = self._id("widget")
        plugin.elements[element] = "widget"
        return {"render": {"id": element}}

    # -- the app's own controls -----------------------------------------------------------------------------------
    def popup(self, args: list) -> None:
        """A button, form or prompt with opensPopup was used: the app opens the window (the preview logs it)."""
        key, ident, params = (list(args) + [None] * 3)[:3]
        url = params[0] if isinstance(params, list) and params else None
        self.popups.append({"plugin": key, "id": ident, "url": url})
        self.log.add(HOST, f"plugin {key} opened a popup ({url or 'no URL'}): the preview does not open windows",
                     popup=url, plugin=key)

    def dial_answer_later(self, uids: list[str]) -> None:
        loop = asyncio.get_event_loop()
        for uid in uids:
            loop.call_later(ANSWER_DELAY_S, self.conference.answer, uid)

    def participants_raw(self) -> list[dict]:
        return [raw_participant(p) for p in self.conference.participant_list()]

    def me(self) -> dict:
        return {"id": ROOM, "participant": participant(self.conference.participants[self.conference.self_uuid])}
