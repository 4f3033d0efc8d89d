"""The keeper: a small process between the workbench and one run of a plugin that owns everything the plugin starts.

The workbench runs this file as a script (`python -I -S keeper.py`, see containment.py): stdlib and psutil only,
no workbench import, nothing done on import. Protocol, one JSON document or word per line:
- stdin, from the workbench: first the launch (`{"cmd", "cwd", "env", "stdout", "parent", "psutil_path"}`), then
  `stop <grace seconds>` (terminate the tree, kill what is left after the grace) or `kill` (kill the main process
  only: an unexpected death, the tree is cleaned after it). End of stdin means the workbench is gone (closed,
  crashed or killed by SIGKILL): the tree is killed at once.
- stdout, to the workbench: `{"started": pid}` or `{"failed": message}`, then `{"exited": code}` once the main
  process has ended (negative: killed by that signal), then `{"done": [pids that survived]}` as the keeper leaves.
  Whenever the main process ends, the rest of its tree is ended with it (1 s of grace).

What is guaranteed where:
- Linux: the keeper is a child subreaper (PR_SET_CHILD_SUBREAPER), so every descendant that loses its parent
  (double fork, daemonization, setsid or `detached: true`) is reparented to it and stays in the tree it ends. It
  learns of the workbench's death from the end of its stdin and from PR_SET_PDEATHSIG; the main process has
  PR_SET_PDEATHSIG(SIGKILL) against the keeper. Stop, the plugin's exit and the workbench's death, even by SIGKILL,
  end every descendant. Not covered: processes the plugin gets another service to start (systemd-run, at, D-Bus
  activation), and should the keeper itself be SIGKILLed, descendants other than the main process.
- Windows: the main process is created suspended and put in a job object (KILL_ON_JOB_CLOSE, no breakaway) before
  it runs; only the keeper holds the job. Stop terminates the job; the keeper's end for any reason (the workbench's
  death included) closes it; either way every descendant dies, detached ones included. There is no graceful stop
  (no SIGTERM on Windows): the grace period is not used.
- macOS and other POSIX systems: there is no subreaper. The main process leads its own process group; the keeper
  sweeps the tree every 100 ms, remembers every descendant and every process group they lead, and ends them all. A
  descendant that leaves the tree (double fork) and its process group (setsid) between two sweeps can escape.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # at run time it is imported by main, from beside this file
    from keeper_trees import Tree

POLL_S = 0.05  # how often the main process and the signal flags are looked at
KILL_FOR_S = 5.0  # how long to keep killing a tree that still forks before giving up
EXIT_GRACE_S = 1.0  # grace of the rest of the tree when the main process ends by itself


def report(**message) -> None:
    """One status line to the workbench (ignored once the workbench is gone)."""
    try:
        os.write(1, (json.dumps(message) + "\n").encode())
    except OSError:
        pass


def stdin_lines():
    """Lines of stdin read with os.read: a daemon thread blocked in a buffered reader would abort the exit."""
    pending = b""
    while True:
        try:
            chunk = os.read(0, 4096)
        except OSError:
            chunk = b""
        if not chunk:
            if pending:
                yield pending
            return
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            yield line


class Keeper:
    """The loop: watch the main process, obey the workbench, end the tree."""

    def __init__(self, tree: Tree, child: subprocess.Popen, flags: dict, graceful: bool) -> None:
        self.tree = tree
        self.flags = flags  # set by signal handlers: parent_gone, terminate
        self.graceful = graceful  # whether the platform has a polite way to ask a process to end
        self.child = child
        self.commands: queue.Queue = queue.Queue()
        self.exit_reported = False
        self.eof = False

    def read_commands(self, lines) -> None:
        for raw in lines:
            self.commands.put(raw.decode("utf-8", "replace").strip())
        self.commands.put(None)

    def next_command(self, timeout: float) -> str | None:
        try:
            command = self.commands.get(timeout=timeout)
        except queue.Empty:
            return ""
        if command is None:
            self.eof = True
        return command

    def run(self, lines) -> int:
        threading.Thread(target=self.read_commands, args=(lines,), daemon=True).start()
        while True:
            command = self.next_command(POLL_S)
            if self.eof or self.flags["parent_gone"]:
                return self.finish(0.0)
            if self.flags["terminate"]:
                return self.finish(EXIT_GRACE_S)
            if command.startswith("stop"):
                try:
                    grace = max(0.0, float(command.split()[1]))
                except (IndexError, ValueError):
                    grace = 3.0
                return self.finish(grace)
            if command == "kill" and self.child.poll() is None:
                self.child.kill()
            self.tree.reap()
            self.tree.sweep()
            if self.child.poll() is not None:
                self.report_exit()
                return self.finish(EXIT_GRACE_S)

    def report_exit(self) -> None:
        if not self.exit_reported and self.child.poll() is not None:
            self.exit_reported = True
            report(exited=self.child.returncode)

    def wait_for(self, condition, timeout: float, cut_short: bool = False) -> bool:
        """Wait (reaping) until condition() holds or timeout; with cut_short, also until the workbench goes away."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() >= deadline or (cut_short and (self.eof or self.flags["parent_gone"])):
                return False
            self.next_command(POLL_S)  # a plain wait once stdin has ended
            self.tree.reap()
            self.child.poll()
        return True

    def finish(self, grace_s: float) -> int:
        """Terminate the tree, kill what is left after grace_s, tell the workbench what survived."""
        tree = self.tree
        if grace_s > 0 and self.graceful and tree.members():
            tree.end(kill=False)
            self.wait_for(lambda: not tree.members(), grace_s, cut_short=True)
        deadline = time.monotonic() + KILL_FOR_S
        while True:
            self.tree.reap()
            alive = tree.members()
            if not alive or time.monotonic() >= deadline:
                break
            tree.end(kill=True)  # again each round: a member may have forked while being killed
            self.wait_for(lambda: not tree.members(), POLL_S * 4)
        try:
            self.child.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            pass
        self.report_exit()
        report(done=[p.pid for p in tree.members()])
        return 0


def main() -> int:
    """Run one plugin as described on stdin; see the module docstring."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the workbench's terminal is the workbench's business
    lines = stdin_lines()
    line = next(lines, b"")
    if not line.strip():
        return 0
    spec = json.loads(line)
    sys.path.append(spec["psutil_path"])
    sys.path.append(os.path.dirname(os.path.abspath(__file__)))  # last: names here never shadow anything
    import keeper_trees as trees
    import psutil

    def terminate(*_args) -> None:
        trees.flags["terminate"] = True

    signal.signal(signal.SIGTERM, terminate)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, terminate)
    tree = trees.make_tree(psutil)
    tree.watch_parent(int(spec["parent"]))
    try:
        child = tree.spawn(spec)
    except (OSError, ValueError) as exc:
        report(failed=str(exc), kind=type(exc).__name__)
        return 0
    report(started=child.pid)
    return Keeper(tree, child, trees.flags, graceful=not trees.WINDOWS).run(lines)


if __name__ == "__main__":
    sys.exit(main())
