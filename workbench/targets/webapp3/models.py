"""Pydantic model of a Web App 3 branding manifest (webapp3/branding/manifest.json; field names are the JSON keys):
the single source of its shape. resources/schemas/webapp3-branding-manifest.schema.json is generated from it
(`workbench schemas --generate`) and the validator, which loads no pydantic, checks manifests against that file.

Keys as branding packages and Pexip's published plugins write them; unknown keys are kept. An optional key declared
`x: T = Field(None)` may be left out but not written as null.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

_CONFIG = ConfigDict(extra="allow", strict=True, validate_assignment=True)


class Meta(BaseModel):
    """What the branding is."""

    model_config = _CONFIG
    name: StrictStr = Field(None)
    brandVersion: StrictStr = Field(None)
    baseColor: StrictStr = Field(None)


class PluginEntry(BaseModel):
    """One plugin the app loads."""

    model_config = _CONFIG
    id: StrictStr = Field(None, min_length=1, description="Must equal the id the plugin passes to registerPlugin "
                                                          "(widgets need it since Infinity v37).")
    src: StrictStr = Field(min_length=1, description="The plugin's page, relative to manifest.json "
                                                     "(./plugins/<id>/index.html), or a URL during development.")
    sandboxValues: list[StrictStr] = Field(None, description="Values added to the iframe's sandbox (allow-scripts is "
                                                             "always there); others are ignored.")


class BrandingManifest(BaseModel):
    """Keys as branding packages and Pexip's published plugins write them; other keys are kept as they are."""

    model_config = _CONFIG | ConfigDict(title="Pexip Web App 3 branding manifest.json "
                                              "(webapp3/branding/manifest.json)")
    version: StrictInt | StrictFloat = Field(None, description="Version of the manifest format (0 in Pexip's "
                                                               "packages).")
    meta: Meta = Field(None)
    brandName: StrictStr = Field(None)
    images: dict[str, Any] = Field(None)
    translations: dict[str, Any] = Field(None)
    applicationConfig: dict[str, Any] = Field(None)
    defaultUserConfig: dict[str, Any] = Field(None)
    colorPalette: list[StrictStr] = Field(None)
    plugins: list[PluginEntry] = Field(None, description="The plugins the app loads, each in an <iframe sandbox> of "
                                                         "its own.")


MODEL_OF_SCHEMA = {"webapp3-branding-manifest.schema.json": BrandingManifest}
