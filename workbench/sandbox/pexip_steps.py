"""The Pexip scenario steps: conference changes go to the model, UI steps to the page (mixin of PexipSession)."""

from __future__ import annotations

import json
from typing import Any

from workbench.core.scenario import Step
from workbench.sandbox.session import StepFailure, matches, show


class PexipSteps:
    """Steps and expectations of the Pexip host (the session provides conference, page, poll, js)."""

    # -- conference changes --------------------------------------------------------------------------------------
    def _uuid(self, key: Any) -> str:
        try:
            return self.conference.require(str(key))["uuid"]
        except KeyError as exc:
            raise StepFailure(str(exc.args[0])) from None

    def step_join(self, value: dict, step: Step) -> None:
        try:
            self.conference.add_participant(dict(value))
        except ValueError as exc:
            raise StepFailure(str(exc)) from None

    def step_update(self, value: dict, step: Step) -> None:
        if "participant" in value:
            self.conference.update_participant(self._uuid(value["participant"]), dict(value["set"]))
        else:
            self.conference.update_conference(dict(value["set"]))

    def step_leave(self, value: dict, step: Step) -> None:
        self.conference.remove_participant(self._uuid(value["participant"]), str(value.get("reason", "left")))

    def step_dispatch(self, value: dict, step: Step) -> None:
        self.conference.emit(str(value["type"]), value.get("payload"))

    def step_chat(self, value: dict, step: Step) -> None:
        sender = value.get("from")
        if sender is None:
            others = [u for u in self.conference.participants if u != self.conference.self_uuid]
            sender = others[0] if others else "someone"
        self.conference.receive_chat(str(sender), str(value["text"]))

    # -- the page --------------------------------------------------------------------------------------------------
    def _item_query(self, where: dict) -> dict:
        query = {k: where.get(k) for k in ("location", "index", "label") if k in where}
        if where.get("location") == "participants":
            query["participant"] = self._uuid(where["participant"])
        query["plugin"] = where.get("plugin") or self.setup.plugin
        return query

    def step_click(self, value: dict, step: Step) -> None:
        if "selector" in value:
            return super().step_click(value, step)
        query = self._item_query(value)

        def check() -> tuple[bool, str]:
            res = self.js(f"WB.clickItem({json.dumps(query)})") or {}
            return bool(res.get("ok")), describe_items(query, res)

        self.poll(step, check)
        return None

    def expect_item(self, value: dict, step: Step) -> None:
        query = self._item_query(value["item"])
        want = {k: value[k] for k in ("label", "icon") if k in value}

        def check() -> tuple[bool, str]:
            res = self.js(f"WB.item({json.dumps(query)})") or {}
            item = res.get("item")
            if item is None:
                return False, describe_items(query, res)
            for key, expected in want.items():
                got = item.get(key)
                if key == "icon" and got and expected and str(got).endswith(str(expected)):
                    continue
                if got != expected:
                    return False, f"the {query['location']} item shows {key} {show(got)}, expected {show(expected)}"
            return True, ""

        self.poll(step, check)

    def expect_dialog(self, value: dict, step: Step) -> None:
        title = value["dialog"]

        def check() -> tuple[bool, str]:
            titles = self.js("WB.dialogs()") or []
            if title is False or title is None:
                return not titles, f"dialogs still open: {show(titles)}"
            if title is True:
                return bool(titles), "no dialog is open"
            return str(title) in titles, (f"no dialog titled {show(title)} is open (open dialogs: {show(titles)})")

        self.poll(step, check)

    def expect_conference(self, value: dict, step: Step) -> None:
        want = value["conference"]

        def check() -> tuple[bool, str]:
            state = dict(self.conference.details, name=self.conference.name, connected=self.conference.connected,
                         layouts=self.conference.layouts,
                         participantCount=len(self.conference.participants))
            if matches(want, state):
                return True, ""
            diff = {k: state.get(k) for k in want}
            return False, f"the conference has {show(diff)}, expected {show(want)}"

        self.poll(step, check)

    def expect_participant(self, value: dict, step: Step) -> None:
        key, want = str(value["participant"]), value["has"]

        def check() -> tuple[bool, str]:
            p = self.conference.find(key)
            if p is None:
                present = want.get("present", True) if isinstance(want, dict) else True
                if present is False:
                    return True, ""
                return False, f"no participant {key!r} in the conference"
            state = dict(p, present=True)
            if matches(want, state):
                return True, ""
            return False, f"{p['name']} has {show({k: state.get(k) for k in want})}, expected {show(want)}"

        self.poll(step, check)


def describe_items(query: dict, res: dict) -> str:
    """Why an item was not found, listing what is there."""
    loc = query.get("location")
    which = f"label {query['label']!r}" if query.get("label") is not None else f"index {query.get('index', 0)}"
    if res.get("error"):
        return str(res["error"])
    labels = res.get("labels") or []
    where = f" for participant {query['participant']}" if query.get("participant") else ""
    return f"no {loc} item with {which}{where} (the {loc} shows {show(labels)})"
