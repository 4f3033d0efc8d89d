"""The egress proxy: every connection the browser engine makes leaves through here, or not at all.

QtWebEngine's request interceptor sees page requests (fetch, XHR, WebSocket, images, scripts...) but not WebRTC's
TURN connections, WebTransport or the engine's own DNS look-ups for preconnect hints. The workbench therefore starts
Chromium with this proxy for every host (loopback included) and WebRTC limited to proxied TCP, so:
- nothing resolves a host name but this proxy, and only for hosts a session allowed;
- a connection to a host no session allowed is refused (403) and reported as a violation;
- an allowed host is tunnelled (CONNECT) or forwarded (plain HTTP, one request per connection).

One proxy serves the process (Chromium's proxy setting is process-wide); each SandboxEnvironment registers the
hosts it allows and hears of every refusal. Qt-free: it runs in a thread of its own.
"""

from __future__ import annotations

import logging
import select
import socket
import socketserver
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

MAX_HEADER = 64 * 1024
CONNECT_TIMEOUT_S = 10
IDLE_TIMEOUT_S = 120


def parse_authority(authority: str, default_port: int) -> tuple[str, int]:
    """('host', port) of 'host:port', '[v6]:port' or 'host'."""
    authority = authority.strip()
    if authority.startswith("["):
        host, _, rest = authority[1:].partition("]")
        port = rest.lstrip(":")
    else:
        host, _, port = authority.rpartition(":") if authority.count(":") == 1 else (authority, "", "")
    try:
        return host.lower(), int(port) if port else default_port
    except ValueError:
        return host.lower(), default_port


class AllowList:
    """Which hosts (any port) and host:port pairs each registered owner allows; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owners: dict[int, set[str]] = {}

    def set(self, owner: int, entries: set[str]) -> None:
        with self._lock:
            self._owners[owner] = {e.lower() for e in entries}

    def drop(self, owner: int) -> None:
        with self._lock:
            self._owners.pop(owner, None)

    def allows(self, host: str, port: int) -> bool:
        host = host.lower()
        with self._lock:
            return any(host in entries or f"{host}:{port}" in entries for entries in self._owners.values())


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        client: socket.socket = self.request
        client.settimeout(IDLE_TIMEOUT_S)
        try:
            read = _read_head(client)
        except OSError:
            return
        if read is None:
            return
        head, extra = read
        first, _, rest = head.partition(b"\r\n")
        try:
            method, target, _version = first.decode("latin-1").split(" ", 2)
        except ValueError:
            client.sendall(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
            return
        if method.upper() == "CONNECT":
            host, port = parse_authority(target, 443)
            self._relay(client, host, port, method, target, None, extra)
            return
        if not target.lower().startswith("http://"):
            client.sendall(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
            return
        authority, _, path = target[len("http://"):].partition("/")
        host, port = parse_authority(authority, 80)
        headers = [h for h in rest.split(b"\r\n") if h and not h.lower().startswith(
            (b"proxy-connection:", b"proxy-authorization:", b"connection:", b"keep-alive:"))]
        request = f"{method} /{path} HTTP/1.1\r\n".encode("latin-1") + b"\r\n".join(headers) + \
            b"\r\nConnection: close\r\n\r\n"
        self._relay(client, host, port, method, target, request, extra)

    def _relay(self, client: socket.socket, host: str, port: int, method: str, target: str,
               request: bytes | None, extra: bytes) -> None:
        if not self.server.allow.allows(host, port):
            self.server.refused(host, port, method, target)
            client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        try:
            upstream = socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S)
        except OSError:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        with upstream:
            upstream.settimeout(IDLE_TIMEOUT_S)
            if request is None:
                client.sendall(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            else:
                upstream.sendall(request)
            if extra:  # bytes the client sent right after the head (the start of a body)
                upstream.sendall(extra)
            _pipe(client, upstream)


def _read_head(sock: socket.socket) -> tuple[bytes, bytes] | None:
    """The request head (without the blank line) and any bytes read past it."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            return None
        data += chunk
        if len(data) > MAX_HEADER:
            sock.sendall(b"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n")
            return None
    head, _, extra = data.partition(b"\r\n\r\n")
    return head, extra


def _pipe(a: socket.socket, b: socket.socket) -> None:
    sockets = [a, b]
    while True:
        readable, _, broken = select.select(sockets, [], sockets, IDLE_TIMEOUT_S)
        if broken or not readable:
            return
        for sock in readable:
            try:
                data = sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            (b if sock is a else a).sendall(data)


class _Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, allow: AllowList, on_refused: Callable[[dict], None]):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.allow = allow
        self.on_refused = on_refused

    def refused(self, host: str, port: int, method: str, target: str) -> None:
        info = {"host": host, "port": port, "method": method, "url": target}
        log.info("egress refused %s %s", method, target)
        try:
            self.on_refused(info)
        except Exception:  # a listener must not break the proxy
            log.exception("egress listener failed")


class EgressProxy:
    """The process's proxy: start() once before Chromium starts; `port`, `allow`, `listen()`."""

    def __init__(self) -> None:
        self.allow = AllowList()
        self._listeners: list[Callable[[dict], None]] = []
        self._lock = threading.Lock()
        self._server: _Server | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1] if self._server is not None else 0

    def start(self) -> int:
        if self._server is None:
            self._server = _Server(self.allow, self._refused)
            threading.Thread(target=self._server.serve_forever, name="egress-proxy", daemon=True).start()
        return self.port

    def listen(self, fn: Callable[[dict], None]) -> Callable[[], None]:
        """fn(info) from the proxy's threads for every refusal; returns a function that stops listening."""
        with self._lock:
            self._listeners.append(fn)

        def stop() -> None:
            with self._lock:
                if fn in self._listeners:
                    self._listeners.remove(fn)
        return stop

    def _refused(self, info: dict) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for fn in listeners:
            fn(info)


PROXY = EgressProxy()
