"""Rules that need more than a fixture: samples and published plugins are clean, quick fixes work, live buffers."""

from pathlib import Path

import pytest
from fixturetree import Cases

from workbench.core.diagnostics import Severity
from workbench.core.jsondoc import parse_json
from workbench.core.project import Project
from workbench.core.text import apply_edits
from workbench.core.validation import LiveValidator, validate
from workbench.targets.pexip import TARGET

REPO = Path(__file__).resolve().parents[3]
SAMPLES = ("pexip-recording", "pexip-conference-tools")


@pytest.fixture
def cases(tmp_path) -> Cases:
    """Pexip fixture projects, each built in tmp_path when a test first asks for it."""
    return Cases("pexip", tmp_path)


def diagnostics(folder: Path, overlays=None):
    return validate(TARGET, TARGET.detect(folder), overlays)


@pytest.mark.parametrize("sample", SAMPLES)
def test_samples_have_no_diagnostics(sample):
    assert diagnostics(REPO / "sample_projects" / sample) == []


def test_published_style_plugins_give_no_false_errors(cases):
    # relative sendRequest paths, PEX.pexrtc / selfUUID / actions$ / dispatchAction, numeric versions, extra keys,
    # empty menuItems, participant items without labels, an aliased API object, localStorage for non-secrets
    assert diagnostics(cases / "published-style") == []


def fixed(folder: Path, code: str) -> str:
    diag = next(d for d in diagnostics(folder) if d.code == code)
    text = (folder / diag.file).read_text()
    return apply_edits(text, diag.fix.edits)


def test_quick_fixes_for_manifest_ids_and_version(cases):
    assert parse_json(fixed(cases / "not-settings-branded", "PEX005"), "m").value["isSettingsBranded"] is True
    assert parse_json(fixed(cases / "branding-id-not-digits", "PEX006"), "m").value["brandingID"].isdigit()
    assert parse_json(fixed(cases / "package-id-mismatch", "PEX010"), "p").value["id"] == "demo-1.0"
    assert parse_json(fixed(cases / "version-string", "PEX002"), "p").value["version"] == 1.0
    assert "id: 'demo-1.0'" in fixed(cases / "register-id-mismatch", "PEX011")
    assert "sendChatMessage('hello')" in fixed(cases / "unknown-api", "PEX023")
    assert ").then(function (dialogRef)" in fixed(cases / "v21-dialog", "PEX025")
    assert "'https://status.example.com/api'" in fixed(cases / "http-url", "PEX027")


def test_missing_keys_in_manifest_get_an_inserting_fix(cases):
    folder = cases / "manifest-missing"
    overlay = {"manifest.json": '{\n  "isWatermarkBranded": false\n}\n'}
    diags = [d for d in diagnostics(folder, overlay) if d.code in ("PEX005", "PEX006")]
    assert {d.code for d in diags} == {"PEX005", "PEX006"}
    text = overlay["manifest.json"]
    for d in diags:
        text = apply_edits(text, d.fix.edits)
    assert parse_json(text, "m").ok and diagnostics(folder, {"manifest.json": text}) == []


def test_settings_json_missing_is_reported(tmp_path):
    (tmp_path / "manifest.json").write_text('{"brandingID": "1", "isSettingsBranded": true}')
    project = Project(tmp_path, "pexip", "pexip-branding", "")
    assert [d.code for d in validate(TARGET, project)] == ["PEX003"]


def test_live_buffer_with_half_typed_json_keeps_other_checks():
    folder = REPO / "sample_projects" / "pexip-recording"
    live = LiveValidator(TARGET, TARGET.detect(folder))
    rel = "webapp2/plugins/recording/recording.plugin.package.json"
    text = (folder / rel).read_text()
    live.set_buffer(rel, text.replace('"recordConference"', '"recordConference" "x": 1'))
    codes = {d.code for d in live.run()}
    assert "JSON001" in codes and "PEX001" not in codes  # no "missing key" noise from the half-typed file
    live.set_buffer(rel, text.replace('"recordConference"', '"recordMeeting"'))
    assert [(d.code, d.range.start.line) for d in live.run()] == [("PEX014", 15)]
    live.drop_buffer(rel)
    assert live.run() == []


