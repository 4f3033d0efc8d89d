"""The "Web Conferencing" panel of eXo connectors: contexts, IM accounts, incoming calls, the provider's settings."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from qtasync import run

from tests.ui.preview_helpers import close_window, js, open_preview_window, wait_js
from workbench.targets.exo.ui.panel import WebConferencingPanel

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
LEFT = Qt.MouseButton.LeftButton
BUTTON = "JSON.stringify({state: ExoHost.button.state, reason: ExoHost.button.reason || '', " \
         "context: ExoHost.context, shown: !!document.querySelector('#callButton .acmeCallAction')})"


@pytest.fixture
def exo_window(qtbot, copy_sample):
    window, preview = open_preview_window(qtbot, copy_sample("exo-connector"))
    yield window, preview, preview.host_controls.panel, preview.panel.view.page()
    close_window(window)


def button_state(qtbot, page, predicate, timeout=5000) -> dict:
    return json.loads(wait_js(qtbot, page, BUTTON, lambda v: predicate(json.loads(v)), timeout=timeout))


def choose(combo, data) -> None:
    """Pick an entry of a combo box as a user does (activated follows)."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_panel_follows_the_host_and_shows_a_user_popover(qtbot, exo_window):
    window, preview, panel, page = exo_window
    assert isinstance(panel, WebConferencingPanel)
    assert preview.host_controls.tabText(0) == "Web Conferencing" and preview.host_controls.count() == 1
    assert "@john" in panel.me_label.text()
    # The page is not left empty: the first other user's popover, with Acme's call button.
    state = button_state(qtbot, page, lambda b: b["state"] == "shown")
    assert state["context"] == {"type": "user", "id": "mary"} and state["shown"]
    settings = {panel.settings.item(r, 0).text(): (panel.settings.item(r, 1).text(), panel.settings.item(r, 2).text())
                for r in range(panel.settings.rowCount())}
    # Built as eXo builds them: the core's fields, then what AcmeProvider.Settings' getters give (from the XML).
    assert settings["version"] == ('"1.0.0"', "Web Conferencing core")
    assert settings["serviceUrl"] == ('"https://meet.acme.example"', "Java getSettings()")
    assert settings["clientId"] == ('"workbench-demo"', "Java getSettings()")
    assert settings["url"] == ('"/acme"', "Java getSettings()")
    assert not panel.settings.item(0, 0).flags() & Qt.ItemFlag.ItemIsEditable
    assert panel.settings.item(0, 1).flags() & Qt.ItemFlag.ItemIsEditable
    assert panel.provider.count() == 1 and not panel.provider.isVisibleTo(panel)  # one provider: no picker


def test_a_setting_edited_in_the_panel_reaches_configure(qtbot, exo_window):
    window, preview, panel, page = exo_window
    session = preview.controller.session
    button_state(qtbot, page, lambda b: b["state"] == "shown")
    row = next(r for r in range(panel.settings.rowCount()) if panel.settings.item(r, 0).text() == "serviceUrl")
    panel.settings.item(row, 1).setText('"https://meet.other.example"')  # what an edit in the table does
    qtbot.waitUntil(lambda: any(c.data["args"][0].get("serviceUrl") == "https://meet.other.example"
                                for c in session.log.calls("provider.configure")), timeout=10000)
    assert session.provider_settings()[[n for n, _v, _o in session.provider_settings()].index("serviceUrl")][2] == \
        "set here"


def test_switching_the_context_to_a_space_shows_its_call_button(qtbot, exo_window):
    window, preview, panel, page = exo_window
    button_state(qtbot, page, lambda b: b["state"] == "shown")
    choose(panel.kind, "space")
    assert panel.target.currentData() == "product_team"
    assert panel.members.text() == "john, mary, james"
    state = button_state(qtbot, page, lambda b: (b["context"] or {}).get("type") == "space" and b["state"] == "shown")
    assert state["shown"]
    assert "3 members" in js(qtbot, page, "document.querySelector('.exoSub').textContent")
    assert preview.controller.session.context["id"] == "product_team"


def test_removing_a_users_account_hides_the_button_in_their_popover(qtbot, exo_window):
    window, preview, panel, page = exo_window
    choose(panel.kind, "user")
    choose(panel.target, "mary")
    button_state(qtbot, page, lambda b: b["state"] == "shown" and b["context"]["id"] == "mary")
    row = next(r for r in range(panel.users.rowCount()) if panel.users.item(r, 2).data(Qt.ItemDataRole.UserRole)
               == "mary")
    panel.users.item(row, 2).setCheckState(Qt.CheckState.Unchecked)  # what a click on the check box does
    state = button_state(qtbot, page, lambda b: b["state"] == "none")
    assert "no Acme account" in state["reason"] and not state["shown"]
    qtbot.waitUntil(lambda: panel.users.item(row, 2).text() == "no account")
    assert not next(p for p in preview.controller.session.people() if p["id"] == "mary")["has_account"]

    panel.users.item(row, 2).setCheckState(Qt.CheckState.Checked)
    button_state(qtbot, page, lambda b: b["state"] == "shown")


