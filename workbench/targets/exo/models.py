"""Pydantic model of an eXo connector's provider settings (the provider-configuration properties)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator, model_validator


class ProviderSettings(BaseModel):
    """The `provider-configuration` properties: `active`, `description`, plus free connector settings (text)."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)
    active: bool = True
    description: str = ""

    @field_validator("active", mode="before")
    @classmethod
    def _boolean_text(cls, value: Any) -> Any:
        # XML carries text: only the words eXo's Boolean.parseBoolean users write, not pydantic's lax forms.
        if isinstance(value, bool):
            return value
        if value in ("true", "false"):
            return value == "true"
        raise ValueError("active must be true or false")

    @field_validator("description", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError("description must be text")
        return value

    @model_validator(mode="after")
    def _settings_are_text(self) -> ProviderSettings:
        for key, value in (self.model_extra or {}).items():
            if not isinstance(value, str):
                raise ValueError(f"setting {key!r} must be text, as in the XML")
        return self

    def to_properties(self) -> dict[str, str]:
        """The settings as the XML's property values."""
        out = {"active": "true" if self.active else "false", "description": self.description}
        out.update({k: str(v) for k, v in (self.model_extra or {}).items()})
        return out
