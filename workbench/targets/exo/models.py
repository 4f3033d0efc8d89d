"""Pydantic model of an eXo connector's provider settings (the provider-configuration properties): the single source
of their shape. The settings form checks the XML's values with it, the run time reads them through it, and
resources/schemas/exo-provider-settings.schema.json is generated from it (`workbench schemas --generate`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictStr, ValidationError

from workbench.targets.exo.connector import ACTIVE_VALUES, reads_active


def _boolean_text(value: Any) -> Any:
    # XML carries text: only the two words, not pydantic's lax forms ("yes", 1...), which eXo reads as false.
    if isinstance(value, bool):
        return value
    if value in ACTIVE_VALUES:
        return value == "true"
    raise ValueError("must be true or false (eXo reads any other word as false)")


SETTING_HELP = "A connector setting (service URL, client id...)."
ActiveText = Annotated[bool, BeforeValidator(_boolean_text, json_schema_input_type=bool | Literal[ACTIVE_VALUES])]
Setting = Annotated[StrictStr, Field(description=SETTING_HELP)]


class ProviderSettings(BaseModel):
    """The properties of the `provider-configuration` properties-param in WEB-INF/conf/<type>/configuration.xml, with
    ${name:default} placeholders resolved. Every value is text in the XML; connector settings are free."""

    model_config = ConfigDict(extra="allow", validate_assignment=True, title="eXo Web Conferencing provider settings")
    __pydantic_extra__: dict[str, Setting] = Field(init=False)  # the connector's own settings: text, as in the XML
    active: ActiveText = Field(True, description="Whether the provider is active (true or false).")
    description: StrictStr = Field("", description="Description shown to administrators.")

    @classmethod
    def as_exo_reads(cls, properties: dict[str, str]) -> ProviderSettings:
        """The properties as eXo's CallProvider reads them, never refused: `active` is false for any word but true."""
        return cls.model_validate({**properties, "active": reads_active(properties.get("active"))})

    @classmethod
    def problem(cls, properties: dict[str, str]) -> str | None:
        """What is wrong with the properties as written (the first problem, said for a person), None when fine."""
        try:
            cls.model_validate(properties)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(p) for p in error["loc"])
            return f"`{where}`: {error['msg'].removeprefix('Value error, ')}"
        return None

    @classmethod
    def field_help(cls, name: str) -> str:
        """What a property is for: the model's description of it, or the connector settings' one."""
        known = cls.model_fields.get(name)
        return known.description or "" if known is not None else SETTING_HELP

    def to_properties(self) -> dict[str, str]:
        """The settings as the XML's property values."""
        out = {"active": "true" if self.active else "false", "description": self.description}
        out.update({k: str(v) for k, v in (self.model_extra or {}).items()})
        return out


MODEL_OF_SCHEMA = {"exo-provider-settings.schema.json": ProviderSettings}
