"""The Web App 3 scenario vocabulary: plugin buttons, forms, prompts, toasts, widgets and app events (Qt-free)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbench.core.conference import FAIL_DIAL
from workbench.core.conference.steps import CONFERENCE_HEADER, CONFERENCE_HEADER_DOCS, CONFERENCE_STEPS, FailDial
from workbench.core.page_step_specs import PAGE_STEPS
from workbench.core.steps import ExpectModel, PositiveMillis, StepModel, StepSpec, Vocabulary

RUN = "workbench.targets.webapp3.runtime.steps"
Position = Literal["toolbar", "participantActions", "settingsMenu"]


class Click(StepModel):
    """A plugin button by its tooltip (toolbar) or label ({button, position?, participant?, group?}), or any element
    ({selector})."""

    selector: str | None = Field(default=None, min_length=1)
    button: str | None = Field(default=None, description="the tooltip of a toolbar button, or a menu item's label")
    position: Position | None = None
    participant: str | None = Field(default=None, description="uuid or name, for participantActions")
    group: str | None = Field(default=None, description="the tooltip (or id) of an item of the button's group")
    plugin: str | None = None
    timeout: PositiveMillis | None = None

    @model_validator(mode="after")
    def _what(self) -> Click:
        if (self.selector is None) == (self.button is None):
            raise ValueError('expected {button: "<tooltip or label>"} or {selector: "#id"}')
        if self.position == "participantActions" and self.participant is None:
            raise ValueError("a participantActions button needs `participant` (a uuid or a name)")
        return self


class Submit(StepModel):
    form: str | None = Field(default=None, description="the form's title (default: the form that is open)")
    values: dict[str, Any] = Field(default_factory=dict, description="by field id or name: text, a number, an "
                                                                     "option id, or a list of checklist ids")
    timeout: PositiveMillis | None = None


class Answer(StepModel):
    prompt: str | None = Field(default=None, description="the prompt's title (default: the prompt that is open)")
    action: str = Field(description="the text of the button to press (primaryAction or secondaryAction)")
    timeout: PositiveMillis | None = None


class Close(StepModel):
    form: str | None = None
    prompt: str | None = None
    widget: str | None = Field(default=None, description="a widget's title: its header's close button")
    timeout: PositiveMillis | None = None

    @model_validator(mode="after")
    def _one(self) -> Close:
        if sum(v is not None for v in (self.form, self.prompt, self.widget)) != 1:
            raise ValueError("say what to close: {form: title}, {prompt: title} or {widget: title}")
        return self


class AppEvent(StepModel):
    name: str = Field(min_length=1, description="an event of the app (e.g. languageSelect, applicationMessage, "
                                                "transfer) or a raw `event:...` name")
    payload: Any = None
    plugin: str | None = None


class ButtonRef(StepModel):
    text: str = Field(description="tooltip (toolbar) or label")
    position: Position | None = None
    participant: str | None = None
    plugin: str | None = None


class ExpectButton(ExpectModel):
    button: ButtonRef | str
    present: bool = True
    active: bool | None = None
    badge: bool | None = None
    icon: str | None = None
    visible: bool | None = Field(default=None, description="false: added but hidden (roles, inMeetingOnly)")


class ExpectForm(ExpectModel):
    form: str | bool | None = Field(description="a title: that form is open; true: any; false/null: none")
    fields: list[str] | None = None


class ExpectPrompt(ExpectModel):
    prompt: str | bool | None
    actions: list[str] | None = None


class ExpectToast(ExpectModel):
    toast: str = Field(description="a toast containing this text was shown")
    danger: bool | None = None
    showing: bool | None = Field(default=None, description="true: it is on screen now")


class WidgetRef(StepModel):
    title: str
    visible: bool | None = None
    type: Literal["sidePanel", "floating"] | None = None


class ExpectWidget(ExpectModel):
    widget: WidgetRef | str
    present: bool = True


class ExpectPopup(ExpectModel):
    popup: str = Field(description="a popup was opened whose URL contains this text")


class HostSettings(BaseModel):
    """The `host:` mapping of a Web App 3 scenario: settings where the app's behaviour is not documented."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    fail_dial: FailDial = FAIL_DIAL
    build: Literal["auto", "never"] = Field(default="auto", description="build a plugin project when stale")


STEPS = (
    *PAGE_STEPS,
    *CONFERENCE_STEPS,
    StepSpec("click", Click, f"{RUN}:step_click", doc="click a plugin button (by tooltip or label) or an element"),
    StepSpec("submit", Submit, f"{RUN}:step_submit", doc="fill a plugin form's fields and submit it"),
    StepSpec("answer", Answer, f"{RUN}:step_answer", doc="press one of a plugin prompt's buttons"),
    StepSpec("close", Close, f"{RUN}:step_close", doc="close a form, prompt or widget with its × button"),
    StepSpec("event", AppEvent, f"{RUN}:step_event", doc="the app sends plugins an event (payload as typed)"),
    StepSpec("button", ExpectButton, f"{RUN}:expect_button", subject=True),
    StepSpec("form", ExpectForm, f"{RUN}:expect_form", subject=True),
    StepSpec("prompt", ExpectPrompt, f"{RUN}:expect_prompt", subject=True),
    StepSpec("toast", ExpectToast, f"{RUN}:expect_toast", subject=True),
    StepSpec("widget", ExpectWidget, f"{RUN}:expect_widget", subject=True),
    StepSpec("popup", ExpectPopup, f"{RUN}:expect_popup", subject=True),
)
HEADER: dict[str, Any] = {
    **CONFERENCE_HEADER,
    "plugin": str,
    "role": Literal["chair", "guest"],
    "sandbox": list[str],
    "host": HostSettings,
}
HEADER_DOCS = {
    **CONFERENCE_HEADER_DOCS,
    "plugin": "plugin id (the default plugin of steps); optional when the project has one plugin",
    "role": "the local user's role: chair (host) | guest (default chair)",
    "sandbox": "sandboxValues to give the plugin instead of the manifest's (or the Vite config's)",
    "host": "{fail_dial: regex of aliases whose dial-out fails, build: auto | never}",
}


def vocabulary(_project=None) -> Vocabulary:
    return Vocabulary.of(STEPS, HEADER, HEADER_DOCS)