def test_js_buffer_edits_are_seen_and_severity_is_right():
    folder = REPO / "sample_projects" / "pexip-conference-tools"
    rel = "webapp2/plugins/participant-tools/participant-tools.plugin.js"
    text = (folder / rel).read_text()
    diags = diagnostics(folder, {rel: text.replace("toggleMute: toggleMute,", "")})
    assert [(d.code, d.severity) for d in diags] == [("PEX014", Severity.ERROR)]
    state_icon = text.replace("icon: null", "icon: 'assets/mute.svg#mute'")
    assert [d.code for d in diagnostics(folder, {rel: state_icon})] == ["PEX033"]


def test_every_code_is_documented():
    documented = {r.code for r in TARGET.rules()}
    assert {f"PEX{n:03d}" for n in range(1, 36)} == documented
    assert all(r.fix and r.trigger for r in TARGET.rules())


@pytest.mark.parametrize("edit, code", [
    (lambda t: "\ufeff" + t, "JSON004"),
    (lambda t: t.replace('"name": "Recording",', '"name": "Recording",\n  "name": "Rec",'), "JSON005"),
    (lambda t: t.replace('"version": 1.0', '"version": NaN'), "JSON001"),
    (lambda t: t.replace('"chair"]', '"chair"],,'), "JSON001"),
])
def test_json_problems_of_package_files_are_reported(edit, code):
    folder = REPO / "sample_projects" / "pexip-recording"
    rel = "webapp2/plugins/recording/recording.plugin.package.json"
    diags = diagnostics(folder, {rel: edit((folder / rel).read_text())})
    assert code in {d.code for d in diags if d.file == rel}


def test_event_only_plugin_from_a_template_gets_no_warning(tmp_path):
    """Shaped as Pexip publishes them: no menuItems, package.json's "1.0.0" version, a long plugin id, and a
    bundle whose top level creates no global."""
    import json
    folder = tmp_path / "plugins" / "notify"
    folder.mkdir(parents=True)
    plugin_id = "raise-hand-notification-plugin-1.0"
    (tmp_path / "settings.json").write_text(json.dumps(
        {"plugins": [{"id": plugin_id, "srcURL": "plugins/notify/plugin.json", "enabled": True}]}))
    (tmp_path / "manifest.json").write_text('{"brandingID": "1", "isSettingsBranded": true}')
    (folder / "plugin.json").write_text(json.dumps({
        "id": plugin_id, "name": "Notify", "description": "toasts", "version": "1.0.0", "srcURL": "index.js",
        "allowUnload": True, "platforms": ["web"], "participantRoles": ["chair", "guest"]}))
    (folder / "index.js").write_text(
        '(()=>{"use strict";const e="' + plugin_id + '";window.PEX.pluginAPI.registerPlugin({id:e,'
        'load:()=>{window.PEX.actions$.ofType("[Conference] Buzz Changed").subscribe(()=>{})},unload:()=>{}})})();\n'
        'window.PEX.pluginAPI.registerPlugin === undefined && console.log("bundled");\n')
    diags = diagnostics(tmp_path)
    assert [(d.code, d.severity) for d in diags] == [("PEX002", Severity.INFO)]


def test_the_apps_own_icon_sprite_is_not_a_missing_state_icon():
    folder = REPO / "sample_projects" / "pexip-recording"
    rel = "webapp2/plugins/recording/recording.plugin.js"
    text = (folder / rel).read_text()
    app_sprite = text.replace("function unload() {", "function unload() {\n    var use = document.createElementNS("
                              "'http://www.w3.org/2000/svg', 'use');\n    use.setAttributeNS('http://www.w3.org/1999/"
                              "xlink', 'xlink:href', 'icons.svg#mic-off');")
    assert diagnostics(folder, {rel: app_sprite}) == []
    wrong_state_icon = text.replace("'assets/images/stopRecording.svg#stopRecording'", "'assets/stop.svg#stop'")
    assert [d.code for d in diagnostics(folder, {rel: wrong_state_icon})] == ["PEX033"]
