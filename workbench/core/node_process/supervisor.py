"""The supervisor of one Node.js plugin process: start / stop / restart / kill, the restart policy, output, ports."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable

from workbench.core import proctree
from workbench.core.node_process.cleanup import (
    LIVE,
    SPAWNER,
    die_with_parent,
    dismiss_guard,
    exit_on_sigterm,
    start_guard,
)
from workbench.core.node_process.launch import (
    RUNNING,
    STOPPED,
    STOPPING,
    WAITING_RESTART,
    NodeLaunch,
    NodeNotFoundError,
    ProcessEvent,
    find_node,
)


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
        LIVE.add(self)

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
            exit_on_sigterm()
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
                dismiss_guard(self._guard)
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
        LIVE.discard(self)

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
        proc = SPAWNER.popen(
            cmd, cwd=str(launch.cwd), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, process_group=0, preexec_fn=die_with_parent, close_fds=True)
        self._proc = proc
        self._guard = start_guard(proc.pid)
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
            dismiss_guard(self._guard)
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
