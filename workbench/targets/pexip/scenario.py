"""The Pexip web app's scenario vocabulary: the audience, its plugin items and dialogs, the action stream (Qt-free)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbench.core.conference import FAIL_DIAL
from workbench.core.conference.steps import CONFERENCE_HEADER, CONFERENCE_HEADER_DOCS, CONFERENCE_STEPS, FailDial
from workbench.core.page_step_specs import PAGE_STEPS
from workbench.core.steps import ExpectModel, PositiveMillis, StepModel, StepSpec, Vocabulary
from workbench.targets.pexip.shapes import CONNECT_DELAY_MS, MENU_LOCATIONS, PLATFORMS, ROLES

RUN = "workbench.targets.pexip.runtime.steps"
Location = Literal[MENU_LOCATIONS]


class ItemRef(StepModel):
    """A plugin menu item: where it is, and which (by index among that location's items, or by label)."""

    location: Location
    index: int | None = Field(default=None, ge=0)
    label: str | None = None
    participant: str | None = Field(default=None, description="uuid or name, for participants items")
    plugin: str | None = Field(default=None, description="plugin id (default: the scenario's plugin)")

    @model_validator(mode="after")
    def _participant(self) -> ItemRef:
        if self.location == "participants" and self.participant is None:
            raise ValueError("a participants item needs `participant` (a uuid or a name)")
        return self


class Click(StepModel):
    """A plugin menu item ({location, index|label, participant?, plugin?}) or any element ({selector})."""

    selector: str | None = Field(default=None, min_length=1)
    location: Location | None = None
    index: int | None = Field(default=None, ge=0)
    label: str | None = None
    participant: str | None = None
    plugin: str | None = None
    timeout: PositiveMillis | None = None

    @model_validator(mode="after")
    def _what(self) -> Click:
        if self.selector is None and self.location is None:
            raise ValueError('expected {location: toolbar, index: 0} or {selector: "#id"}')
        if self.location == "participants" and self.participant is None:
            raise ValueError("a participants item needs `participant` (a uuid or a name)")
        return self

    def item(self) -> ItemRef:
        return ItemRef(location=self.location, index=self.index, label=self.label, participant=self.participant,
                       plugin=self.plugin)


class ExpectItem(ExpectModel):
    item: ItemRef
    label: str | None = Field(default=None, description="the label it shows")
    icon: str | None = Field(default=None, description="the icon it shows (a suffix of its URL is enough)")


class ExpectDialog(ExpectModel):
    dialog: str | bool | None = Field(description="a title: that dialog is open; true: any; false/null: none")


class Dispatch(StepModel):
    type: str = Field(min_length=1)
    payload: Any = None


class HostSettings(BaseModel):
    """The `host:` mapping of a Pexip scenario: settings where the app's behaviour is not documented."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    fail_dial: FailDial = FAIL_DIAL
    send_request_callback: Literal["reply", "xhr-event"] = "reply"
    query_params: dict[str, str] = Field(default_factory=dict)
    connect_delay: int = Field(default=CONNECT_DELAY_MS, ge=0, le=600000,
                               description="ms from the plugins being loaded to the call connecting")
    connect: Literal["auto", "manual"] = Field(default="auto", description="manual: the call connects at a "
                                                                           "`connect` step only")


STEPS = (
    *PAGE_STEPS,
    *CONFERENCE_STEPS,
    StepSpec("click", Click, f"{RUN}:step_click", doc="click a plugin menu item (or an element by selector)"),
    StepSpec("dispatch", Dispatch, f"{RUN}:step_dispatch", doc="the app dispatches an action on PEX.actions$"),
    StepSpec("connect", type(None), f"{RUN}:step_connect", bare=True,
             doc="the call connects now (without waiting for host.connect_delay)"),
    StepSpec("disconnect", type(None), f"{RUN}:step_disconnect", bare=True, doc="the local user hangs up"),
    StepSpec("item", ExpectItem, f"{RUN}:expect_item", subject=True),
    StepSpec("dialog", ExpectDialog, f"{RUN}:expect_dialog", subject=True),
)
HEADER: dict[str, Any] = {
    **CONFERENCE_HEADER,
    "plugin": str,
    "role": Literal[ROLES],
    "platform": Literal[PLATFORMS],
    "host": HostSettings,
}
HEADER_DOCS = {
    **CONFERENCE_HEADER_DOCS,
    "plugin": "plugin id; optional when the project has one plugin",
    "role": "the local user's role: chair | guest (default chair)",
    "platform": "web | electron | ios | android (default web)",
    "host": "{fail_dial: regex of aliases whose dial-out fails, send_request_callback: reply | xhr-event, "
            f"query_params: {{...}}, connect_delay: ms (default {CONNECT_DELAY_MS}), connect: auto | manual}}",
}


def vocabulary(_project=None) -> Vocabulary:
    return Vocabulary.of(STEPS, HEADER, HEADER_DOCS)
