"""Run an XCALLY script plugin under Node.js the way App Zone does: named process, restart policy, no orphans.

Qt-free: the window wraps it in signals, headless scenarios drive it directly. Output and state changes are
delivered through callbacks from background threads; callers marshal them to their own thread if they need to.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core import proctree

DEFAULT_RESTART_DELAY_S = 300.0  # App Zone's default when XC_PLUGIN_RESTART_DELAY is unset
PR_SET_PDEATHSIG = 1

# States a user sees.
STOPPED, RUNNING, WAITING_RESTART, STOPPING = "stopped", "running", "waiting-restart", "stopping"


class NodeNotFoundError(RuntimeError):
    """Node.js is not installed or not on PATH."""


def find_node(explicit: str | None = None) -> str:
    """The node executable to use; raises NodeNotFoundError with what to do when there is none."""
    found = shutil.which(explicit or "node")
    if not found:
        raise NodeNotFoundError(
            "Node.js was not found on PATH: install Node.js (https://nodejs.org) or set the node executable "
            "in the run settings, then start the plugin again.")
    return found


@dataclass(frozen=True)
class RestartPolicy:
    """App Zone's opt-in restart: XC_PLUGIN_RESTART and XC_PLUGIN_RESTART_DELAY (seconds, default 300)."""

    enabled: bool = False
    delay_s: float = DEFAULT_RESTART_DELAY_S

    @classmethod
    def from_env(cls, env: dict[str, str]) -> RestartPolicy:
        """Read the policy from the variables the plugin is given, as the host does."""
        flag = env.get("XC_PLUGIN_RESTART")
        enabled = flag is not None and flag.strip().lower() not in ("false", "")
        try:
            delay = float(env.get("XC_PLUGIN_RESTART_DELAY", DEFAULT_RESTART_DELAY_S))
        except ValueError:
            delay = DEFAULT_RESTART_DELAY_S
        return cls(enabled, max(0.0, delay))


@dataclass
class NodeLaunch:
    """What to start: the launcher script (absolute), its process name, working folder and environment."""

    script: Path
    name: str
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)  # user-defined variables, XC_PLUGIN_* included
    dev_restart_delay_s: float | None = None  # overrides the delay for development (the process still sees its env)
    node: str | None = None
    port_env: int | None = None  # when set, passed as PORT

    def policy(self) -> RestartPolicy:
        """The restart policy in force, with the development delay applied."""
        policy = RestartPolicy.from_env(self.env)
        if policy.enabled and self.dev_restart_delay_s is not None:
            return RestartPolicy(True, max(0.0, self.dev_restart_delay_s))
        return policy


@dataclass(frozen=True)
class ProcessEvent:
    """One thing to log: a line of output ('stdout' / 'stderr') or a supervisor message ('info' / 'error')."""

    stream: str
    text: str
    pid: int | None
    time: float = field(default_factory=time.time)


_LIVE: set[NodeProcess] = set()  # strong: a forgotten supervisor must still stop its plugin at exit


def _stop_all_at_exit() -> None:
    for proc in list(_LIVE):
        proc.stop(grace_s=1.0)


atexit.register(_stop_all_at_exit)


def _exit_on_sigterm() -> None:
    """Make SIGTERM run atexit handlers (and so stop plugins) when nobody else handles it; main thread only."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: (_ for _ in ()).throw(SystemExit(128 + signum)))


class _Spawner:
    """One long-lived thread that creates every plugin process.

    PR_SET_PDEATHSIG fires when the *thread* that forked the child exits, so children must not be forked from
    short-lived threads (restart timers, runner threads): they would be killed as soon as that thread ends.
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._guard = threading.Lock()

    def popen(self, *args, **kwargs) -> subprocess.Popen:
        with self._guard:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._serve, name="node-spawner", daemon=True)
                self._thread.start()
        done: Future = Future()
        self._jobs.put((done, args, kwargs))
        return done.result()

    def _serve(self) -> None:
        while True:
            done, args, kwargs = self._jobs.get()
            try:
                done.set_result(subprocess.Popen(*args, **kwargs))
            except BaseException as exc:  # handed back to the caller
                done.set_exception(exc)


