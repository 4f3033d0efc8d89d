"""Simulated media: video#mainVideo and video#selfviewVideo play streams drawn from the conference, so a plugin
that captures a frame (a screenshot) gets a real picture of who is there."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin
from qtasync import js as page_js
from qtasync import wait_for

from tests.sandbox.pexip_helpers import run_text, started_session

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

# A screenshot button as published: draw the chosen <video> on a canvas and read it back.
SCREENSHOT = """(function () {
  var canvas = document.createElement('canvas');
  function shoot(id) {
    var video = document.getElementById(id);
    canvas.width = video.videoWidth; canvas.height = video.videoHeight;
    var ctx = canvas.getContext('2d');
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    var px = ctx.getImageData(canvas.width / 2, canvas.height / 3, 1, 1).data;
    var out = document.createElement('div');
    out.className = 'shot';
    out.textContent = id + ' ' + canvas.width + 'x' + canvas.height + ' ' + canvas.toDataURL('image/png').length +
      ' rgb(' + px[0] + ',' + px[1] + ',' + px[2] + ')';
    document.body.appendChild(out);
  }
  PEX.pluginAPI.registerPlugin({id: 'probe-1.0', load: function () {}, unload: function () {},
    go: function () { shoot('mainVideo'); shoot('selfviewVideo'); }});
})();
"""

CENTER_PIXEL = ("(function () { var v = document.getElementById('mainVideo'); if (!v.videoWidth) return null;"
                " var c = document.createElement('canvas'); c.width = v.videoWidth; c.height = v.videoHeight;"
                " var x = c.getContext('2d'); x.drawImage(v, 0, 0);"
                " return Array.prototype.slice.call(x.getImageData(c.width / 2, c.height / 3, 1, 1).data, 0, 3); })()")


def test_a_screenshot_plugin_captures_frames_of_both_videos(tmp_path):
    result = run_text(pexip_plugin(tmp_path, SCREENSHOT), """
name: screenshot
participants: [{name: Bob, uuid: bob}]
steps:
  - click: {location: toolbar, index: 0}
  - expect: {selector: ".shot", text: "mainVideo 640x360"}
  - expect: {selector: ".shot", text: "selfviewVideo 320x180"}
  - expect: {no_errors: true}
""")
    assert result.passed, result.failure_text()


def test_the_main_video_shows_who_is_in_the_conference(qapp, tmp_path):
    session = started_session(pexip_plugin(tmp_path, SCREENSHOT))
    try:
        assert wait_for(lambda: page_js(session, CENTER_PIXEL) is not None, 5000)
        alone = page_js(session, CENTER_PIXEL)
        session.conference.add_participant({"name": "Bob", "uuid": "bob"})
        assert wait_for(lambda: page_js(session, CENTER_PIXEL) != alone, 5000)
        assert page_js(session, "document.getElementById('mainVideo').paused") is False
    finally:
        session.close()
