"""The XCALLY manifest schema generated from the models accepts the samples, says where a value has the wrong type,
and accepts and rejects the same documents as the models (`parameters` following `type` included)."""

import copy
import json

import pydantic
import pytest
from schemamodel import agreement_tests, errors_at
from testpaths import SAMPLES

from workbench.targets.xcally import TARGET
from workbench.targets.xcally.models import HtmlParameters, ScriptParameters, XcallyManifest

SCRIPT = {"name": "MyScriptPlugin", "version": "1.0.0", "description": "Displays the MyPlugin",
          "author": {"name": "AuthorName", "email": "name@name.com", "website": "https://www.name.com"},
          "type": "script", "sidebar": "always", "icon": "icon-apps",
          "parameters": {"scriptName": "my-plugin", "scriptPath": "app/index.js"}}
HTML = {"name": "MyHtmlPlugin", "version": "1.0.0", "description": "Displays the myPlugin", "type": "html",
        "sidebar": "adminOnly", "icon": "icon-apps", "parameters": {"views": {"admin": "https://www.name.com"}}}


def variant(base, path, value):
    doc = copy.deepcopy(base)
    node = doc
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


VALID = [
    SCRIPT, HTML,
    variant(SCRIPT, ["sidebar"], KeyError),
    variant(SCRIPT, ["icon"], "icon-phone"),
    variant(SCRIPT, ["version"], "1.0"),  # only a warning
    variant(SCRIPT, ["extra"], {"anything": [1, 2]}),
    variant(SCRIPT, ["parameters", "views"], {"admin": "admin/index.html"}),
    variant(HTML, ["parameters", "views"], {"agent": "views/agent.html"}),
    variant(HTML, ["parameters", "views", "extra"], "kept"),
    variant(SCRIPT, ["author"], KeyError),
]
INVALID = [
    variant(SCRIPT, ["name"], KeyError),
    variant(SCRIPT, ["description"], KeyError),
    variant(SCRIPT, ["version"], 1.0),
    variant(SCRIPT, ["type"], "Script"),
    variant(SCRIPT, ["sidebar"], "agentonly"),
    variant(SCRIPT, ["parameters"], {"scriptPath": "app/index.js"}),
    variant(SCRIPT, ["parameters"], {"views": {"admin": "a.html"}}),
    variant(HTML, ["parameters"], {"scriptName": "x", "scriptPath": "y"}),
    variant(HTML, ["parameters", "views"], {}),
    variant(HTML, ["parameters", "views", "admin"], None),
    variant(HTML, ["parameters", "views", "admin"], ""),
    variant(SCRIPT, ["author"], "me"),
    variant(SCRIPT, ["author", "email"], 3),
    variant(SCRIPT, ["parameters"], "app/index.js"),
    [SCRIPT],
]


def schema():
    return TARGET.schemas()["xcally-manifest.schema.json"]


test_valid_for_both, test_invalid_for_both = agreement_tests(schema, XcallyManifest, VALID, INVALID)


@pytest.mark.parametrize("sample", ["xcally-html", "xcally-script"])
def test_the_samples_match_the_schema(sample):
    assert errors_at(schema(), json.loads((SAMPLES / sample / "manifest.json").read_text())) == []


@pytest.mark.parametrize("path, value", [
    (["parameters", "scriptPath"], 3),
    (["parameters", "views", "admin"], None),
    (["author", "email"], ["me"]),
    (["version"], 1.0),
])
def test_a_wrongly_typed_value_is_refused_where_it_is(path, value):
    base = variant(SCRIPT, ["parameters", "views"], {"admin": "a.html"})
    assert errors_at(schema(), variant(base, path, value)) == [(tuple(path), "type")]


def test_html_parameters_are_not_taken_for_script_ones():
    assert errors_at(schema(), variant(HTML, ["parameters"], {"scriptName": "x", "scriptPath": "y"})) == \
        [(("parameters",), "required")]


def test_the_validator_requires_what_the_model_requires():
    from workbench.targets.xcally.checks import required_fields
    assert required_fields() == [name for name, f in XcallyManifest.model_fields.items() if f.is_required()]


def test_parameters_follow_the_type_and_keep_extra_keys():
    script = XcallyManifest.model_validate(SCRIPT)
    html = XcallyManifest.model_validate(variant(HTML, ["parameters", "views", "extra"], "kept"))
    assert isinstance(script.parameters, ScriptParameters)
    assert isinstance(html.parameters, HtmlParameters)
    assert html.model_dump(exclude_unset=True)["parameters"]["views"]["extra"] == "kept"


def test_assignment_is_validated_for_forms():
    manifest = XcallyManifest.model_validate(SCRIPT)
    manifest.sidebar = "never"
    with pytest.raises(pydantic.ValidationError):
        manifest.sidebar = "hidden"
