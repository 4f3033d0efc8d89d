"""The emulated Web App 3: plugins in sandboxed iframes speaking @pexip/plugin-api's protocol, what the app draws
for them, its replies (failures included), and the conference events it sends."""

from __future__ import annotations

import pytest
from qtasync import run, wait_for
from webapp3_projects import branding

from workbench.registry import open_project
from workbench.sandbox.session import SessionSetup

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

KITCHEN = """
var reg = await call('syn', {id: 'kitchen', version: 1});
var toast = function (m) { return call('ui:toast:show', {message: m}); };
var bad = await call('ui:button:add', {position: 'toolbar', icon: 'IconNope', tooltip: 'Bad'});
toast('bad: ' + bad.status + ' / ' + bad.reason);
var lock = await call('ui:button:add', {position: 'toolbar', icon: 'IconLock', tooltip: 'Lock', roles: ['chair']});
var form = await call('ui:button:add', {position: 'settingsMenu', label: 'Ask', inMeetingOnly: true});
var spot = await call('ui:button:add', {position: 'participantActions', label: 'Spot'});
on(async function (event, p) {
  if (event === 'ui:button:click' && p.buttonId === lock.id) {
    var r = await call('conference:lock', {lock: true});
    await call('ui:button:update', {position: 'toolbar', icon: 'IconLock', tooltip: 'Locked', isActive: true, targetId: lock.id});
    toast('lock ' + r.status + ' ' + r.data.status);
  }
  if (event === 'ui:button:click' && p.buttonId === spot.id) toast('spot ' + p.input.participantUuid);
  if (event === 'ui:button:click' && p.buttonId === form.id) {
    await call('ui:form:open', {title: 'Q', form: {submitBtnTitle: 'Go', elements: {
      n: {name: 'Count', type: 'number'}, c: {name: 'Pick', type: 'checklist', options: [{id: 'x', label: 'X'}, {id: 'y', label: 'Y'}]},
      s: {name: 'Size', type: 'select', options: [{id: 'big', label: 'Big'}]}, t: {name: 'Note', type: 'text', isOptional: true}}}});
  }
  if (event === 'ui:form:input') {
    toast('form ' + typeof p.input.n + ' ' + p.input.n + ' ' + JSON.stringify(p.input.c) + ' ' + p.input.s + ' [' + p.input.t + ']');
    await call('ui:removeElement', {id: p.modalId});
    await call('ui:prompt:open', {title: 'Sure?', prompt: {primaryAction: 'Yes', secondaryAction: 'No'}});
  }
  if (event === 'ui:prompt:input') { toast('answer ' + p.input); await call('ui:removeElement', {id: p.modalId}); }
  if (event === 'event:participantJoined') toast('joined ' + p.participant.displayName + ' ' + (p.participant.startAt instanceof Date));
  if (event === 'event:conference:authenticated') toast('in ' + p.conferenceAlias + ' origin ' + String(self.origin));
});
"""


def start(root, header=None):
    target, project = open_project(root)
    session = target.create_session(project, SessionSetup(header=header or {}))
    run(session.start(), 30000)
    return session


def toasts(session) -> list[str]:
    return [t["text"] for t in run(session.harness("WBH.extensions.webapp3.toasts()")) or []]


def until_toast(session, text: str) -> bool:
    return wait_for(lambda: any(text in t for t in toasts(session)), 5000)


@pytest.fixture
def kitchen(tmp_path, qapp):
    root = branding(tmp_path, {"kitchen": KITCHEN}, entries=[
        {"id": "kitchen", "src": "./plugins/kitchen/index.html", "sandboxValues": ["allow-forms", "allow-modals"]}])
    session = start(root, {"participants": [{"name": "Bob", "uuid": "bob"}]})
    yield session
    session.close()


def test_the_plugin_frame_gets_exactly_the_sandbox_the_app_gives(kitchen):
    sandbox = run(kitchen.harness("document.querySelector('iframe.plugin-frame').getAttribute('sandbox')"))
    assert sandbox == "allow-scripts allow-forms"  # allow-modals is not accepted: dropped, and said so
    assert any("allow-modals" in e.message for e in kitchen.log.entries)
    assert until_toast(kitchen, "in meet.alice origin null")  # no allow-same-origin: an opaque origin


