"""Connect timing: the call connects a while after the plugins load (settable), at a `connect` step, and hangs up."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin

from tests.sandbox.pexip_helpers import run_text

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

# load() first fetches the plugin's own configuration, then listens for the connection (as published plugins do).
LATE_SUBSCRIBER = """(function () {
  function show(id, text) {
    var el = document.createElement('div'); el.id = id; el.textContent = text; document.body.appendChild(el);
  }
  PEX.pluginAPI.registerPlugin({id: 'probe-1.0', unload: function () {}, go: function () {},
    load: async function () {
      var config = await (await fetch('./custom_configuration/plugins/probe/config.json')).json();
      PEX.actions$.ofType('[Conference] Connect Success').subscribe(function (action) {
        show('probe-connected', config.greeting + ' ' + action.payload.alias);
      });
      PEX.actions$.ofType('[Conference] Disconnect Success').subscribe(function () { show('probe-left', 'bye'); });
    }});
})();
"""


@pytest.fixture
def project(tmp_path):
    root = pexip_plugin(tmp_path, LATE_SUBSCRIBER)
    (root / "webapp2" / "plugins" / "probe" / "config.json").write_text('{"greeting": "hello"}')
    return root


def test_a_plugin_that_fetches_its_configuration_first_still_sees_the_connection(project):
    result = run_text(project, """
name: late subscriber
steps:
  - expect: {selector: "#probe-connected", text: hello meet.alice}
  - expect: {conference: {connected: true}}
  - expect: {no_errors: true}
""")
    assert result.passed, result.failure_text()


def test_a_manual_connection_waits_for_the_connect_step_and_a_hang_up_disconnects(project):
    result = run_text(project, """
name: manual
host: {connect: manual}
steps:
  - wait: 300
  - expect: {conference: {connected: false}}
  - expect: {selector: "#connecting"}
  - connect
  - expect: {conference: {connected: true}}
  - expect: {selector: "#probe-connected", text: hello meet.alice}
  - disconnect
  - expect: {selector: "#probe-left"}
  - expect: {conference: {connected: false}}
""")
    assert result.passed, result.failure_text()


def test_the_connection_is_not_there_before_the_delay(project):
    result = run_text(project, """
name: long delay
host: {connect_delay: 60000}
steps:
  - expect: {selector: "#probe-connected", timeout: 500}
""")
    assert not result.passed and "no element matches '#probe-connected'" in result.reason
