"""No byte leaves the sandbox by any web API unless the host is allowed, and every attempt is logged.

Each test runs a plugin that tries to reach a listener on 127.0.0.1 and waits for the page to say the attempt is
over (a signal, not a sleep); the listener must have received nothing, and the log must name the attempt.
"""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin, registering
from qtasync import wait_for

from tests.sandbox.pexip_helpers import started_session
from tests.security.listeners import Listener

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


@pytest.fixture
def listener():
    made = []

    def make(kind: str = "tcp") -> Listener:
        made.append(Listener(kind))
        return made[-1]

    yield make
    for item in made:
        item.close()


def run_plugin(tmp_path, body: str, allow_hosts=()):
    root = pexip_plugin(tmp_path / "proj", registering(body))
    return started_session(root, allow_hosts=allow_hosts)


def console_says(session, text: str, timeout_ms: int = 15000) -> bool:
    return wait_for(lambda: any(text in e.message for e in session.log.of_kind("console")), timeout_ms)


def network_entries(session) -> list[str]:
    return [e.message for e in session.log.of_kind("network")]


def test_webrtc_stun_and_turn_carry_nothing_out(tmp_path, listener):
    stun, turn = listener("udp"), listener("tcp")
    session = run_plugin(tmp_path, f"""
      var pc = new RTCPeerConnection({{iceServers: [{{urls: 'stun:127.0.0.1:{stun.port}'}},
        {{urls: 'turn:127.0.0.1:{turn.port}?transport=tcp', username: 'project-secret', credential: 'x'}}]}});
      pc.createDataChannel('exfiltrate');
      pc.onicegatheringstatechange = function () {{
        if (pc.iceGatheringState === 'complete') console.log('gathering complete');
      }};
      pc.createOffer().then(function (o) {{ return pc.setLocalDescription(o); }});""")
    try:
        assert console_says(session, "gathering complete")
        assert stun.hits == [] and turn.hits == [], (stun.hits, turn.hits)
        assert wait_for(lambda: any("RTCPeerConnection" in m and f"stun:127.0.0.1:{stun.port}" in m
                                    for m in network_entries(session)), 3000), network_entries(session)
        assert any(f"127.0.0.1:{turn.port}" in m for m in network_entries(session))
    finally:
        session.close()


def test_webtransport_is_refused_and_logged(tmp_path, listener):
    quic = listener("udp")
    session = run_plugin(tmp_path, f"""
      var t = new WebTransport('https://127.0.0.1:{quic.port}/exfiltrate?data=secret');
      t.ready.then(function () {{ console.log('transport open'); }},
                   function () {{ console.log('transport failed'); }});""")
    try:
        assert console_says(session, "transport failed")
        assert quic.hits == []
        assert wait_for(lambda: any("WebTransport" in m or "connect-src" in m for m in network_entries(session)),
                        3000), network_entries(session)
    finally:
        session.close()


ATTEMPTS = """
  var u = 'http://127.0.0.1:{port}/';
  fetch(u + 'fetch').catch(function () {{}});
  var x = new XMLHttpRequest(); x.open('GET', u + 'xhr'); x.onerror = function () {{}}; x.send();
  try {{ new WebSocket('ws://127.0.0.1:{port}/ws'); }} catch (e) {{}}
  try {{ new EventSource(u + 'sse'); }} catch (e) {{}}
  navigator.sendBeacon(u + 'beacon', 'data');
  var img = new Image(); img.src = u + 'img.png'; document.body.appendChild(img);
  var link = document.createElement('link'); link.rel = 'stylesheet'; link.href = u + 'style.css';
  document.head.appendChild(link);
  var frame = document.createElement('iframe'); frame.src = u + 'frame'; document.body.appendChild(frame);
  try {{ new Worker(u + 'worker.js'); }} catch (e) {{}}
  var pre = document.createElement('link'); pre.rel = 'preconnect'; pre.href = u; document.head.appendChild(pre);
"""


