"""Listeners on 127.0.0.1 that record whatever reaches them: the proof that nothing left the sandbox."""

from __future__ import annotations

import socket
import threading


class Listener:
    """A UDP or TCP socket on 127.0.0.1 counting the datagrams or connections that arrive."""

    def __init__(self, kind: str = "tcp", host: str = "127.0.0.1", port: int = 0):
        self.kind = kind
        self.hits: list[bytes] = []
        family_type = socket.SOCK_DGRAM if kind == "udp" else socket.SOCK_STREAM
        self.sock = socket.socket(socket.AF_INET, family_type)
        self.sock.bind((host, port))
        self.sock.settimeout(0.2)
        if kind == "tcp":
            self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop:
            try:
                if self.kind == "udp":
                    data, _ = self.sock.recvfrom(65536)
                    self.hits.append(data)
                else:
                    conn, _ = self.sock.accept()
                    conn.settimeout(0.5)
                    try:
                        self.hits.append(conn.recv(4096) or b"<connected>")
                    except OSError:
                        self.hits.append(b"<connected>")
                    conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self._stop = True
        self._thread.join(timeout=2)
        self.sock.close()
