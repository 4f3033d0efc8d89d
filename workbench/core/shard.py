"""Splitting a scenario suite across CI machines: `workbench test --shard K/N`.

Shards are contiguous runs of the suite in its own order (the sorted scenario files), as Playwright shards tests:
shard K of N holds the files from index floor((K-1)·T/N) to floor(K·T/N) of the T files, so the N shards together
hold every file exactly once and differ in size by at most one. The split depends on the file list only, never on
the machine, the clock or the previous run.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass(frozen=True)
class Shard:
    """Part `index` (1-based) of `total`."""

    index: int
    total: int

    @staticmethod
    def parse(text: str) -> Shard:
        """'2/4' -> Shard(2, 4); ValueError with the reason for anything else."""
        match = SHARD.fullmatch(text)
        if not match:
            raise ValueError(f"'{text}' is not K/N (e.g. 1/4: the first of four parts)")
        index, total = int(match.group(1)), int(match.group(2))
        if total < 1 or not 1 <= index <= total:
            raise ValueError(f"'{text}': K must be between 1 and N, and N at least 1")
        return Shard(index, total)

    def select(self, items: list[T]) -> list[T]:
        """This shard's contiguous part of items (keeps their order)."""
        count = len(items)
        return items[(self.index - 1) * count // self.total: self.index * count // self.total]

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"


def cores_available() -> int:
    """The processors this process may run on (its CPU affinity where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)
