"""What a changed file means for a running XCALLY preview (Qt-free), as nodemon and a browser's reload would see it.

- manifest.json: the frame starts again with the new manifest;
- a file of a view (the folder of parameters.views.admin/agent): that view reloads in place;
- in a script plugin, a script file (.js, .mjs, .cjs, .json) outside node_modules: the process restarts;
- any other file of a script plugin (a page or style its server serves): the view reloads.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from workbench.core.project import content_relative

SCRIPT_SUFFIXES = (".js", ".mjs", ".cjs", ".json")
IGNORED = frozenset({"node_modules", ".git", ".workbench", "scenarios", "workbench-exports"})
ORDER = ("manifest", "process", "view")


def plan(files: Iterable[str], content_root: str, manifest: dict) -> str | None:
    """'manifest', 'process', 'view' or None for project-relative changed paths (the strongest wins)."""
    params = manifest.get("parameters") if isinstance(manifest.get("parameters"), dict) else {}
    views = params.get("views") if isinstance(params.get("views"), dict) else {}
    view_dirs = {posixpath.dirname(str(v).lstrip("./")) for v in views.values()
                 if isinstance(v, str) and "://" not in v}
    script = manifest.get("type") == "script"
    found: set[str] = set()
    for rel in files:
        inner = content_relative(rel, content_root)
        if not inner or any(part in IGNORED for part in inner.split("/")):
            continue
        in_view = any(d and inner.startswith(d + "/") for d in view_dirs)
        if inner == "manifest.json":
            found.add("manifest")
        elif script and inner.endswith(SCRIPT_SUFFIXES) and not in_view:
            found.add("process")
        else:
            found.add("view")
    return next((what for what in ORDER if what in found), None)
