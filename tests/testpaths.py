"""Paths the tests share (import this, not conftest: several conftest modules exist)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_projects"
FIXTURES = REPO / "tests" / "fixtures"
