"""eXo steps: the contexts, accounts and incoming calls of the Web Conferencing panel, and the call button."""

from __future__ import annotations

import asyncio

from workbench.core.scenario import Step
from workbench.sandbox.session import StepFailure
from workbench.sandbox.session.page_steps import page_action


async def step_context(session, value, step: Step) -> None:
    """Show the page of a user, a space or a chat room and ask the connector for its call button."""
    if await session.set_context(value.model_dump(exclude_none=True)) is None:
        raise StepFailure("the page could not show the context")


async def step_account(session, value, step: Step) -> None:
    await session.set_user_account(value.user, value.has)


async def step_incoming(session, value, step: Step) -> None:
    await session.simulate_incoming(value.from_, value.callId, state=value.state, provider=value.provider)


async def step_click(session, value, step: Step) -> None:
    if value.selector is not None:
        await session.poll(step, lambda: page_action(session, "click", value.selector))
        return

    async def check() -> tuple[bool, str]:
        return bool(await session.js("ExoHost.clickButton()")), "no call button to click"

    await session.poll(step, check)


async def expect_button(session, value, step: Step) -> None:
    """The call button is shown (true) or not (false) for the current context."""
    want, text = value.button, value.text
    # eXo adds a button only when the connector's promise resolves: one never settled shows none. For `button:
    # false`, a promise still pending as the step's time runs out is no button (the last polls of the step).
    loop = asyncio.get_event_loop()
    timeout_s = session.timeout_of(step) / 1000
    settled_by = loop.time() + max(0.0, timeout_s - min(0.2, timeout_s / 2))

    async def check() -> tuple[bool, str]:
        b = await session.current_button()
        state = b.get("state")
        if state == "pending":
            if not want and loop.time() >= settled_by:
                return True, ""
            return False, "the connector's callButton promise is still pending"
        shown = state == "shown"
        if shown != want:
            return False, ("no call button: " + str(b.get("reason")) if want
                           else f"a call button is shown ({b.get('text')!r})")
        if want and text is not None and str(text) not in str(b.get("text")):
            return False, f"the call button reads {b.get('text')!r}, not containing {text!r}"
        return True, ""

    await session.poll(step, check)
