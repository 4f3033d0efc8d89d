"""One run of a plugin inside its keeper (keeper.py): launch, the main process's pid, its output pipes, stop / kill,
and how the run ended. What is guaranteed on each platform is written at the top of keeper.py."""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import psutil

from workbench.core.process import tree as proctree

log = logging.getLogger(__name__)

KEEPER = Path(__file__).with_name("keeper.py")
START_TIMEOUT_S = 15.0  # the keeper is a fresh Python: it reports the plugin's pid within a few tens of ms
KEEPER_GRACE_S = 7.0  # the keeper's own kill loop gives up after 5 s
WINDOWS = os.name == "nt"


class KeeperError(OSError):
    """The keeper could not start the plugin (the message says why)."""


def _handing_over(fd: int) -> tuple[int, dict]:
    """How to give the keeper fd: the token it receives and the Popen options that let it inherit it."""
    if WINDOWS:
        import msvcrt

        handle = msvcrt.get_osfhandle(fd)
        os.set_handle_inheritable(handle, True)
        info = subprocess.STARTUPINFO()  # type: ignore[attr-defined]
        info.lpAttributeList = {"handle_list": [handle]}
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW  # type: ignore[attr-defined]
        return handle, {"startupinfo": info, "creationflags": flags}
    # Its own process group: terminal signals meant for the workbench do not reach it.
    return fd, {"pass_fds": (fd,), "process_group": 0}


class ContainedRun:
    """A started plugin: `pid` of its main process, `stdout_fd` / `stderr_fd` to read, `finished` once it is over.
    With merge_stderr the plugin writes both its streams to stdout_fd, in order; stderr_fd then carries only what
    the keeper itself says."""

    def __init__(self, cmd: list[str], cwd: str, env: dict[str, str], merge_stderr: bool = False):
        out_r, out_w = os.pipe()
        token, options = _handing_over(out_w)
        try:
            self.keeper = subprocess.Popen([sys.executable, "-I", "-S", str(KEEPER)], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)
        except OSError:
            os.close(out_r)
            raise
        finally:
            os.close(out_w)
        # Plain descriptors, each owned (and closed) by whoever reads it.
        self.stdout_fd = out_r
        self.stderr_fd = os.dup(self.keeper.stderr.fileno())
        self.keeper.stderr.close()
        self.pid: int | None = None
        self.exit_code: int | None = None
        self.survivors: list[int] | None = None  # None until the keeper said what it could not end
        self.finished = threading.Event()
        self._reports: queue.Queue = queue.Queue()
        self._write_lock = threading.Lock()
        threading.Thread(target=self._read_reports, name="keeper-reports", daemon=True).start()
        spec = {"cmd": cmd, "cwd": cwd, "env": env, "stdout": token, "parent": os.getpid(), "merge_stderr": merge_stderr,
                "psutil_path": str(Path(psutil.__file__).resolve().parents[1])}
        self._send(json.dumps(spec))
        first = self._next_report(START_TIMEOUT_S)
        if first and "started" in first:
            self.pid = int(first["started"])
            return
        self.kill_keeper()
        said = self._drain_stderr()
        os.close(self.stdout_fd)
        if first and "failed" in first:
            # A missing folder or file reads as it did when the workbench started node itself.
            error = FileNotFoundError if first.get("kind") == "FileNotFoundError" else KeeperError
            raise error(f"cannot start the plugin: {first['failed']}")
        raise KeeperError(f"the plugin's process keeper ended before starting it: {said or 'no reason given'}")

    def _drain_stderr(self) -> str:
        """The last line the keeper printed before it left (a Python error); closes stderr_fd."""
        chunks = []
        try:
            os.set_blocking(self.stderr_fd, False)  # a plugin still holding the pipe must not block us
            while sum(map(len, chunks)) < 65536:
                chunk = os.read(self.stderr_fd, 4096)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError:
            pass
        os.close(self.stderr_fd)
        lines = b"".join(chunks).decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else ""

    # -- reports --------------------------------------------------------------------------------------------------
    def _read_reports(self) -> None:
        for raw in iter(self.keeper.stdout.readline, b""):
            try:
                self._reports.put(json.loads(raw))
            except ValueError:
                log.warning("keeper said something unexpected: %r", raw[:200])
        self._reports.put(None)

    def _next_report(self, timeout: float | None = None) -> dict | None:
        try:
            return self._reports.get(timeout=timeout)
        except queue.Empty:
            return None

    @property
    def running(self) -> bool:
        """The main process has not ended yet."""
        return self.exit_code is None and not self.finished.is_set()

    def wait_end(self) -> None:
        """Block until the keeper has left (the main process ended and its tree was ended), reading its reports."""
        while True:
            report = self._next_report()
            if report is None:
                break
            if "exited" in report:
                self.exit_code = int(report["exited"])
            elif "done" in report:
                self.survivors = [int(p) for p in report["done"]]
        self.keeper.wait()
        if self.survivors is None:  # the keeper itself died: end what is still visible of the tree
            log.warning("the plugin's process keeper ended unexpectedly (exit %s)", self.keeper.returncode)
            self.survivors = proctree.end_processes(proctree.tree_pids(self.pid) if self.pid else [], 1.0)
        self.finished.set()

    # -- control --------------------------------------------------------------------------------------------------
    def _send(self, line: str) -> None:
        with self._write_lock:
            try:
                self.keeper.stdin.write(line.encode() + b"\n")
                self.keeper.stdin.flush()
            except (OSError, ValueError):
                pass  # the keeper has left already

    def stop(self, grace_s: float) -> None:
        """Ask the keeper to terminate the tree, killing what is left after grace_s; it then leaves."""
        self._send(f"stop {max(0.0, grace_s):g}")

    def kill(self) -> None:
        """Kill the main process as an unexpected death would; the keeper ends the rest of the tree after it."""
        self._send("kill")

    def kill_keeper(self) -> None:
        """Last resort when the keeper does not answer: closing its stdin makes it kill the tree; then kill it."""
        with self._write_lock:
            try:
                self.keeper.stdin.close()
            except OSError:
                pass
        try:
            self.keeper.wait(timeout=KEEPER_GRACE_S)
        except subprocess.TimeoutExpired:
            self.keeper.kill()
            self.keeper.wait()

    def pids(self) -> list[int]:
        """The live processes of the plugin: its main process and every descendant the keeper holds."""
        if self.finished.is_set():
            return []
        return sorted(p.pid for p in proctree.descendants(self.keeper.pid))

