"""The branding manifest schema generated from the Web App 3 model accepts the manifests the workbench writes, says
where a value has the wrong type (the validator reports it there), and agrees with the model."""

from __future__ import annotations

import json
import shutil

from schemamodel import agreement_tests, errors_at
from testpaths import SAMPLES
from webapp3_projects import branding, fake_build

from workbench.core.packaging.model import ExportOptions
from workbench.core.validation import validate
from workbench.registry import get_target, open_project
from workbench.targets.webapp3.models import BrandingManifest

ENTRY = {"id": "clock", "src": "./plugins/clock/index.html", "sandboxValues": ["allow-forms"]}
VALID = [
    {},
    {"version": 0, "meta": {"name": "DEFAULT", "brandVersion": "n/a"}, "images": {}, "plugins": [ENTRY]},
    {"version": 1.5, "colorPalette": ["#fff"], "applicationConfig": {"anything": [1]}, "custom": None},
    {"plugins": [{"src": "https://localhost:5173"}]},
]
INVALID = [
    {"plugins": [{"id": "a"}]},
    {"plugins": [{**ENTRY, "src": ""}]},
    {"plugins": [{**ENTRY, "id": None}]},
    {"plugins": [{**ENTRY, "sandboxValues": "allow-forms"}]},
    {"version": "0"},
    {"version": True},
    {"meta": {"name": 3}},
    {"images": []},
    {"colorPalette": [1]},
    [ENTRY],
]


def schema() -> dict:
    return get_target("webapp3").schemas()["webapp3-branding-manifest.schema.json"]


test_valid_for_both, test_invalid_for_both = agreement_tests(schema, BrandingManifest, VALID, INVALID)


def test_the_manifests_the_workbench_writes_match_the_schema(tmp_path):
    branding(tmp_path / "branding", {"clock": ""})
    assert errors_at(schema(), json.loads((tmp_path / "branding/webapp3/branding/manifest.json").read_text())) == []
    root = tmp_path / "sample"
    shutil.copytree(SAMPLES / "webapp3-meeting-tools", root)
    fake_build(root)
    target, project = open_project(root)
    plan = target.export_plan(project, project.files(), ExportOptions())
    manifest = next(e for e in plan.entries if e.name == "webapp3/branding/manifest.json")
    assert errors_at(schema(), json.loads(manifest.data)) == []


def test_a_wrongly_typed_value_is_refused_where_it_is(tmp_path):
    entries = [{"id": "clock", "src": "./plugins/clock/index.html", "sandboxValues": "allow-forms"}]
    branding(tmp_path, {"clock": ""}, entries=entries)
    manifest = json.loads((tmp_path / "webapp3/branding/manifest.json").read_text())
    assert errors_at(schema(), manifest) == [(("plugins", 0, "sandboxValues"), "type")]
    target, project = open_project(tmp_path)
    found = [(d.file, d.range.start.line, d.range.start.column, d.message) for d in validate(target, project)
             if d.code == "WA3001"]
    line = next(i for i, text in enumerate((tmp_path / "webapp3/branding/manifest.json").read_text().splitlines(), 1)
                if '"sandboxValues"' in text)
    assert found == [("webapp3/branding/manifest.json", line, 24, "`plugins[0].sandboxValues` must be array, not a "
                                                                  "string")]
