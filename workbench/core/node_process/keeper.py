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

LINUX = sys.platform.startswith("linux")
WINDOWS = os.name == "nt"
POLL_S = 0.05  # how often the main process and the signal flags are looked at
SWEEP_S = 0.1  # how often the tree is swept where nothing keeps orphans in it (macOS)
KILL_FOR_S = 5.0  # how long to keep killing a tree that still forks before giving up
EXIT_GRACE_S = 1.0  # grace of the rest of the tree when the main process ends by itself
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36
CREATE_SUSPENDED = 0x4  # Windows process creation flag (subprocess does not name it)

flags = {"parent_gone": False, "terminate": False}


def report(**message) -> None:
    """One status line to the workbench (ignored once the workbench is gone)."""
    try:
        os.write(1, (json.dumps(message) + "\n").encode())
    except OSError:
        pass


def _prctl(option: int, value: int) -> bool:
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _die_with_keeper() -> None:
    """In the main process before exec (Linux): be killed if the keeper is."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class Tree:
    """The plugin's processes on a POSIX system without a subreaper: swept, remembered, ended with their groups."""

    def __init__(self, psutil) -> None:
        self.psutil = psutil
        self.me = psutil.Process()
        self.child: subprocess.Popen | None = None
        self.seen: dict[int, object] = {}  # pid -> psutil.Process (which guards against pid reuse)
        self.groups: set[int] = set()
        self._swept = 0.0

    def watch_parent(self, workbench_pid: int) -> None:
        """Arrange to hear of the workbench's death beyond the end of stdin, where the platform can."""

    def spawn(self, spec: dict) -> subprocess.Popen:
        self.child = subprocess.Popen(spec["cmd"], cwd=spec["cwd"], env=spec["env"], stdin=subprocess.DEVNULL,
                                      stdout=_stdout_fd(spec["stdout"]), process_group=0,
                                      preexec_fn=_die_with_keeper if LINUX else None)
        self.seen[self.child.pid] = self.psutil.Process(self.child.pid)
        self.groups.add(self.child.pid)
        return self.child

    def members(self) -> list:
        """The live processes of the tree."""
        self.sweep(force=True)
        return [p for p in self.seen.values() if _live(self.psutil, p)]

    def sweep(self, force: bool = False) -> None:
        """Remember every descendant and the groups they lead (orphans are lost once their parent dies here)."""
        if not force and time.monotonic() - self._swept < SWEEP_S:
            return
        self._swept = time.monotonic()
        try:
            found = self.me.children(recursive=True)
        except self.psutil.Error:
            return
        for proc in found:
            if self.seen.setdefault(proc.pid, proc) is proc:
                try:
                    if os.getpgid(proc.pid) == proc.pid:
                        self.groups.add(proc.pid)
                except OSError:
                    pass

    def end(self, kill: bool) -> None:
        """Signal every member (terminate, or kill) once: through the groups they lead, which also reaches members
        no sweep has seen, and one by one for the others."""
        sig = signal.SIGKILL if kill else signal.SIGTERM
        groups = {group for group in self.groups if self._group_is_ours(group)}
        for group in groups:
            try:
                os.killpg(group, sig)
            except OSError:
                pass
        for proc in self.members():
            try:
                if os.getpgid(proc.pid) in groups:
                    continue
                proc.kill() if kill else proc.terminate()
            except (OSError, self.psutil.Error):
                pass

    def _group_is_ours(self, group: int) -> bool:
        """A group id is only reused once the group is empty: if its leader's pid now names a stranger, skip it."""
        try:
            leader = self.psutil.Process(group)
        except self.psutil.NoSuchProcess:
            return True
        return self.seen.get(group) == leader

    def reap(self) -> None:
        """Collect the exit status of adopted orphans (only a subreaper has any)."""


