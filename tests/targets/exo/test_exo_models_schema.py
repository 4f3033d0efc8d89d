"""The provider-settings JSON Schema and the pydantic model accept and reject the same documents."""

import pytest
from schemamodel import assert_both_accept, assert_both_reject, check_schema

from workbench.targets.exo import TARGET
from workbench.targets.exo.models import ProviderSettings

VALID = [
    {},
    {"active": "true", "description": "Video calls"},
    {"active": "false"},
    {"active": True, "acme-serviceUrl": "https://meet.acme.example", "acme-clientId": ""},
]
INVALID = [
    {"active": "yes"},
    {"active": "TRUE"},
    {"active": 1},
    {"description": 3},
    {"acme-port": 8443},
    {"acme-clientId": None},
]


def schema():
    return TARGET.schemas()["exo-provider-settings.schema.json"]


def test_schema_is_valid_draft_2020_12():
    check_schema(schema())


@pytest.mark.parametrize("doc", VALID)
def test_valid_for_both(doc):
    assert_both_accept(schema(), ProviderSettings, doc)


@pytest.mark.parametrize("doc", INVALID)
def test_invalid_for_both(doc):
    assert_both_reject(schema(), ProviderSettings, doc)


def test_sample_settings_round_trip_to_xml_values():
    from testpaths import SAMPLES

    from workbench.targets.exo.connector import read_connector
    info = read_connector(TARGET.detect(SAMPLES / "exo-connector"))
    settings = ProviderSettings.model_validate(info.settings)
    assert settings.active is True
    assert settings.to_properties() == info.settings
