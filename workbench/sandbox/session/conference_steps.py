"""The conference steps of hosts with a simulated conference (see workbench/core/conference/steps.py)."""

from __future__ import annotations

from workbench.core.scenario import Step
from workbench.sandbox.session.errors import StepFailure
from workbench.sandbox.session.page_steps import matches, show


def participant_uuid(conference, key: str) -> str:
    try:
        return conference.require(str(key))["uuid"]
    except KeyError as exc:
        raise StepFailure(str(exc.args[0])) from None


async def step_join(session, value, step: Step) -> None:
    try:
        session.conference.add_participant(value.props())
    except ValueError as exc:
        raise StepFailure(str(exc)) from None


async def step_update(session, value, step: Step) -> None:
    conference = session.conference
    if value.participant is not None:
        conference.update_participant(participant_uuid(conference, value.participant), dict(value.set))
    else:
        conference.update_conference(dict(value.set))


async def step_leave(session, value, step: Step) -> None:
    conference = session.conference
    conference.remove_participant(participant_uuid(conference, value.participant), value.reason)


async def step_chat(session, value, step: Step) -> None:
    conference = session.conference
    sender = value.from_
    if sender is None:
        others = [u for u in conference.participants if u != conference.self_uuid]
        sender = others[0] if others else "someone"
    conference.receive_chat(str(sender), value.text)


async def expect_conference(session, value, step: Step) -> None:
    want = value.conference
    conference = session.conference

    async def check() -> tuple[bool, str]:
        state = dict(conference.details, name=conference.name, connected=conference.connected,
                     layouts=conference.layouts, participantCount=len(conference.participants))
        if matches(want, state):
            return True, ""
        return False, f"the conference has {show({k: state.get(k) for k in want})}, expected {show(want)}"

    await session.poll(step, check)


async def expect_participant(session, value, step: Step) -> None:
    key, want = value.participant, value.has
    conference = session.conference

    async def check() -> tuple[bool, str]:
        p = conference.find(key)
        if p is None:
            if want.get("present", True) is False:
                return True, ""
            return False, f"no participant {key!r} in the conference"
        state = dict(p, present=True)
        if matches(want, state):
            return True, ""
        return False, f"{p['name']} has {show({k: state.get(k) for k in want})}, expected {show(want)}"

    await session.poll(step, check)
