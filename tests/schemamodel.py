"""A host's generated JSON Schema and the pydantic model it comes from must accept and reject the same documents
(validators written on the model, such as "views needs admin or agent", reach the schema only through the model's
schema hooks), and say where a document is wrong."""

import jsonschema
import pydantic
import pytest


def assert_both_accept(schema: dict, model: type[pydantic.BaseModel], doc) -> None:
    jsonschema.Draft202012Validator(schema).validate(doc)
    model.model_validate(doc)


def assert_both_reject(schema: dict, model: type[pydantic.BaseModel], doc) -> None:
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    with pytest.raises(pydantic.ValidationError):
        model.model_validate(doc)


def errors_at(schema: dict, doc) -> list[tuple[tuple, str]]:
    """(path, keyword) of each place where doc breaks the schema, as the validators report them."""
    return sorted((tuple(e.absolute_path), e.validator) for e in jsonschema.Draft202012Validator(schema).iter_errors(doc))


def agreement_tests(schema, model: type[pydantic.BaseModel], valid: list, invalid: list):
    """The two tests of a host's schema against its model, for the test module to bind: every `valid` document is
    accepted by both, every `invalid` one refused by both (schema() gives the committed schema)."""
    @pytest.mark.parametrize("doc", valid)
    def test_valid_for_both(doc):
        assert_both_accept(schema(), model, doc)

    @pytest.mark.parametrize("doc", invalid)
    def test_invalid_for_both(doc):
        assert_both_reject(schema(), model, doc)

    return test_valid_for_both, test_invalid_for_both
