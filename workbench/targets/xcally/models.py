"""Pydantic models of an XCALLY Motion App Zone `manifest.json` (field names are the JSON keys): the single source of
its shape. The window's form is built from them and resources/schemas/xcally-manifest.schema.json is generated from
them (`workbench schemas --generate`); the validator, which loads no pydantic, reads the required keys there.

An optional key declared `x: T = Field(None)` may be left out but not written as null (the schema says the same).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from workbench.targets.xcally.shapes import DEFAULT_ICON, DEFAULT_SIDEBAR, PLUGIN_TYPES, ROLES, SIDEBAR_VALUES

_CONFIG = ConfigDict(extra="allow", validate_assignment=True, strict=True)


class XcallyAuthor(BaseModel):
    """Who supports the plugin."""

    model_config = _CONFIG
    name: str = Field(None)
    email: str = Field(None)
    website: str = Field(None)


class HtmlViews(BaseModel):
    """The page shown on the admin and/or agent side (a URL or an html file in the zip)."""

    # At least one side: the schema says it as one `required` per side.
    model_config = _CONFIG | ConfigDict(json_schema_extra={"anyOf": [{"required": [side]} for side in ROLES]})
    admin: str = Field(None, min_length=1, description="URL or html file shown on the admin side.")
    agent: str = Field(None, min_length=1, description="URL or html file shown on the agent side.")

    @model_validator(mode="after")
    def _one_side(self) -> HtmlViews:
        if all(getattr(self, side) is None for side in ROLES):
            raise ValueError("views needs `admin` and/or `agent`")
        return self


class ScriptParameters(BaseModel):
    """`parameters` of a script plugin: the Node.js launcher and its process name."""

    model_config = _CONFIG
    scriptName: str = Field(min_length=1, description="Process name of the Node.js app.")
    scriptPath: str = Field(min_length=1, description="Launcher path inside the zip.")
    views: HtmlViews = Field(None)  # a script plugin may carry its own admin page


class HtmlParameters(BaseModel):
    """`parameters` of an html plugin."""

    model_config = _CONFIG
    views: HtmlViews


# `type` -> the shape of `parameters` (in the order of the `parameters` annotation below).
PARAMETERS_OF_TYPE: dict[str, type[BaseModel]] = {"script": ScriptParameters, "html": HtmlParameters}


def _parameters_follow_type(schema: dict[str, Any]) -> None:
    """The schema of `parameters` chosen by `type` (if/then), as the validator below does, not "either shape"."""
    parameters = schema["properties"]["parameters"]
    options = parameters.pop("anyOf")
    parameters["type"] = "object"
    schema["allOf"] = [{"if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
                        "then": {"properties": {"parameters": option}}}
                       for kind, option in zip(PARAMETERS_OF_TYPE, options, strict=True)]


class XcallyManifest(BaseModel):
    """The manifest at the root of an App Zone plugin zip. Extra keys are allowed."""

    model_config = _CONFIG | ConfigDict(title="XCALLY Motion App Zone plugin manifest.json",
                                        json_schema_extra=_parameters_follow_type)
    name: str = Field(min_length=1, description="Name of the plugin.")
    version: str = Field(min_length=1, description="Version, semver such as 1.0.0.")
    description: str = Field(description="What the plugin does.")
    author: XcallyAuthor = Field(None)
    type: Literal[PLUGIN_TYPES] = Field(description="script: a Node.js app launched from the zip; html: a URL or an "
                                                    "html page.")
    sidebar: Literal[SIDEBAR_VALUES] = Field(DEFAULT_SIDEBAR, description="Where the plugin appears in the sidebar.")
    icon: str = Field(DEFAULT_ICON, min_length=1, description=f"A Motion icon name (icon-*); only {DEFAULT_ICON} is "
                                                              "confirmed.")
    parameters: ScriptParameters | HtmlParameters = Field(description="What the plugin runs: follows `type`.")

    @field_validator("parameters", mode="before")
    @classmethod
    def _parameters_for_type(cls, value: Any, info: ValidationInfo) -> Any:
        # The shape of `parameters` depends on `type` (validated just before, since it is declared first).
        model = PARAMETERS_OF_TYPE.get(info.data.get("type"))
        if model is not None:
            return model.model_validate(value)
        if not isinstance(value, dict):
            raise ValueError("parameters must be an object")
        return value


MODEL_OF_SCHEMA = {"xcally-manifest.schema.json": XcallyManifest}
