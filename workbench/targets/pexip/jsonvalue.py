"""A fast path for JSON files with nothing to report: their value without building the positioned document.

Positions are only needed when a diagnostic is emitted; a package of hundreds of clean plugin files must not pay
for a positioned tree of each. Anything the strict standard parser would not accept as-is (BOM, bad UTF-8,
comments, trailing commas, duplicate keys, NaN) takes the slow path, which reports it with its position.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

from workbench.core.files import ProjectFiles


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    if len({k for k, _ in pairs}) != len(pairs):
        raise ValueError("duplicate key")
    return dict(pairs)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def clean_json_value(files: ProjectFiles, rel: str) -> tuple[bool, Any]:
    """(True, value) when rel is strictly valid JSON that the JSON checks would not report; else (False, None)."""
    data = files.read_bytes(rel)
    if data is None:
        return False, None

    def load() -> tuple[bool, Any]:
        if data.startswith(codecs.BOM_UTF8):
            return False, None
        try:
            return True, json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys,
                                    parse_constant=_no_constants)
        except (ValueError, RecursionError):  # ValueError: bad UTF-8 or JSON; RecursionError: nested too deeply
            return False, None

    return files.memo("pexip:cleanjson", rel, load)
