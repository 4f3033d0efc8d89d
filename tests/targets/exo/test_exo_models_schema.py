"""The provider-settings schema generated from the model accepts the sample's settings, says where a value has the
wrong type, and accepts and rejects the same documents as the model; the run time reads `active` as eXo does."""

import pytest
from schemamodel import agreement_tests, errors_at

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


test_valid_for_both, test_invalid_for_both = agreement_tests(schema, ProviderSettings, VALID, INVALID)


def test_sample_settings_round_trip_to_xml_values():
    from testpaths import SAMPLES

    from workbench.targets.exo.connector import read_connector
    info = read_connector(TARGET.detect(SAMPLES / "exo-connector"))
    settings = ProviderSettings.model_validate(info.settings)
    assert settings.active is True
    assert settings.to_properties() == info.settings


@pytest.mark.parametrize("doc, where", [
    ({"acme-port": 8443}, ("acme-port",)),
    ({"description": ["a"]}, ("description",)),
])
def test_a_wrongly_typed_value_is_refused_where_it_is(doc, where):
    assert errors_at(schema(), doc) == [(where, "type")]


def test_the_sample_settings_match_the_schema():
    from testpaths import SAMPLES

    from workbench.targets.exo.connector import read_connector
    settings = read_connector(TARGET.detect(SAMPLES / "exo-connector")).settings
    assert len(settings) > 2 and errors_at(schema(), settings) == []


@pytest.mark.parametrize("written, active", [("true", True), ("TRUE", True), (" false ", False), ("yes", False),
                                             (None, True)])
def test_active_is_read_as_eXo_reads_it(written, active):
    """CallProvider: Boolean.valueOf(config.getOrDefault("active", "true")): only the word true (any case) is true."""
    properties = {"acme-url": "https://x"} | ({} if written is None else {"active": written})
    assert ProviderSettings.as_exo_reads(properties).active is active


def test_a_problem_is_said_for_the_property():
    assert ProviderSettings.problem({"active": "yes"}) == "`active`: must be true or false (eXo reads any other word " \
                                                         "as false)"
    assert ProviderSettings.problem({"acme-port": "8443"}) is None
