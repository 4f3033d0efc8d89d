"""Content-derived identifiers: the same files give the same digits, any change gives new ones."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

ID_DIGITS = 16


def content_digits(items: Iterable[tuple[str, bytes]], digits: int = ID_DIGITS) -> str:
    """A decimal number of `digits` digits (no leading zero) from the names and bytes of items, in name order."""
    outer = hashlib.sha256()
    for name, data in sorted(items, key=lambda item: item[0]):
        encoded = name.encode("utf-8")
        # length-prefixed so that moving bytes between a name and a content cannot give the same digest
        outer.update(len(encoded).to_bytes(4, "big") + encoded)
        outer.update(len(data).to_bytes(8, "big") + hashlib.sha256(data).digest())
    span = 9 * 10 ** (digits - 1)
    return str(10 ** (digits - 1) + int.from_bytes(outer.digest(), "big") % span)
