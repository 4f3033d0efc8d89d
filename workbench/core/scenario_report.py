"""Scenario results: the text report `workbench test` prints, its JSON, and the JUnit XML file CI reads.

The JUnit file follows the Jenkins xunit plugin's junit-10.xsd (what Jenkins, GitLab and most CI services read):
one <testsuite> per scenario file, with timestamp, hostname, counts and time; `file` only on the suite.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


@dataclass
class ScenarioResult:
    """The outcome of one scenario run."""

    name: str
    file: str
    passed: bool
    seconds: float = 0.0
    steps_run: int = 0
    failed_step: str | None = None  # e.g. "step 3 (click: {...}) at scenarios/a.yaml:7:5"
    reason: str = ""
    log_tail: list[str] = field(default_factory=list)
    step_ms: list[float] = field(default_factory=list)  # wall time of each step run
    started: str = field(default_factory=_now)  # local time, ISO 8601 to the second

    def failure_text(self) -> str:
        """What failed and why, with the log tail, as printed by `workbench test`."""
        lines = [f"FAIL {self.name} ({self.file})"]
        if self.failed_step:
            lines.append(f"  at {self.failed_step}")
        lines += ["  " + line for line in self.reason.splitlines() or [""]]
        if self.log_tail:
            lines.append("  log tail:")
            lines += ["    " + line for line in self.log_tail]
        return "\n".join(lines)

    def failure_message(self) -> str:
        """The failure in one line: the step and the first line of the reason."""
        first = self.reason.splitlines()[0] if self.reason else "failed"
        return f"{self.failed_step}: {first}" if self.failed_step else first

    def to_json(self) -> dict:
        return {"name": self.name, "file": self.file, "passed": self.passed, "seconds": round(self.seconds, 3),
                "steps": self.steps_run, "started": self.started, "failedStep": self.failed_step,
                "reason": self.reason, "logTail": self.log_tail}


class InOrder:
    """Hands results to `deliver` in file order as they come in, whichever scenario finishes first."""

    def __init__(self, deliver: Callable[[ScenarioResult], None] | None):
        self.deliver = deliver
        self._done: dict[int, ScenarioResult] = {}
        self._next = 0

    def add(self, index: int, result: ScenarioResult) -> None:
        self._done[index] = result
        while self.deliver and self._next in self._done:
            self.deliver(self._done.pop(self._next))
            self._next += 1


def summary(results: list[ScenarioResult]) -> str:
    failed = sum(not r.passed for r in results)
    return f"{len(results) - failed} passed, {failed} failed"


def to_json(results: list[ScenarioResult]) -> dict:
    """`workbench test --format json`: counts and every scenario's result."""
    failed = sum(not r.passed for r in results)
    return {"passed": len(results) - failed, "failed": failed, "seconds": round(sum(r.seconds for r in results), 3),
            "scenarios": [r.to_json() for r in results]}


def junit_tree(results: list[ScenarioResult], name: str = "workbench scenarios") -> ET.ElementTree:
    """The JUnit XML of the results: one suite per scenario file, one case per scenario."""
    import xml.etree.ElementTree as ET  # only reports load the XML writer, not every run
    by_file: dict[str, list[ScenarioResult]] = {}
    for r in results:
        by_file.setdefault(r.file, []).append(r)
    failures = sum(not r.passed for r in results)
    root = ET.Element("testsuites", name=name, tests=str(len(results)), failures=str(failures), errors="0",
                      time=f"{sum(r.seconds for r in results):.3f}")
    host = socket.gethostname()
    for suite_id, (file, group) in enumerate(by_file.items()):
        suite = ET.SubElement(root, "testsuite", name=file, tests=str(len(group)),
                              failures=str(sum(not r.passed for r in group)), errors="0", skipped="0",
                              time=f"{sum(r.seconds for r in group):.3f}", timestamp=group[0].started,
                              hostname=host, id=str(suite_id), file=file)
        for r in group:
            case = ET.SubElement(suite, "testcase", classname=Path(r.file).stem, name=r.name, time=f"{r.seconds:.3f}")
            if not r.passed:
                fail = ET.SubElement(case, "failure", message=r.failure_message(), type="ScenarioFailure")
                fail.text = r.failure_text()
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def junit_text(results: list[ScenarioResult]) -> str:
    """The JUnit report as a string (for standard output)."""
    import xml.etree.ElementTree as ET
    return ET.tostring(junit_tree(results).getroot(), encoding="unicode", xml_declaration=True) + "\n"


def write_junit(results: list[ScenarioResult], path: str | Path) -> None:
    """Write the JUnit report to a file (creating its folder); raises OSError when it cannot be written."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    junit_tree(results).write(path, encoding="utf-8", xml_declaration=True)
