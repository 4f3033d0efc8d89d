"""Each host's scenario schema is generated from its step definitions: committed fresh, and it accepts every sample
scenario and refuses what `workbench test` refuses."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from testpaths import SAMPLES

from workbench.commands.schemas import scenario_schemas
from workbench.core.paths import SCHEMAS
from workbench.core.scenario import find_scenarios
from workbench.registry import all_targets, open_project

GENERATED = scenario_schemas()


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_committed_scenario_schema_is_fresh(name):
    committed = json.loads((SCHEMAS / name).read_text("utf-8"))
    assert committed == GENERATED[name], f"{name} is stale: regenerate with `python -m workbench schemas --generate`"


def test_every_host_has_one():
    assert {f"scenario-{t.name}.schema.json" for t in all_targets()} <= set(GENERATED)


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir() if (p / "scenarios").is_dir()))
def test_sample_scenarios_match_their_host_schema(sample):
    target, project = open_project(SAMPLES / sample)
    validator = jsonschema.Draft202012Validator(GENERATED[f"scenario-{target.name}.schema.json"])
    for path in find_scenarios(project.root):
        doc = json.loads(path.read_text()) if path.suffix == ".json" else yaml.safe_load(path.read_text())
        errors = [e.message for e in validator.iter_errors(doc)]
        assert errors == [], (path.name, errors[:3])


@pytest.mark.parametrize("doc", [
    {"steps": [{"clikc": {"selector": "#x"}}]},
    {"steps": [{"wait": "soon"}]},
    {"steps": [{"expect": {"selector": "#x", "timeout": -1}}]},
    {"stepz": [], "steps": [{"wait": 1}]},
    {"role": "boss", "steps": [{"wait": 1}]},
])
def test_the_pexip_schema_refuses_what_the_loader_refuses(doc):
    validator = jsonschema.Draft202012Validator(GENERATED["scenario-pexip.schema.json"])
    assert list(validator.iter_errors(doc))
