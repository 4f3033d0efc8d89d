"""The port shown in the view is the one the plugin's main server answers HTTP on, not the lowest listening port."""

from __future__ import annotations

import http.server
import socket
import threading

import pytest

from tests.targets.xcally.node_helpers import needs_node, plugins
from workbench.core.process.ports import first_answering, preference
from workbench.core.process.tree import Listener
from workbench.targets.xcally.process import supervisor


@pytest.fixture
def plugin(tmp_path):
    yield from plugins(tmp_path)


def _free_ports(count: int) -> list[int]:
    """count distinct ports free right now, ascending."""
    socks = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            socks.append(sock)
        return sorted(s.getsockname()[1] for s in socks)
    finally:
        for sock in socks:
            sock.close()


# Three kinds of decoy: silent (accepts, never answers), talker (a non-HTTP greeting), closer (hangs up at once).
DECOYS = """
const net = require('net'), http = require('http');
const kinds = [s => {}, s => s.write('SSH-2.0-decoy\\r\\n'), s => s.destroy()];
const ports = name => (process.env[name] || '').split(',').filter(Boolean).map(Number);
const listen = (server, port) => new Promise(ok => server.listen(port, '127.0.0.1', ok));
(async () => {
  let n = 0;
  for (const port of ports('BEFORE')) await listen(net.createServer(kinds[n++ % 3]), port);
  const web = http.createServer((req, res) => res.end('the real one'));
  if (process.env.WEB) await listen(web, Number(process.env.WEB));
  for (const port of ports('AFTER')) await listen(net.createServer(kinds[n++ % 3]), port);
  console.log('all listening, web on ' + (web.listening ? web.address().port : 'no port'));
})();
"""


@pytest.mark.node
@needs_node
def test_the_http_server_is_found_among_fifty_decoys(plugin):
    ports = _free_ports(51)
    web, decoys = ports[-1], ports[:-1]  # every decoy has a lower port than the web server
    env = {"WEB": str(web), "BEFORE": ",".join(map(str, decoys[:25])), "AFTER": ",".join(map(str, decoys[25:]))}
    proc, lines = plugin(DECOYS, env)
    proc.start()
    lines.wait_for("all listening")
    assert proc.wait_port(10.0) == web
    assert proc.port == web
    assert sorted(proc.ports()) == ports  # all 51 listen; only one is the plugin's web server
    note = lines.wait_for("do not answer HTTP").text
    assert f"serves HTTP on port {web}" in note and str(decoys[0]) in note


@pytest.mark.node
@needs_node
def test_a_plugin_that_speaks_no_http_says_so(plugin, monkeypatch):
    monkeypatch.setattr(supervisor, "PORT_SEARCH_S", 0.5)
    [decoy] = _free_ports(1)
    proc, lines = plugin(DECOYS, {"BEFORE": str(decoy)})  # no web server
    proc.start()
    # (a generous wait: Node.js starts slowly on a loaded machine; the line comes as soon as the search gives up)
    assert "answers HTTP on none of the ports it listens on" in lines.wait_for("answers HTTP on none", 20).text
    assert str(decoy) in lines.wait_for("answers HTTP on none").text
    assert proc.port == 0 and proc.wait_port(0.1) is None


def test_preference_puts_the_main_process_then_the_earliest_socket_first():
    main, child = 100, 200
    sockets = [Listener(child, 3, "127.0.0.1", 1000), Listener(main, 9, "127.0.0.1", 3000),
               Listener(main, 7, "127.0.0.1", 4000), Listener(main, 5, "0.0.0.0", 5000)]
    first_seen = {("127.0.0.1", 3000): 0, ("127.0.0.1", 4000): 1, ("0.0.0.0", 5000): 1, ("127.0.0.1", 1000): 0}
    assert [s.port for s in preference(sockets, main, first_seen)] == [3000, 5000, 4000, 1000]


class _Quiet(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_probe_skips_silent_and_non_http_sockets_in_order():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # the kernel accepts; nobody ever answers
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        closed = _free_ports(1)[0]
        web = ("127.0.0.1", server.server_address[1])
        addresses = [("127.0.0.1", closed), ("127.0.0.1", silent.getsockname()[1]), web]
        assert first_answering(addresses, timeout=0.3) == 2
        assert first_answering([web, web], timeout=0.3) == 0
        assert first_answering(addresses[:2], timeout=0.2) is None
    finally:
        server.shutdown()
        server.server_close()
        silent.close()
