"""Hostile project sources the workbench reads or evaluates: an eXo provider's Java (its settings are evaluated from
the source), a JSP call page, a Web App 3 plugin's index.html and vite.config, a JSON manifest, workbench.toml, a
plugin's error stack. None may hang, recurse without bound, eat the memory or print a traceback: each is read in a
time proportional to its size, or set aside with a diagnostic."""

from __future__ import annotations

import os
import time

import pytest

from tests.packaging.helpers import write
from tests.security.hostile import copy_sample, diagnostics_of, run_bounded, run_workbench
from workbench.registry import open_project
from workbench.targets.exo.jsp import render
from workbench.targets.exo.runtime.config import connector_facts

pytestmark = pytest.mark.timeout(60)
PROVIDER = "services/src/main/java/org/example/webconferencing/acme/AcmeProvider.java"


def provider(body: str) -> str:
    return ("package org.example.webconferencing.acme;\nimport org.exoplatform.webconferencing.CallProvider;\n"
            "public class AcmeProvider extends CallProvider {\n" + body +
            "\n  public String getType() { return \"acme\"; }\n}\n")


SETTINGS = "  public Settings getSettings() { return new Settings(); }\n"
FANOUT = SETTINGS + "  public class Settings {\n" + "".join(
    f"    public String getG{i}() {{ return getG{i + 1}() + getG{i + 1}(); }}\n" for i in range(40)) + \
    "    public String getG40() { return \"x\"; }\n  }"
CHAIN = SETTINGS + "  public class Settings { public String getLong() { return " + " + ".join(['"a"'] * 20000) + "; } }"
PARENS = SETTINGS + "  public class Settings { public String getP() { return " + "(" * 100_000 + '"a"' + ")" * 100_000 + \
    "; } }"
FIELDS = SETTINGS + "  public class Settings { Node n = new Node(); public String getX() { return \"x\"; } }\n" \
    "  class Node { Node l = new Node(); Node r = new Node(); }"
SELF_CALL = "  public AcmeProvider(InitParams p) { this(p); }\n" + SETTINGS + \
    "  public class Settings { public String getA() { return \"a\"; } }"
NESTED = " class N { " * 3000 + " } " * 3000 + SETTINGS + "  public class Settings { public String getA() { return \"a\"; } }"


def exo_with(tmp_path, body: str):
    root = copy_sample("exo-connector", tmp_path / "connector")
    (root / PROVIDER).write_text(provider(body))
    return open_project(root)[1]


@pytest.mark.parametrize("body", [FANOUT, PARENS, FIELDS], ids=["2^40 getter calls", "100,000 parentheses",
                                                                  "endless new"])
def test_java_that_asks_too_much_work_falls_back_to_the_xml_settings(tmp_path, body):
    project = exo_with(tmp_path, body)
    t0 = time.perf_counter()
    [facts] = connector_facts(project)["providers"]
    assert time.perf_counter() - t0 < 10  # a budget, not the hours the source asks for
    assert facts.settings["type"] == "acme" and "serviceUrl" in facts.settings  # the XML properties
    if "(settings)" in facts.unreadable:
        assert "not evaluated" in facts.unreadable["(settings)"]


@pytest.mark.parametrize("body", [SELF_CALL, NESTED], ids=["a constructor calling itself", "3,000 nested classes"])
def test_java_that_recurses_is_read_as_far_as_it_makes_sense(tmp_path, body):
    [facts] = connector_facts(exo_with(tmp_path, body))["providers"]
    assert facts.settings["a"] == "a"


def test_a_long_java_concatenation_is_a_loop_not_a_recursion(tmp_path):
    [facts] = connector_facts(exo_with(tmp_path, CHAIN))["providers"]
    assert facts.settings["long"] == "a" * 20000


def test_java_strings_doubling_to_terabytes_are_not_built(tmp_path):
    body = "".join(f"  static final String S{i + 1} = S{i} + S{i};\n" for i in range(40)) + \
        '  static final String S0 = "xxxxxxxxxxxxxxxx";\n' + SETTINGS + \
        "  public class Settings { public String getBig() { return S40; } }"
    exo_with(tmp_path, body)
    # in a child with 1 GB: building the string would run out of it
    script = ("import sys; from workbench.registry import open_project\n"
              "from workbench.targets.exo.runtime.config import connector_facts\n"
              "[f] = connector_facts(open_project(sys.argv[1])[1])['providers']; print(repr(f.settings.get('big')))")
    ran = run_bounded("-c", script, tmp_path / "connector", memory=1 << 30)
    assert ran.returncode == 0, ran.stderr[-1500:]
    assert ran.stdout.strip() == "None"  # unknown: shown as null, the user sets it in the panel


