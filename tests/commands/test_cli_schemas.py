"""`workbench schemas`: where the JSON Schemas are, and VS Code settings that use them."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

from workbench.cli import main


def test_schemas_vscode_settings_point_at_existing_schema_files(capsys):
    assert main(["schemas", "--vscode"]) == 0
    entries = json.loads(capsys.readouterr().out)["json.schemas"]
    assert {Path(urlparse(e["url"]).path).name for e in entries} >= {"pexip-settings.schema.json",
                                                                      "xcally-manifest.schema.json"}
    for entry in entries:
        assert Path(urlparse(entry["url"]).path).is_file() and entry["fileMatch"]
