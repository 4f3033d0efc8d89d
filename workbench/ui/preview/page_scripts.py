"""The script the preview adds to the host page: reports of the user's clicks and fills, for the scenario recorder.

Host behaviour (hot reload, loading and unloading plugins) lives in the host page and its session, not here.
"""

from __future__ import annotations

# Reports the user's clicks on plugin items and dialog elements, and the values typed into dialogs, to the host log
# (the scenario recorder turns them into `click` and `fill` steps).
UI_EVENTS = """(function () {
  if (window.__wbUiEvents) return;
  window.__wbUiEvents = true;
  function report(message, ui) {
    if (window.WBHost && window.WBHost.bridge) window.WBHost.report('host', { message: message, ui: ui });
  }
  function idSelector(node) { return '#' + (window.CSS && CSS.escape ? CSS.escape(node.id) : node.id); }
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!t || !t.closest) return;
    var item = t.closest('[data-location][data-plugin]');
    if (item) {
      var q = { location: item.getAttribute('data-location'), index: +item.getAttribute('data-index'),
        plugin: item.getAttribute('data-plugin') };
      if (item.getAttribute('data-participant')) q.participant = item.getAttribute('data-participant');
      report('clicked the ' + q.location + ' item "' + (item.getAttribute('data-wb-label') || '') + '"', { click: q });
      return;
    }
    var layer = t.closest('#dialog-layer');
    var target = t.closest('[id]');
    if (layer && target && target !== layer && layer.contains(target)) {
      report('clicked ' + idSelector(target) + ' in a dialog', { click: { selector: idSelector(target) } });
    }
  }, true);
  document.addEventListener('change', function (ev) {
    var t = ev.target;
    if (t && t.id && t.closest && t.closest('#dialog-layer') && 'value' in t) {
      report('filled ' + idSelector(t), { fill: { selector: idSelector(t), value: String(t.value) } });
    }
  }, true);
})();"""
