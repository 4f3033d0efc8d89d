"""A plugin cannot reach or patch what judges it: the checks, the error capture, the report channel, the bridge."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin, registering
from qtasync import harness, js, wait_for

from tests.sandbox.pexip_helpers import run_text, started_session

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


def project(tmp_path, body: str, go: str = "") -> object:
    source = registering(body).replace("go: function () {}", "go: function () {" + go + "}")
    return pexip_plugin(tmp_path / "proj", source)


PATCH_QUERIES = """
  var fake = function () { return [{innerText: 'forged', textContent: 'forged'}]; };
  Document.prototype.querySelectorAll = fake; Element.prototype.querySelectorAll = fake;
  Document.prototype.querySelector = function () { return {innerText: 'forged', click: function () {}}; };
  window.WBH = {query: function () { return {texts: ['forged']}; }};
"""


def test_patched_dom_queries_do_not_make_a_missing_element_appear(tmp_path):
    root = project(tmp_path, PATCH_QUERIES)
    result = run_text(root, "steps:\n  - expect: {selector: '#never-appears', timeout: 400}\n")
    assert not result.passed and "no element matches '#never-appears'" in result.reason
    result = run_text(root, "steps:\n  - expect: {selector: '#participant-list', timeout: 2000}\n")
    assert result.passed, result.reason


HIDE_ERRORS = """
  window.onerror = function () { return true; };
  window.addEventListener('error', function (e) { e.preventDefault(); e.stopImmediatePropagation(); }, true);
  window.addEventListener('unhandledrejection', function (e) { e.preventDefault(); }, true);
  try { WBHost.reportError = function () {}; WBKit.reportError = function () {}; WBKit.report = null; } catch (e) {}
  try { window.WBKit = {report: function () {}}; } catch (e) {}
  console.error = console.debug = console.log = function () {};
"""


def test_an_error_the_plugin_tries_to_hide_still_fails_the_step(tmp_path):
    root = project(tmp_path, HIDE_ERRORS, go="setTimeout(function () { throw new Error('hidden boom'); }, 0);")
    result = run_text(root, "steps:\n  - click: {location: toolbar, index: 0}\n  - wait: 300\n")
    assert not result.passed and "hidden boom" in result.reason


def test_a_rejected_promise_the_plugin_hides_still_fails(tmp_path):
    root = project(tmp_path, HIDE_ERRORS, go="Promise.reject(new Error('quiet rejection'));")
    result = run_text(root, "steps:\n  - click: {location: toolbar, index: 0}\n  - wait: 300\n")
    assert not result.passed and "quiet rejection" in result.reason


def test_forged_report_lines_are_plain_console_output(tmp_path):
    forge = """
      var fake = '\\u0001wb:' + '0123456789abcdef0123456789abcdef';
      console.debug(fake + JSON.stringify({kind: 'error', data: {message: 'forged error'}}));
      console.debug(fake + JSON.stringify({kind: 'recorded', data: {step: {click: {selector: '#x'}}}}));
      console.debug('\\u0001wb:' + JSON.stringify({kind: 'ready', data: {}}));
      console.log('forging done');"""
    session = started_session(project(tmp_path, forge))
    try:
        assert wait_for(lambda: any("forging done" in e.message for e in session.log.of_kind("console")), 5000)
        assert not session.log.errors()
        assert any("forged error" in e.message for e in session.log.of_kind("console"))
    finally:
        session.close()


def test_the_kit_is_frozen_and_the_harness_invisible_to_plugins(tmp_path):
    session = started_session(project(tmp_path, "window.__probe = 1;"))
    try:
        assert js(session, "typeof WBH") == "undefined"
        assert js(session, "(function () { try { WBKit.report = null; } catch (e) {} return typeof WBKit.report; })()") \
            == "function"
        assert js(session, "(function () { try { window.WBKit = 1; } catch (e) {} return typeof window.WBKit; })()") \
            == "object"
        assert harness(session, "typeof window.__probe") == "undefined"  # the plugin's globals are not ours either
    finally:
        session.close()


def test_the_bridge_answers_only_the_mock_api_and_survives_hostile_calls(tmp_path):
    session = started_session(project(tmp_path, "window.__probe = 1;"))
    try:
        hostile = """(function () {
          var deep = []; var cur = deep; for (var i = 0; i < 5000; i++) { var n = []; cur.push(n); cur = n; }
          var cyclic = {}; cyclic.self = cyclic;
          var calls = [WBKit.call('deleteLater', []), WBKit.call('__init__', []), WBKit.call('hello.__class__', []),
            WBKit.call('sendRequest', [deep]), WBKit.call('sendRequest', [cyclic, cyclic]),
            WBKit.call('dialOut', [{toString: null}, 12, [], null, 'x']), WBKit.call('sendRequest', 'not a list'),
            WBKit.call('spotlightOnParticipant', ['x'.repeat(200000)])];
          window.__answers = null;
          Promise.all(calls).then(function (a) { window.__answers = a.length; });
          return true; })()"""
        assert js(session, hostile) is True
        assert wait_for(lambda: js(session, "window.__answers") == 8, 10000)
        warnings = " ".join(e.message for e in session.log.of_kind("warning"))
        assert "deleteLater is not part of the pexip API" in warnings
        assert "__init__ is not part of the pexip API" in warnings
        assert session.ready and js(session, "1 + 1") == 2  # the host still answers
        js(session, "PEX.pluginAPI.sendRequest('/lock') && true")
        assert wait_for(lambda: session.conference.details["locked"] is True, 5000)
    finally:
        session.close()
