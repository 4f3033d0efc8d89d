"""The JSON Schemas of the hosts' file kinds, generated from their pydantic models (the single source of each shape).

`workbench schemas --generate` writes them under resources/schemas; the validators read the committed files with
jsonschema (no pydantic on the `workbench validate` path), editors read them through `json.schemas`. The schema is
pydantic's validation schema made plain: no generated titles, `type: [X, "null"]` instead of `anyOf` with null (the
validators' fast path and their messages read that form), no `default: null`, no `additionalProperties: true`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from workbench.core.paths import SCHEMAS

SCHEMA_ID = "https://plugin-workbench.dev/schemas/{name}"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_JSON_TYPE = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}
# Keywords whose value is a schema, a list of schemas, or a map of names to schemas.
_ONE = ("items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames")
_MANY = ("anyOf", "oneOf", "allOf", "prefixItems")
_NAMED = ("properties", "patternProperties", "$defs")
_FIRST = ("$schema", "$id", "title", "description", "type", "enum", "const", "default")
_LAST = ("properties", "required", "additionalProperties", "allOf", "$defs")


@cache
def load_schema(name: str) -> dict:
    """A committed schema of resources/schemas, by file name (what the validators check files against)."""
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def file_schema(name: str, model: Any) -> dict:
    """The JSON Schema (2020-12) of the file kind `name` from its pydantic model; the model's config `title` is the
    schema's title, its docstring the description."""
    from pydantic.json_schema import GenerateJsonSchema

    class Plain(GenerateJsonSchema):
        def field_title_should_be_set(self, schema) -> bool:
            return False  # pydantic's "Srcurl" titles help no one; descriptions say what a key is

    title = model.model_config.get("title")
    if not title:
        raise ValueError(f"{model.__name__} has no model_config title: the schema {name} needs one")
    raw = model.model_json_schema(ref_template="#/$defs/{model}", schema_generator=Plain, mode="validation")
    defs = {key: {k: v for k, v in d.items() if not (k == "title" and v == key)}
            for key, d in raw.pop("$defs", {}).items()}
    plain_defs = {key: _plain(d, {}) for key, d in defs.items()}
    defs = {key: _plain(d, plain_defs) for key, d in plain_defs.items()}  # now with their nullable refs inlined
    schema = _plain(raw, defs)
    used = _refs(schema, defs)
    schema |= {"$schema": DRAFT, "$id": SCHEMA_ID.format(name=name), "title": title}
    if used:
        schema["$defs"] = {key: defs[key] for key in sorted(used)}
    return _ordered(schema)


def _plain(schema: Any, defs: dict) -> Any:
    """The schema with nullable unions folded into type lists, redundant keywords dropped (recursively)."""
    if not isinstance(schema, dict):
        return schema
    out = dict(schema)
    for key in _ONE:
        if isinstance(out.get(key), dict):
            out[key] = _plain(out[key], defs)
    for key in _MANY:
        if isinstance(out.get(key), list):
            out[key] = [_plain(s, defs) for s in out[key]]
    for key in _NAMED:
        if isinstance(out.get(key), dict):
            out[key] = {name: _plain(s, defs) for name, s in out[key].items()}
    if "anyOf" in out:
        out = _fold_union(out, defs)
    if isinstance(out.get("description"), str):  # a docstring's wrapped lines read as one paragraph
        out["description"] = re.sub(r"(?<!\n)\n(?!\n)", " ", out["description"])
    if out.get("default", 0) is None:
        del out["default"]
    if out.get("additionalProperties") is True:
        del out["additionalProperties"]  # the default: unknown keys are kept
    if "type" in out and ("enum" in out or "const" in out):
        values = out.get("enum", [out.get("const")])
        types = out["type"] if isinstance(out["type"], list) else [out["type"]]
        if all(_json_type(v) in types or (_json_type(v) == "integer" and "number" in types) for v in values):
            del out["type"]  # the values say it: one message ("use one of ...") instead of two
    return out


def _json_type(value: Any) -> str:
    return _JSON_TYPE.get(type(value), "object" if isinstance(value, dict) else "array")


def _fold_union(schema: dict, defs: dict) -> dict:
    """`anyOf` of plain types -> a type list; `anyOf: [X, null]` -> X with null added (a $ref X is inlined)."""
    options = schema["anyOf"]
    rest = {k: v for k, v in schema.items() if k != "anyOf"}
    if all(set(o) == {"type"} and isinstance(o["type"], str) for o in options):
        types = [o["type"] for o in options]
        if "number" in types and "integer" in types:
            types.remove("integer")
        return {**rest, "type": types if len(types) > 1 else types[0]}
    others = [o for o in options if o != {"type": "null"}]
    if len(others) != 1 or len(options) != 2:
        return schema
    only = others[0]
    if set(only) == {"$ref"} and only["$ref"].startswith("#/$defs/"):
        only = defs.get(only["$ref"][len("#/$defs/"):], only)
    if "anyOf" in only or "oneOf" in only:
        return schema
    folded = {**only, **rest}
    if "enum" in folded or "const" in folded:
        values = folded.pop("enum") if "enum" in folded else [folded.pop("const")]
        folded["enum"] = [*values, None]
    elif "type" not in folded:
        return schema
    if "type" in folded:
        types = folded["type"] if isinstance(folded["type"], list) else [folded["type"]]
        folded["type"] = [*types, "null"]
    return folded


def _refs(schema: Any, defs: dict, found: set | None = None) -> set[str]:
    """The names of the $defs the schema refers to, directly or through other defs."""
    found = set() if found is None else found
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref[len("#/$defs/"):]
            if name not in found and name in defs:
                found.add(name)
                _refs(defs[name], defs, found)
        for value in schema.values():
            _refs(value, defs, found)
    elif isinstance(schema, list):
        for value in schema:
            _refs(value, defs, found)
    return found


def _ordered(schema: Any) -> Any:
    """Keywords in reading order (identity first, structure last); property order as the model declares it."""
    if isinstance(schema, list):
        return [_ordered(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    rank = {k: i for i, k in enumerate(_FIRST)} | {k: 100 + i for i, k in enumerate(_LAST)}
    out = {}
    for key in sorted(schema, key=lambda k: (rank.get(k, 50), k)):
        value = schema[key]
        if key in _NAMED and isinstance(value, dict):
            value = {name: _ordered(s) for name, s in value.items()}
        elif key in _ONE or key in _MANY:
            value = _ordered(value)
        out[key] = value
    return out
