"""Where the workbench's own files live (resources/ and sample_projects/ at the top of the repository)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "resources"
SCHEMAS = RESOURCES / "schemas"
HOSTS = RESOURCES / "hosts"
SAMPLES = REPO / "sample_projects"
