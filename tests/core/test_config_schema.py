"""Every JSON Schema has its stable `$id`; the workbench.toml schema and its reader accept the same documents."""

from __future__ import annotations

import json
import tomllib

import jsonschema
import pytest

from workbench.core.config_reader import parse_config
from workbench.core.paths import SCHEMA_BASE_URL, SCHEMAS

CONFIG_SCHEMA = json.loads((SCHEMAS / "workbench-config.schema.json").read_text())


def test_every_schema_has_a_stable_id_named_after_its_file():
    files = sorted(SCHEMAS.glob("*.schema.json"))
    assert len(files) >= 6
    for path in files:
        schema = json.loads(path.read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"] == SCHEMA_BASE_URL + path.name


ACCEPTED = [
    "",
    '[rules]\noff = ["PEX030"]\nseverity = { PEX031 = "error", XC022 = "info" }\n',
    '[scenarios]\nfolder = "tests/scenarios"\n[network]\nallow_hosts = ["api.example.com", "cdn.example"]\n',
    '[export]\noutput = "dist"\nexclude = ["docs/"]\ninclude = ["node_modules/left-pad/"]\n',
    '[[suppress]]\nfile = "webapp2/settings.json"\ncode = "PEX012"\nline = 4\nreason = "why"\n',
]
REJECTED = [
    "[rule]\n",
    '[rules]\noff = "PEX030"\n',
    '[rules]\nseverity = { PEX031 = "fatal" }\n',
    '[scenarios]\nfolder = "/abs"\n',
    '[scenarios]\nfolder = "../up"\n',
    '[network]\nallow_hosts = ["https://api.example.com"]\n',
    '[network]\nallow_hosts = ["*.example.com"]\n',
    '[export]\noutput = 3\n',
    '[[suppress]]\nfile = "a.json"\n',
    '[[suppress]]\nfile = "a.json"\ncode = "PEX012"\nline = 0\n',
    '[[suppress]]\nfile = "a.json"\ncode = "PEX012"\ncolour = "red"\n',
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_schema_and_reader_accept(text):
    jsonschema.Draft202012Validator(CONFIG_SCHEMA).validate(tomllib.loads(text))
    assert parse_config(text).problems == ()


@pytest.mark.parametrize("text", REJECTED)
def test_schema_and_reader_reject(text):
    assert list(jsonschema.Draft202012Validator(CONFIG_SCHEMA).iter_errors(tomllib.loads(text)))
    assert parse_config(text).problems