def test_every_page_request_to_an_unknown_host_is_blocked_and_logged(tmp_path, listener):
    target = listener("tcp")
    session = run_plugin(tmp_path, ATTEMPTS.format(port=target.port))
    try:
        kinds = ("/fetch", "/xhr", "/ws", "/sse", "/beacon", "/img.png", "/style.css", "/frame")
        assert wait_for(lambda: all(any(k in m for m in network_entries(session)) for k in kinds), 10000), \
            network_entries(session)
        assert target.hits == []
    finally:
        session.close()


def test_an_allowed_host_and_port_means_exactly_that(tmp_path, listener):
    allowed, other = listener("tcp"), listener("tcp")
    session = run_plugin(tmp_path, f"""
      fetch('http://127.0.0.1:{allowed.port}/ok').catch(function () {{}});
      fetch('http://127.0.0.1:{other.port}/no').catch(function () {{}});""",
                         allow_hosts=[f"127.0.0.1:{allowed.port}"])
    try:
        assert wait_for(lambda: bool(allowed.hits), 10000), network_entries(session)
        assert b"GET /ok" in allowed.hits[0]
        assert wait_for(lambda: any(f":{other.port}/no" in m for m in network_entries(session)), 5000)
        assert other.hits == []
    finally:
        session.close()


MORE_WAYS = """
  var u = 'http://127.0.0.1:{port}/';
  var form = document.createElement('form'); form.method = 'POST'; form.action = u + 'form'; form.target = '_blank';
  var field = document.createElement('input'); field.name = 'secret'; field.value = 'data'; form.appendChild(field);
  document.body.appendChild(form); form.submit();
  window.open(u + 'open');
  ['prefetch', 'dns-prefetch', 'preload', 'modulepreload', 'prerender'].forEach(function (rel) {{
    var l = document.createElement('link'); l.rel = rel; l.href = u + rel; l.as = 'script'; document.head.appendChild(l);
  }});
  var a = document.createElement('a'); a.href = u + 'a'; a.ping = u + 'ping'; a.target = '_blank'; document.body.appendChild(a); a.click();
  try {{ new SharedWorker(u + 'shared.js'); }} catch (e) {{}}
  try {{ navigator.serviceWorker.register(u + 'sw.js').catch(function () {{}}); }} catch (e) {{}}
  import(u + 'module.js').catch(function () {{}});
  new Audio(u + 'audio.mp3').play().catch(function () {{}});
  var css = document.createElement('style');
  css.textContent = '@import url(' + u + 'imported.css); body {{ background: url(' + u + 'bg.png); }}';
  document.head.appendChild(css);
  new Worker(URL.createObjectURL(new Blob(["fetch('" + u + "from-worker').catch(function () {{}});"])));
  var doc = document.createElement('iframe');
  doc.srcdoc = '<script>fetch("' + u + 'from-srcdoc").catch(function () {{}})<\\/script>'; document.body.appendChild(doc);
  var data = document.createElement('iframe');
  data.src = 'data:text/html,<script>fetch("' + u + 'from-data").catch(function () {{}})<\\/script>';
  document.body.appendChild(data);
  fetch(u + 'keepalive', {{method: 'POST', body: 'x', keepalive: true, mode: 'no-cors'}}).catch(function () {{}});
"""


def test_forms_popups_hints_pings_workers_and_frames_leave_nothing(tmp_path, listener):
    target = listener("tcp")
    session = run_plugin(tmp_path, MORE_WAYS.format(port=target.port))
    try:
        logged = ("/preload", "/module.js", "/audio.mp3", "/imported.css", "/bg.png", "/from-worker", "/from-srcdoc",
                  "/from-data", "/keepalive")
        assert wait_for(lambda: all(any(k in m for m in network_entries(session)) for k in logged), 10000), \
            network_entries(session)
        assert wait_for(lambda: sum("opened a new window" in e.message for e in session.log.of_kind("host")) >= 3,
                        5000)  # the form's POST, window.open and the link: windows the preview does not open
        assert target.hits == []
    finally:
        session.close()
