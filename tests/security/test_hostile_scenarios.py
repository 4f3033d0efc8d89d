"""Hostile scenario files: every one is a ScenarioError that starts with file:line:col, quickly; never a traceback,
a hang, an endless wait or an "internal error" once the run has started."""

from __future__ import annotations

import os

import pytest

from tests.security.hostile import run_bounded
from workbench.core.scenario import ScenarioError, load_scenario, parse_scenario
from workbench.registry import get_target

pytestmark = pytest.mark.timeout(20)
OK_STEPS = "steps: [wait: 1]\n"
VOCABULARY = get_target("pexip").vocabulary()  # a host with a conference header (fail_dial, participants)


def laughs(levels: int = 9) -> str:
    """The "billion laughs": each level ten aliases of the one before (10**9 values once expanded)."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n" + OK_STEPS


def alias_chain(links: int = 20) -> str:
    """Each anchor nests the one before ten levels deeper: shallow text, values thousands of levels deep."""
    lines = [f"l{i}: &l{i} " + "[" * 10 + (f"*l{i - 1}" if i else "x") + "]" * 10 for i in range(links)]
    return "\n".join(lines) + "\n" + OK_STEPS


@pytest.mark.parametrize("text, where, words", [
    (laughs(), "s.yaml:5:", "billion laughs"),
    ("x: &a [*a]\n" + OK_STEPS, "s.yaml:1:8", "recursive alias *a"),
    ("x: &a {b: {c: *a}}\n" + OK_STEPS, "s.yaml:1:15", "recursive alias *a"),
    (alias_chain(), "s.yaml:7:", "more than 64 levels deep"),
    (OK_STEPS + "x: " + "[" * 3000 + "]" * 3000 + "\n", "s.yaml:2:67", "nested more than 64 levels deep"),
    (OK_STEPS + "x:\n" + "".join("  " * i + "- \n" for i in range(1, 100)), "s.yaml:66:", "more than 64 levels"),
    ("? [a, b]\n: 1\n" + OK_STEPS, "s.yaml:1:3", "a key must be a plain value"),
    ("{[a]: 1, steps: [wait: 1]}\n", "s.yaml:1:2", "a key must be a plain value"),
    ("steps:\n  - wait: !!int abc\n", "s.yaml:2:11", "cannot read 'abc' as !!int"),
    ("steps:\n  - wait: !!float x\n", "s.yaml:2:11", "cannot read 'x' as !!float"),
    ("steps:\n  - wait: !custom 1\n", "s.yaml:2:11", "cannot read '1' as !custom"),
    ("steps:\n  - wait: !!python/object/apply:os.system [id]\n", "s.yaml:2:11", "tag !!python/object/apply"),
    ("steps:\n  - wait: " + "9" * 5000 + "\n", "s.yaml:2:11", "cannot read"),
    ("timeout: .inf\n" + OK_STEPS, "s.yaml:1:10", "inf is not a usable number"),
    ("timeout: .nan\n" + OK_STEPS, "s.yaml:1:10", "nan is not a usable number"),
    ("steps:\n  - wait: .inf\n", "s.yaml:2:11", "inf is not a usable number"),
    ("steps:\n  - expect: {no_errors: true, timeout: .nan}\n", "s.yaml:2:40", "nan is not a usable number"),
    ("steps:\n  - wait: 1.0e+300\n", "s.yaml:2:11", "must be at most 3600000"),
    ("steps:\n  - wait: 1e300\n", "s.yaml:2:11", "expected a number of milliseconds (up to an hour), not '1e300'"),
    ("timeout: true\n" + OK_STEPS, "s.yaml:1:10", "expected a number of milliseconds"),
    ("timeout: 1.0e+12\n" + OK_STEPS, "s.yaml:1:10", "must be at most 3600000"),
    ("host: {fail_dial: '(['}\n" + OK_STEPS, "s.yaml:1:19", "`fail_dial`: not a valid regular expression"),
    ("host: {fail_dial: [a]}\n" + OK_STEPS, "s.yaml:1:19", "`fail_dial` must be text, not a list"),
    (OK_STEPS + "x: \x00\n", "s.yaml:2:4", "unacceptable character"),
    ("host: {connect_delay: 0}\nhost: {fail_dial: x}\n" + OK_STEPS, "s.yaml:2:1",
     "the key 'host' is given twice in this mapping (first on line 1)"),
    ("steps:\n  - expect: {no_errors: true, no_errors: false}\n", "s.yaml:2:31", "the key 'no_errors' is given twice"),
])
def test_hostile_yaml_is_a_positioned_error(text, where, words):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "s.yaml", VOCABULARY)
    assert str(caught.value).startswith(where) and words in str(caught.value), str(caught.value)


@pytest.mark.parametrize("text, where, words", [
    ('{"timeout": 1e400, "steps": [{"wait": 1}]}', "s.json:1:13", "inf is not a usable number"),
    ('{"steps": [{"wait": 1}], "x": ' + "[" * 50000 + "]" * 50000 + "}", "s.json:1:", "nested more than 64"),
    ('{"host": {"fail_dial": "a)"}, "steps": [{"wait": 1}]}', "s.json:1:24", "not a valid regular expression"),
])
def test_hostile_json_is_a_positioned_error(text, where, words):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "s.json", VOCABULARY, json_format=True)
    assert str(caught.value).startswith(where) and words in str(caught.value), str(caught.value)


def test_a_fifo_scenario_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "s.yaml")
    with pytest.raises(ScenarioError, match="is a FIFO, not a regular file"):
        load_scenario(tmp_path / "s.yaml", VOCABULARY)


def test_a_scenario_linked_to_dev_zero_is_refused(tmp_path):
    os.symlink("/dev/zero", tmp_path / "s.yaml")
    # in a child with 2 GB of address space: reading /dev/zero would run out of it instead of the test machine's
    loaded = run_bounded("-c", "import sys; from workbench.core.scenario import ScenarioError, load_scenario\n"
                               "from workbench.registry import get_target\n"
                               "try: load_scenario(sys.argv[1], get_target('pexip').vocabulary())\nexcept ScenarioError as e: print(e)", tmp_path / "s.yaml")
    assert loaded.returncode == 0 and "is a character device, not a regular file" in loaded.stdout, loaded.stderr


def test_bytes_that_are_not_utf8_are_placed(tmp_path):
    (tmp_path / "s.yaml").write_bytes(b"name: ok\nsteps:\n  - wait: \xff\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "s.yaml", VOCABULARY, display_name="s.yaml")
    assert str(caught.value).startswith("s.yaml:3:11: byte 0xff is not valid UTF-8")


def test_reasonable_files_still_load():
    s = parse_scenario("participants: [&b {name: Bob, role: guest}, *b]\n" + OK_STEPS.replace("1", "0"),
                       "s.yaml", VOCABULARY)
    assert [(p["name"], p["role"]) for p in s.header["participants"]] == [("Bob", "guest")] * 2 and s.steps[0].value == 0
    assert parse_scenario("timeout: 3600000\n" + OK_STEPS, "s.yaml", VOCABULARY).timeout_ms == 3600000
