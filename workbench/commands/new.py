"""Placeholder: this command is being built."""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("rest", nargs="*")


def run(args: argparse.Namespace) -> int:
    print("workbench: this command is not available yet", file=sys.stderr)
    return 2
