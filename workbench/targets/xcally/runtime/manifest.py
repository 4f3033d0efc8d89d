"""The manifest as the App Zone frame reads it at run time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workbench.sandbox.session import SessionError


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest as a JSON object; SessionError saying where to look when it cannot be read."""
    try:
        if not path.is_file() or path.stat().st_size > 1_000_000:
            raise ValueError("not a regular file of at most 1 MB")
        value = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise SessionError(f"{path}: cannot read the manifest ({exc}); run `workbench validate` for the exact "
                           "place") from None
    if not isinstance(value, dict):
        raise SessionError(f"{path}: the manifest is not a JSON object")
    return value