_SPAWNER = _Spawner()


# Waits on a pipe from the workbench: EOF means the workbench died (even by SIGKILL), so kill the plugin's group,
# grandchildren included, which PR_SET_PDEATHSIG alone cannot reach.
_GUARD_CODE = (
    "import os, signal, sys\n"
    "sys.stdin.buffer.read()\n"
    "try:\n    os.killpg(int(sys.argv[1]), signal.SIGKILL)\nexcept OSError:\n    pass\n"
)


def _start_guard(pgid: int) -> subprocess.Popen | None:
    """A watchdog process that ends group pgid when the workbench disappears without stopping it."""
    try:
        return _SPAWNER.popen([sys.executable, "-S", "-c", _GUARD_CODE, str(pgid)], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return None


def _dismiss_guard(guard: subprocess.Popen | None) -> None:
    """End a guard without letting it act (the group is being stopped properly; its id may be reused later)."""
    if guard is not None and guard.poll() is None:
        guard.kill()
        guard.wait()
        if guard.stdin:
            guard.stdin.close()


def _die_with_parent() -> None:
    """In the child before exec: be killed when the workbench dies, even by SIGKILL (Linux only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


class NodeProcess:
    """A supervised Node.js plugin process: start / stop / restart / kill, restart policy, output, ports."""

    def __init__(self, launch: NodeLaunch, on_event: Callable[[ProcessEvent], None] | None = None,
                 on_state: Callable[[str], None] | None = None):
        self.launch = launch
        self._on_event = on_event or (lambda e: None)
        self._on_state = on_state or (lambda s: None)
        self._lock = threading.RLock()
        self._proc: subprocess.Popen | None = None
        self._timer: threading.Timer | None = None
        self._guard: subprocess.Popen | None = None
        self._stopping = False
        self._state = STOPPED
        self._changed = threading.Condition(self._lock)
        self.starts = 0  # how many times the process was started (restarts included)
        self.last_exit_code: int | None = None
        _LIVE.add(self)

    # -- queries ----------------------------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc and proc.poll() is None else None

    def pids(self) -> list[int]:
        """Every live process of the plugin's tree."""
        proc = self._proc
        return proctree.tree_pids(proc.pid) if proc else []

    def ports(self) -> list[int]:
        """TCP ports the plugin's processes listen on, from the kernel's socket table."""
        return proctree.listening_ports(self.pids()) if self.pid else []

    def wait_state(self, state: str, timeout: float) -> bool:
        """Block until the state is `state` (or timeout); True when reached."""
        with self._changed:
            return self._changed.wait_for(lambda: self._state == state, timeout)

    def wait_port(self, timeout: float) -> int | None:
        """The first listening port once there is one, polling the socket table (None on timeout or exit)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ports = self.ports()
            if ports:
                return ports[0]
            if self._state != RUNNING:
                return None
            time.sleep(0.05)  # the kernel gives no notification for "a socket started listening"
        return None

    # -- control ----------------------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the plugin (no-op when running); raises NodeNotFoundError or FileNotFoundError with a message."""
        with self._lock:
            self._cancel_timer()
            if self._proc and self._proc.poll() is None:
                return
            self._stopping = False
            _exit_on_sigterm()
            self._spawn()

    def stop(self, grace_s: float = 3.0) -> bool:
        """Stop the whole process tree (SIGTERM, then SIGKILL after grace_s); no restart follows. True when gone."""
        with self._lock:
            self._stopping = True
            self._cancel_timer()
            proc = self._proc
            if proc is None or (proc.poll() is not None and not proctree.tree_pids(proc.pid)):
                self._set_state(STOPPED)
                return True
            self._set_state(STOPPING)
        gone = proctree.terminate_tree(proc.pid, proc.pid, grace_s)
        try:
            proc.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            pass
        with self._lock:
            if proc is self._proc and gone:
                _dismiss_guard(self._guard)
                self._guard = None
            self._set_state(STOPPED)
        self._emit("info", f"{self.launch.name} stopped", proc.pid)
        return gone

    def restart(self) -> None:
        """Stop then start, as App Zone's restart does."""
        self.stop()
        self.start()

    def kill(self) -> None:
        """Simulate an unexpected death: SIGKILL the main process; the restart policy then applies."""
        proc = self._proc
        if proc and proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)

    def close(self) -> None:
        """Stop and forget (called when the workbench or the session ends)."""
        self.stop(grace_s=1.0)
        _LIVE.discard(self)

    # -- internals --------------------------------------------------------------------------------------------
    def _spawn(self) -> None:
        launch = self.launch
        node = find_node(launch.node)
        if not launch.script.is_file():
            raise FileNotFoundError(f"{launch.script}: the plugin's scriptPath does not exist")
        env = dict(os.environ)
        env.update(launch.env)
        if launch.port_env is not None:
            env["PORT"] = str(launch.port_env)
        cmd = [node, f"--title={launch.name}", str(launch.script)]
        proc = _SPAWNER.popen(
            cmd, cwd=str(launch.cwd), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, process_group=0, preexec_fn=_die_with_parent, close_fds=True)
        self._proc = proc
        self._guard = _start_guard(proc.pid)
        self.starts += 1
        self._set_state(RUNNING)
        self._emit("info", f"started {launch.name} (pid {proc.pid}): node {launch.script.name}", proc.pid)
        readers = [threading.Thread(target=self._pump, args=(proc, s, name), daemon=True)
                   for s, name in ((proc.stdout, "stdout"), (proc.stderr, "stderr"))]
        for t in readers:
            t.start()
        threading.Thread(target=self._watch, args=(proc, readers), daemon=True).start()

    def _pump(self, proc: subprocess.Popen, stream, name: str) -> None:
        for raw in iter(stream.readline, b""):
            self._emit(name, raw.decode("utf-8", "replace").rstrip("\r\n"), proc.pid)
        stream.close()

    def _watch(self, proc: subprocess.Popen, readers: list[threading.Thread]) -> None:
        code = proc.wait()
        for t in readers:
            t.join(timeout=1.0)
        # Children left behind by a dying plugin would be orphans: end them with it.
        proctree.terminate_tree(proc.pid, proc.pid, grace_s=1.0)
        with self._lock:
            if proc is not self._proc:
                return
            _dismiss_guard(self._guard)
            self._guard = None
            self.last_exit_code = code
            if self._stopping:
                return
            how = f"killed by signal {-code}" if code < 0 else f"exited with code {code}"
            policy = self.launch.policy()
            if policy.enabled:
                self._emit("error" if code else "info",
                           f"{self.launch.name} {how}; restarting in {policy.delay_s:g} s (XC_PLUGIN_RESTART)",
                           proc.pid)
                self._timer = threading.Timer(policy.delay_s, self._restart_after_delay)
                self._timer.daemon = True
                self._timer.start()
                self._set_state(WAITING_RESTART)
            else:
                self._emit("error" if code else "info",
                           f"{self.launch.name} {how}; not restarted (XC_PLUGIN_RESTART is off)", proc.pid)
                self._set_state(STOPPED)

    def _restart_after_delay(self) -> None:
        with self._lock:
            if self._stopping or self._state != WAITING_RESTART:
                return
            self._timer = None
            try:
                self._spawn()
            except (NodeNotFoundError, OSError) as exc:
                self._emit("error", f"restart failed: {exc}", None)
                self._set_state(STOPPED)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _set_state(self, state: str) -> None:
        with self._changed:
            if state == self._state:
                return
            self._state = state
            self._changed.notify_all()
        self._on_state(state)

    def _emit(self, stream: str, text: str, pid: int | None) -> None:
        try:
            self._on_event(ProcessEvent(stream, text, pid))
        except Exception:  # a failing listener must not kill the supervisor's threads
            pass