def test_an_unknown_icon_is_refused_as_the_app_refuses_it(kitchen):
    assert until_toast(kitchen, "bad: failed / Invalid Icon name")
    texts = [b["text"] for b in run(kitchen.harness("WBH.extensions.webapp3.buttons({})"))["items"]]
    assert "Bad" not in texts and "Lock" in texts


def test_buttons_forms_prompts_and_conference_calls_round_trip(kitchen):
    from workbench.core.scenario import parse_scenario
    from workbench.registry import get_target
    scenario = parse_scenario("""
steps:
  - click: {button: Lock}
  - expect: {conference: {locked: true}}
  - expect: {button: {text: Locked, position: toolbar}, active: true}
  - expect: {toast: lock 200 success}
  - click: {button: Spot, position: participantActions, participant: Bob}
  - expect: {toast: spot bob}
  - click: {button: Ask, position: settingsMenu}
  - submit: {form: Q, values: {n: 3, c: [y], s: big}}
  - expect: {toast: 'form number 3 {"x":false,"y":true} big []'}
  - answer: {prompt: "Sure?", action: "No"}
  - expect: {toast: answer No}
  - join: {name: Carol}
  - expect: {toast: joined Carol true}
""", "s.yaml", get_target("webapp3").vocabulary())
    for step in scenario.steps:
        run(kitchen.apply_step(step), 10000)
    assert not kitchen.log.errors()


def test_widgets_register_with_their_parent_id_only(tmp_path, qapp):
    widget_page = tmp_path / "webapp3/branding/plugins/w/widget.html"
    root = branding(tmp_path, {"w": """
await call('syn', {id: 'w', version: 1});
var w = await call('ui:widget:add', {type: 'floating', src: 'widget.html', title: 'Panel', isVisible: true});
on(function (event, p) { if (event === 'ui:widget:onLoad') call('ui:toast:show', {message: 'loaded ' + (p.widgetId === w.id)}); });
"""})
    widget_page.write_text("<script>" + __import__("webapp3_projects").PROTOCOL + """
call('syn:widget', {parentPluginId: 'nope'}).then(function (r) {
  return call('syn:widget', {parentPluginId: 'w'}).then(function (r2) {
    return call('ui:toast:show', {message: 'widget ' + r.ack + ' ' + r2.ack}); }); });
</script>""")
    session = start(root)
    try:
        assert until_toast(session, "loaded true")
        assert until_toast(session, "widget false true")
        widgets = run(session.harness("WBH.extensions.webapp3.widgets()"))
        assert widgets == [{"title": "Panel", "type": "floating", "visible": True, "plugin": "w"}]
    finally:
        session.close()


def test_a_widget_is_refused_when_the_manifest_id_differs(tmp_path, qapp):
    root = branding(tmp_path, {"x": """
await call('syn', {id: 'other', version: 1});
var r = await call('ui:widget:add', {type: 'sidePanel', src: 'w.html', title: 'T'});
call('ui:toast:show', {message: 'widget ' + r.status});
"""}, entries=[{"id": "x", "src": "./plugins/x/index.html"}])
    session = start(root)
    try:
        assert until_toast(session, "widget failed")
    finally:
        session.close()


def test_a_changed_plugin_file_reloads_the_preview(tmp_path, qapp):
    root = branding(tmp_path, {"hot": "await call('syn', {id: 'hot', version: 1}); call('ui:toast:show', {message: 'v1'});"})
    session = start(root)
    try:
        assert until_toast(session, "v1")
        script = root / "webapp3/branding/plugins/hot/plugin.js"
        script.write_text(script.read_text().replace("'v1'", "'v2'"))
        assert run(session.reload_changed(["webapp3/branding/plugins/hot/plugin.js"]), 30000) == "page"
        assert until_toast(session, "v2")
        assert run(session.reload_changed(["scenarios/x.yaml"])) is None  # not served: nothing to do
    finally:
        session.close()
