"""How the keeper (keeper.py) finds and ends the plugin's processes on each platform; what that guarantees is
written at the top of keeper.py. Run beside keeper.py as a plain module (stdlib and psutil only)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

LINUX = sys.platform.startswith("linux")
WINDOWS = os.name == "nt"
SWEEP_S = 0.1  # how often the tree is swept where nothing keeps orphans in it (macOS)
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36
CREATE_SUSPENDED = 0x4  # Windows process creation flag (subprocess does not name it)

flags = {"parent_gone": False, "terminate": False}  # set by signal handlers, read by the keeper's loop


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
                                      stdout=_stdout_fd(spec["stdout"]), stderr=_stderr(spec), process_group=0,
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
        from keeper_winjob import Job  # beside this file, like this one

        self.job = Job()
        flags_ = CREATE_SUSPENDED | subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
        self.child = subprocess.Popen(spec["cmd"], cwd=spec["cwd"], env=spec["env"], stdin=subprocess.DEVNULL,
                                      stdout=_stdout_fd(spec["stdout"]), stderr=_stderr(spec),
                                      creationflags=flags_)
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


def _stderr(spec: dict):
    """The plugin's stderr: the keeper's own (read by the workbench), or its stdout when the launch merges them."""
    return subprocess.STDOUT if spec.get("merge_stderr") else None


def make_tree(psutil) -> Tree:
    """The tree that fits this platform."""
    return SubreaperTree(psutil) if LINUX else JobTree(psutil) if WINDOWS else Tree(psutil)
