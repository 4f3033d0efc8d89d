"""The Qt side of a script plugin's process: a flood of output waits in a bounded backlog while the GUI thread is
busy, and the log says how many lines were dropped; the served port arrives as sig_port."""

from __future__ import annotations

import re

import pytest

from tests.targets.xcally.node_helpers import needs_node, wait_until
from workbench.core.process.output import BACKLOG_LINES
from workbench.targets.xcally.process import NodeLaunch
from workbench.targets.xcally.runtime.process import QtNodeProcess

pytestmark = [pytest.mark.qt, pytest.mark.node, needs_node]

LINES = 100_000
FLOOD = """
let n = 0;
function more() {
  while (n < Number(process.env.LINES)) {
    n++;
    if (!process.stdout.write('flood line ' + n + '\\n')) return process.stdout.once('drain', more);
  }
  require('fs').writeFileSync(process.env.DONE, '');
}
more();
require('http').createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1');
setInterval(() => {}, 1000);
"""


def test_a_flood_waits_in_a_bounded_backlog_and_the_drop_is_reported(qtbot, tmp_path):
    done = tmp_path / "done"
    script = tmp_path / "flood.js"
    script.write_text(FLOOD)
    node = QtNodeProcess(NodeLaunch(script, "flood", tmp_path, {"DONE": str(done), "LINES": str(LINES)}))
    got = []
    node.sig_event.connect(got.append)
    try:
        node.start()
        # The GUI thread is busy elsewhere (no event is processed) while the plugin prints.
        assert wait_until(done.exists, 30.0)
        assert wait_until(lambda: node.backlog.pending() >= BACKLOG_LINES, 10.0)
        assert node.backlog.pending() <= BACKLOG_LINES + 10  # plus a few supervisor messages at most

        def accounted() -> int:
            shown = sum(e.stream == "stdout" for e in got)
            dropped = sum(int(m.group(1).replace(",", "")) for e in got
                          if (m := re.match(r"output flood: ([\d,]+) lines?", e.text)))
            return shown + dropped

        qtbot.waitUntil(lambda: accounted() == LINES, timeout=20000)  # every line shown or counted as dropped
        assert any(e.text.startswith("output flood:") for e in got)
        qtbot.waitUntil(lambda: node.port > 0, timeout=10000)  # found by the core, shown through sig_port
    finally:
        node.close()

