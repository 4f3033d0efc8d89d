"""The manifest as the App Zone frame reads it at run time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workbench.core.safeio import MANIFEST_LIMIT, read_regular
from workbench.sandbox.session import SessionError


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest as a JSON object; SessionError saying where to look when it cannot be read (a special file or
    one larger than the limit is never read)."""
    try:
        value = json.loads(read_regular(path, MANIFEST_LIMIT).decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
        raise SessionError(f"{path}: cannot read the manifest ({exc}); run `workbench validate` for the exact "
                           "place") from None
    if not isinstance(value, dict):
        raise SessionError(f"{path}: the manifest is not a JSON object")
    return value
