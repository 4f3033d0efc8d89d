"""The Web App 3 steps: plugin buttons, forms, prompts, toasts and widgets are read from the page's DOM in the
harness world (where plugin code cannot reach)."""

from __future__ import annotations

from workbench.core.scenario import Step
from workbench.sandbox.session import show
from workbench.sandbox.session.conference_steps import participant_uuid
from workbench.sandbox.session.page_steps import matches, page_action


def _query(session, text: str, position=None, participant=None, plugin=None) -> dict:
    q: dict = {"text": text}
    if position:
        q["position"] = position
    if participant is not None:
        q["participant"] = participant_uuid(session.conference, participant)
        q.setdefault("position", "participantActions")
    plugin = plugin or session.setup.get("plugin")
    if plugin:
        q["plugin"] = plugin
    return q


def _not_found(q: dict, res: dict) -> str:
    if res.get("error"):
        return str(res["error"])
    where = q.get("position", "any position")
    return f"no {where} button {show(q['text'])} (the buttons there: {show(res.get('texts') or [])})"


async def step_click(session, value, step: Step) -> None:
    if value.selector is not None:
        await session.poll(step, lambda: page_action(session, "click", value.selector))
        return
    q = _query(session, value.button, value.position, value.participant, value.plugin)
    if value.group is not None:
        q["group"] = value.group

    async def check() -> tuple[bool, str]:
        res = await session.harness(f"WBH.extensions.webapp3.clickButton({show(q)})") or {}
        return bool(res.get("ok")), _not_found(q, res)

    await session.poll(step, check)


async def step_submit(session, value, step: Step) -> None:
    async def check() -> tuple[bool, str]:
        res = await session.harness(f"WBH.extensions.webapp3.submit({show(value.form)}, {show(value.values)})")
        return res == "ok", str(res)

    await session.poll(step, check)


async def step_answer(session, value, step: Step) -> None:
    async def check() -> tuple[bool, str]:
        res = await session.harness(f"WBH.extensions.webapp3.answer({show(value.prompt)}, {show(value.action)})")
        return res == "ok", str(res)

    await session.poll(step, check)


async def step_close(session, value, step: Step) -> None:
    if value.widget is not None:
        code, what = f"WBH.extensions.webapp3.closeWidget({show(value.widget)})", f"widget {value.widget!r}"
    else:
        kind = "form" if value.form is not None else "prompt"
        title = value.form if value.form is not None else value.prompt
        code, what = f"WBH.extensions.webapp3.closeModal({show(kind)}, {show(title)})", f"{kind} {title!r}"

    async def check() -> tuple[bool, str]:
        return bool(await session.harness(code)), f"no {what} is open"

    await session.poll(step, check)


async def step_event(session, value, step: Step) -> None:
    name = value.name if value.name.startswith(("event:", "ui:", "participant:")) else f"event:{value.name}"
    session.send_event(name, value.payload, value.plugin)


async def expect_button(session, value, step: Step) -> None:
    ref = value.button
    if isinstance(ref, str):
        q = _query(session, ref)
    else:
        q = _query(session, ref.text, ref.position, ref.participant, ref.plugin)
    want = {k: getattr(value, k) for k in ("active", "badge", "icon", "visible") if getattr(value, k) is not None}

    async def check() -> tuple[bool, str]:
        res = await session.harness(f"WBH.extensions.webapp3.button({show(q)})") or {}
        item = res.get("item")
        if not value.present:
            return item is None, f"the button {show(q['text'])} is still there"
        if item is None:
            return False, _not_found(q, res)
        for key, expected in want.items():
            if item.get(key) != expected:
                return False, f"the button {show(q['text'])} has {key} {show(item.get(key))}, expected {show(expected)}"
        return True, ""

    await session.poll(step, check)


async def _expect_modal(session, step: Step, kind: str, title, extra_key: str, extra) -> None:
    async def check() -> tuple[bool, str]:
        found = await session.harness(f"WBH.extensions.webapp3.{kind}s()") or []
        titles = [m.get("title") for m in found]
        if title is False or title is None:
            return not found, f"{kind}s still open: {show(titles)}"
        matching = [m for m in found if title is True or m.get("title") == title]
        if not matching:
            return False, f"no {kind} titled {show(title)} is open (open: {show(titles)})"
        if extra is not None and not any(matches(extra, m.get(extra_key)) for m in matching):
            return False, f"the {kind} has {extra_key} {show(matching[-1].get(extra_key))}, expected {show(extra)}"
        return True, ""

    await session.poll(step, check)


async def expect_form(session, value, step: Step) -> None:
    await _expect_modal(session, step, "form", value.form, "fields", value.fields)


async def expect_prompt(session, value, step: Step) -> None:
    await _expect_modal(session, step, "prompt", value.prompt, "actions", value.actions)


async def expect_toast(session, value, step: Step) -> None:
    async def check() -> tuple[bool, str]:
        toasts = await session.harness("WBH.extensions.webapp3.toasts()") or []
        for t in toasts:
            if t.get("discarded"):
                continue
            if value.toast in str(t.get("text")) and (value.danger is None or t.get("danger") == value.danger) \
                    and (value.showing is None or t.get("showing") == value.showing):
                return True, ""
        return False, f"no toast with {show(value.toast)} (toasts: {show([t.get('text') for t in toasts])})"

    await session.poll(step, check)


async def expect_widget(session, value, step: Step) -> None:
    ref = value.widget
    want = {"title": ref} if isinstance(ref, str) else ref.model_dump(exclude_none=True)

    async def check() -> tuple[bool, str]:
        widgets = await session.harness("WBH.extensions.webapp3.widgets()") or []
        found = any(matches(want, w) for w in widgets)
        if not value.present:
            return not any(w.get("title") == want["title"] for w in widgets), f"the widget {show(want['title'])} " \
                                                                              "is still there"
        return found, f"no widget {show(want)} (widgets: {show(widgets)})"

    await session.poll(step, check)


async def expect_popup(session, value, step: Step) -> None:
    async def check() -> tuple[bool, str]:
        urls = [str(p.get("url")) for p in session.api.popups]
        return any(value.popup in u for u in urls), f"no popup with {show(value.popup)} (popups: {show(urls)})"

    await session.poll(step, check)
