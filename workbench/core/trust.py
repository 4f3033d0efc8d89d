"""Which projects the window may run the own code of by itself: a stale build before the preview, a script plugin's
process at start (Qt-free).

Opening a project must not run what it carries (its npm scripts, its Node process) before the user asked for it
once: the project may come from someone else. The first explicit run (Build, Start, a project made from a sample)
trusts the project; from then on the window builds and starts it by itself. The list lives in the user's data folder,
never in the project, so neither a zip nor a repository can trust itself. The command line (`workbench test`,
`workbench build`) is always an explicit request and does not consult it.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from workbench.core.atomic import atomic_write
from workbench.core.recovery import data_dir
from workbench.core.safeio import MANIFEST_LIMIT, read_regular

log = logging.getLogger(__name__)
TRUST_FILE = "trusted-projects.json"


def _store() -> Path:
    return data_dir() / TRUST_FILE


def _folder(root: str | Path) -> Path:
    return Path(root).expanduser().resolve()


def trusted_folders() -> list[Path]:
    """The folders trusted so far (a folder trusts the projects inside it too)."""
    try:
        value = json.loads(read_regular(_store(), MANIFEST_LIMIT).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return []
    folders = value.get("folders") if isinstance(value, dict) else None
    return [Path(f) for f in folders if isinstance(f, str) and Path(f).is_absolute()] \
        if isinstance(folders, list) else []


def is_trusted(root: str | Path) -> bool:
    """Whether the window may run the project's own code by itself."""
    folder = _folder(root)
    return any(folder == t or folder.is_relative_to(t) for t in trusted_folders())


def trust(root: str | Path) -> None:
    """Remember that the user ran this project's code (kept across runs; a failure to write is only logged)."""
    folder = _folder(root)
    folders = trusted_folders()
    if folder in folders:
        return
    text = json.dumps({"folders": sorted(str(f) for f in [*folders, folder])}, indent=2) + "\n"
    try:
        atomic_write(_store(), text.encode("utf-8"))
    except OSError as exc:
        log.warning("cannot remember that %s is trusted: %s", folder, exc)