def test_simulate_incoming_call_shows_the_connectors_notice(qtbot, exo_window):
    window, preview, panel, page = exo_window
    session = preview.controller.session
    panel.caller.setCurrentIndex(panel.caller.findData("james"))
    panel.call_id.setText("p/james-john")
    qtbot.mouseClick(panel.incoming_button, LEFT)
    qtbot.waitUntil(lambda: bool(session.log.calls("showInfo")))
    assert session.log.calls("showInfo")[0].data["args"][:2] == ["Incoming call", "Acme call from James Davis"]
    wait_js(qtbot, page, "(document.querySelector('.exoWcDialog .popupTitle') || {}).textContent || ''",
            lambda t: "Incoming call" in t)  # showInfo: the core's dialog
    assert "p/james-john" in js(qtbot, page, "document.getElementById('calls').textContent")
    qtbot.waitUntil(lambda: "delivered to 1 listener" in panel.status.text())


def account_row(panel, user: str) -> int:
    return next(r for r in range(panel.users.rowCount())
                if panel.users.item(r, 2).data(Qt.ItemDataRole.UserRole) == user)


def test_recorded_web_conferencing_controls_replay_green(qtbot, exo_window):
    import yaml

    from workbench.registry import open_project
    from workbench.sandbox.runner import load_for, run_scenario

    window, preview, panel, page = exo_window
    root = window.session.project.root
    button_state(qtbot, page, lambda b: b["state"] == "shown")
    panel.users.item(account_row(panel, "james"), 2).setCheckState(Qt.CheckState.Unchecked)  # before recording

    qtbot.mouseClick(panel.record_button, LEFT)
    choose(panel.kind, "space")
    button_state(qtbot, page, lambda b: (b["context"] or {}).get("type") == "space" and b["state"] == "shown")
    choose(panel.kind, "user")  # the first other user's popover: mary's
    button_state(qtbot, page, lambda b: b["context"]["id"] == "mary" and b["state"] == "shown")
    panel.users.item(account_row(panel, "mary"), 2).setCheckState(Qt.CheckState.Unchecked)
    button_state(qtbot, page, lambda b: b["state"] == "none")
    panel.caller.setCurrentIndex(panel.caller.findData("mary"))
    qtbot.mouseClick(panel.incoming_button, LEFT)
    qtbot.waitUntil(lambda: "incoming call from mary" in panel.status.text())
    qtbot.mouseClick(panel.record_button, LEFT)
    saved = panel.save(panel.default_scenario_path())
    close_window(window)

    data = yaml.safe_load(open(saved).read())
    users = {u["id"]: u for u in data["users"]}
    assert users["james"]["imAccounts"] == {} and "imAccounts" not in users["mary"]  # accounts when recording began
    assert data["user"] == "john" and data["context"] == {"type": "user", "id": "mary"}
    steps = [s for s in data["steps"] if not (isinstance(s, dict) and "expect" in s)]
    assert steps == [{"context": {"type": "space", "id": "product_team", "members": ["john", "mary", "james"]}},
                     {"context": {"type": "user", "id": "mary"}}, {"account": {"user": "mary", "has": False}},
                     {"incoming": {"from": "mary"}}]
    target, project = open_project(root)
    result = run(run_scenario(target, project, load_for(target, project, saved)), 60000)
    assert result.passed, (result.failed_step, result.reason)
    assert result.steps_run == len(data["steps"])


def test_an_add_on_with_two_providers_lets_the_user_pick_the_one_to_preview(qtbot, tmp_path):
    import shutil

    from testpaths import FIXTURES

    root = tmp_path / "duo"
    shutil.copytree(FIXTURES / "exo_runtime" / "duo-connector", root)
    window, preview = open_preview_window(qtbot, root)
    try:
        panel, page = preview.host_controls.panel, preview.panel.view.page()
        assert [panel.provider.itemData(i) for i in range(panel.provider.count())] == ["duo", "duovoice"]
        assert panel.provider.isVisibleTo(panel)
        button_state(qtbot, page, lambda b: b["state"] == "shown")
        assert js(qtbot, page, "ExoHost.button.provider") == "duo"
        choose(panel.provider, "duovoice")
        qtbot.waitUntil(lambda: preview.controller.session.connector_type == "duovoice")
        text = wait_js(qtbot, page, "(ExoHost.button || {}).text || ''", lambda t: (t or "").startswith("Dial"), timeout=10000)
        assert text == "Dial +33 1 23 45 67 89"
        def rows() -> set[str]:
            return {panel.settings.item(r, 0).text() for r in range(panel.settings.rowCount())}

        qtbot.waitUntil(lambda: "number" in rows())  # the settings tab follows the provider previewed
        assert "serviceUrl" not in rows()
    finally:
        close_window(window)
