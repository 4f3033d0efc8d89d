"""Process facts through psutil, the same on Linux, macOS and Windows: a tree's live members, the TCP sockets they
listen on, and ending a set of processes (terminate, then kill after a grace period)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import psutil

log = logging.getLogger(__name__)

GONE = (psutil.NoSuchProcess, psutil.ZombieProcess)


@dataclass(frozen=True)
class Listener:
    """A listening TCP socket of one process: fd is -1 where the platform does not tell (Windows)."""

    pid: int
    fd: int
    ip: str
    port: int


def _live(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except GONE:
        return False
    except psutil.AccessDenied:
        return True  # it exists; we just may not look at it


def is_alive(pid: int) -> bool:
    """True when pid exists and is not a zombie."""
    try:
        return _live(psutil.Process(pid))
    except GONE:
        return False


def descendants(pid: int) -> list[psutil.Process]:
    """The live descendants of pid (not pid itself); empty when pid is gone."""
    try:
        return [p for p in psutil.Process(pid).children(recursive=True) if _live(p)]
    except GONE:
        return []


def _group_members(pgid: int) -> list[int]:
    if not hasattr(os, "getpgid"):
        return []  # Windows has no process groups in this sense
    members = []
    for proc in psutil.process_iter():
        try:
            if os.getpgid(proc.pid) == pgid and _live(proc):
                members.append(proc.pid)
        except (OSError, *GONE):
            continue
    return members


def tree_pids(root_pid: int, pgid: int | None = None) -> list[int]:
    """Live processes of the tree: root_pid, its descendants and (POSIX) the members of process group pgid."""
    members = {p.pid for p in descendants(root_pid)}
    if is_alive(root_pid):
        members.add(root_pid)
    if pgid is not None:
        members.update(_group_members(pgid))
    return sorted(members)


def listening_sockets(pids: list[int]) -> list[Listener]:
    """TCP sockets in LISTEN state held by any of pids, in the order of pids then file descriptor; a socket shared
    by several processes (inherited) is listed once, under the first of pids that holds it."""
    found: dict[tuple[str, int], Listener] = {}
    for pid in pids:
        try:
            conns = psutil.Process(pid).net_connections(kind="tcp")
        except (psutil.Error, OSError):
            continue
        for conn in sorted(conns, key=lambda c: c.fd):
            if conn.status == psutil.CONN_LISTEN and conn.laddr:
                key = (conn.laddr.ip, conn.laddr.port)
                found.setdefault(key, Listener(pid, conn.fd, conn.laddr.ip, conn.laddr.port))
    return list(found.values())


def end_processes(pids: list[int], grace_s: float = 3.0) -> list[int]:
    """Terminate pids (SIGTERM where there is one), kill what is left after grace_s; the pids that survive."""
    procs = []
    for pid in pids:
        try:
            procs.append(psutil.Process(pid))
        except GONE:
            continue
    for proc in procs:
        try:
            proc.terminate()
        except GONE:
            pass
        except psutil.AccessDenied:
            log.warning("not allowed to stop process %s", proc.pid)
    _gone, alive = psutil.wait_procs(procs, timeout=grace_s)
    for proc in alive:
        try:
            proc.kill()
        except (psutil.Error, OSError):
            pass
    _gone, alive = psutil.wait_procs(alive, timeout=2.0)
    return sorted(p.pid for p in alive if _live(p))
