"""The steps every host with a page shares: wait, click and fill by selector, and the page expectations."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from workbench.core.steps import ExpectModel, Millis, PositiveMillis, StepModel, StepSpec

RUN = "workbench.sandbox.session.page_steps"


class SelectorClick(StepModel):
    selector: str = Field(min_length=1, description="a CSS selector; the first match is clicked")
    timeout: PositiveMillis | None = None


class Fill(StepModel):
    selector: str = Field(min_length=1)
    value: str | int | float | bool
    timeout: PositiveMillis | None = None


class ExpectSelector(ExpectModel):
    selector: str = Field(min_length=1, description="an element matching this CSS selector exists")
    text: str | int | float | None = Field(default=None, description="...and one of them contains this text")
    count: int | None = Field(default=None, ge=0, le=100000, description="exactly this many matching elements (with "
                                                                          "`text`: containing it); 0: none is there")


class ExpectNoErrors(ExpectModel):
    no_errors: bool = Field(description="true: no uncaught error so far; false: wait for one")


class ExpectError(ExpectModel):
    error: str = Field(min_length=1, description="an uncaught error whose message or stack contains this text")


class ExpectCall(ExpectModel):
    call: str = Field(min_length=1, description="a host API call by name")
    args: list[Any] | None = Field(default=None, description="a prefix of its arguments (partial match)")
    result: Any = Field(default=None, description="its result (partial match)")
    count: int | None = Field(default=None, ge=0, description="exactly this many matching calls")


class ExpectNavigated(ExpectModel):
    navigated: str = Field(min_length=1, description="the page tried to go to a URL containing this text (the "
                                                     "request is refused and logged; the host page stays)")


PAGE_STEPS = (
    StepSpec("wait", Millis, f"{RUN}:step_wait", doc="let the page run for this many ms"),
    StepSpec("click", SelectorClick, f"{RUN}:step_click", doc="click the first element matching a selector"),
    StepSpec("fill", Fill, f"{RUN}:step_fill", doc="type a value into an input (input and change events)"),
    StepSpec("selector", ExpectSelector, f"{RUN}:expect_selector", subject=True),
    StepSpec("no_errors", ExpectNoErrors, f"{RUN}:expect_no_errors", subject=True),
    StepSpec("error", ExpectError, f"{RUN}:expect_error", subject=True),
    StepSpec("call", ExpectCall, f"{RUN}:expect_call", subject=True),
    StepSpec("navigated", ExpectNavigated, f"{RUN}:expect_navigated", subject=True),
)
