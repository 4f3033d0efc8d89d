"""Pydantic models of an XCALLY Motion App Zone `manifest.json` (field names are the JSON keys)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from workbench.targets.xcally.shapes import PLUGIN_TYPES, SIDEBAR_VALUES  # noqa: F401  (re-exported for forms)

_CONFIG = ConfigDict(extra="allow", validate_assignment=True, strict=True)


def _refuse_null(*fields: str, what: str):
    """A before-validator for optional fields: leaving one out is fine, an explicit null is refused."""
    def check(cls, value: Any) -> Any:
        if value is None:
            raise ValueError(f"must be {what} when present")
        return value

    return field_validator(*fields, mode="before")(classmethod(check))


class XcallyAuthor(BaseModel):
    """`author`: who supports the plugin."""

    model_config = _CONFIG
    name: str | None = None
    email: str | None = None
    website: str | None = None

    _no_null = _refuse_null("name", "email", "website", what="a string")


class HtmlViews(BaseModel):
    """`parameters.views`: the page shown on the admin and/or agent side (a URL or an html file in the zip)."""

    model_config = _CONFIG
    admin: str | None = Field(default=None, min_length=1)
    agent: str | None = Field(default=None, min_length=1)

    _no_null = _refuse_null("admin", "agent", what="a string")

    @model_validator(mode="after")
    def _one_side(self) -> HtmlViews:
        if self.admin is None and self.agent is None:
            raise ValueError("views needs `admin` and/or `agent`")
        return self


class ScriptParameters(BaseModel):
    """`parameters` of a script plugin: the Node.js launcher and its process name."""

    model_config = _CONFIG
    scriptName: str = Field(min_length=1)
    scriptPath: str = Field(min_length=1)
    views: HtmlViews | None = None  # a script plugin may carry its own admin page

    _no_null = _refuse_null("views", what="an object")


class HtmlParameters(BaseModel):
    """`parameters` of an html plugin."""

    model_config = _CONFIG
    views: HtmlViews


class XcallyManifest(BaseModel):
    """`manifest.json` at the root of the plugin zip."""

    model_config = _CONFIG
    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    description: str
    author: XcallyAuthor | None = None
    type: Literal[PLUGIN_TYPES]
    sidebar: Literal[SIDEBAR_VALUES] = "always"
    icon: str = Field(default="icon-apps", min_length=1)
    parameters: ScriptParameters | HtmlParameters

    _author_not_null = _refuse_null("author", what="an object")

    @field_validator("parameters", mode="before")
    @classmethod
    def _parameters_for_type(cls, value: Any, info: ValidationInfo) -> Any:
        # The shape of `parameters` depends on `type` (validated just before, since it is declared first).
        kind = info.data.get("type")
        if kind == "script":
            return ScriptParameters.model_validate(value)
        if kind == "html":
            return HtmlParameters.model_validate(value)
        if not isinstance(value, dict):
            raise ValueError("parameters must be an object")
        return value
