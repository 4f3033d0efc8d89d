"""Pydantic models of the Pexip files (field names are the JSON keys): the single source of their shapes.

The window's forms are built from them and resources/schemas/pexip-*.schema.json is generated from them
(`workbench schemas --generate`). Types are strict (no "true" -> True coercion) because the browser's JSON.parse does
not coerce either. Unknown keys are kept: real files carry them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr, create_model

from workbench.targets.pexip.shapes import MENU_LOCATIONS, PLATFORMS, ROLES

Platform = Literal[PLATFORMS]
Role = Literal[ROLES]
_CONFIG = ConfigDict(extra="allow", strict=True, validate_assignment=True)


class MenuItem(BaseModel):
    """One button or menu entry."""

    model_config = _CONFIG
    icon: StrictStr | None = Field(None, description="<file>.svg#<id>, relative to the package file; null when set "
                                                      "through state.")
    label: StrictStr | None = Field(None, description="Text of the item; null when set through state.")
    action: StrictStr = Field(min_length=1, description="A key of the object passed to registerPlugin.")


# Where the plugin appears: one optional list per menu location the app knows.
MenuItems = create_model(
    "MenuItems", __config__=_CONFIG, __doc__="Where the plugin appears: at most one of "
    f"{', '.join(MENU_LOCATIONS)}; {{}} for a plugin that only listens.",
    **{loc: (list[MenuItem] | None, None) for loc in MENU_LOCATIONS})


class PluginPackage(BaseModel):
    """A plugin's package file: what the web app reads before it loads the plugin's source."""

    model_config = _CONFIG | ConfigDict(title="Pexip Infinity Connect plugin package file (<name>.plugin.package.json)")
    id: StrictStr = Field(min_length=1, description="Same id as in settings.json and registerPlugin({id}).")
    name: StrictStr | None = Field(None, description="Shown under Settings > Plugin.")
    description: StrictStr | None = Field(None, description="Shown under Settings > Plugin.")
    # A number in every real file; a string is tolerated (the validator warns).
    version: StrictInt | StrictFloat | StrictStr | None = Field(None, description="A number such as 1.0.")
    srcURL: StrictStr = Field(min_length=1, description="The plugin source file, relative to this file.")
    allowUnload: StrictBool | None = Field(None, description="Whether users may disable the plugin.")
    platforms: list[Platform] | None = Field(None, description="Where the plugin is offered (all when absent).")
    participantRoles: list[Role] | None = Field(None, description="To whom the plugin is offered (all when absent).")
    menuItems: MenuItems | None = None


class SettingsPluginEntry(BaseModel):
    """One entry of settings.json's `plugins` list."""

    model_config = _CONFIG
    id: StrictStr = Field(min_length=1, description="Same id as in the package file and registerPlugin.")
    srcURL: StrictStr = Field(min_length=1, description="The plugin package file, relative to settings.json.")
    enabled: StrictBool | None = Field(None, description="Loaded by default when true.")


class Settings(BaseModel):
    """The web app's settings in a branding package; other app settings are kept as they are."""

    model_config = _CONFIG | ConfigDict(title="Pexip Infinity Connect web app settings.json (branding package)")
    plugins: list[SettingsPluginEntry] | None = Field(None, description="The plugins the app offers, in order.")


class BrandingManifest(BaseModel):
    """The manifest of a branding package."""

    model_config = _CONFIG | ConfigDict(title="Pexip Infinity Connect web app branding manifest.json")
    brandingID: StrictStr | None = Field(None, description="Digits (a millisecond timestamp); change it on every "
                                                           "upload.")
    isSettingsBranded: StrictBool | None = Field(None, description="Must be true, or settings.json and the plugins "
                                                                   "are ignored.")
    isWatermarkBranded: StrictBool | None = None
    isStylesBranded: StrictBool | None = None


# Schema file name -> the model it is generated from (the Target's SCHEMA_MODELS).
MODEL_OF_SCHEMA = {
    "pexip-settings.schema.json": Settings,
    "pexip-branding-manifest.schema.json": BrandingManifest,
    "pexip-plugin-package.schema.json": PluginPackage,
}
