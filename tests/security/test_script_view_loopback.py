"""A script plugin's view reaches its own server, and no other port on 127.0.0.1."""

from __future__ import annotations

import shutil

import pytest
from plugin_projects import xcally_script
from qtasync import started, wait_for

from tests.security.listeners import Listener
from workbench.registry import open_project
from workbench.sandbox.session import SessionSetup

pytestmark = [pytest.mark.qt, pytest.mark.webengine,
              pytest.mark.skipif(shutil.which("node") is None, reason="Node.js not on PATH")]

SERVER = """
const http = require('http');
const other = Number(process.env.OTHER_PORT);
const page = `<!doctype html><p id=mine>mine</p><script>
  fetch('/own').then(r => r.text()).then(t => console.log('own server said ' + t));
  fetch('http://127.0.0.1:${other}/steal').then(() => console.log('other port reached'),
                                               () => console.log('other port refused'));
</script>`;
http.createServer((req, res) => {
  if (req.url === '/own') { res.end('hello'); return; }
  res.writeHead(200, {'Content-Type': 'text/html'}); res.end(page);
}).listen(0, '127.0.0.1', () => console.log('listening'));
"""


def test_the_view_reaches_only_its_own_port(tmp_path):
    other = Listener("tcp")
    root = xcally_script(tmp_path / "plugin", SERVER)
    target, project = open_project(root)
    session = target.create_session(project, SessionSetup(header={"env": {"OTHER_PORT": str(other.port)}}))
    try:
        started(session)
        console = lambda: " ".join(e.message for e in session.log.of_kind("console"))  # noqa: E731
        assert wait_for(lambda: "own server said hello" in console(), 15000), session.log.tail()
        assert wait_for(lambda: "other port refused" in console(), 5000), session.log.tail()
        assert other.hits == []
        assert any(f"127.0.0.1:{other.port}" in e.message for e in session.log.of_kind("network"))
    finally:
        session.close()
        other.close()
