"""Every failure of the command line is one line on stderr with its documented exit code, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from testpaths import REPO, SAMPLES

from workbench import __version__
from workbench.cli import main
from workbench.commands import validate as validate_command

LONG = "x" * 5000


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"workbench {__version__}"


def test_a_mistyped_command_is_an_error_with_a_suggestion(capsys):
    assert main(["valdiate", str(SAMPLES / "xcally-html")]) == 2
    assert one_line(capsys.readouterr().err) == "workbench: 'valdiate' is not a command (did you mean 'validate'?), " \
                                                "nor a folder"


def test_an_unknown_option_names_the_closest_one(capsys):
    assert main(["validate", str(SAMPLES / "xcally-html"), "--formt", "json"]) == 2
    assert "unknown option '--formt' (did you mean '--format'?)" in one_line(capsys.readouterr().err)
    assert main(["validate", str(SAMPLES / "xcally-html"), "--format", "jsn"]) == 2
    assert "(did you mean 'json'?)" in one_line(capsys.readouterr().err)
    assert main(["--them", "dark"]) == 2  # no abbreviation: it would have opened the window
    assert "(did you mean '--theme'?)" in one_line(capsys.readouterr().err)


@pytest.mark.parametrize("path, message", [
    ("/no/such/folder", "/no/such/folder: no such folder"),
    (str(REPO / "README.md"), "README.md: not a folder"),
    ("/tmp/" + LONG, "File name too long"),
])
def test_the_window_opens_only_for_a_folder(path, message, capsys):
    assert main([path]) == 2  # the window is never created: this would hang headless otherwise
    line = one_line(capsys.readouterr().err)
    assert message in line and len(line) < 300


def test_window_refusal_happens_before_qt_loads():
    code = ("import sys\nfrom workbench.cli import main\nrc = main(['/no/such/folder'])\n"
            "sys.exit(rc if not any(m.startswith('PySide6') for m in sys.modules) else 9)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr


def test_a_five_thousand_character_path_exits_2(capsys):
    assert main(["validate", "/tmp/" + LONG]) == 2
    line = one_line(capsys.readouterr().err)
    assert "File name too long" in line and len(line) < 300


@pytest.mark.parametrize("args", [["new", "xcally-html", "/tmp/" + LONG], ["import", "/tmp/" + LONG + ".zip", "/tmp/d"],
                                  ["export", "/tmp/" + LONG], ["test", "/tmp/" + LONG]])
def test_every_command_refuses_a_five_thousand_character_path_in_one_line(args, capsys):
    assert main(args) == 2
    assert len(one_line(capsys.readouterr().err)) < 400


def test_an_unreadable_project_folder_exits_2(tmp_path, monkeypatch, capsys):
    project = tmp_path / "locked"
    project.mkdir()
    real_listdir = os.listdir

    def refuse(path="."):
        if os.fspath(path) == os.fspath(project):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", refuse)  # as root a chmod 000 folder stays readable: refuse it here
    assert main(["validate", str(project)]) == 2
    assert one_line(capsys.readouterr().err).endswith("locked: cannot read the folder: Permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every folder")
def test_a_chmod_000_project_folder_exits_2(tmp_path, capsys):
    project = tmp_path / "locked"
    project.mkdir()
    project.chmod(0)
    try:
        assert main(["validate", str(project)]) == 2
    finally:
        project.chmod(0o755)
    assert "Permission denied" in one_line(capsys.readouterr().err)


def test_interrupt_exits_130_in_one_line(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(validate_command, "run", interrupted)
    assert main(["validate", str(SAMPLES / "xcally-html")]) == 130
    assert one_line(capsys.readouterr().err) == "workbench: interrupted"


def test_an_internal_error_is_one_line_pointing_at_the_log(monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("the engine broke\nsecond line")

    monkeypatch.setattr(validate_command, "run", broken)
    assert main(["validate", str(SAMPLES / "xcally-html")]) == 70
    line = one_line(capsys.readouterr().err)
    assert line.startswith("workbench: internal error: RuntimeError: the engine broke (details in ")
    log_file = line.rsplit("(details in ", 1)[1].rstrip(")")
    logged = open(log_file, encoding="utf-8").read()
    assert "Traceback" in logged and "the engine broke" in logged and "validate" in logged


@pytest.mark.parametrize("option", ["-o", "--report"])
def test_export_to_an_unwritable_place_exits_2(option, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    project = tmp_path / "p"
    assert main(["new", "xcally-html", str(project), "--no-validate"]) == 0
    capsys.readouterr()
    target = blocker / ("x.zip" if option == "-o" else "report.json")
    assert main(["export", str(project), option, str(target)]) == 2
    assert str(blocker) in one_line(capsys.readouterr().err)
    assert not (project / "workbench-exports").exists()  # refused before anything was written


def test_test_junit_to_an_unwritable_place_exits_2_before_running(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["test", str(SAMPLES / "pexip-recording"), "--junit", str(blocker / "junit.xml")]) == 2
    assert "--junit" in one_line(capsys.readouterr().err)
    assert main(["test", str(SAMPLES / "pexip-recording"), "--junit", str(tmp_path)]) == 2
    assert "is a folder" in one_line(capsys.readouterr().err)


def test_broken_pipe_is_quiet():
    """`workbench rules | head -1`: the reader leaves early, the command stays silent and succeeds."""
    result = subprocess.run(f"{sys.executable} -m workbench rules | head -1", shell=True, cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "General" and result.stderr == ""
