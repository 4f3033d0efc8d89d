"""`workbench completion bash|zsh|tcsh` prints a script the shell loads and that completes commands and options."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from workbench.cli import main


def script(shell: str, capsys) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_commands_and_options(capsys, tmp_path):
    path = tmp_path / "workbench.bash"
    path.write_text(script("bash", capsys))
    # Drive the completion function as bash does for `workbench va<TAB>`, `workbench validate x --fo<TAB>` and
    # `workbench validate x --format <TAB>`.
    words = ["workbench va", "workbench validate x --fo", "workbench validate x --format ''"]
    probe = f"source {path}\n" + "".join(
        f"COMP_WORDS=({w}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _shtab_workbench; echo \"[${{COMPREPLY[*]}}]\"\n"
        for w in words)
    result = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[validate]", "[--format]", "[text json sarif github]"]


def test_zsh_script_defines_the_completion_with_every_command(capsys):
    text = script("zsh", capsys)
    assert text.startswith("#compdef workbench")
    for command in ("validate", "export", "import", "test", "new", "rules", "completion"):
        assert f"{command}:" in text
    assert "--format" in text and "_files -/" in text  # project folders complete as folders

