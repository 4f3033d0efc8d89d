"""Each broken eXo fixture gives its code at the expected place through `workbench validate --format json`."""

import pytest
from clihelpers import validate_json
from fixturetree import materialize
from testpaths import SAMPLES

W = "webapp/src/main/webapp"
CONF = f"{W}/WEB-INF/conf/demo/configuration.xml"
JS = f"{W}/js/webconferencing-demo.js"
JAVA = "services/src/main/java/org/example/demo/DemoProvider.java"

# (fixture, code, file, line, column, exit code)
CASES = [
    ("xml-syntax-error", "EXO001", CONF, 7, 30, 1),
    ("type-not-one-word", "EXO002", JAVA, 8, 37, 1),
    ("war-name-differs", "EXO004", "webapp/pom.xml", 7, 16, 1),
    ("display-name-differs", "EXO005", f"{W}/WEB-INF/web.xml", 3, 17, 1),
    ("exo-conf-dependency-missing", "EXO006", f"{W}/META-INF/exo-conf/configuration.xml", 16, 27, 1),
    ("gatein-module-name", "EXO007", f"{W}/WEB-INF/gatein-resources.xml", 4, 11, 0),
    ("js-gettype-differs", "EXO008", JS, 5, 14, 1),
    ("provider-configuration-missing", "EXO009", CONF, 9, 8, 1),
    ("callbutton-on-prototype", "EXO010", JS, 14, 26, 1),
    ("gettitle-missing", "EXO010", JS, 14, 10, 1),
    ("js-module-path-missing", "EXO011", f"{W}/WEB-INF/gatein-resources.xml", 6, 13, 1),
    ("call-page-missing", "EXO012", "webapp/src/main/java/org/example/demo/DemoCallServlet.java", 12, 30, 1),
    ("provider-class-not-found", "EXO013", CONF, 8, 13, 1),
    ("provider-not-callprovider", "EXO014", JAVA, 7, 35, 0),
    ("js-syntax-error", "EXO015", JS, 8, 21, 1),
    ("active-not-boolean", "EXO016", CONF, 12, 42, 0),
    ("set-method-wrong", "EXO017", CONF, 7, 19, 1),
    ("configuration-not-imported", "EXO018", f"{W}/WEB-INF/conf/configuration.xml", 3, 11, 1),
    ("webapp-module-not-in-root-pom", "EXO019", "pom.xml", 8, 4, 0),
    ("js-gettype-unreadable", "EXO020", JS, 4, 10, 0),
    ("type-not-lowercase", "EXO021", JAVA, 8, 37, 0),
]


@pytest.mark.parametrize("fixture, code, file, line, column, exit_code", CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_fixture_reports_code_at_position(fixture, code, file, line, column, exit_code, capsys, tmp_path):
    status, diags = validate_json(materialize("exo", fixture, tmp_path / fixture), capsys)
    assert status == exit_code
    found = [(d["file"], d["line"], d["column"]) for d in diags if d["code"] == code]
    assert (file, line, column) in found, diags


@pytest.mark.parametrize("fixture", sorted({c[0] for c in CASES} - {"type-not-one-word"}))
def test_one_mistake_gives_one_diagnostic(fixture, capsys, tmp_path):
    """A fixture breaks one thing: the report names that thing only, not a cascade."""
    _, diags = validate_json(materialize("exo", fixture, tmp_path / fixture), capsys)
    assert len(diags) == 1, diags


def test_names_need_to_agree_with_each_other_not_with_the_type(capsys, tmp_path):
    """War, display-name and exo-conf say web-demo, the configuration folder demo-conf, the type is demo (reached
    through constants of two classes): a working add-on, so nothing to report."""
    assert validate_json(materialize("exo", "names-differ-from-type", tmp_path / "names"), capsys) == (0, [])


def test_sample_has_no_diagnostics(capsys):
    assert validate_json(SAMPLES / "exo-connector", capsys) == (0, [])
