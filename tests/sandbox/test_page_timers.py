"""A headless page runs its plugin's timers as the app in the foreground does (not throttled as a hidden tab)."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin, registering
from qtasync import js, wait_for

from tests.sandbox.pexip_helpers import started_session

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


def test_a_10_ms_interval_ticks_many_times_a_second(tmp_path):
    body = "window.__ticks = 0; window.__t0 = Date.now(); setInterval(function () { window.__ticks++; }, 10);"
    session = started_session(pexip_plugin(tmp_path / "proj", registering(body)))
    try:
        assert wait_for(lambda: js(session, "Date.now() - window.__t0") >= 500, 5000)
        ticks = js(session, "window.__ticks")
        assert ticks >= 10, f"{ticks} ticks in half a second: the page's timers are throttled"
    finally:
        session.close()
