"""`workbench schemas [--vscode]`: where the JSON Schemas of every file kind are, or VS Code settings using them."""

from __future__ import annotations

import argparse
import json

# Schema file -> the files it describes, as VS Code `fileMatch` patterns.
FILE_MATCH = {
    "pexip-settings.schema.json": ["**/webapp2/settings.json"],
    "pexip-branding-manifest.schema.json": ["**/webapp2/manifest.json"],
    "pexip-plugin-package.schema.json": ["*.plugin.package.json"],
    # Any other manifest.json: an XCALLY project's (a Pexip branding package with manifest.json at its root
    # matches too; such a workspace maps that file to the Pexip schema instead).
    "xcally-manifest.schema.json": ["manifest.json", "!**/webapp2/manifest.json"],
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vscode", action="store_true",
                   help="print a `json.schemas` block for VS Code settings, pointing at the installed schema files")


def run(args: argparse.Namespace) -> int:
    from workbench.core.paths import SCHEMAS

    files = sorted(SCHEMAS.glob("*.schema.json"))
    if args.vscode:
        entries = [{"fileMatch": FILE_MATCH[path.name], "url": path.resolve().as_uri()}
                   for path in files if path.name in FILE_MATCH]
        print(json.dumps({"json.schemas": entries}, indent=2))
        return 0
    for path in files:
        schema = json.loads(path.read_text("utf-8"))
        print(f"{schema.get('$id', '')}\n  {path}\n  {schema.get('title', '')}")
    return 0
