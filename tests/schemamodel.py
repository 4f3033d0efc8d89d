"""A JSON Schema and the pydantic model of the same file kind must accept and reject the same documents."""

import jsonschema
import pydantic
import pytest


def check_schema(schema: dict) -> None:
    """The schema itself is a valid draft 2020-12 schema."""
    jsonschema.Draft202012Validator.check_schema(schema)


def assert_both_accept(schema: dict, model: type[pydantic.BaseModel], doc) -> None:
    jsonschema.Draft202012Validator(schema).validate(doc)
    model.model_validate(doc)


def assert_both_reject(schema: dict, model: type[pydantic.BaseModel], doc) -> None:
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    with pytest.raises(pydantic.ValidationError):
        model.model_validate(doc)
