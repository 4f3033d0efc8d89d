"""eXo Web Conferencing's scenario vocabulary: users, spaces and rooms, contexts, incoming calls, the call button."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbench.core.page_step_specs import PAGE_STEPS
from workbench.core.steps import ExpectModel, PositiveMillis, StepModel, StepSpec, Vocabulary

RUN = "workbench.targets.exo.runtime.steps"
CONTEXT_TYPES = ("user", "space", "chat_room")


class Context(StepModel):
    type: Literal["user", "space", "chat_room"]
    id: str = Field(min_length=1)
    members: list[str] | None = Field(default=None, description="a space's or room's members, as shown")


class Incoming(StepModel):
    from_: str = Field(alias="from", min_length=1, description="the user who calls")
    callId: str | None = None  # noqa: N815 (the core's name)
    state: str | None = None
    provider: str | None = None


class Account(StepModel):
    user: str = Field(min_length=1)
    has: bool


class Click(StepModel):
    """The connector's call button ({button: true}) or any element ({selector})."""

    button: bool | None = None
    selector: str | None = Field(default=None, min_length=1)
    timeout: PositiveMillis | None = None

    @model_validator(mode="after")
    def _what(self) -> Click:
        if not self.button and self.selector is None:
            raise ValueError('expected {button: true} (the call button) or {selector: "#id"}')
        return self


class ExpectButton(ExpectModel):
    button: bool = Field(description="a call button is shown (true) or not (false) for the current context")
    text: str | None = None


class HostSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    default_im: bool = Field(default=True, description="users have an IM account of the connector's type")


STEPS = (
    *PAGE_STEPS,
    StepSpec("click", Click, f"{RUN}:step_click", doc="click the call button (or an element by selector)"),
    StepSpec("context", Context, f"{RUN}:step_context", doc="show a user's popover, a space or a chat room"),
    StepSpec("incoming", Incoming, f"{RUN}:step_incoming", doc="another user calls the current one"),
    StepSpec("account", Account, f"{RUN}:step_account", doc="a user gets or loses an IM account of this type"),
    StepSpec("button", ExpectButton, f"{RUN}:expect_button", subject=True),
)
HEADER: dict[str, Any] = {
    "user": str | dict[str, Any],
    "provider": str,
    "users": list[dict[str, Any]],
    "spaces": list[dict[str, Any]],
    "rooms": list[dict[str, Any]],
    "settings": dict[str, Any],
    "statuses": dict[str, str],
    "context": Context,
    "host": HostSettings,
}
HEADER_DOCS = {
    "user": "the id of the user the page is shown to (default john)",
    "provider": "the provider whose call button the page shows, when the add-on declares several (default the first)",
    "users": "the users: [{id, firstName, lastName, imAccounts?}]",
    "spaces": "the spaces: [{id, title, members}]",
    "rooms": "the chat rooms: [{id, title, members}]",
    "settings": "settings the previewed provider's configure() gets over those built from its sources ({name: value}, "
                "or {<type>: {name: value}} for another provider)",
    "statuses": "user id -> presence status",
    "context": "the context shown at start: {type: user|space|chat_room, id}",
    "host": "{default_im: users have an IM account of the connector's type (default true)}",
}


def vocabulary(_project=None) -> Vocabulary:
    return Vocabulary.of(STEPS, HEADER, HEADER_DOCS)
