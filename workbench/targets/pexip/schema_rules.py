"""JSON Schema checks (PEX001) with positions: each jsonschema error's path is mapped to the JSON source range."""

from __future__ import annotations

from functools import cache
from typing import Any

from workbench.core.diagnostics import Diagnostic
from workbench.core.file_schema import load_schema
from workbench.core.files import ProjectFiles
from workbench.targets.pexip.codes import diag
from workbench.targets.pexip.jsonvalue import clean_json_value

SETTINGS_SCHEMA = "pexip-settings.schema.json"
MANIFEST_SCHEMA = "pexip-branding-manifest.schema.json"
PACKAGE_SCHEMA = "pexip-plugin-package.schema.json"
SCHEMA_NAMES = (SETTINGS_SCHEMA, MANIFEST_SCHEMA, PACKAGE_SCHEMA)

_JSON_TYPE = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null",
              int: "a number", float: "a number"}


@cache
def _validator(name: str):
    from jsonschema import Draft202012Validator  # imported on first use: it is the slowest import on the CLI path

    return Draft202012Validator(load_schema(name))


# Keywords the quick check understands; any other keyword sends the document to jsonschema.
_ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "default", "examples"}
_TYPE_CHECKS = {
    "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str), "boolean": lambda v: isinstance(v, bool), "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def quick_valid(schema: dict, value: Any, root: dict) -> bool | None:
    """True/False when the quick check can decide, None when the schema uses a keyword it does not know.

    jsonschema costs about half a millisecond per document; a package of hundreds of plugins must validate in a
    blink, so clean documents take this path and only the others go through jsonschema for its exact errors.
    """
    for key, rule in schema.items():
        if key in _ANNOTATIONS:
            continue
        if key == "$ref":
            if not rule.startswith("#/"):
                return None
            target = root
            for part in rule[2:].split("/"):
                target = target[part]
            ok = quick_valid(target, value, root)
        elif key == "type":
            types = [rule] if isinstance(rule, str) else rule
            if any(t not in _TYPE_CHECKS for t in types):
                return None
            ok = any(_TYPE_CHECKS[t](value) for t in types)
        elif key == "properties":
            ok = True
            if isinstance(value, dict):
                for prop, sub in rule.items():
                    if prop in value:
                        ok = quick_valid(sub, value[prop], root)
                        if ok is not True:
                            break
        elif key == "required":
            ok = not isinstance(value, dict) or all(k in value for k in rule)
        elif key == "items":
            ok = True
            if isinstance(value, list):
                for item in value:
                    ok = quick_valid(rule, item, root)
                    if ok is not True:
                        break
        elif key == "enum":
            ok = any(value == v and type(value) is type(v) for v in rule)
        elif key == "minLength":
            ok = not isinstance(value, str) or len(value) >= rule
        else:
            return None
        if ok is not True:
            return ok
    return True


def schema_errors(name: str, value: Any) -> list[tuple[tuple, str]]:
    """(path, message) for each place where value breaks the schema."""
    if quick_valid(load_schema(name), value, load_schema(name)) is True:
        return []
    out = []
    for error in _validator(name).iter_errors(value):
        path = tuple(error.absolute_path)
        out.append((path, _message(error, path)))
    return out


def _where(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path)) or "the file"


def _expected(types: Any) -> str:
    types = [types] if isinstance(types, str) else list(types)
    if len(types) > 1 and "null" in types:  # null only means "unset": do not suggest it
        types.remove("null")
    words = {"object": "an object", "array": "an array", "string": "a string", "boolean": "true or false",
             "number": "a number", "integer": "a whole number", "null": "null"}
    return " or ".join(words.get(t, t) for t in types)


def _message(error, path: tuple) -> str:
    where = f"`{_where(path)}`"
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{where if path else 'the object'} lacks the required key '{missing}': add it"
    if kind == "type":
        got = _JSON_TYPE.get(type(error.instance), "a value")
        return f"{where} must be {_expected(error.validator_value)}, not {got}: change its value"
    if kind == "enum":
        allowed = ", ".join(repr(v) for v in error.validator_value)
        return f"{where} is {error.instance!r}; use one of {allowed}"
    if kind == "minLength":
        return f"{where} must not be empty: fill it in"
    return f"{where}: {error.message}"


def schema_diagnostics(files: ProjectFiles, rel: str, name: str) -> list[Diagnostic]:
    """PEX001 for the JSON file rel against schema `name` (cached per content); nothing when it has no value."""
    clean, value = clean_json_value(files, rel)
    if clean and quick_valid(load_schema(name), value, load_schema(name)) is True:
        return []  # the common case, decided without building the positioned document
    doc = files.json(rel)
    if doc is None or doc.root is None:
        return []

    def run() -> list[Diagnostic]:
        errors = schema_errors(name, doc.value)
        if not doc.ok:  # a half-typed file lost keys: only its syntax error is worth reading, not "key missing"
            errors = [(path, msg) for path, msg in errors if "lacks the required key" not in msg]
        return [diag("PEX001", msg, rel, doc.range_of(path)) for path, msg in errors]

    return files.memo(f"pexip:schema:{name}", rel, run)
