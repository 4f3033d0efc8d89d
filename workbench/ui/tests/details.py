"""How the test panel shows a run: the marks and colours of scenarios and steps, the details of a failure."""

from __future__ import annotations

import html

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTreeWidgetItem

from workbench.ui.tests.model import FAILED, NOT_RUN, PASSED, RUNNING, ScenarioRow

MARKS = {NOT_RUN: "○", RUNNING: "▶", PASSED: "✓", FAILED: "✗"}
COLOURS = {PASSED: "#1a7f37", FAILED: "#cf222e", RUNNING: "#0969da"}
BACKGROUNDS = {RUNNING: QColor(9, 105, 218, 45), FAILED: QColor(207, 34, 46, 40)}


def paint(item: QTreeWidgetItem, state: str, text: str) -> None:
    """A row's mark, colour and weight for its state."""
    item.setText(0, text)
    font = QFont(item.font(0))
    font.setBold(state in (RUNNING, FAILED))
    item.setFont(0, font)
    colour = COLOURS.get(state)
    item.setForeground(0, QBrush(QColor(colour)) if colour else QBrush())
    background = BACKGROUNDS.get(state)
    for column in range(3):
        item.setBackground(column, QBrush(background) if background is not None else QBrush())


def details_html(row: ScenarioRow, index: int | None) -> str:
    """The selected scenario (or step): its outcome, and for a failure the step, expected vs seen, where it is."""
    e = html.escape
    parts = [f"<h3>{MARKS[row.state]} {e(row.name)}</h3><p><code>{e(row.rel)}</code></p>"]
    if row.load_error:
        parts.append(f"<p style='color:{COLOURS[FAILED]}'><b>The file does not load:</b> {e(row.load_error)}</p>")
    result = row.result
    failed = row.failed_step()
    step = row.step(index) if index else failed
    if step is not None:
        where = f"{row.rel}:{step.line},{step.column}"
        parts.append(f"<p><b>Step {step.index}</b> ({e(step.state)}) · <a href='goto:{e(where)}'>line {step.line}"
                     f"</a></p><p><b>Expected</b><br><code>{e(step.text)}</code></p>")
        if step.state == FAILED:
            parts.append(f"<p><b>Seen</b><br><span style='color:{COLOURS[FAILED]}'>{e(step.message)}</span></p>")
    if result is not None and not result.passed and (row.start_failed or step is None):
        parts.append(f"<p><b>Failed</b> at {e(result.failed_step or 'start')}:<br>"
                     f"<span style='color:{COLOURS[FAILED]}'>{e(result.reason)}</span></p>")
    if result is not None:
        verdict = "passed" if result.passed else "failed"
        parts.append(f"<p>{verdict} in {result.seconds:.2f} s, {result.steps_run} step(s) run, {e(result.started)}</p>")
        if not result.passed and result.log_tail:
            parts.append("<p><b>Host log</b></p><pre>" + e("\n".join(result.log_tail)) + "</pre>")
    if row.snapshot and row.state == FAILED:
        parts.append(f"<p><b>The preview when it failed</b></p><img src='snapshot:{e(row.rel)}' width='420'>")
    return "".join(parts)
