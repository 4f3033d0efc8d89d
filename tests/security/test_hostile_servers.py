"""A script plugin's own server, checked by `expect: {http: ...}`, cannot hold a scenario for hours by answering a
byte at a time: the check has a deadline for the whole answer."""

from __future__ import annotations

import shutil
import time

import pytest
from plugin_projects import xcally_script
from qtasync import run

from workbench.core.scenario import parse_scenario
from workbench.registry import open_project
from workbench.sandbox.runner import run_scenario

pytestmark = [pytest.mark.qt, pytest.mark.webengine, pytest.mark.timeout(60),
              pytest.mark.skipif(shutil.which("node") is None, reason="Node.js not on PATH")]

TRICKLE = """
require('http').createServer((req, res) => {
  res.writeHead(200, {'Content-Type': 'text/plain'});
  res.flushHeaders();
  const timer = setInterval(() => res.write('.'), 200);  // one byte every 200 ms, for ever
  res.on('close', () => clearInterval(timer));
}).listen(0, '127.0.0.1');
"""


def test_a_server_that_trickles_its_answer_fails_the_check_in_seconds(tmp_path):
    root = xcally_script(tmp_path / "plugin", TRICKLE, "Slow")
    target, project = open_project(root)
    scenario = parse_scenario("steps:\n  - expect: {http: {path: /, status: 200, text: done}, timeout: 2000}\n",
                              "slow.yaml", target.vocabulary(project))
    t0 = time.perf_counter()
    result = run(run_scenario(target, project, scenario), 45000)
    assert not result.passed and "no complete answer within" in result.reason, result.reason
    assert time.perf_counter() - t0 < 20
