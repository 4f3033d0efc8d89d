"""`expect: {selector, count}`: how many elements match, 0 for one that is gone (as a toast that closes)."""

from __future__ import annotations

import pytest
from plugin_projects import pexip_plugin

from tests.sandbox.pexip_helpers import run_text

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

TOASTS = """(function () {
  var shown = 0;
  PEX.pluginAPI.registerPlugin({id: 'probe-1.0', load: function () {}, unload: function () {},
    go: function () {
      shown += 1;
      var toast = document.createElement('div');
      toast.className = 'probe-toast';
      toast.textContent = 'note ' + shown;
      document.body.appendChild(toast);
      setTimeout(function () { toast.remove(); }, 300);
    }});
})();
"""


def test_counted_elements_and_one_that_goes_away(tmp_path):
    project = pexip_plugin(tmp_path, TOASTS)
    result = run_text(project, """
name: toasts come and go
steps:
  - expect: {selector: .probe-toast, count: 0}
  - click: {location: toolbar, index: 0}
  - click: {location: toolbar, index: 0}
  - expect: {selector: .probe-toast, count: 2}
  - expect: {selector: .probe-toast, text: note 2, count: 1}
  - expect: {selector: .probe-toast, count: 0, timeout: 2000}
""")
    assert result.passed, result.failure_text()


def test_a_wrong_count_fails_saying_how_many_there_are(tmp_path):
    project = pexip_plugin(tmp_path, TOASTS)
    result = run_text(project, """
name: one toast too few
steps:
  - click: {location: toolbar, index: 0}
  - expect: {selector: .probe-toast, count: 2, timeout: 200}
""")
    assert not result.passed
    assert "1 element(s) match '.probe-toast', expected 2" in result.failure_text()
