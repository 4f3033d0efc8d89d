"""XCALLY rules that need generated input: unsaved buffers, package size, quick fixes."""

import json
import os
import shutil

from testpaths import FIXTURES, SAMPLES

from workbench.core.text import apply_edits
from workbench.core.validation import validate
from workbench.targets.xcally import TARGET


def codes(project, overlays=None):
    return [(d.code, d.severity.value) for d in validate(TARGET, project, overlays)]


def copy_sample(tmp_path, name="xcally-script"):
    dest = tmp_path / name
    shutil.copytree(SAMPLES / name, dest)
    return TARGET.detect(dest)


def test_manifest_buffer_that_is_not_an_object(tmp_path):
    project = copy_sample(tmp_path)
    diags = validate(TARGET, project, {"manifest.json": '["type", "script"]'})
    assert [(d.code, d.range.start.line, d.range.start.column) for d in diags] == [("XC001", 1, 1)]


def test_unsaved_buffer_is_validated_instead_of_the_disk(tmp_path):
    project = copy_sample(tmp_path)
    text = (project.root / "manifest.json").read_text().replace('"always"', '"sometimes"')
    assert ("XC005", "error") in codes(project, {"manifest.json": text})
    assert codes(project) == []


def test_package_size_warning_and_error(tmp_path):
    project = copy_sample(tmp_path)
    blob = project.root / "app" / "data.bin"
    with open(blob, "wb") as f:  # sparse: the size counts, the disk stays empty
        f.truncate(5 * 1024 * 1024)
    assert codes(project) == [("XC014", "warning")]
    os.truncate(blob, 51 * 1000 * 1000)  # may compress below the limit: the export decides on the zip
    assert codes(project) == [("XC022", "warning")]
    os.truncate(blob, 1000)
    _sparse(project.root / "media" / "intro.mp4", 51 * 1000 * 1000)  # compressed already: no zip gets under 50 MB
    assert codes(project) == [("XC013", "error")]


def test_size_leaves_out_node_modules_vcs_and_scenarios(tmp_path):
    project = copy_sample(tmp_path)
    for rel in ("node_modules/big/blob.bin", ".git/objects/blob", "scenarios/big.bin"):
        path = project.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            f.truncate(60 * 1024 * 1024)
    assert codes(project) == []


def test_trailing_comma_quick_fix_yields_valid_json():
    project = TARGET.detect(FIXTURES / "xcally" / "official-script-example")
    [comma] = [d for d in validate(TARGET, project) if d.code == "JSON002"]
    text = (project.root / "manifest.json").read_text()
    fixed = apply_edits(text, comma.fix.edits)
    assert json.loads(fixed)["parameters"] == {"scriptName": "my-plugin", "scriptPath": "app/index.js"}


def test_declared_dependency_and_followed_relative_require(tmp_path):
    project = copy_sample(tmp_path)
    (project.root / "app" / "lib").mkdir()
    (project.root / "app" / "lib" / "store.js").write_text("module.exports = require('lodash');\n")
    index = (project.root / "app" / "index.js")
    index.write_text("const store = require('./lib/store');\n" + index.read_text())
    diags = validate(TARGET, project)
    assert [(d.code, d.file) for d in diags] == [("XC015", "app/lib/store.js")]
    (project.root / "package.json").write_text(json.dumps({"name": "s", "dependencies": {"lodash": "^4"}}))
    assert codes(project) == []


def test_script_plugin_may_carry_its_own_admin_view(tmp_path):
    project = copy_sample(tmp_path)
    manifest = json.loads((project.root / "manifest.json").read_text())
    manifest["parameters"]["views"] = {"admin": "app/missing.html"}
    diags = validate(TARGET, project, {"manifest.json": json.dumps(manifest, indent=2)})
    assert [d.code for d in diags] == ["XC009"]


def _sparse(path, size):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.truncate(size)


def test_size_follows_the_workbenchignore_the_export_uses(tmp_path):
    project = copy_sample(tmp_path)
    _sparse(project.root / "media" / "demo.mov", 60 * 1024 * 1024)
    _sparse(project.root / "app" / "data.bin.bak", 60 * 1024 * 1024)  # an editor backup: never packaged
    assert codes(project) == [("XC013", "error")]
    (project.root / ".workbenchignore").write_text("media/\n")
    assert codes(project) == []


def test_size_projection_lists_exactly_what_the_export_packages(tmp_path):
    from workbench.core.packaging import ExportOptions, build_plan
    from workbench.targets.xcally import TARGET as XCALLY_TARGET
    from workbench.targets.xcally.contents import package_files

    project = copy_sample(tmp_path)
    for rel in ("node_modules/dep/index.js", ".git/HEAD", "scenarios/a.yaml", "app/x.js~", "app/.x.js.swp",
                ".npmrc", "docs/notes.md", "docs/keep.md", ".workbench/state.json", "old.zip"):
        path = project.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")
    (project.root / ".workbenchignore").write_text("docs/*.md\n!docs/keep.md\n")
    files = project.files()
    for with_modules in (False, True):
        plan = build_plan(XCALLY_TARGET, project, ExportOptions(include_node_modules=with_modules))
        projected = [f.arcname for f in package_files(files, project.content_root, with_modules)]
        assert projected == sorted(e.name for e in plan.entries)
        assert ("node_modules/dep/index.js" in projected) is with_modules
    assert "docs/keep.md" in projected and "docs/notes.md" not in projected


def test_unsaved_buffers_count_unless_the_export_leaves_them_out(tmp_path):
    project = copy_sample(tmp_path)
    big = "x" * (5 * 1024 * 1024)
    assert codes(project, {"app/generated.js": big}) == [("XC014", "warning")]
    assert codes(project, {"node_modules/dep/generated.js": big, "app/generated.js~": big}) == []
