"""Hostile arguments to the host API: values a plugin hands the host (PexRTC calls, plugin-api RPCs, eXo core calls)
cross to the workbench through the kit's serializer, which must answer in bounded time and size whatever they are
(shared many times over, wide, cyclic), so the page neither hangs nor floods the workbench."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin, registering
from qtasync import js, wait_for

from tests.sandbox.pexip_helpers import started_session

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

HOSTILE = """
  var a = ['x'];  // 30^6 = 729 million leaves, built from 180 arrays
  for (var k = 0; k < 6; k++) { var b = []; for (var i = 0; i < 30; i++) b.push(a); a = b; }
  PEX.pexrtc.sendRequest('participants', a);
  var leaf = 'y'.repeat(40000), row = [];  // 9,000 references to one 40,000-character string: 360 MB as JSON
  for (var j = 0; j < 9000; j++) row.push(leaf);
  PEX.pexrtc.setParticipantText('00000000-0000-0001-0000-000000000001', row);
  var keyed = {}; keyed['k'.repeat(5000000)] = 1;  // one key of 5 MB
  PEX.pexrtc.sendChatMessage(keyed);
  console.log('handed over');
"""


def test_shared_wide_and_huge_values_reach_the_host_cut_short(tmp_path):
    session = started_session(pexip_plugin(tmp_path / "proj", registering(HOSTILE)))
    try:
        assert wait_for(lambda: any(e.message == "handed over" for e in session.log.of_kind("console")), 10000)
        calls = lambda: [e for e in session.log.of_kind("call") if e.message.startswith("pexrtc.")]  # noqa: E731
        assert wait_for(lambda: len(calls()) >= 3, 10000), session.log.tail()
        assert not any(e.data.get("hang") for e in session.log.errors()), session.log.tail()
        assert js(session, "1 + 1") == 2  # the page answers
        assert all(len(str(e.data.get("args"))) < 3_000_000 for e in calls())
    finally:
        session.close()
