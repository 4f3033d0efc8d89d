"""Where the workbench's own files live: the host pages, the JSON Schemas and the sample projects.

An installed wheel carries them inside the package (`workbench/resources`, `workbench/sample_projects`, mapped
from the repository's top-level folders at build time); a source checkout or an editable install keeps them at the
top of the repository. Both are found from the package's location through importlib.resources.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

# The package itself is a folder on disk in every supported install (no zipapp), so as_file() does not copy.
with as_file(files("workbench")) as _package:
    PACKAGE = Path(_package).resolve()


def _data_folder(name: str) -> Path:
    """workbench/<name> when installed from a wheel, else <repository>/<name>."""
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


RESOURCES = _data_folder("resources")
SCHEMAS = RESOURCES / "schemas"
HOSTS = RESOURCES / "hosts"
SAMPLES = _data_folder("sample_projects")

# A project's own configuration file, at its root (read by workbench.core.config).
PROJECT_CONFIG = "workbench.toml"

# Stable public addresses: the home page, the schemas' `$id`s and the rule reference SARIF `helpUri`s point into.
HOMEPAGE_URL = "https://plugin-workbench.dev/"
SCHEMA_BASE_URL = "https://plugin-workbench.dev/schemas/"
RULES_DOC_URL = "https://plugin-workbench.dev/docs/rules.md"
