"""Pydantic models of the Pexip files, for the window's forms (field names are the JSON keys).

The JSON Schemas in resources/schemas/pexip-*.schema.json describe the same shapes; a test keeps them in agreement.
Types are strict (no "true" -> True coercion) because the browser's JSON.parse does not coerce either. Unknown keys
are kept: real files carry them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

Platform = Literal["web", "electron", "ios", "android"]
Role = Literal["chair", "guest"]
MENU_LOCATIONS = ("toolbar", "conference", "participants")


class _PexipModel(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True, validate_assignment=True)


class MenuItem(_PexipModel):
    """One button or menu entry: `icon` is '<file>.svg#<id>' or null, `label` null when set through state."""

    icon: StrictStr | None = None
    label: StrictStr | None = None
    action: StrictStr = Field(min_length=1)


class MenuItems(_PexipModel):
    """Where the plugin appears: at most one of toolbar, conference, participants (empty for listeners)."""

    toolbar: list[MenuItem] | None = None
    conference: list[MenuItem] | None = None
    participants: list[MenuItem] | None = None


class PluginPackage(_PexipModel):
    """A `<name>.plugin.package.json` file."""

    id: StrictStr = Field(min_length=1)
    name: StrictStr | None = None
    description: StrictStr | None = None
    # A number in every real file; a string is tolerated (the validator warns).
    version: StrictInt | StrictFloat | StrictStr | None = None
    srcURL: StrictStr = Field(min_length=1)
    allowUnload: StrictBool | None = None
    platforms: list[Platform] | None = None
    participantRoles: list[Role] | None = None
    menuItems: MenuItems | None = None


class SettingsPluginEntry(_PexipModel):
    """One entry of settings.json's `plugins` list."""

    id: StrictStr = Field(min_length=1)
    srcURL: StrictStr = Field(min_length=1)
    enabled: StrictBool | None = None


class Settings(_PexipModel):
    """settings.json of a branding package (other app settings are kept as extra keys)."""

    plugins: list[SettingsPluginEntry] | None = None


class BrandingManifest(_PexipModel):
    """manifest.json of a branding package."""

    brandingID: StrictStr | None = None
    isSettingsBranded: StrictBool | None = None
    isWatermarkBranded: StrictBool | None = None
    isStylesBranded: StrictBool | None = None


MODEL_OF_SCHEMA = {
    "pexip-settings.schema.json": Settings,
    "pexip-branding-manifest.schema.json": BrandingManifest,
    "pexip-plugin-package.schema.json": PluginPackage,
}
