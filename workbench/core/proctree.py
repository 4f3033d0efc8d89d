"""Linux process facts read from /proc: a process group's live members, their listening TCP ports, tree shutdown."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

PROC = Path("/proc")
TCP_LISTEN = "0A"  # the state column of /proc/net/tcp* for a listening socket


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state is [0], ppid [1], pgid [2])."""
    try:
        raw = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name sits in parentheses and may itself contain spaces or parentheses.
    return raw[raw.rfind(")") + 2:].split()


def is_alive(pid: int) -> bool:
    """True when pid exists and is not a zombie."""
    fields = _stat_fields(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def _all_pids() -> list[int]:
    return [int(p.name) for p in PROC.iterdir() if p.name.isdigit()]


def tree_pids(root_pid: int, pgid: int | None = None) -> list[int]:
    """Live processes of the tree: the group pgid (default root_pid) plus every descendant of root_pid."""
    pgid = root_pid if pgid is None else pgid
    parents: dict[int, int] = {}
    members: set[int] = set()
    for pid in _all_pids():
        fields = _stat_fields(pid)
        if fields is None or fields[0] in ("Z", "X"):
            continue
        parents[pid] = int(fields[1])
        if int(fields[2]) == pgid:
            members.add(pid)
    if root_pid in parents:
        members.add(root_pid)
    # Descendants that moved to their own group still belong to the tree.
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in members and pid not in members:
                members.add(pid)
                grew = True
    return sorted(members)


def _socket_inodes(pid: int) -> set[str]:
    inodes: set[str] = set()
    try:
        entries = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return inodes
    for fd in entries:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def listening_ports(pids: list[int]) -> list[int]:
    """TCP ports in LISTEN state owned by any of pids (matched through socket inodes in the socket table)."""
    inodes: set[str] = set()
    for pid in pids:
        inodes |= _socket_inodes(pid)
    if not inodes or not pids:
        return []
    ports: set[int] = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (PROC / str(pids[0]) / "net" / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) > 9 and cols[3] == TCP_LISTEN and cols[9] in inodes:
                ports.add(int(cols[1].rsplit(":", 1)[1], 16))
    return sorted(ports)


def signal_tree(root_pid: int, pgid: int | None, sig: int) -> list[int]:
    """Send sig to the process group and to every descendant; return the pids signalled."""
    pids = tree_pids(root_pid, pgid)
    if pgid is not None:
        try:
            os.killpg(pgid, sig)
        except (ProcessLookupError, PermissionError):
            pass
    for pid in pids:
        try:
            os.kill(pid, sig)
        except (ProcessLookupError, PermissionError):
            pass
    return pids


def terminate_tree(root_pid: int, pgid: int | None, grace_s: float = 3.0) -> bool:
    """SIGTERM the tree, wait up to grace_s, then SIGKILL what is left. True when nothing of it survives."""
    if not signal_tree(root_pid, pgid, signal.SIGTERM):
        return True
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        if not tree_pids(root_pid, pgid):
            return True
        time.sleep(0.02)  # polling /proc: there is no event for "a process group emptied"
    signal_tree(root_pid, pgid, signal.SIGKILL)
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:
        if not tree_pids(root_pid, pgid):
            return True
        time.sleep(0.02)
    return False
