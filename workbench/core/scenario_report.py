"""Scenario results: the text report `workbench test` prints and the JUnit XML file CI reads."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


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
    failed_index: int = 0  # 1-based index of the failing step (0: none, or the start)
    failed_line: int = 0  # its line in the scenario file

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


def summary(results: list[ScenarioResult]) -> str:
    failed = sum(not r.passed for r in results)
    return f"{len(results) - failed} passed, {failed} failed"


def write_junit(results: list[ScenarioResult], path: str | Path, suite: str = "workbench scenarios") -> None:
    """Write a JUnit XML report (one testcase per scenario)."""
    failures = sum(not r.passed for r in results)
    root = ET.Element("testsuites", tests=str(len(results)), failures=str(failures))
    ts = ET.SubElement(root, "testsuite", name=suite, tests=str(len(results)), failures=str(failures),
                       errors="0", time=f"{sum(r.seconds for r in results):.3f}")
    for r in results:
        case = ET.SubElement(ts, "testcase", classname=Path(r.file).stem, name=r.name, file=r.file,
                             time=f"{r.seconds:.3f}")
        if not r.passed:
            message = (f"{r.failed_step}: " if r.failed_step else "") + r.reason.splitlines()[0] if r.reason else "failed"
            fail = ET.SubElement(case, "failure", message=message, type="ScenarioFailure")
            fail.text = r.failure_text()
    tree = ET.ElementTree(root)
    ET.indent(tree)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)
