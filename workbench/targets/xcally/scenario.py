"""XCALLY App Zone's scenario vocabulary: the plugin process, its HTTP server and the admin/agent views (Qt-free)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from workbench.core.page_step_specs import PAGE_STEPS
from workbench.core.steps import ExpectModel, StepModel, StepSpec, Vocabulary
from workbench.targets.xcally.shapes import ROLES

RUN = "workbench.targets.xcally.runtime.steps"


class HttpProbe(StepModel):
    path: str = "/"
    status: int = Field(default=200, ge=100, le=599)
    text: str | None = None


class ExpectProcess(ExpectModel):
    process: Literal["running", "stopped", "waiting-restart"]


class ExpectHttp(ExpectModel):
    http: str | HttpProbe = Field(description="a path, or {path, status, text}: GET from the plugin's server")
    text: str | None = None


class ExpectView(ExpectModel):
    view: Literal[ROLES]
    text: str | None = Field(default=None, description="text the view shows")


class HostSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    node: str | None = Field(default=None, description="the node executable (default: node on PATH)")


_BARE = dict(model=type(None), bare=True)
STEPS = (
    *PAGE_STEPS,
    StepSpec("start", run=f"{RUN}:step_start", doc="start the script plugin as App Zone's start does", **_BARE),
    StepSpec("stop", run=f"{RUN}:step_stop", doc="stop the plugin's whole process tree", **_BARE),
    StepSpec("restart", run=f"{RUN}:step_restart", doc="stop, then start again", **_BARE),
    StepSpec("kill", run=f"{RUN}:step_kill", doc="the process dies (SIGKILL): the restart policy applies", **_BARE),
    StepSpec("process", ExpectProcess, f"{RUN}:expect_process", subject=True),
    StepSpec("http", ExpectHttp, f"{RUN}:expect_http", subject=True),
    StepSpec("view", ExpectView, f"{RUN}:expect_view", subject=True),
)
HEADER: dict[str, Any] = {
    "env": dict[str, str],
    "restart_delay": Annotated[float, Field(ge=0, le=3600, allow_inf_nan=False)],
    "autostart": bool,
    "view": Literal[ROLES],
    "host": HostSettings,
}
HEADER_DOCS = {
    "env": "environment variables of the plugin process (XC_PLUGIN_RESTART, your API addresses...)",
    "restart_delay": "seconds before a restart, overriding XC_PLUGIN_RESTART_DELAY for development",
    "autostart": "start the script plugin with the session (default true)",
    "view": "the view the frame shows at start: admin | agent",
    "host": "{node: path of the node executable}",
}


def vocabulary(_project=None) -> Vocabulary:
    return Vocabulary.of(STEPS, HEADER, HEADER_DOCS)
