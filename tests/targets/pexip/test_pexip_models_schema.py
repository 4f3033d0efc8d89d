"""The Pexip schemas generated from the models accept the samples, say where a value has the wrong type, and accept
and reject the same documents as the models (and the validator's fast path never calls a wrong one right)."""

import json

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError
from schemamodel import errors_at
from testpaths import SAMPLES

from workbench.core.paths import SCHEMAS
from workbench.targets.pexip.models import MODEL_OF_SCHEMA, BrandingManifest, PluginPackage, Settings
from workbench.targets.pexip.schema_rules import quick_valid

PACKAGE = {"id": "rec-1.0", "name": "rec", "description": "d", "version": 1.0, "srcURL": "rec.plugin.js",
           "allowUnload": True, "platforms": ["web", "electron", "ios", "android"], "participantRoles": ["chair"],
           "menuItems": {"toolbar": [{"icon": None, "label": None, "action": "record"}]}}

# (schema file, document, valid?)
EXAMPLES = [
    ("pexip-plugin-package.schema.json", PACKAGE, True),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "version": 2}, True),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "version": "1.0"}, True),  # tolerated, the rules warn
    ("pexip-plugin-package.schema.json", {**PACKAGE, "configuration": {"a": 1}}, True),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "menuItems": {}}, True),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "menuItems": {"participants": [{"icon": None, "action": "m"}]}},
     True),
    ("pexip-plugin-package.schema.json", {"id": "x", "srcURL": "x.js"}, True),
    ("pexip-plugin-package.schema.json", {k: v for k, v in PACKAGE.items() if k != "id"}, False),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "srcURL": ""}, False),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "version": True}, False),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "allowUnload": "true"}, False),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "platforms": ["web", "linux"]}, False),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "participantRoles": "chair"}, False),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "menuItems": {"toolbar": [{"icon": None}]}}, False),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "menuItems": {"toolbar": {"action": "a"}}}, False),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "menuItems": {"toolbar": [{"action": "a", "label": 3}]}}, False),
    ("pexip-plugin-package.schema.json", [PACKAGE], False),
    ("pexip-settings.schema.json", {"plugins": [{"id": "a", "srcURL": "p/a.plugin.package.json", "enabled": True}]},
     True),
    ("pexip-settings.schema.json", {"language": "en", "plugins": []}, True),
    ("pexip-settings.schema.json", {}, True),
    ("pexip-settings.schema.json", {"plugins": [{"id": "a", "srcURL": "x", "enabled": "yes"}]}, False),
    ("pexip-settings.schema.json", {"plugins": [{"srcURL": "x"}]}, False),
    ("pexip-settings.schema.json", {"plugins": {"id": "a"}}, False),
    ("pexip-settings.schema.json", {"plugins": [{"id": "", "srcURL": "x"}]}, False),
    ("pexip-branding-manifest.schema.json", {"brandingID": "1521829718679", "isSettingsBranded": True,
                                             "isWatermarkBranded": False, "isStylesBranded": False}, True),
    ("pexip-branding-manifest.schema.json", {"brandingID": "1", "extra": [1]}, True),
    ("pexip-branding-manifest.schema.json", {"brandingID": 1521829718679}, False),
    ("pexip-branding-manifest.schema.json", {"isSettingsBranded": "true"}, False),
    ("pexip-branding-manifest.schema.json", {"isSettingsBranded": 1}, False),
    ("pexip-branding-manifest.schema.json", "manifest", False),
]


@pytest.mark.parametrize("schema_name, document, valid", EXAMPLES)
def test_schema_and_model_agree(schema_name, document, valid):
    schema = json.loads((SCHEMAS / schema_name).read_text())
    Draft202012Validator.check_schema(schema)
    schema_ok = Draft202012Validator(schema).is_valid(document)
    try:
        MODEL_OF_SCHEMA[schema_name].model_validate(document)
        model_ok = True
    except ValidationError:
        model_ok = False
    assert (schema_ok, model_ok) == (valid, valid)
    # the validator's fast path never calls an invalid document valid (it may only defer to jsonschema)
    assert quick_valid(schema, document, schema) in (valid, None)


def test_models_keep_json_keys_and_extra_keys():
    pkg = PluginPackage.model_validate({**PACKAGE, "configuration": {"a": 1}})
    assert pkg.menuItems.toolbar[0].action == "record"
    assert pkg.model_dump(exclude_unset=True) == {**PACKAGE, "configuration": {"a": 1}}
    assert Settings.model_validate({"plugins": [], "language": "en"}).model_extra == {"language": "en"}
    assert BrandingManifest.model_validate({"brandingID": "12"}).brandingID == "12"


SAMPLE_FILES = {
    "pexip-settings.schema.json": ["pexip-*/webapp2/settings.json", "pexip-typescript/dev-assets/settings.json"],
    "pexip-branding-manifest.schema.json": ["pexip-*/webapp2/manifest.json", "pexip-typescript/dev-assets/manifest.json"],
    "pexip-plugin-package.schema.json": ["pexip-*/webapp2/plugins/*/*.plugin.package.json",
                                         "pexip-typescript/templates/plugin.json"],
}
SAMPLE_CASES = [(name, path) for name, patterns in SAMPLE_FILES.items() for pattern in patterns
                for path in sorted(SAMPLES.glob(pattern))]


def test_every_sample_file_kind_is_found():
    assert {name for name, _ in SAMPLE_CASES} == set(MODEL_OF_SCHEMA) and len(SAMPLE_CASES) >= 10


@pytest.mark.parametrize("schema_name, path", SAMPLE_CASES, ids=lambda v: getattr(v, "name", v))
def test_the_samples_match_their_schema(schema_name, path):
    schema = json.loads((SCHEMAS / schema_name).read_text())
    assert errors_at(schema, json.loads(path.read_text())) == []


@pytest.mark.parametrize("schema_name, document, where", [
    ("pexip-plugin-package.schema.json", {**PACKAGE, "menuItems": {"toolbar": [{"action": "a", "label": 3}]}},
     ("menuItems", "toolbar", 0, "label")),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "menuItems": {"conference": {"action": "a"}}},
     ("menuItems", "conference")),
    ("pexip-plugin-package.schema.json", {**PACKAGE, "allowUnload": "yes"}, ("allowUnload",)),
    ("pexip-settings.schema.json", {"plugins": [{"id": "a", "srcURL": "x", "enabled": "yes"}]},
     ("plugins", 0, "enabled")),
    ("pexip-branding-manifest.schema.json", {"isSettingsBranded": 1}, ("isSettingsBranded",)),
])
def test_a_wrongly_typed_value_is_refused_where_it_is(schema_name, document, where):
    schema = json.loads((SCHEMAS / schema_name).read_text())
    assert errors_at(schema, document) == [(where, "type")]
