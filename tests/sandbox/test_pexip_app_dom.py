"""The app's DOM as published plugins reach into it: the side panel and its keyboard shortcuts, the stage."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin

from tests.sandbox.pexip_helpers import run_text

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

# On a chat message, show the chat in the side panel the way a published plugin does: read the classes of the app's
# containers and press the app's keyboard shortcuts.
CHAT_OPENER = """(function () {
  function key(k) {
    window.dispatchEvent(new KeyboardEvent('keydown', {key: k}));
    window.dispatchEvent(new KeyboardEvent('keyup', {key: k}));
  }
  PEX.pluginAPI.registerPlugin({id: 'probe-1.0', unload: function () {}, go: function () {},
    load: function () {
      PEX.actions$.ofType(PEX.actions.RECEIVE_CHAT_MESSAGE).subscribe(function () {
        var open = document.getElementById('conference-container').className.includes('sidebar-open');
        var roster = document.querySelector('#pex-sidebar-container > div.pex-sidebar__list > pex-roster-list');
        var rosterShown = !roster.className.includes('hide');
        if (!open && !rosterShown) key('s');
        if (open && rosterShown) key('S');
        if (!open && rosterShown) { key('S'); key('S'); }
      });
    }});
})();
"""

TOASTER = """(function () {
  PEX.pluginAPI.registerPlugin({id: 'probe-1.0', unload: function () {}, go: function () {},
    load: function () {
      PEX.actions$.ofType('[Conference] Buzz Changed').subscribe(function (action) {
        if (!action.payload.buzzTime) return;
        var toast = document.createElement('div');
        toast.className = 'toast';
        toast.textContent = action.payload.name + ' has raised a hand';
        document.getElementById('conference-stage-container').appendChild(toast);
      });
    }});
})();
"""


@pytest.mark.parametrize("before", [[], [{"click": {"selector": "#toolbar-sidebar"}}],
                                    [{"click": {"selector": "#sidebar-tab-chat"}},
                                     {"click": {"selector": "#toolbar-sidebar"}}]],
                         ids=["open-on-roster", "closed-on-roster", "closed-on-chat"])
def test_a_plugin_opens_the_chat_with_the_apps_shortcuts(tmp_path, before):
    import json
    steps = "\n".join(f"  - {json.dumps(s)}" for s in before)
    result = run_text(pexip_plugin(tmp_path, CHAT_OPENER), f"""
name: chat opener
participants: [{{name: Bob, uuid: bob}}]
steps:
  - connect
{steps}
  - chat: {{from: bob, text: hello}}
  - expect: {{selector: "#conference-container.sidebar-open pex-chat:not(.hide)", text: "Bob: hello"}}
  - expect: {{selector: "pex-roster-list.hide"}}
  - expect: {{no_errors: true}}
""")
    assert result.passed, result.failure_text()


def test_a_raised_hand_reaches_a_toast_on_the_stage(tmp_path):
    result = run_text(pexip_plugin(tmp_path, TOASTER), """
name: toast
participants: [{name: Bob, uuid: bob}]
steps:
  - connect
  - update: {participant: bob, set: {buzzTime: 1700000000}}
  - expect: {selector: "#conference-stage-container .toast", text: Bob has raised a hand}
  - expect: {selector: "#bob .pex-roster-list__user-states li", text: "✋"}
  - expect: {no_errors: true}
""")
    assert result.passed, result.failure_text()


def test_the_apps_icon_sprite_serves_the_ids_plugins_reuse(tmp_path):
    sprite_reader = """(function () {
  PEX.pluginAPI.registerPlugin({id: 'probe-1.0', unload: function () {}, go: function () {},
    load: function () {
      fetch('icons.svg').then(function (r) { return r.text(); }).then(function (svg) {
        var el = document.createElement('div'); el.id = 'sprite';
        el.textContent = ['mic-off', 'messages', 'messages-green'].filter(function (id) {
          return svg.indexOf('id="' + id + '"') >= 0; }).join(',');
        document.body.appendChild(el);
      });
    }});
})();
"""
    result = run_text(pexip_plugin(tmp_path, sprite_reader), """
name: sprite
steps:
  - expect: {selector: "#sprite", text: "mic-off,messages,messages-green"}
  - expect: {selector: "#toolbar-audio-on__button-container .toolbar-audio-bar-fill"}
  - expect: {no_errors: true}
""")
    assert result.passed, result.failure_text()
