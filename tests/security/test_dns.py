"""No name a plugin gives leaves as a DNS query: the engine resolves nothing itself (WebRTC would look up a TURN or
STUN server's name, and a query carries the name to whoever serves that domain). Proven with the system's resolver
pointed at a listener on 127.0.0.2:53, in a mount namespace of its own (Linux, as root)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from plugin_projects import pexip_plugin, registering
from testpaths import REPO

from tests.security.listeners import Listener

pytestmark = [pytest.mark.timeout(90),
              pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("unshare"),
                                 reason="needs root and unshare (a private /etc/resolv.conf)")]

ATTEMPTS = """
  var names = ['turn', 'stun', 'fetch', 'ws', 'img', 'prefetch', 'transport'].map(function (w) {
    return 'wb-leak-' + w + '.example'; });
  try { var pc = new RTCPeerConnection({iceServers: [{urls: 'stun:' + names[1] + ':3478'},
    {urls: 'turn:' + names[0] + ':3478?transport=tcp', username: 'secret', credential: 'x'}]});
    pc.createDataChannel('x'); pc.createOffer().then(function (o) { return pc.setLocalDescription(o); }); } catch (e) {}
  fetch('http://' + names[2] + '/').catch(function () {});
  try { new WebSocket('ws://' + names[3] + '/'); } catch (e) {}
  new Image().src = 'https://' + names[4] + '/a.png';
  ['dns-prefetch', 'preconnect'].forEach(function (rel) {
    var l = document.createElement('link'); l.rel = rel; l.href = '//' + names[5] + '/'; document.head.appendChild(l); });
  try { new WebTransport('https://' + names[6] + '/'); } catch (e) {}
  setTimeout(function () { var d = document.createElement('div'); d.id = 'attempted'; document.body.appendChild(d); },
             3000);
"""
SCENARIO = "steps:\n  - expect: {selector: '#attempted', timeout: 15000}\n"


def test_no_dns_query_leaves_the_sandbox(tmp_path):
    try:
        dns = Listener("udp", "127.0.0.2", 53)
    except OSError as exc:
        pytest.skip(f"cannot listen on 127.0.0.2:53: {exc}")
    resolv = tmp_path / "resolv.conf"
    resolv.write_text("nameserver 127.0.0.2\noptions timeout:1 attempts:1\n")
    root = pexip_plugin(tmp_path / "proj", registering(ATTEMPTS), scenarios={"leak.yaml": SCENARIO})
    script = 'mount --bind "$1" /etc/resolv.conf && exec "$2" -m workbench test "$3"'
    try:
        ran = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(resolv), sys.executable, str(root)],
                             capture_output=True, text=True, timeout=80, cwd=REPO,
                             env=dict(os.environ, PYTHONPATH=str(REPO)))
        if "mount" in ran.stderr and ran.returncode not in (0, 1):
            pytest.skip(f"no private /etc/resolv.conf here: {ran.stderr.strip()[:200]}")
        assert ran.returncode in (0, 1) and "leak" in ran.stdout + ran.stderr, ran.stderr[-2000:]
        assert dns.hits == [], [h[12:60] for h in dns.hits]  # the question section names the host
    finally:
        dns.close()
