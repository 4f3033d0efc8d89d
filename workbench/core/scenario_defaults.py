"""Defaults of the scenario format that a session needs without loading the format itself (pydantic, YAML)."""

DEFAULT_TIMEOUT_MS = 2000  # of every expect, unless the scenario says otherwise
