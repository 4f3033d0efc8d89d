"""How a zip maps onto a Pexip web app v2 branding project, and what an import adds to the Management Node's
default package (which has neither settings.json nor manifest.json)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from workbench.core.packaging.digest import content_digits
from workbench.core.packaging.model import ImportResult
from workbench.core.safeio import json_object

# how sure a recognition is (see core.packaging.importer): the host's own folder beats files it alone writes
OWN_FOLDER, OWN_FILE, GUESS = 3, 2, 1


def _single_top(names: list[str]) -> str:
    tops = {n.split("/", 1)[0] for n in names}
    return tops.pop() + "/" if len(tops) == 1 and all("/" in n for n in names) else ""


def import_layout(names: list[str], read: Callable[[str], bytes]) -> dict | None:
    """webapp2/ at the root or one folder down; or bare content: a manifest.json with a brandingID, a
    settings.json or a plugins/ folder (the content of webapp2/ zipped without the folder)."""
    top = _single_top(names)
    for prefix in dict.fromkeys(("", top)):
        if any(n.startswith(prefix + "webapp2/") for n in names):
            where = f"inside {prefix}" if prefix else "at the root"
            return {"strip": prefix, "add": "", "certainty": OWN_FOLDER, "complete": complete_import,
                    "description": f"Pexip branding package (webapp2/ {where})"}
    for prefix in dict.fromkeys(("", top)):
        where = f"under {prefix}" if prefix else "at the root"
        manifest = json_object(read(prefix + "manifest.json")) if prefix + "manifest.json" in names else None
        if manifest is not None and "type" in manifest:
            continue  # an App Zone plugin's manifest, never a branding one
        if (manifest is not None and "brandingID" in manifest) or prefix + "settings.json" in names:
            certainty = OWN_FILE
        elif any(n.startswith(prefix + "plugins/") for n in names):
            certainty = GUESS
        else:
            continue
        return {"strip": prefix, "add": "webapp2/", "certainty": certainty, "complete": complete_import,
                "description": f"Pexip branding content without webapp2/ ({where})"}
    return None


def complete_import(root: Path, result: ImportResult) -> None:
    """The default package from the Management Node lacks settings.json and manifest.json: create them."""
    webapp2 = root / "webapp2"
    webapp2.mkdir(exist_ok=True)
    settings = webapp2 / "settings.json"
    if not settings.exists():
        settings.write_text(json.dumps({"plugins": []}, indent=4) + "\n", "utf-8")
        result.created.append("webapp2/settings.json")
    manifest = webapp2 / "manifest.json"
    if not manifest.exists():
        items = [(str(p.relative_to(root)).replace(os.sep, "/"), p.read_bytes())
                 for p in sorted(webapp2.rglob("*")) if p.is_file()]
        value = {"brandingID": content_digits(items), "isSettingsBranded": True,
                 "isWatermarkBranded": False, "isStylesBranded": False}
        manifest.write_text(json.dumps(value, indent=4) + "\n", "utf-8")
        result.created.append("webapp2/manifest.json")
    else:
        value = json_object(manifest.read_bytes())
        if value is not None and value.get("isSettingsBranded") is not True:
            result.notes.append("webapp2/manifest.json: isSettingsBranded is not true, so the host ignores "
                                "settings.json; the export sets it to true")
    for rel in result.created:
        os.chmod(root / rel, 0o644)
    result.files = sorted(set(result.files) | set(result.created))
