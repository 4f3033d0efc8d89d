"""Which port the plugin serves its views on: among the TCP sockets its processes listen on, the ones that answer a
short HTTP request, the main process's first, then the earliest opened. A plugin may listen on other sockets (a
database driver, a debugger, a raw TCP service): the lowest port is not necessarily its web server."""

from __future__ import annotations

import errno
import selectors
import socket
import time
from collections.abc import Callable

from workbench.core.process.tree import Listener

FIRST_ROUNDS, FIRST_ROUNDS_S = 40, 0.02  # the first second, looked at every 20 ms
PROBE_TIMEOUT_S = 1.0  # one round of probes; a server on loopback answers in milliseconds
MAX_PROBES = 256  # sockets probed in one round (a plugin that opens more is not looking for a view)
WILDCARD_TO_LOOPBACK = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}
CONNECTING = {0, errno.EINPROGRESS, errno.EWOULDBLOCK, getattr(errno, "WSAEWOULDBLOCK", errno.EWOULDBLOCK)}


def probe_address(listener: Listener) -> tuple[str, int]:
    """Where to reach a listening socket from this machine."""
    return WILDCARD_TO_LOOPBACK.get(listener.ip, listener.ip), listener.port


def preference(listeners: list[Listener], main_pid: int | None, first_seen: dict[tuple[str, int], int]
               ) -> list[Listener]:
    """Listeners best first: the main process's, then those seen earliest, then by file descriptor (the order the
    process opened them in, as far as the kernel tells)."""
    return sorted(listeners, key=lambda s: (s.pid != main_pid, first_seen.get((s.ip, s.port), 0), s.fd))


def first_answering(addresses: list[tuple[str, int]], timeout: float = PROBE_TIMEOUT_S) -> int | None:
    """The index of the first address (in the given order) that answers `HEAD /` with an HTTP status line, probing
    all at once; returns as soon as every address before an answering one has failed."""
    request = b"HEAD / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
    results: list[bool | None] = [None] * len(addresses)
    selector = selectors.DefaultSelector()
    try:
        for index, (host, port) in enumerate(addresses):
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            try:
                sock = socket.socket(family, socket.SOCK_STREAM)
            except OSError:
                results[index] = False
                continue
            sock.setblocking(False)
            if sock.connect_ex((host, port)) not in CONNECTING:  # refused at once
                sock.close()
                results[index] = False
                continue
            host_header = f"[{host}]:{port}" if family == socket.AF_INET6 else f"{host}:{port}"
            selector.register(sock, selectors.EVENT_WRITE, [index, request % host_header.encode(), b""])
        deadline = time.monotonic() + timeout
        while True:
            decided = _decided(results)
            if decided is not False:
                return decided
            left = deadline - time.monotonic()
            if left <= 0 or not selector.get_map():  # the ones still silent count as not answering
                return next((i for i, ok in enumerate(results) if ok), None)
            for key, _mask in selector.select(left):
                _advance(selector, key, results)
    finally:
        for key in list(selector.get_map().values()):
            key.fileobj.close()
        selector.close()


def _decided(results: list[bool | None]) -> int | None | bool:
    """The winning index, None when all failed, False while an earlier one is still pending."""
    for index, result in enumerate(results):
        if result is None:
            return False
        if result:
            return index
    return None


def _advance(selector: selectors.BaseSelector, key: selectors.SelectorKey, results: list[bool | None]) -> None:
    sock: socket.socket = key.fileobj  # type: ignore[assignment]
    state = key.data
    index = state[0]

    def settle(ok: bool) -> None:
        results[index] = ok
        selector.unregister(sock)
        sock.close()

    if key.events == selectors.EVENT_WRITE:  # connected (or refused)
        if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
            return settle(False)
        try:
            sock.send(state[1])
        except OSError:
            return settle(False)
        selector.modify(sock, selectors.EVENT_READ, state)
        return None
    try:
        chunk = sock.recv(64)
    except BlockingIOError:
        return None
    except OSError:
        return settle(False)
    state[2] += chunk
    if len(state[2]) >= 5 or not chunk:
        settle(state[2].startswith(b"HTTP/"))
    return None


class PortSearch:
    """Polls a run's listening sockets until one answers HTTP (or the time is up); a background thread's body."""

    def __init__(self, listeners: Callable[[], list[Listener]], main_pid: int | None,
                 is_over: Callable[[float], bool]):
        self._listeners = listeners
        self._main_pid = main_pid
        self._is_over = is_over  # waits up to its argument for the run to end; True once it has
        self._first_seen: dict[tuple[str, int], int] = {}
        self.ignored: list[int] = []  # listening ports that did not answer HTTP, once a port was found
        self.listening: list[int] = []  # every listening port seen, for the message when none answers

    def run(self, within_s: float, every_s: float = 0.1) -> int | None:
        """The served port, or None when none answered within within_s or the run ended."""
        deadline = time.monotonic() + within_s
        rounds = 0
        while True:
            found = self._round(rounds)
            if found is not None:
                return found
            rounds += 1
            # A restarted server listens within a few hundred ms: look often at first (a hot reload waits on it).
            pause = min(every_s, FIRST_ROUNDS_S) if rounds <= FIRST_ROUNDS else every_s
            if time.monotonic() >= deadline or self._is_over(pause):
                return None

    def _round(self, number: int) -> int | None:
        listeners = self._listeners()
        for listener in listeners:
            self._first_seen.setdefault((listener.ip, listener.port), number)
        self.listening = sorted({s.port for s in listeners})
        ranked = preference(listeners, self._main_pid, self._first_seen)[:MAX_PROBES]
        if not ranked:
            return None
        index = first_answering([probe_address(s) for s in ranked])
        if index is None:
            return None
        port = ranked[index].port
        self.ignored = [p for p in self.listening if p != port]
        return port
