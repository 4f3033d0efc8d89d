"""The XCALLY manifest JSON Schema and the pydantic models accept and reject the same documents."""

import copy

import pydantic
import pytest
from schemamodel import assert_both_accept, assert_both_reject, check_schema

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


def test_schema_is_valid_draft_2020_12():
    check_schema(schema())


@pytest.mark.parametrize("doc", VALID)
def test_valid_for_both(doc):
    assert_both_accept(schema(), XcallyManifest, doc)


@pytest.mark.parametrize("doc", INVALID)
def test_invalid_for_both(doc):
    assert_both_reject(schema(), XcallyManifest, doc)


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
