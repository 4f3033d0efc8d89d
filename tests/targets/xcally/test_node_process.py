"""The Node.js supervisor of XCALLY script plugins, against a real node."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import psutil
import pytest
from testpaths import FIXTURES, REPO

from tests.targets.xcally.node_helpers import Lines, kill_leftovers, needs_node
from workbench.core.process import tree as proctree
from workbench.targets.xcally.process import (
    RUNNING,
    STOPPED,
    WAITING_RESTART,
    NodeLaunch,
    NodeNotFoundError,
    NodeProcess,
    RestartPolicy,
)

pytestmark = pytest.mark.node
HERE = FIXTURES / "xcally_runtime"


@pytest.fixture
def supervised():
    made: list[NodeProcess] = []

    def make(script="server.js", env=None, delay=None, **kw):
        lines = Lines()
        proc = NodeProcess(NodeLaunch(HERE / script, "wb-test-plugin", HERE, env or {}, delay, **kw), lines)
        made.append(proc)
        return proc, lines

    yield make
    for proc in made:
        proc.close()


def start_listening(proc: NodeProcess, lines: Lines) -> int:
    """Start the test server and wait until it says it listens; the port it printed."""
    proc.start()
    return int(lines.wait_for("listening on port").text.rsplit(" ", 1)[1])


def test_policy_follows_app_zone_variables():
    assert RestartPolicy.from_env({}) == RestartPolicy(False, 300.0)
    assert RestartPolicy.from_env({"XC_PLUGIN_RESTART": "false"}).enabled is False
    assert RestartPolicy.from_env({"XC_PLUGIN_RESTART": "true"}) == RestartPolicy(True, 300.0)
    assert RestartPolicy.from_env({"XC_PLUGIN_RESTART": "true", "XC_PLUGIN_RESTART_DELAY": "12"}).delay_s == 12.0
    launch = NodeLaunch(HERE / "server.js", "x", HERE, {"XC_PLUGIN_RESTART": "true"}, dev_restart_delay_s=0.5)
    assert launch.policy() == RestartPolicy(True, 0.5)


def test_missing_node_says_what_to_do(supervised):
    proc, _ = supervised(node="no-such-node-binary-here")
    with pytest.raises(NodeNotFoundError, match="Node.js was not found on PATH"):
        proc.start()
    assert proc.state == STOPPED


@needs_node
def test_a_missing_working_folder_is_reported(tmp_path):
    proc = NodeProcess(NodeLaunch(HERE / "server.js", "wb-test-plugin", tmp_path / "gone", {}))
    with pytest.raises(FileNotFoundError, match="gone"):
        proc.start()
    assert proc.state == STOPPED and proc.pid is None
    proc.close()


@needs_node
def test_a_keeper_that_cannot_start_says_why(tmp_path, monkeypatch):
    from workbench.core.process import containment

    broken = tmp_path / "keeper.py"
    broken.write_text("raise SystemExit('this Python cannot run the keeper')\n")
    monkeypatch.setattr(containment, "KEEPER", broken)
    proc = NodeProcess(NodeLaunch(HERE / "server.js", "wb-test-plugin", HERE, {}))
    with pytest.raises(containment.KeeperError, match="ended before starting it: this Python cannot run the keeper"):
        proc.start()
    assert proc.state == STOPPED
    proc.close()


@needs_node
def test_output_name_env_and_port(supervised):
    proc, lines = supervised(env={"GREETING": "hi", "XC_PLUGIN_RESTART": "true"})
    port = start_listening(proc, lines)
    assert lines.wait_for("title=").stream == "stderr"
    assert "title=wb-test-plugin restart=true" in lines.wait_for("title=").text
    assert proc.wait_port(5.0) == port  # found in the kernel's socket table, not in the log
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read().decode()
    assert body == "hello from wb-test-plugin hi"


@needs_node
def test_killed_with_restart_on_comes_back_after_the_delay(supervised):
    proc, lines = supervised(env={"XC_PLUGIN_RESTART": "true", "XC_PLUGIN_RESTART_DELAY": "300"}, delay=0.6)
    start_listening(proc, lines)
    first = proc.pid
    killed_at = time.monotonic()
    proc.kill()
    assert proc.wait_state(WAITING_RESTART, 5.0)
    assert "restarting in 0.6 s" in lines.wait_for("restarting in").text
    assert proc.wait_state(RUNNING, 5.0)
    assert time.monotonic() - killed_at >= 0.55
    assert proc.pid != first and proc.starts == 2
    assert proc.wait_port(5.0)
    assert not proctree.is_alive(first)


@needs_node
def test_killed_with_restart_off_stays_down(supervised):
    proc, lines = supervised(env={"XC_PLUGIN_RESTART": "false"}, delay=0.1)
    start_listening(proc, lines)
    proc.kill()
    assert proc.wait_state(STOPPED, 5.0)
    assert "not restarted" in lines.wait_for("not restarted").text
    assert not proc.wait_state(RUNNING, 0.5)
    assert proc.starts == 1 and proc.pid is None


def _group_members(pgid: int) -> list[int]:
    """The live processes of the plugin started as pgid: it, its descendants and its process group."""
    return proctree.tree_pids(pgid, pgid)


@needs_node
def test_stop_ends_the_whole_tree_and_no_restart_follows(supervised):
    proc, lines = supervised(env={"WITH_CHILD": "1", "XC_PLUGIN_RESTART": "true"}, delay=0.1)
    start_listening(proc, lines)
    pgid = proc.pid
    assert len(_group_members(pgid)) == 2  # node and its child
    assert proc.stop()
    assert _group_members(pgid) == []
    assert proc.state == STOPPED
    assert not proc.wait_state(RUNNING, 0.4)


@needs_node
def test_a_plugin_ignoring_sigterm_is_killed_after_the_grace(supervised):
    proc, lines = supervised("stubborn.js")
    proc.start()
    lines.wait_for("stubborn up")
    pgid = proc.pid
    started = time.monotonic()
    assert proc.stop(grace_s=0.3)
    assert time.monotonic() - started < 3.0
    assert _group_members(pgid) == []


HOLDER = """
import sys, time
sys.path.insert(0, {repo!r})
from pathlib import Path
from workbench.targets.xcally.process import NodeLaunch, NodeProcess
here = Path({here!r})
p = NodeProcess(NodeLaunch(here / "server.js", "wb-holder", here, {{"WITH_CHILD": "1"}}))
p.start()
print(p.pid, flush=True)
print("ready" if p.wait_port(10) else "noport", flush=True)
if sys.argv[1] == "hang":
    time.sleep(60)
"""


def _run_holder(mode: str) -> tuple[subprocess.Popen, int]:
    code = HOLDER.format(repo=str(REPO), here=str(HERE))
    holder = subprocess.Popen([sys.executable, "-c", code, mode], stdout=subprocess.PIPE, text=True)
    pid = int(holder.stdout.readline())
    assert holder.stdout.readline().strip() == "ready"
    return holder, pid


def _wait_gone(pgid: int, timeout: float = 5.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while _group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _group_members(pgid)


@needs_node
def test_workbench_exiting_normally_stops_its_plugins():
    holder, pgid = _run_holder("exit")
    assert holder.wait(timeout=10) == 0
    assert _wait_gone(pgid) == []


@needs_node
@pytest.mark.parametrize("how", ["terminate", "kill"])
def test_workbench_killed_leaves_no_plugin_behind(how):
    holder, pgid = _run_holder("hang")
    getattr(holder, how)()
    holder.wait(timeout=10)
    left = _wait_gone(pgid)
    kill_leftovers([p for p in psutil.process_iter() if p.pid in left])
    assert left == []
