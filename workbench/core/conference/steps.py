"""The scenario vocabulary of hosts with a simulated conference: who is there at start, and the conference steps."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from workbench.core.steps import ExpectModel, StepModel, StepSpec

RUN = "workbench.sandbox.session.conference_steps"


def _dial_regex(value: str) -> str:
    """A scenario's `fail_dial`: a regular expression of bounded length that compiles."""
    if len(value) > 1000:
        raise ValueError("the regular expression is too long (1000 characters at most)")
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return value


# The `host: {fail_dial}` setting of hosts with a simulated conference.
FailDial = Annotated[str, AfterValidator(_dial_regex),
                     Field(description="dial-outs to aliases matching this regex fail")]


class Participant(StepModel):
    """A participant: a name (and optionally a uuid), then any participant property."""

    model_config = ConfigDict(extra="allow", allow_inf_nan=False, frozen=True)
    name: str | None = None
    uuid: str | None = None

    @model_validator(mode="after")
    def _named(self) -> Participant:
        if self.name is None and self.uuid is None:
            raise ValueError("a participant needs a `name` (and optionally a `uuid`)")
        return self

    def props(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class Join(Participant):
    name: str = Field(min_length=1)


class Update(StepModel):
    participant: str | None = Field(default=None, description="uuid or name")
    conference: bool | None = None
    set: dict[str, Any]

    @model_validator(mode="after")
    def _what(self) -> Update:
        if self.participant is None and not self.conference:
            raise ValueError("say what to update: `participant: <uuid or name>` (or `conference: true`)")
        return self


class Leave(StepModel):
    participant: str
    reason: str = "left"


class Chat(StepModel):
    text: str
    from_: str | None = Field(default=None, alias="from", description="sender uuid or name (default: the first "
                                                                        "other participant)")


class ExpectConference(ExpectModel):
    conference: dict[str, Any] = Field(description="expected conference properties (partial match)")


class ExpectParticipant(ExpectModel):
    participant: str = Field(description="uuid or name")
    has: dict[str, Any] = Field(description="expected properties (partial match); `present: false` for gone")


CONFERENCE_STEPS = (
    StepSpec("join", Join, f"{RUN}:step_join", doc="a participant joins the conference"),
    StepSpec("update", Update, f"{RUN}:step_update", doc="change a participant's or the conference's properties"),
    StepSpec("leave", Leave, f"{RUN}:step_leave", doc="a participant leaves"),
    StepSpec("chat", Chat, f"{RUN}:step_chat", doc="a chat message comes into the conference"),
    StepSpec("conference", ExpectConference, f"{RUN}:expect_conference", subject=True),
    StepSpec("participant", ExpectParticipant, f"{RUN}:expect_participant", subject=True),
)

CONFERENCE_HEADER: dict[str, Any] = {
    "conference": dict[str, Any],
    "self": Participant,
    "participants": list[Participant],
}
CONFERENCE_HEADER_DOCS = {
    "conference": "the conference at start: {name, locked, guestsMuted, chatEnabled, mediaType, started, ...}",
    "self": "the local participant: {name, uuid?}",
    "participants": "the others at start, e.g. [{name: Bob, role: guest, uuid: bob}]",
}
