"""The hosts' file schemas are generated from their models: committed fresh, one for every schema a host serves, and
made plain (type lists, no generated titles) so the validators' messages and fast path read them."""

from __future__ import annotations

import json
from typing import Literal

import jsonschema
import pytest
from pydantic import BaseModel, ConfigDict, Field

from workbench.commands.schemas import file_schemas
from workbench.core.file_schema import file_schema
from workbench.core.paths import SCHEMAS
from workbench.registry import all_targets

GENERATED = file_schemas()


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_committed_file_schema_is_fresh(name):
    committed = json.loads((SCHEMAS / name).read_text("utf-8"))
    assert committed == GENERATED[name], f"{name} is stale: regenerate with `python -m workbench schemas --generate`"


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_schema_is_valid_draft_2020_12_with_a_stable_id(name):
    schema = GENERATED[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"https://plugin-workbench.dev/schemas/{name}"
    assert schema["title"] and schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("target", all_targets(), ids=lambda t: t.name)
def test_every_schema_a_host_serves_is_generated_from_one_of_its_models(target):
    assert set(target.schema_matches()) == set(target.schema_models())


class Item(BaseModel):
    """One item. Wrapped
    lines of a docstring."""

    model_config = ConfigDict(extra="allow", strict=True)
    label: str | None = Field(None, description="What it shows.")
    size: int | float | None = None
    kind: Literal["a", "b"] = "a"


class Box(BaseModel):
    """A box."""

    model_config = ConfigDict(extra="forbid", title="A box file")
    item: Item | None = None
    items: list[Item] = Field(None)
    colour: Literal["red", "blue"] | None = None


def test_a_model_becomes_a_plain_schema():
    schema = file_schema("box.schema.json", Box)
    props = schema["properties"]
    # an optional model is inlined with null added; a list of them refers to the one definition
    assert props["item"]["type"] == ["object", "null"]
    assert props["item"]["description"] == "One item. Wrapped lines of a docstring."  # read as one paragraph
    assert props["item"]["properties"]["label"] == {"description": "What it shows.", "type": ["string", "null"]}
    assert props["item"]["properties"]["size"] == {"type": ["number", "null"]}
    assert props["items"] == {"type": "array", "items": {"$ref": "#/$defs/Item"}}
    assert props["colour"] == {"enum": ["red", "blue", None]}  # one message ("use one of") rather than two
    assert "title" not in schema["$defs"]["Item"] and "title" not in props["item"]["properties"]["label"]
    assert schema["additionalProperties"] is False and "additionalProperties" not in schema["$defs"]["Item"]
    assert schema["title"] == "A box file"
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"item": None, "colour": None, "items": [{"size": 2, "kind": "b"}]})
    wrong = [(tuple(e.absolute_path), e.validator) for e in validator.iter_errors({"items": [{"size": "2"}]})]
    assert wrong == [(("items", 0, "size"), "type")]


def test_a_model_without_a_title_is_refused():
    with pytest.raises(ValueError, match="no model_config title"):
        file_schema("item.schema.json", Item)
