"""Running workbench commands in-process from tests (import this like testpaths)."""

import json

from workbench.cli import main


def validate_json(path, capsys) -> tuple[int, list[dict]]:
    """`workbench validate PATH --format json`: its exit code and the diagnostics it printed."""
    code = main(["validate", str(path), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)
