"""Placeholder: `workbench [PATH]` opens the window (being built)."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    print("workbench: the window is not available yet", file=sys.stderr)
    return 2
