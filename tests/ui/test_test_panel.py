"""The test panel: the project's scenarios, run in the visible preview step by step with the runner of
`workbench test`, the failing step with what was expected and what was seen, a jump to its line, watch mode."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from qtasync import run

from tests.ui.preview_helpers import close_window, open_preview_window

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
FAILING = "scenarios/zz_label_says_stop.yaml"
SCENARIO = """name: the label says stop before any click
plugin: recording-plugin-1.0
steps:
  - expect: {item: {location: toolbar, index: 0}, label: Start recording}
  - click: {location: toolbar, index: 0}
  - expect: {item: {location: toolbar, index: 0}, label: Stop recording, timeout: 300}
"""


@pytest.fixture
def recording(qtbot, copy_sample):
    root = copy_sample("pexip-recording")
    (root / FAILING).write_text(SCENARIO)
    window, preview = open_preview_window(qtbot, root)
    yield root, window, preview
    close_window(window)


def test_a_failing_scenario_runs_in_the_preview_and_shows_its_failing_step(qtbot, recording):
    root, window, preview = recording
    tests = preview.tests
    assert [r.rel for r in tests.rows] == sorted(f"scenarios/{p.name}" for p in (root / "scenarios").iterdir())
    live = preview.controller.session
    shown, current = [], []
    preview.controller.sig_session.connect(shown.append)
    tests.tree.currentItemChanged.connect(lambda item, _old: current.append(item.text(0) if item else ""))
    with qtbot.waitSignal(tests.sig_finished, timeout=30000) as finished:
        assert tests.run([FAILING])
    [result] = finished.args[0]
    assert not result.passed

    # The run showed the scenario's own page in the preview, step after step, then gave the live preview back.
    assert any(s is not None and s is not live for s in shown)
    assert [text.split(" ", 1)[0] for text in current[:3]] == ["▶", "▶", "▶"]
    assert [text.split(" ", 2)[1] for text in current[:3]] == ["1.", "2.", "3."]
    qtbot.waitUntil(lambda: preview.controller.session is not None and preview.controller.session.ready,
                    timeout=20000)

    # The failing step is the current one, marked, with expected vs seen and its line.
    row = tests.row(FAILING)
    failed = row.failed_step()
    assert (failed.index, failed.line) == (3, 6)
    item = tests.tree.currentItem()
    assert item.text(0).startswith("✗ 3. expect") and item.text(1) == "6"
    details = tests.details.toPlainText()
    assert "Expected" in details and "label: Stop recording" in details.replace('"', "")
    assert "Seen" in details and "Start recording" in details.split("Seen", 1)[1]
    assert "the preview when it failed" in details.lower()
    assert "1 failed" in tests.summary.text()

    # The jump opens the scenario at the failing step's line.
    tests._link(QUrl(f"goto:{FAILING}:6,5"))
    editor = window.editors.current_editor()
    assert window.editors.current_rel() == FAILING
    assert editor.editor.textCursor().blockNumber() + 1 == 6

    # The same runner as `workbench test`: the same verdict, step and reason.
    from workbench.core.config import load_config
    from workbench.sandbox.runner import run_files
    project = window.session.project
    [headless] = run(run_files(window.session.target, project, [root / FAILING],
                               allow_hosts=load_config(root).allow_hosts), 30000)
    assert (headless.passed, headless.failed_step, headless.reason) == (False, result.failed_step, result.reason)


def test_results_are_kept_and_watch_mode_runs_again_on_save(qtbot, recording):
    root, window, preview = recording
    tests = preview.tests
    with qtbot.waitSignal(tests.sig_finished, timeout=30000):
        tests.run_all()
    passed = {r.rel: r.state for r in tests.rows}
    assert passed[FAILING] == "failed" and list(passed.values()).count("passed") == len(passed) - 1

    tests.watch.setChecked(True)
    with qtbot.waitSignal(tests.sig_finished, timeout=60000) as again:
        (root / FAILING).write_text(SCENARIO.replace("label: Stop recording", "label: Start recording"))
    assert all(r.passed for r in again.args[0]) and tests.row(FAILING).state == "passed"
    assert {r.rel: r.state for r in tests.rows if r.rel != FAILING} == \
        {rel: state for rel, state in passed.items() if rel != FAILING}  # the others keep their results
