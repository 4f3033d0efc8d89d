"""How a zip maps onto an XCALLY App Zone plugin project: its manifest.json (with a `type`) at the root or under
a single top folder, as App Zone zips are made."""

from __future__ import annotations

from collections.abc import Callable

from workbench.core.safeio import json_object

OWN_FILE = 3  # a manifest with a `type` is an App Zone plugin's and nothing else's


def import_layout(names: list[str], read: Callable[[str], bytes]) -> dict | None:
    tops = {n.split("/", 1)[0] for n in names}
    top = tops.pop() + "/" if len(tops) == 1 and all("/" in n for n in names) else ""
    for prefix in dict.fromkeys(("", top)):
        if prefix + "manifest.json" not in names:
            continue
        value = json_object(read(prefix + "manifest.json"))
        if value is not None and "type" in value and "brandingID" not in value:
            where = f"under {prefix}" if prefix else "at the root"
            return {"strip": prefix, "add": "", "certainty": OWN_FILE,
                    "description": f"XCALLY plugin (manifest.json {where})"}
    return None