class SubreaperTree(Tree):
    """Linux: orphans of the tree are reparented to the keeper, so its descendants are the whole tree."""

    def watch_parent(self, workbench_pid: int) -> None:
        _prctl(PR_SET_CHILD_SUBREAPER, 1)
        # PDEATHSIG also fires when the *thread* that started us ends: only a changed parent means the workbench died.
        signal.signal(signal.SIGUSR1, lambda *_: flags.update(parent_gone=os.getppid() != workbench_pid))
        _prctl(PR_SET_PDEATHSIG, signal.SIGUSR1)
        if os.getppid() != workbench_pid:
            flags["parent_gone"] = True

    def members(self) -> list:
        try:
            return [p for p in self.me.children(recursive=True) if _live(self.psutil, p)]
        except self.psutil.Error:
            return []

    def sweep(self, force: bool = False) -> None:
        pass

    def reap(self) -> None:
        while True:
            try:
                info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:
                return
            if info is None:
                return
            if self.child is not None and info.si_pid == self.child.pid:
                if self.child.poll() is None:
                    return  # Popen owns that status: it collects it on the next poll
                continue
            try:
                os.waitpid(info.si_pid, 0)
            except ChildProcessError:
                pass


class JobTree(Tree):
    """Windows: the tree is a job object that dies with its last handle, held by the keeper only."""

    def spawn(self, spec: dict) -> subprocess.Popen:
        from winjob import Job  # beside this file (main puts this folder at the end of the path)

        self.job = Job()
        flags_ = CREATE_SUSPENDED | subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
        self.child = subprocess.Popen(spec["cmd"], cwd=spec["cwd"], env=spec["env"], stdin=subprocess.DEVNULL,
                                      stdout=_stdout_fd(spec["stdout"]), creationflags=flags_)
        if not self.job.assign(int(self.child._handle)):  # type: ignore[attr-defined]
            sys.stderr.write("workbench keeper: the plugin could not be put in a job object; "
                             "its detached descendants may outlive it\n")
        self.psutil.Process(self.child.pid).resume()
        return self.child

    def members(self) -> list:
        found = []
        for pid in self.job.pids():
            try:
                proc = self.psutil.Process(pid)
            except self.psutil.Error:
                continue
            if _live(self.psutil, proc):
                found.append(proc)
        return found

    def sweep(self, force: bool = False) -> None:
        pass

    def end(self, kill: bool) -> None:
        self.job.terminate()


def _live(psutil, proc) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return False
    except psutil.AccessDenied:
        return True


def _stdout_fd(token: int) -> int:
    """The plugin's stdout: an inherited fd on POSIX, an inherited handle on Windows."""
    if WINDOWS:
        import msvcrt

        return msvcrt.open_osfhandle(token, os.O_WRONLY)
    return token


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


def _on_terminate(*_args) -> None:
    flags["terminate"] = True


class Keeper:
    """The loop: watch the main process, obey the workbench, end the tree."""

    def __init__(self, tree: Tree, child: subprocess.Popen) -> None:
        self.tree = tree
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
            if self.eof or flags["parent_gone"]:
                return self.finish(0.0)
            if flags["terminate"]:
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
            if time.monotonic() >= deadline or (cut_short and (self.eof or flags["parent_gone"])):
                return False
            self.next_command(POLL_S)  # a plain wait once stdin has ended
            self.tree.reap()
            self.child.poll()
        return True

    def finish(self, grace_s: float) -> int:
        """Terminate the tree, kill what is left after grace_s, tell the workbench what survived."""
        tree = self.tree
        if grace_s > 0 and not WINDOWS and tree.members():
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
    signal.signal(signal.SIGTERM, _on_terminate)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _on_terminate)
    lines = stdin_lines()
    line = next(lines, b"")
    if not line.strip():
        return 0
    spec = json.loads(line)
    sys.path.append(spec["psutil_path"])
    sys.path.append(os.path.dirname(os.path.abspath(__file__)))
    import psutil

    tree = SubreaperTree(psutil) if LINUX else JobTree(psutil) if WINDOWS else Tree(psutil)
    tree.watch_parent(int(spec["parent"]))
    try:
        child = tree.spawn(spec)
    except (OSError, ValueError) as exc:
        report(failed=str(exc), kind=type(exc).__name__)
        return 0
    report(started=child.pid)
    return Keeper(tree, child).run(lines)


if __name__ == "__main__":
    sys.exit(main())
