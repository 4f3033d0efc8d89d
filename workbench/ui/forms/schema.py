"""Reading pydantic JSON Schemas for form generation: $ref resolution, optional fields, field kinds."""

from __future__ import annotations

from typing import Any


def resolve(schema: dict, root: dict) -> dict:
    """Follow a local $ref ('#/$defs/Name')."""
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        node: Any = root
        for part in ref.lstrip("#/").split("/"):
            node = node.get(part, {})
        schema = {**node, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def unwrap_optional(schema: dict, root: dict) -> tuple[dict, bool]:
    """(the non-null schema, whether null is allowed) for `anyOf: [X, {type: null}]`."""
    schema = resolve(schema, root)
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        kept = [resolve(o, root) for o in options if resolve(o, root).get("type") != "null"]
        nullable = len(kept) < len(options)
        if len(kept) == 1:
            merged = {**{k: v for k, v in schema.items() if k not in ("anyOf", "oneOf")}, **kept[0]}
            return merged, nullable
        return {**schema, "anyOf": kept}, nullable
    return schema, False


def field_kind(schema: dict, root: dict) -> str:
    """'enum', 'string', 'number', 'boolean', 'enum-list', 'string-list', 'object', 'object-list' or 'raw'."""
    schema, _ = unwrap_optional(schema, root)
    if "enum" in schema or "const" in schema:
        return "enum"
    kinds = schema.get("type")
    if "anyOf" in schema:
        types = {resolve(o, root).get("type") for o in schema["anyOf"]}
        if types <= {"integer", "number", "string"}:
            return "number-or-string" if types & {"integer", "number"} else "string"
        return "raw"
    if kinds == "string":
        return "string"
    if kinds in ("integer", "number"):
        return "number"
    if kinds == "boolean":
        return "boolean"
    if kinds == "object" and "properties" in schema:
        return "object"
    if kinds == "array":
        items, _ = unwrap_optional(schema.get("items", {}), root)
        if "enum" in items:
            return "enum-list"
        if items.get("type") == "string":
            return "string-list"
        if items.get("type") == "object":
            return "object-list"
    return "raw"


def enum_values(schema: dict, root: dict) -> list:
    schema, _ = unwrap_optional(schema, root)
    if schema.get("type") == "array":
        schema, _ = unwrap_optional(schema.get("items", {}), root)
    if "const" in schema:
        return [schema["const"]]
    return list(schema.get("enum", []))


LABELS = {"id": "ID", "srcURL": "Source URL", "brandingID": "Branding ID", "menuItems": "Menu items",
          "isSettingsBranded": "Settings branded", "isWatermarkBranded": "Watermark branded",
          "isStylesBranded": "Styles branded", "scriptName": "Script name", "scriptPath": "Script path"}


def label_for(name: str) -> str:
    """'participantRoles' -> 'Participant roles'."""
    if name in LABELS:
        return LABELS[name]
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out.append(" ")
        out.append(ch.lower() if i else ch.upper())
    return "".join(out)
