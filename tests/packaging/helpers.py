"""Small projects and zips built in temporary folders for the packaging tests."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from workbench.core.project import Project

XCALLY_MANIFEST = {
    "name": "StatusBoard", "version": "1.2.0", "description": "Shows the plugin status",
    "type": "script", "sidebar": "always", "icon": "icon-apps",
    "parameters": {"scriptName": "status-board", "scriptPath": "app/index.js"},
}
HTML_MANIFEST = {
    "name": "Views", "version": "1.0.0", "description": "Two local views", "type": "html", "sidebar": "always",
    "parameters": {"views": {"admin": "views/admin.html", "agent": "views/agent.html"}},
}


def write(root: Path, rel: str, data: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, "utf-8")
    else:
        path.write_bytes(data)
    return path


def xcally_project(root: Path, junk: bool = True) -> Path:
    """A script plugin with the junk a real folder accumulates (VCS, OS, editor, dependencies, scenarios)."""
    write(root, "manifest.json", json.dumps(XCALLY_MANIFEST, indent=2))
    write(root, "app/index.js", "const http = require('http');\nhttp.createServer((q, r) => r.end('ok'))"
                                ".listen(process.env.PORT || 9006);\nconsole.log('listening on port 9006');\n")
    write(root, "app/lib/util.js", "module.exports = {answer: 42};\n")
    write(root, "package.json", json.dumps({"name": "status-board", "version": "1.2.0"}))
    if junk:
        write(root, ".git/HEAD", "ref: refs/heads/main\n")
        write(root, ".git/objects/ab/cdef", b"\x00" * 100)
        write(root, ".DS_Store", b"\x00\x01")
        write(root, "app/index.js~", "old\n")
        write(root, "app/.index.js.swp", b"swap")
        write(root, "node_modules/leftpad/index.js", "module.exports = s => s;\n")
        write(root, "node_modules/leftpad/package.json", "{}")
        write(root, "scenarios/smoke.yaml", "name: smoke\n")
        write(root, ".workbench/state.json", "{}")
        write(root, "old-build.zip", b"PK\x05\x06" + b"\x00" * 18)
    return root


def html_project(root: Path) -> Path:
    write(root, "manifest.json", json.dumps(HTML_MANIFEST, indent=2))
    write(root, "views/admin.html", "<!doctype html><title>Admin</title><p>Admin view</p>\n")
    write(root, "views/agent.html", "<!doctype html><title>Agent</title><p>Agent view</p>\n")
    return root


def pexip_project(root: Path, settings_branded: bool = True, manifest: bool = True) -> Path:
    """A branding package with one plugin in webapp2/ and scenarios beside it."""
    app = root / "webapp2"
    if manifest:
        write(app, "manifest.json", json.dumps({"brandingID": "1700000000000", "isSettingsBranded": settings_branded,
                                                "isWatermarkBranded": False, "isStylesBranded": False}, indent=2))
    write(app, "settings.json", json.dumps({"plugins": [{"id": "hello-1.0", "srcURL":
                                                         "plugins/hello/hello.plugin.package.json",
                                                         "enabled": True}]}, indent=2))
    write(app, "plugins/hello/hello.plugin.package.json", json.dumps({
        "id": "hello-1.0", "name": "Hello", "description": "Says hello", "version": 1.0,
        "srcURL": "hello.plugin.js", "allowUnload": True, "platforms": ["web", "electron", "ios", "android"],
        "participantRoles": ["chair"],
        "menuItems": {"toolbar": [{"icon": "assets/hello.svg#hello", "label": "Hello", "action": "sayHello"}]},
    }, indent=2))
    write(app, "plugins/hello/hello.plugin.js", """(function () {
  var state$ = PEX.pluginAPI.createNewState({});
  function load() {}
  function unload() {}
  function sayHello() { PEX.pluginAPI.sendChatMessage('hello'); }
  PEX.pluginAPI.registerPlugin({id: 'hello-1.0', load: load, unload: unload, sayHello: sayHello, state$: state$});
})();
""")
    write(app, "plugins/hello/assets/hello.svg",
          '<svg xmlns="http://www.w3.org/2000/svg"><symbol id="hello"><circle r="4"/></symbol></svg>\n')
    write(root, "scenarios/hello.yaml", "name: hello\n")
    write(app, "plugins/hello/.DS_Store", b"junk")
    return root


def zip_bytes(entries: dict[str, bytes | str], modes: dict[str, int] | None = None) -> bytes:
    """A zip built entry by entry (names taken as given, so hostile ones too)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if modes and name in modes:
                info.create_system = 3
                info.external_attr = modes[name] << 16
            zf.writestr(info, data)
    return buf.getvalue()


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def tree(root: Path) -> dict[str, bytes]:
    """Every file below root, by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def project_of(target, root: Path) -> Project:
    from workbench.registry import get_target
    target = get_target(target) if isinstance(target, str) else target
    project = target.detect(root)
    assert project is not None, f"{root} not detected as {target.name}"
    return project
