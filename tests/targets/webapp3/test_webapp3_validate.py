"""Web App 3 projects are recognised, and their manifests and plugin sources are checked with positions."""

from __future__ import annotations

import json
import shutil

from testpaths import SAMPLES
from webapp3_projects import branding

from workbench.core.validation import validate
from workbench.registry import get_target, open_project


def codes_at(project_root) -> dict[str, list[tuple[str, int, int]]]:
    target, project = open_project(project_root)
    out: dict = {}
    for d in validate(target, project):
        out.setdefault(d.code, []).append((d.file, d.range.start.line, d.range.start.column))
    return out


def test_branding_packages_and_plugin_projects_are_recognised(tmp_path):
    branding(tmp_path / "a", {"demo": ""})
    target, project = open_project(tmp_path / "a")
    assert (target.name, project.kind, project.content_root) == ("webapp3", "webapp3-branding", "webapp3/branding")
    bare = tmp_path / "b"
    bare.mkdir()
    (bare / "manifest.json").write_text('{"plugins": [], "translations": {}}')
    assert open_project(bare)[1].content_root == ""
    shutil.copytree(SAMPLES / "webapp3-meeting-tools", tmp_path / "c")
    assert open_project(tmp_path / "c")[1].kind == "webapp3-plugin"


def test_other_hosts_manifests_are_not_taken_for_web_app_3(tmp_path):
    webapp3 = get_target("webapp3")
    (tmp_path / "manifest.json").write_text('{"type": "script", "name": "x"}')
    assert webapp3.detect(tmp_path) is None
    (tmp_path / "manifest.json").write_text('{"brandingID": "1", "isSettingsBranded": true}')
    (tmp_path / "settings.json").write_text('{"plugins": []}')
    assert webapp3.detect(tmp_path) is None


def test_manifest_entries_are_checked_where_they_are_written(tmp_path):
    branding(tmp_path, {"clock": "await call('syn', {id: 'clock', version: 1});"}, entries=[
        {"id": "clock", "src": "./plugins/clock/index.html", "sandboxValues": ["allow-same-origin", "allow-modals"]},
        {"id": "clock", "src": "./plugins/missing/index.html"},
        {"src": "https://localhost:5173"}])
    (tmp_path / "webapp3/branding/plugins/orphan").mkdir()
    found = codes_at(tmp_path)
    manifest = "webapp3/branding/manifest.json"
    assert {f for f, *_ in found["WA3003"]} == {manifest}  # the duplicate id
    assert found["WA3004"][0][1] == 20  # the missing page's src line
    assert "WA3006" in found and "WA3008" in found and "WA3002" in found and "WA3005" in found
    assert found["WA3017"][0][0] == manifest
    assert "WA3009" not in found


def test_register_ids_and_call_payloads_are_checked_in_typescript(tmp_path):
    root = tmp_path / "plugin"
    shutil.copytree(SAMPLES / "webapp3-meeting-tools", root)
    source = root / "src" / "index.ts"
    source.write_text("""import { registerPlugin as register, type ToolbarButtonPayload } from '@pexip/plugin-api'
const plugin = await register({ id: 'tools', version: 1 })
const payload: ToolbarButtonPayload = { position: 'toolbar', icon: 'IconNope', tooltip: 'x' }
await plugin.ui.addButton(payload)
await plugin.ui.addButton({ ...payload, tooltip: 'y' } as const)
await plugin.ui.showToast({ message: 42, isDange: true })
await plugin.ui.showForm({ title: 't', form: { elements: { n: { name: 'N', type: 'select' } }, submitBtnTitle: 's' } })
plugin.events.participantJoined.add(() => {})
await plugin.conference.lockk({ lock: true })
""")
    found = codes_at(root)
    assert found["WA3013"] == [("src/index.ts", 3, 68)]  # the icon, in the const the call passes
    assert ("src/index.ts", 6, 38) in found["WA3012"]  # message: 42
    assert ("src/index.ts", 6, 42) in found["WA3014"]  # isDange
    assert any(line == 7 for _f, line, _c in found["WA3012"])  # the select element lacks options
    assert found["WA3015"][0][1] == 8 and found["WA3016"][0][1] == 9
    assert len(found["WA3013"]) == 1  # the spread payload is not reported twice


def test_a_plugin_that_never_registers_and_a_mismatched_bundle(tmp_path):
    branding(tmp_path, {"quiet": "call('ui:toast:show', {message: 'hi'});"})
    assert "WA3010" in codes_at(tmp_path)
    bundle = tmp_path / "webapp3/branding/plugins/quiet/plugin.js"
    minified = "var a=1;" * 300 + 'async function X(e){return e}const p=await X({id:"other",version:1});"syn";'
    bundle.write_text(minified)
    found = codes_at(tmp_path)
    assert found["WA3009"] == [("webapp3/branding/plugins/quiet/plugin.js", 1, 2451)]


def test_the_sample_validates_cleanly_once_built(tmp_path):
    from webapp3_projects import fake_build
    root = tmp_path / "s"
    shutil.copytree(SAMPLES / "webapp3-meeting-tools", root)
    assert set(codes_at(root)) == {"WA3018"}  # not built yet
    fake_build(root)
    assert codes_at(root) == {}


def test_the_schema_has_a_stable_id_and_describes_the_sample_manifest():
    schema = get_target("webapp3").schemas()["webapp3-branding-manifest.schema.json"]
    assert schema["$id"] == "https://plugin-workbench.dev/schemas/webapp3-branding-manifest.schema.json"
    from jsonschema import Draft202012Validator
    good = {"plugins": [{"id": "a", "src": "./plugins/a/index.html", "sandboxValues": ["allow-forms"]}]}
    assert not list(Draft202012Validator(schema).iter_errors(good))
    assert list(Draft202012Validator(schema).iter_errors({"plugins": [{"id": "a"}]}))
    json.dumps(schema)
