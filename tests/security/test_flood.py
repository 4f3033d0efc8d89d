"""A plugin that floods the console does not take the workbench down: the log stays bounded, the page answers."""

from __future__ import annotations

import time

import pytest
from plugin_projects import pexip_plugin, registering
from qtasync import harness, started, wait_for

from workbench.registry import open_project

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


def test_a_console_flood_keeps_the_log_bounded_and_the_page_answering(tmp_path):
    body = """
      var tick = 0;
      var timer = setInterval(function () {  // paced: 100 lines a tick, 3,000 in all
        for (var i = 0; i < 100; i++) console.log('flood ' + tick + '.' + i);
        if (++tick === 30) { clearInterval(timer); console.log('flood done'); }
      }, 5);"""
    target, project = open_project(pexip_plugin(tmp_path / "proj", registering(body)))
    session = target.create_session(project)
    session.log.limit = 500
    try:
        started(session)
        assert wait_for(lambda: any(e.message == "flood done" for e in session.log.entries[-5:]), 30000)
        assert session.log.last_seq > 3000 and len(session.log.entries) <= 550  # all seen, the newest kept
        t0 = time.perf_counter()
        assert harness(session, "document.querySelectorAll('#participant-list').length") == 1
        assert time.perf_counter() - t0 < 2
    finally:
        session.close()


def test_one_endless_console_line_is_cut(tmp_path):
    body = "console.log('start' + 'x'.repeat(5000000) + 'end');"
    target, project = open_project(pexip_plugin(tmp_path / "proj", registering(body)))
    session = started(target.create_session(project))
    try:
        assert wait_for(lambda: any(e.message.startswith("startx") for e in session.log.of_kind("console")), 10000)
        line = next(e.message for e in session.log.of_kind("console") if e.message.startswith("startx"))
        assert len(line) < 10_000 and "more characters" in line
    finally:
        session.close()
