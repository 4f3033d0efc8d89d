"""The JSON Schema of a host's scenario files, generated from its vocabulary (the step specs' value models), so an
editor that reads JSON Schemas (VS Code's YAML and JSON support) completes and checks scenarios as they are written.

One source of truth: the same models check a scenario when `workbench test` reads it."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from workbench.core.file_schema import DRAFT, SCHEMA_ID
from workbench.core.scenario import COMMON_HEADER_DOCS
from workbench.core.steps import Vocabulary


def scenario_schema_name(host: str) -> str:
    return f"scenario-{host}.schema.json"


def _schema_of(model: Any, defs: dict) -> dict:
    schema = TypeAdapter(model).json_schema(ref_template="#/$defs/{model}")
    defs.update(schema.pop("$defs", {}))
    return schema


def scenario_schema(host: str, title: str, vocabulary: Vocabulary) -> dict:
    """The JSON Schema (2020-12) of a host's scenario files."""
    from workbench.core.scenario_check import COMMON_HEADER
    defs: dict[str, Any] = {}
    docs = {**COMMON_HEADER_DOCS, **vocabulary.header_docs}
    properties: dict[str, Any] = {}
    for key, model in {**COMMON_HEADER, **vocabulary.header}.items():
        properties[key] = _schema_of(model, defs) | ({"description": docs[key]} if key in docs else {})
    steps = []
    for name, spec in sorted(vocabulary.steps.items()):
        if name == "expect":
            continue
        value = _schema_of(spec.model, defs)
        if spec.bare:
            steps.append({"const": name, "description": spec.doc})
        steps.append({"type": "object", "properties": {name: value | {"description": spec.doc}},
                      "required": [name], "additionalProperties": False})
    subjects = [_schema_of(spec.model, defs) for _name, spec in sorted(vocabulary.subjects.items())]
    steps.append({"type": "object", "required": ["expect"], "additionalProperties": False,
                  "properties": {"expect": {"description": "check something, retried until it holds or its "
                                                           "timeout (ms) runs out", "anyOf": subjects}}})
    properties["steps"] = {"type": "array", "minItems": 1, "items": {"anyOf": steps},
                           "description": docs.get("steps", "")}
    schema = {
        "$schema": DRAFT,
        "$id": SCHEMA_ID.format(name=scenario_schema_name(host)),
        "title": f"{title} scenario",
        "description": "A scenario `workbench test` replays (generated from the host's step definitions).",
        "type": "object", "properties": properties, "required": ["steps"], "additionalProperties": False,
    }
    if defs:
        schema["$defs"] = defs
    return schema
