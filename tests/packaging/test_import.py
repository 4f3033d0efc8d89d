"""Import: layouts of Pexip and XCALLY zips, created files, hostile zips refused with nothing written."""

from __future__ import annotations

import json
import zipfile

import pytest

from tests.packaging.helpers import html_project, pexip_project, project_of, read_zip, tree, xcally_project, zip_bytes
from workbench.core.packaging import ImportRefused, ZipLimits, export_project, import_package
from workbench.registry import import_layouts

HTML_MANIFEST = json.dumps({"name": "V", "version": "1.0.0", "description": "d", "type": "html",
                            "parameters": {"views": {"admin": "a.html"}}})


def save(tmp_path, entries, modes=None, name="pkg.zip"):
    path = tmp_path / name
    path.write_bytes(zip_bytes(entries, modes))
    return path


@pytest.mark.parametrize("prefix", ["", "my-plugin/"])
def test_xcally_zip_manifest_at_root_or_in_one_top_folder(tmp_path, prefix):
    pkg = save(tmp_path, {f"{prefix}manifest.json": HTML_MANIFEST, f"{prefix}a.html": "<p>hi</p>"})
    result = import_package(pkg, tmp_path / "dest", import_layouts())
    assert result.target == "xcally"
    assert tree(tmp_path / "dest") == {"manifest.json": HTML_MANIFEST.encode(), "a.html": b"<p>hi</p>"}


@pytest.mark.parametrize("prefix,add", [("", ""), ("branding/", ""), ("", "bare")])
def test_pexip_zip_layouts(tmp_path, prefix, add):
    app = "" if add == "bare" else "webapp2/"
    pkg = save(tmp_path, {f"{prefix}{app}manifest.json": '{"brandingID": "5", "isSettingsBranded": true}',
                          f"{prefix}{app}settings.json": '{"plugins": []}',
                          f"{prefix}{app}plugins/x/x.plugin.js": "//"})
    result = import_package(pkg, tmp_path / "dest", import_layouts())
    assert result.target == "pexip" and result.created == []
    assert sorted(tree(tmp_path / "dest")) == ["webapp2/manifest.json", "webapp2/plugins/x/x.plugin.js",
                                               "webapp2/settings.json"]


def test_default_package_gets_settings_and_manifest(tmp_path):
    pkg = save(tmp_path, {"webapp2/themes/default/style.css": "body{}", "__MACOSX/._style.css": "junk"})
    result = import_package(pkg, tmp_path / "dest", import_layouts())
    assert sorted(result.created) == ["webapp2/manifest.json", "webapp2/settings.json"]
    manifest = json.loads((tmp_path / "dest/webapp2/manifest.json").read_text())
    assert manifest["isSettingsBranded"] is True and manifest["brandingID"].isdigit()
    assert json.loads((tmp_path / "dest/webapp2/settings.json").read_text()) == {"plugins": []}
    assert not (tmp_path / "dest/__MACOSX").exists()
    assert project_of("pexip", tmp_path / "dest").kind == "pexip-branding"


def test_an_empty_destination_folder_is_accepted(tmp_path):
    (tmp_path / "dest").mkdir()
    pkg = save(tmp_path, {"manifest.json": HTML_MANIFEST, "a.html": "x"})
    import_package(pkg, tmp_path / "dest", import_layouts())
    assert (tmp_path / "dest/a.html").read_text() == "x"


def bomb(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", HTML_MANIFEST)
        zf.writestr("zeros.bin", b"\x00" * (20 * 1024 * 1024))
    return path


def truncated(tmp_path):
    data = zip_bytes({"manifest.json": HTML_MANIFEST, "a.html": "x" * 5000})
    path = tmp_path / "cut.zip"
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt(tmp_path):
    data = bytearray(zip_bytes({"manifest.json": HTML_MANIFEST, "a.html": "hello world " * 400}))
    at = data.index(b"a.html") + 20  # inside the first compressed bytes of a.html
    data[at] ^= 0xFF
    path = tmp_path / "corrupt.zip"
    path.write_bytes(bytes(data))
    return path


HOSTILE = {
    "zip-slip": (lambda t: save(t, {"manifest.json": HTML_MANIFEST, "../evil.txt": "x"}), "zip-slip"),
    "deep zip-slip": (lambda t: save(t, {"manifest.json": HTML_MANIFEST, "a/../../evil.txt": "x"}), "zip-slip"),
    "absolute path": (lambda t: save(t, {"manifest.json": HTML_MANIFEST, "/etc/evil": "x"}), "absolute path"),
    "windows path": (lambda t: save(t, {"manifest.json": HTML_MANIFEST, "C:\\evil": "x"}), "absolute path"),
    "symlink": (lambda t: save(t, {"manifest.json": HTML_MANIFEST, "link": "/etc/passwd"},
                               {"link": 0o120777}), "symbolic link"),
    "bomb": (bomb, "zip bomb"),
    "truncated": (truncated, "truncated or corrupt"),
    "corrupt entry": (corrupt, "corrupt"),
    "not a zip": (lambda t: (t / "x.zip").write_text("hello") and t / "x.zip", "not a readable zip"),
    "unknown content": (lambda t: save(t, {"readme.txt": "x"}), "no host recognises this zip"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_zips_are_refused_and_nothing_is_written(tmp_path, case):
    make, message = HOSTILE[case]
    source = tmp_path / "in"
    source.mkdir()
    pkg = make(source)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ImportRefused, match=message):
        import_package(pkg, out / "nested" / "dest", import_layouts())
    assert list(out.iterdir()) == []
    assert not (tmp_path / "evil.txt").exists()


def test_total_size_limit(tmp_path):
    pkg = save(tmp_path, {"manifest.json": HTML_MANIFEST, "a.html": "x" * 5000})
    with pytest.raises(ImportRefused, match="more than 1000 bytes"):
        import_package(pkg, tmp_path / "dest", import_layouts(), limits=ZipLimits(max_total_size=1000))
    assert not (tmp_path / "dest").exists()


def test_non_empty_destination_is_refused_and_kept(tmp_path):
    pkg = save(tmp_path, {"manifest.json": HTML_MANIFEST, "a.html": "x"})
    (tmp_path / "dest").mkdir()
    (tmp_path / "dest/mine.txt").write_text("mine")
    with pytest.raises(ImportRefused, match="not empty") as refused:
        import_package(pkg, tmp_path / "dest", import_layouts())
    assert refused.value.reason == "usage"
    assert tree(tmp_path / "dest") == {"mine.txt": b"mine"}


@pytest.mark.parametrize("kind", ["pexip", "xcally", "html"])
def test_import_export_import_is_stable(tmp_path, kind):
    make = {"pexip": pexip_project, "xcally": xcally_project, "html": html_project}[kind]
    from workbench.registry import get_target, import_layouts
    target = get_target("pexip" if kind == "pexip" else "xcally")
    source = make(tmp_path / "source")
    first_zip = export_project(target, project_of(target, source), output=tmp_path / "1.zip").path
    import_package(first_zip, tmp_path / "d1", import_layouts())
    second_zip = export_project(target, project_of(target, tmp_path / "d1"), output=tmp_path / "2.zip").path
    import_package(second_zip, tmp_path / "d2", import_layouts())
    third_zip = export_project(target, project_of(target, tmp_path / "d2"), output=tmp_path / "3.zip").path
    assert first_zip.read_bytes() == second_zip.read_bytes() == third_zip.read_bytes()
    assert tree(tmp_path / "d1") == tree(tmp_path / "d2")
    assert read_zip(first_zip).keys() == {k for k in tree(tmp_path / "d1")}
