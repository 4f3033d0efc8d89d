"""The supervisor of one Node.js plugin process: start / stop / restart / kill, the restart policy, output, the port.

Each start is a run inside a keeper process that owns the plugin's whole tree (containment.py, keeper.py); Stop,
the plugin's exit and the workbench's death end that tree. Callbacks come from background threads.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from workbench.core.process import tree as proctree
from workbench.core.process.cleanup import LIVE, exit_on_sigterm
from workbench.core.process.containment import KEEPER_GRACE_S, ContainedRun
from workbench.core.process.output import pump
from workbench.core.process.ports import PortSearch
from workbench.targets.xcally.process.launch import (
    RUNNING,
    STOPPED,
    STOPPING,
    WAITING_RESTART,
    NodeLaunch,
    NodeNotFoundError,
    ProcessEvent,
    find_node,
)

log = logging.getLogger(__name__)

PORT_SEARCH_S = 30.0  # how long a started plugin has to answer HTTP on some port


class NodeProcess:
    """A supervised Node.js plugin process: start / stop / restart / kill, restart policy, output, served port.

    on_event gets output lines (capped, see output.py) and supervisor messages, on_state the state, on_port the
    port the plugin serves HTTP on (0 once the run is over).
    """

    def __init__(self, launch: NodeLaunch, on_event: Callable[[ProcessEvent], None] | None = None,
                 on_state: Callable[[str], None] | None = None, on_port: Callable[[int], None] | None = None):
        self.launch = launch
        self._on_event = on_event or (lambda e: None)
        self._on_state = on_state or (lambda s: None)
        self._on_port = on_port or (lambda p: None)
        self._lock = threading.RLock()
        self._run: ContainedRun | None = None
        self._timer: threading.Timer | None = None
        self._stopping = False
        self._state = STOPPED
        self._port = 0
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
        """The main process's pid while it runs."""
        run = self._run
        return run.pid if run is not None and run.running else None

    @property
    def stopped_on_purpose(self) -> bool:
        """Stop was asked for (rather than the plugin ending by itself) and no start since."""
        return self._stopping

    @property
    def port(self) -> int:
        """The port the plugin serves HTTP on (0 until found, and once the run is over)."""
        return self._port

    def pids(self) -> list[int]:
        """Every live process of the plugin's tree."""
        run = self._run
        return run.pids() if run is not None else []

    def ports(self) -> list[int]:
        """TCP ports the plugin's processes listen on, served or not."""
        return sorted({s.port for s in proctree.listening_sockets(self.pids())})

    def wait_state(self, state: str, timeout: float) -> bool:
        """Block until the state is `state` (or timeout); True when reached."""
        with self._changed:
            return self._changed.wait_for(lambda: self._state == state, timeout)

    def wait_port(self, timeout: float) -> int | None:
        """The served port once found (None on timeout, or when the plugin stops running first)."""
        with self._changed:
            self._changed.wait_for(lambda: self._port or self._state != RUNNING, timeout)
            return self._port or None

    # -- control ----------------------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the plugin (no-op when running); raises NodeNotFoundError or FileNotFoundError with a message."""
        with self._lock:
            self._cancel_timer()
            if self._run is not None and not self._run.finished.is_set():
                return
            self._stopping = False
            exit_on_sigterm()
            self._spawn()

    def stop(self, grace_s: float = 3.0) -> bool:
        """End the whole process tree (terminate, kill after grace_s); no restart follows. True when nothing is left.

        Blocks up to grace_s and a few seconds more: call it off the GUI thread."""
        with self._lock:
            self._stopping = True
            self._cancel_timer()
            run = self._run
            if run is None or run.finished.is_set():
                self._set_state(STOPPED)
                return not (run and run.survivors)
            self._set_state(STOPPING)
        run.stop(grace_s)
        if not run.finished.wait(grace_s + KEEPER_GRACE_S):
            log.warning("the keeper of %s did not finish stopping it: forcing", self.launch.name)
            run.kill_keeper()
            run.finished.wait(KEEPER_GRACE_S)
        with self._lock:
            if run is self._run:
                self._set_port(0)
            self._set_state(STOPPED)
        survivors = run.survivors or []
        if survivors:
            self._emit("error", f"{self.launch.name}: processes {survivors} survived the stop", run.pid)
        self._emit("info", f"{self.launch.name} stopped", run.pid)
        return not survivors

    def restart(self) -> None:
        """Stop then start, as App Zone's restart does."""
        self.stop()
        self.start()

    def kill(self) -> None:
        """Simulate an unexpected death: kill the main process; its tree follows and the restart policy applies."""
        run = self._run
        if run is not None and run.running:
            run.kill()

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
        run = ContainedRun(launch.arguments(node), str(launch.cwd), env)
        self._run = run
        self.starts += 1
        self._set_state(RUNNING)
        self._emit("info", f"started {launch.name} (pid {run.pid}): node {launch.script.name}", run.pid)
        readers = [threading.Thread(target=pump, args=(fd, name, run.pid, self._deliver), daemon=True,
                                    name=f"node-{name}") for fd, name in ((run.stdout_fd, "stdout"),
                                                                          (run.stderr_fd, "stderr"))]
        for reader in readers:
            reader.start()
        threading.Thread(target=self._watch, args=(run, readers), daemon=True, name="node-watch").start()
        threading.Thread(target=self._search_port, args=(run,), daemon=True, name="node-port").start()

    def _search_port(self, run: ContainedRun) -> None:
        inspector = self.launch.inspect_port  # the debugger's port answers HTTP too: it is not the plugin's server
        search = PortSearch(lambda: [s for s in proctree.listening_sockets(run.pids()) if s.port != inspector],
                            run.pid, run.finished.wait)
        port = search.run(PORT_SEARCH_S)
        with self._lock:
            if run is not self._run or not run.running:
                return
            if port is None:
                listening = ", ".join(map(str, search.listening))
                what = (f"answers HTTP on none of the ports it listens on ({listening})" if listening
                        else "does not listen on any TCP port")
                self._emit("info", f"{self.launch.name} {what}: nothing to show in the view", run.pid)
                return
            if search.ignored:
                self._emit("info", f"{self.launch.name} serves HTTP on port {port}; its other listening ports "
                                   f"({', '.join(map(str, search.ignored))}) do not answer HTTP", run.pid)
            self._set_port(port)

    def _watch(self, run: ContainedRun, readers: list[threading.Thread]) -> None:
        run.wait_end()
        for reader in readers:
            reader.join(timeout=1.0)
        with self._lock:
            if run is not self._run:
                return
            self._set_port(0)
            code = run.exit_code
            self.last_exit_code = code
            if self._stopping:
                return
            how = (f"killed by signal {-code}" if code < 0 else f"exited with code {code}") if code is not None \
                else "ended (its keeper died)"
            failed = bool(code)
            policy = self.launch.policy()
            if policy.enabled:
                self._emit("error" if failed else "info",
                           f"{self.launch.name} {how}; restarting in {policy.delay_s:g} s (XC_PLUGIN_RESTART)",
                           run.pid)
                self._timer = threading.Timer(policy.delay_s, self._restart_after_delay)
                self._timer.daemon = True
                self._timer.start()
                self._set_state(WAITING_RESTART)
            else:
                self._emit("error" if failed else "info",
                           f"{self.launch.name} {how}; not restarted (XC_PLUGIN_RESTART is off)", run.pid)
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

    def _set_port(self, port: int) -> None:
        self._change("_port", port, self._on_port)

    def _set_state(self, state: str) -> None:
        self._change("_state", state, self._on_state)

    def _change(self, attribute: str, value, listener: Callable) -> None:
        """Set a watched attribute, wake its waiters and tell its listener (only when it changes)."""
        with self._changed:
            if getattr(self, attribute) == value:
                return
            setattr(self, attribute, value)
            self._changed.notify_all()
        listener(value)

    def _emit(self, stream: str, text: str, pid: int | None) -> None:
        self._deliver(ProcessEvent(stream, text, pid))

    def _deliver(self, event: ProcessEvent) -> None:
        try:
            self._on_event(event)
        except Exception:  # a failing listener must not kill the supervisor's threads
            log.exception("a process event listener failed")
