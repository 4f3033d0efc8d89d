"""JavaScript the preview runs in the Pexip host page: plugin hot reload and reports of the user's clicks and fills."""

from __future__ import annotations

import json

# Unload one plugin, drop its old script, load its source again (a cache-busting query makes the page fetch the file
# anew), then report how many of its menu items are in the page. This is the host's own Settings > Plugin
# unload/load cycle, so a plugin that leaks subscriptions on unload does so here as it would in the real app.
_RELOAD = """(function (id, fresh, bust) {
  var host = window.WBHost;
  var entry = host && host.plugins.filter(function (p) { return p.id === id; })[0];
  if (!entry) return 'unknown';
  if (entry.started) host.unloadPlugin(entry);
  Array.prototype.forEach.call(document.querySelectorAll('script[data-plugin]'), function (s) {
    if (s.getAttribute('data-plugin') === id) s.parentNode.removeChild(s);
  });
  if (fresh) Object.keys(fresh).forEach(function (k) { entry[k] = fresh[k]; });
  function done(loaded) {
    var n = document.querySelectorAll('[data-location][data-plugin="' + id + '"]').length;
    host.report('host', { message: 'plugin ' + id + (loaded ? ' reloaded' : ' not reloaded (disabled or hidden)'),
      reloaded: id, rendered: n, bust: bust });
  }
  if (!entry.enabled || !entry.visible) { host.render(); done(false); return 'skipped'; }
  var src = entry.src;
  entry.src = src + '?reload=' + bust;
  host.loadPlugin(entry).then(function () { entry.src = src; host.render(); done(true); });
  return 'reloading';
})(%s, %s, %s)"""

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

PLUGINS = "JSON.stringify(window.WB ? WB.plugins() : [])"


def reload_plugin_js(plugin_id: str, fresh: dict | None, bust: int) -> str:
    """The call that hot-reloads one plugin in the page (fresh: package fields re-read from disk)."""
    return _RELOAD % (json.dumps(plugin_id), json.dumps(fresh, default=str), json.dumps(bust))


def set_enabled_js(plugin_id: str, enabled: bool) -> str:
    return f"WB.setPluginEnabled({json.dumps(plugin_id)}, {json.dumps(bool(enabled))})"
