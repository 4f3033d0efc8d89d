"""Tiny Web App 3 projects for the tests: a branding package whose plugins speak @pexip/plugin-api's postMessage
protocol by hand (the real package is built from npm in the slow tests), and a plugin project's build output."""

from __future__ import annotations

import json
from pathlib import Path

# The protocol as the package's Channel speaks it: syn first, calls with ids, replies by replyTo, events by name.
PROTOCOL = """
var chanId = 'p-' + Math.random().toString(16).slice(2);
var pending = {}, n = 0, listeners = [];
window.addEventListener('message', function (ev) {
  var d = ev.data;
  if (!d || d.chanId !== chanId) return;
  if ('replyTo' in d) { var r = pending[d.replyTo]; delete pending[d.replyTo]; if (r) r(d.payload); }
  if ('event' in d) listeners.forEach(function (l) { l(d.event, d.payload); });
});
function call(rpc, payload) {
  return new Promise(function (resolve) { var id = 'c' + (++n); pending[id] = resolve;
    window.parent.postMessage({ rpc: rpc, payload: payload, id: id, chanId: chanId }, '*'); });
}
function on(fn) { listeners.push(fn); }
"""


def branding(root: Path, plugins: dict[str, str], entries: list[dict] | None = None) -> Path:
    """webapp3/branding with one folder per plugin (its script after PROTOCOL) and a manifest listing them."""
    branding_dir = root / "webapp3" / "branding"
    for ident, script in plugins.items():
        folder = branding_dir / "plugins" / ident
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text('<!DOCTYPE html><html><body><script src="plugin.js"></script></body></html>')
        (folder / "plugin.js").write_text("(async function () {\n" + PROTOCOL + script + "\n})();\n")
    manifest = {"version": 0, "meta": {"name": "DEFAULT", "brandVersion": "n/a"}, "images": {}, "translations": {},
                "plugins": entries if entries is not None else [
                    {"id": ident, "src": f"./plugins/{ident}/index.html"} for ident in plugins]}
    branding_dir.mkdir(parents=True, exist_ok=True)
    (branding_dir / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return root


def fake_build(root: Path, ident: str = "meeting-tools") -> None:
    """A plugin project's build output (dist/) made without npm: a page whose script registers as `ident`."""
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True, exist_ok=True)
    (dist / "index.html").write_text('<!DOCTYPE html><html><body><script src="./assets/index.js"></script></body></html>')
    # As a bundler writes it: one long line, registerPlugin renamed, its {id, version} literal kept.
    body = PROTOCOL.replace("\n", " ") + f"const meta={{id:{json.dumps(ident)},version:1}};" \
        "await call('syn',meta);call('ui:toast:show',{message:'built'});"
    (dist / "assets" / "index.js").write_text("(async function(){" + body + "/*" + "-" * 2500 + "*/})();\n")
    (dist / "config.json").write_text("{}")
