"""A plugin's whole process tree dies with Stop, with the plugin's own exit and with the workbench, even when the
plugin daemonizes (double fork) or detaches children into their own session (setsid), and even when the workbench
is killed with SIGKILL."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import psutil
import pytest
from testpaths import REPO

from tests.targets.xcally.node_helpers import kill_leftovers, living, needs_node, plugins, wait_until
from workbench.targets.xcally.process import STOPPED

pytestmark = [pytest.mark.node, needs_node]


@pytest.fixture
def plugin(tmp_path):
    yield from plugins(tmp_path)

# Children that shrug off SIGTERM, sleep forever and say so once they do (stdout is kept only to tell the test);
# `detached: true` is setsid() on POSIX.
STUBBORN = "process.on('SIGTERM', () => {}); console.log('stubborn ' + process.pid); setInterval(() => {}, 1000)"
SLEEPER = "console.log('sleeper ' + process.pid); setInterval(() => {}, 1000)"
KEEP_STDOUT = "stdio: ['ignore', 'inherit', 'inherit']"

# The classic daemon: a detached (setsid) middle process starts the stubborn one and exits, so that one is an orphan
# in its own session, no longer a descendant of the plugin's main process.
DAEMONIZE = textwrap.dedent(f"""
    const {{ spawn }} = require('child_process');
    const middle = `
      require('child_process').spawn(process.execPath, ['-e', ${{JSON.stringify(STUBBORN_CODE)}}],
                                     {{ detached: true, {KEEP_STDOUT} }}).unref();
    `;
    globalThis.middle = spawn(process.execPath, ['-e', middle], {{ detached: true, {KEEP_STDOUT} }});
    globalThis.middle.unref();
""")

SETSID_CHILD = f"require('child_process').spawn(process.execPath, ['-e', STUBBORN_CODE], {{ detached: true, {KEEP_STDOUT} }});"
PLAIN_CHILD = f"require('child_process').spawn(process.execPath, ['-e', {SLEEPER!r}], {{ {KEEP_STDOUT} }});"


def _script(*parts: str, stay: bool = True) -> str:
    head = f"const STUBBORN_CODE = {STUBBORN!r};\n"
    return head + "\n".join("{" + part + "}" for part in parts) + ("\nsetInterval(() => {}, 1000);\n" if stay else "\n")


def _stubborn(lines, count: int) -> list[psutil.Process]:
    """The stubborn children once `count` of them ignore SIGTERM."""
    assert wait_until(lambda: sum(t.startswith("stubborn ") for t in lines.texts()) >= count), lines.texts()
    return [psutil.Process(int(t.split()[1])) for t in lines.texts() if t.startswith("stubborn ")]


def test_stop_ends_a_daemonized_grandchild(plugin):
    proc, lines = plugin(_script(DAEMONIZE))
    proc.start()
    [daemon] = _stubborn(lines, 1)
    try:
        assert wait_until(lambda: daemon.ppid() != proc.pid and not living([psutil.Process(proc.pid)]) == [])
        seen_as_the_plugins = daemon.pid in proc.pids()
        assert proc.stop(grace_s=0.3)
        assert living([daemon]) == []
        assert seen_as_the_plugins  # an orphan is still part of the plugin as the workbench sees it
    finally:
        kill_leftovers([daemon])


def test_stop_ends_a_setsid_child_that_ignores_sigterm(plugin):
    proc, lines = plugin(_script(SETSID_CHILD))
    proc.start()
    [child] = _stubborn(lines, 1)
    try:
        assert proc.stop(grace_s=0.3)  # the main process obeys SIGTERM at once; the child needs SIGKILL
        assert living([child]) == []
        assert proc.state == STOPPED
    finally:
        kill_leftovers([child])


def test_a_plugin_that_exits_takes_its_daemons_with_it(plugin, tmp_path):
    leave = tmp_path / "leave-now"  # the test says when the main process leaves: once its children are all up
    quit_when_told = (f"setInterval(() => {{ if (require('fs').existsSync({str(leave)!r})) process.exit(3); }}, 20);")
    proc, lines = plugin(_script(DAEMONIZE, SETSID_CHILD, quit_when_told, stay=False))
    proc.start()
    left_behind = _stubborn(lines, 2)
    try:
        leave.touch()
        assert proc.wait_state(STOPPED, 5.0)
        assert "exited with code 3" in lines.wait_for("exited with code").text
        assert wait_until(lambda: not living(left_behind), 5.0), f"still running: {living(left_behind)}"
    finally:
        kill_leftovers(left_behind)


HOLDER = textwrap.dedent("""
    import sys, threading
    sys.path.insert(0, {repo!r})
    from pathlib import Path
    from workbench.targets.xcally.process import NodeLaunch, NodeProcess
    script = Path(sys.argv[1])
    def tell(event):
        if event.stream == "stdout":
            print(event.text, flush=True)
    p = NodeProcess(NodeLaunch(script, "wb-holder", script.parent, {{}}), tell)
    p.start()
    print("main", p.pid, flush=True)
    threading.Event().wait()  # a workbench that never stops by itself
""")


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_workbench_killed_leaves_no_descendant(tmp_path, how):
    """A workbench-like Python process supervises the plugin and is killed; every descendant dies within seconds."""
    script = tmp_path / "plugin.js"
    script.write_text(_script(DAEMONIZE, SETSID_CHILD, PLAIN_CHILD))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER.format(repo=str(REPO)), str(script)],
                              stdout=subprocess.PIPE, text=True)
    seen: list[psutil.Process] = []
    try:
        while len(seen) < 4:  # main, sleeper and two stubborn ones, in whatever order the output comes
            seen.append(psutil.Process(int(holder.stdout.readline().split()[1])))
        helpers = psutil.Process(holder.pid).children(recursive=True)  # the workbench's own helpers too
        tree = list({proc.pid: proc for proc in seen + helpers}.values())
        (psutil.Process(holder.pid).kill if how == "SIGKILL" else psutil.Process(holder.pid).terminate)()
        holder.wait(timeout=10)
        assert wait_until(lambda: not living(tree), 5.0), f"still running: {living(tree)}"
    finally:
        holder.kill()
        holder.wait()
        kill_leftovers(seen)
