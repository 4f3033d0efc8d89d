"""`workbench test -j N` and `--shard K/N`: scenarios at once in their own sessions, reported in file order;
shards that together run every scenario exactly once."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from test_cli_test_output import SAMPLE, SCENARIOS, workbench_test

from workbench.core.scenario_report import ScenarioResult
from workbench.core.shard import Shard
from workbench.sandbox import runner


def in_own_loop(coroutine):
    """Run a coroutine on a fresh loop in a thread of its own (the Qt tests leave their loop set on this one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.mark.parametrize("total", [0, 1, 2, 3, 7, 10, 200, 201])
@pytest.mark.parametrize("parts", [1, 2, 3, 4, 7, 16])
def test_shards_hold_every_file_once_in_order_and_nearly_equal(total, parts):
    files = [f"s{i:03d}.yaml" for i in range(total)]
    shards = [Shard(k, parts).select(files) for k in range(1, parts + 1)]
    assert [f for shard in shards for f in shard] == files
    sizes = [len(s) for s in shards]
    assert max(sizes) - min(sizes) <= 1


@pytest.mark.parametrize("text", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2", "1/2/3", ""])
def test_a_shard_that_is_not_k_of_n_is_refused(text):
    with pytest.raises(ValueError):
        Shard.parse(text)


def test_results_come_in_file_order_while_scenarios_run_at_once(monkeypatch):
    """The first scenario can only end once the second has run (so they ran at the same time), yet the first
    is reported first; with one job at a time the same files give the same order."""
    second_done = asyncio.Event()

    async def fake_run(target, project, scenario, **_):
        if scenario == "first":
            await asyncio.wait_for(second_done.wait(), 5)
        elif scenario == "second":
            second_done.set()
        await asyncio.sleep(0)
        return ScenarioResult(scenario, scenario, passed=scenario != "third")

    monkeypatch.setattr(runner, "load_for", lambda target, project, path: Path(path).name)
    monkeypatch.setattr(runner, "run_scenario", fake_run)
    reported: list[str] = []

    async def go(jobs: int):
        results = await runner.run_files(None, None, [Path("first"), Path("second"), Path("third")], jobs=jobs,
                                         on_result=lambda r: reported.append(r.name))
        return [r.name for r in results]

    assert in_own_loop(go(2)) == ["first", "second", "third"] == reported
    reported.clear()
    second_done.set()  # one job at a time: the first must not wait for a second that cannot start
    assert in_own_loop(go(1)) == ["first", "second", "third"] == reported


@pytest.mark.webengine
def test_shards_of_the_sample_run_each_scenario_once(tmp_path):
    ran = []
    for k in (1, 2, 3):
        result = workbench_test(SAMPLE, "--shard", f"{k}/3", "-j", "2", "--format", "json", log_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        assert f"shard {k}/3: " in result.stderr
        ran += [s["file"].rsplit("/", 1)[1] for s in json.loads(result.stdout)["scenarios"]]
    assert ran == SCENARIOS


@pytest.mark.webengine
def test_parallel_output_is_in_file_order_with_failures_and_exit_code(tmp_path):
    """A slow first scenario, a failing second and quick others: -j 3 prints what -j 1 prints, in file order."""
    project = tmp_path / "project"
    import shutil
    shutil.copytree(SAMPLE, project)
    folder = project / "scenarios"
    slow = (folder / "recording_flips_label.yaml").read_text().replace("steps:\n", "steps:\n  - wait: 700\n", 1)
    (folder / "a_slow.yaml").write_text(slow)
    (folder / "b_fails.yaml").write_text("name: fails\nsteps:\n  - expect: {selector: '#nothing', timeout: 100}\n")

    def lines(jobs: str) -> list[str]:
        result = workbench_test(project, "-j", jobs, log_dir=tmp_path)
        assert result.returncode == 1, result.stdout + result.stderr
        return [line.split(" (")[0] for line in result.stdout.splitlines() if line.startswith(("PASS", "FAIL"))]

    expected = ["PASS recording flips its label", "FAIL fails", *[f"PASS {n}" for n in (
        "a failed dial keeps the dialog open and asks to retry", "guests do not see the recording button",
        "recording flips its label", "the label follows the recorder leaving on its own")]]
    assert lines("3") == expected == lines("1")


@pytest.mark.parametrize("args", [("-j", "0"), ("-j", "many"), ("--shard", "3/2")])
def test_bad_jobs_or_shard_is_one_line_and_exit_2(tmp_path, args):
    result = workbench_test(SAMPLE, *args, log_dir=tmp_path, timeout=60)
    # (an installed host this checkout does not have may add its own warning line: not what is tested here)
    lines = [line for line in result.stderr.strip().splitlines() if "could not be loaded" not in line]
    assert result.returncode == 2 and len(lines) == 1 and args[0] in lines[0], result.stderr
