"""`workbench schemas [--vscode [PATH]] [--generate]`: the JSON Schemas of every file kind and of each host's scenario
files, VS Code settings using them, or (for the workbench's own development) those schemas generated anew: file kinds
from the hosts' models, scenarios from their step definitions."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vscode", nargs="?", const="", metavar="PATH",
                   help="print a `json.schemas` block for VS Code settings, pointing at the installed schema files "
                        "(with a project PATH: its scenario files get their host's scenario schema)")
    p.add_argument("--generate", action="store_true",
                   help="write each host's file schemas from its models and its scenario schema from its step "
                        "definitions (workbench development)")


def scenario_schemas() -> dict[str, dict]:
    """File name -> the generated scenario schema, for every registered host."""
    from workbench.core.scenario_schema import scenario_schema, scenario_schema_name
    from workbench.registry import all_targets
    return {scenario_schema_name(t.name): scenario_schema(t.name, t.title, t.vocabulary()) for t in all_targets()}


def file_schemas() -> dict[str, dict]:
    """File name -> the schema generated from its model, for every file kind of every registered host."""
    from workbench.core.file_schema import file_schema
    from workbench.registry import all_targets
    return {name: file_schema(name, model) for t in all_targets() for name, model in t.schema_models().items()}


def generated_schemas() -> dict[str, dict]:
    """Every schema `--generate` writes, by file name."""
    return {**file_schemas(), **scenario_schemas()}


def run(args: argparse.Namespace) -> int:
    from workbench.core.paths import SCHEMAS
    from workbench.registry import all_targets

    if args.generate:
        from workbench.core.atomic import atomic_write
        for name, schema in generated_schemas().items():
            atomic_write(SCHEMAS / name, (json.dumps(schema, indent=2) + "\n").encode("utf-8"))
            print(f"wrote {SCHEMAS / name}")
        return 0
    if args.vscode is not None:
        entries = [{"fileMatch": list(patterns), "url": (SCHEMAS / name).resolve().as_uri()}
                   for target in all_targets() for name, patterns in target.schema_matches().items() if patterns]
        settings: dict = {"json.schemas": entries}
        if args.vscode:
            url, folder = _scenario_schema_of(Path(args.vscode))
            entries.append({"fileMatch": [f"{folder}/*.json"], "url": url})
            settings["yaml.schemas"] = {url: [f"{folder}/*.yaml", f"{folder}/*.yml"]}  # the YAML extension's key
        print(json.dumps(settings, indent=2))
        return 0
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(path.read_text("utf-8"))
        print(f"{schema.get('$id', '')}\n  {path}\n  {schema.get('title', '')}")
    return 0


def _scenario_schema_of(root: Path) -> tuple[str, str]:
    """(schema URL, scenario folder relative to the project) of the project at root."""
    from workbench.core.config import scenario_folder
    from workbench.core.paths import SCHEMAS
    from workbench.core.scenario_schema import scenario_schema_name
    from workbench.registry import open_project

    target, project = open_project(root)
    folder = scenario_folder(project.root).relative_to(project.root).as_posix()
    return (SCHEMAS / scenario_schema_name(target.name)).resolve().as_uri(), folder