@pytest.mark.parametrize("piece", ["<%@", "<%--", "<%=", "<%", "${", "<c:out "])
def test_a_jsp_of_unclosed_tags_renders_in_linear_time(piece):
    t0 = time.perf_counter()
    html, _missing = render(piece * 100_000, {})
    assert time.perf_counter() - t0 < 5  # the regular expressions took hours on this
    assert html.startswith(piece.lstrip("\r\n")[:2])  # an unclosed tag is left as written


def test_jsp_rendering_is_unchanged_for_real_pages():
    html, missing = render('<%@ page language="java" %>\n<%-- note --%><p data-u=\'${userInfo}\'>'
                           '<%= request.getAttribute("settings") %><% int x = 1; %><c:out value="a"/>${a.b}</p>',
                           {"userInfo": {"id": "john"}, "settings": "s"})
    assert html == '<p data-u=\'{"id": "john"}\'>snull</p>'
    assert [m.split(" ", 2)[1] for m in missing] == ["scriptlet", "EL", "tag"]


def test_a_webapp3_page_of_unclosed_script_tags_validates_quickly(tmp_path):
    root = copy_sample("webapp3-meeting-tools", tmp_path / "plugin")
    (root / "index.html").write_text("<script " * 150_000)
    (root / "vite.config.ts").write_text("sandboxValues: [" * 100_000)
    result = run_workbench("validate", root, timeout=30)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr[-1500:]


def test_a_json_line_of_unclosed_strings_validates_quickly(tmp_path):
    root = copy_sample("xcally-html", tmp_path / "plugin")
    (root / "manifest.json").write_text('{"type": "html", "name": "' + '\\"' * 150_000 + "\n}")
    result = run_workbench("validate", root, timeout=30)
    assert "Traceback" not in result.stderr, result.stderr[-1500:]


@pytest.mark.parametrize("text, where", [
    ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "workbench.toml:1:"),
    ("a = { " * 20_000 + "\n", "workbench.toml:1:"),
], ids=["deep arrays", "deep tables"])
def test_a_deeply_nested_workbench_toml_is_a_positioned_error(tmp_path, text, where):
    root = copy_sample("xcally-html", tmp_path / "plugin")
    (root / "workbench.toml").write_text(text)
    result = run_workbench("validate", root)
    assert result.returncode == 1 and "internal error" not in result.stderr, result.stderr
    [line] = [d for d in diagnostics_of(result) if "WB002" in d]
    assert line.startswith(where) and "nested" in line


def test_a_workbench_toml_of_many_mistakes_says_the_first_ones_quickly(tmp_path):
    root = copy_sample("xcally-html", tmp_path / "plugin")
    (root / "workbench.toml").write_text("[rules]\noff = [" + ", ".join(f'"NOPE{i}"' for i in range(20_000)) + "]\n")
    result = run_workbench("validate", root, timeout=30)
    assert result.returncode == 1
    problems = [d for d in diagnostics_of(result) if "WB002" in d]
    assert 1 < len(problems) <= 101 and "more mistakes in workbench.toml" in problems[-1]


def test_sarif_output_does_not_read_a_fifo_it_reports(tmp_path):
    root = copy_sample("pexip-recording", tmp_path / "branding")
    (root / "webapp2/manifest.json").unlink()
    os.mkfifo(root / "webapp2/manifest.json")
    result = run_workbench("validate", root, "--format", "sarif", timeout=20)
    assert result.returncode in (0, 1) and '"FS001"' in result.stdout, result.stderr[-1500:]


def test_a_plugin_written_stack_is_searched_in_linear_time():
    from workbench.sandbox.session.base import HostSession

    class Page:
        file_for_url = staticmethod(lambda url: None)

    data = {"stack": "workbench://" * 5500, "url": "", "message": "boom"}  # what the kit lets through (65,536)
    t0 = time.perf_counter()
    HostSession._locate(Page(), data)  # noqa: SLF001 (the one place a report's stack is read)
    assert time.perf_counter() - t0 < 1


def test_a_suppression_comment_of_hostile_length_is_read_quickly(tmp_path):
    root = copy_sample("xcally-html", tmp_path / "plugin")
    write(root, "views/assets/queuedesk.js", "// workbench-disable-next-line " + "PEX001 " * 200_000 + "\n")
    result = run_workbench("validate", root, timeout=30)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1)
