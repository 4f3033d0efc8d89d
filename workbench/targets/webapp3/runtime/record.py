"""How a recorded plugin RPC becomes a scenario check (None: plumbing, not behaviour)."""

from __future__ import annotations

from typing import Any

_PLUMBING = frozenset({"syn", "syn:widget", "ui:removeElement", "ui:button:update", "ui:widget:toggle",
                       "conference:currentRoomId", "conference:requestParticipants"})


def recorded_check(name: str, args: list) -> dict | None:
    from workbench.core.scenario_record import plain_call_check
    payload: Any = args[0] if args else None
    p = payload if isinstance(payload, dict) else {}
    if name in _PLUMBING:
        return None
    if name == "ui:toast:show":
        return {"toast": p.get("message")} if p.get("message") else None
    if name == "ui:form:open":
        return {"form": p.get("title")} if p.get("title") else None
    if name == "ui:prompt:open":
        return {"prompt": p.get("title")} if p.get("title") else None
    if name == "ui:widget:add":
        return {"widget": {"title": p.get("title")}} if p.get("title") else None
    if name == "ui:button:add":
        text = p.get("tooltip") if p.get("position") == "toolbar" else p.get("label")
        return {"button": {"text": text, "position": p.get("position")}} if text else None
    if isinstance(payload, dict) and name.startswith(("conference:", "participant:", "app:")):
        return {"call": name, "args": [payload]}  # the payload says what the plugin asked for (partial match)
    return plain_call_check(name, args)
