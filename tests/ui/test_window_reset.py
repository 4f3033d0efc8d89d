"""Another project opens: nothing of the previous one stays in the panels (log and its filter, recording, test
results, watch mode, status)."""

from __future__ import annotations

import pytest

from tests.ui.preview_helpers import previewing, settled

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


def test_opening_another_project_resets_every_panel(qtbot, copy_sample):
    with previewing(qtbot, copy_sample("pexip-recording")) as (window, preview):
        log, tests, controls = preview.log, preview.tests, preview.controls
        controls.record_button.click()
        controls.add_participant("guest")
        assert preview.controller.recorder.steps
        log.kind_buttons["call"].click()
        log.search.setText("recording")
        with qtbot.waitSignal(tests.sig_finished, timeout=30000):
            tests.run([tests.rows[0].rel])
        tests.watch.setChecked(True)
        assert tests.summary.text() and tests.rows[0].state != "not run"

        with qtbot.waitSignal(preview.sig_ready, timeout=20000):
            assert window.open_project(copy_sample("xcally-html"))
        settled(qtbot, preview)

        assert all(b.isChecked() for b in log.kind_buttons.values()) and log.search.text() == ""
        assert not any("recording-plugin" in line for line in log.visible_lines())
        assert preview.controller.recorder.steps == [] and not controls.record_button.isChecked()
        assert controls.record_button.text() == "● Record" and not controls.save_button.isEnabled()
        assert [r.rel for r in tests.rows] == ["scenarios/agent_first.yaml", "scenarios/views.yaml"]
        assert all(r.state == "not run" for r in tests.rows)
        assert not tests.watch.isChecked() and tests.summary.text() == "" and tests.details.toPlainText() == ""
        assert preview.panel.status.text() == "ready"


def test_opening_another_project_during_a_test_run_stops_it_cleanly(qtbot, copy_sample):
    with previewing(qtbot, copy_sample("pexip-recording")) as (window, preview):
        tests = preview.tests
        tests.pace.setCurrentIndex(2)  # slow: the run is still going when the other project opens
        started = []
        tests.tree.currentItemChanged.connect(lambda *_: started.append(True))
        assert tests.run_all()
        qtbot.waitUntil(lambda: bool(started), timeout=10000)
        with qtbot.waitSignal(preview.sig_ready, timeout=20000):
            assert window.open_project(copy_sample("xcally-html"))
        settled(qtbot, preview)
        qtbot.waitUntil(lambda: not tests.running, timeout=10000)
        assert preview.controller.session.project.root.name == "xcally-html" and not preview.controller.borrowed
        assert [r.state for r in tests.rows] == ["not run", "not run"] and tests.summary.text() == ""
        assert preview.host_controls.isEnabled()
