"""The Pexip steps: plugin menu items and dialogs are read from the page's DOM in the harness world."""

from __future__ import annotations

from workbench.core.scenario import Step
from workbench.sandbox.session import show
from workbench.sandbox.session.conference_steps import participant_uuid
from workbench.sandbox.session.page_steps import page_action


def _query(session, ref) -> dict:
    query = {k: getattr(ref, k) for k in ("location", "index", "label") if getattr(ref, k) is not None}
    if ref.location == "participants":
        query["participant"] = participant_uuid(session.conference, ref.participant)
    plugin = ref.plugin or session.setup.get("plugin")
    if plugin:
        query["plugin"] = plugin
    return query


def describe_items(query: dict, res: dict) -> str:
    """Why an item was not found, listing what is there."""
    loc = query.get("location")
    which = f"label {query['label']!r}" if query.get("label") is not None else f"index {query.get('index', 0)}"
    if res.get("error"):
        return str(res["error"])
    labels = res.get("labels") or []
    where = f" for participant {query['participant']}" if query.get("participant") else ""
    return f"no {loc} item with {which}{where} (the {loc} shows {show(labels)})"


async def step_click(session, value, step: Step) -> None:
    if value.selector is not None:
        await session.poll(step, lambda: page_action(session, "click", value.selector))
        return
    query = _query(session, value.item())

    async def check() -> tuple[bool, str]:
        res = await session.harness(f"WBH.extensions.pexip.clickItem({show(query)})") or {}
        return bool(res.get("ok")), describe_items(query, res)

    await session.poll(step, check)


async def step_dispatch(session, value, step: Step) -> None:
    session.dispatch(value.type, value.payload)


async def step_connect(session, value, step: Step) -> None:
    session.connect_now()


async def step_disconnect(session, value, step: Step) -> None:
    session.disconnect()


async def expect_item(session, value, step: Step) -> None:
    query = _query(session, value.item)
    want = {k: getattr(value, k) for k in ("label", "icon") if k in value.model_fields_set}

    async def check() -> tuple[bool, str]:
        res = await session.harness(f"WBH.extensions.pexip.item({show(query)})") or {}
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

    await session.poll(step, check)


async def expect_dialog(session, value, step: Step) -> None:
    title = value.dialog

    async def check() -> tuple[bool, str]:
        titles = await session.harness("WBH.extensions.pexip.dialogs()") or []
        if title is False or title is None:
            return not titles, f"dialogs still open: {show(titles)}"
        if title is True:
            return bool(titles), "no dialog is open"
        return str(title) in titles, f"no dialog titled {show(title)} is open (open dialogs: {show(titles)})"

    await session.poll(step, check)


