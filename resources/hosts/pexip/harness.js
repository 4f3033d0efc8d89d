/* The Infinity Connect page's checks, in the harness world: plugin menu items, dialogs, and what the recorder writes.
   Everything is read from the DOM the app renders (data-location, data-plugin, data-index, data-participant on
   each plugin item; data-title on each dialog), never from the page's JavaScript. */
(function () {
  'use strict';
  function attr(node, name) { var v = node.getAttribute(name); return v === null ? null : v; }

  function itemNodes(q) {
    var sel = '[data-location="' + q.location + '"][data-plugin]';
    var nodes = Array.prototype.slice.call(document.querySelectorAll(sel));
    if (q.location === 'participants') nodes = nodes.filter(function (n) { return attr(n, 'data-participant') === q.participant; });
    if (q.plugin) nodes = nodes.filter(function (n) { return attr(n, 'data-plugin') === q.plugin; });
    return nodes;
  }

  function describeItem(n) {
    var label = attr(n, 'data-wb-label');
    return { plugin: attr(n, 'data-plugin'), index: +attr(n, 'data-index'), label: label === '' ? null : label,
      icon: attr(n, 'data-wb-icon') || null };
  }

  function find(q) {
    if (q.location === 'participants' && !document.querySelector('.participant[data-uuid="' + CSS.escape(q.participant) + '"]')) {
      return { error: 'participant ' + q.participant + ' is not in the roster' };
    }
    var nodes = itemNodes(q);
    var items = nodes.map(describeItem);
    var labels = items.map(function (i) { return i.label; });
    var at = -1;
    if (q.label !== undefined && q.label !== null) {
      at = labels.indexOf(q.label);
    } else {
      var index = q.index === undefined || q.index === null ? 0 : q.index;
      at = index < nodes.length ? index : -1;
    }
    return { node: at >= 0 ? nodes[at] : null, item: at >= 0 ? items[at] : null, labels: labels };
  }

  function openMenuFor(q) {
    if (q.location === 'conference') {
      var menu = document.getElementById('conference-menu');
      if (menu && menu.hidden) document.getElementById('toolbar-conference-menu').click();
    } else if (q.location === 'participants') {
      var pm = document.querySelector('.participant-menu[data-participant="' + CSS.escape(q.participant) + '"]');
      var toggle = document.querySelector('.participant-menu-toggle[data-participant="' + CSS.escape(q.participant) + '"]');
      if (pm && pm.hidden && toggle) toggle.click();
    }
  }

  WBH.extend('pexip', {
    item: function (q) {
      var r = find(q);
      return { item: r.item, labels: r.labels || [], error: r.error || null };
    },
    clickItem: function (q) {
      var r = find(q);
      if (!r.node) return { ok: false, labels: r.labels || [], error: r.error || null };
      openMenuFor(q);
      r = find(q);
      if (!r.node) return { ok: false, labels: r.labels || [] };
      WBH.userClick(r.node);
      return { ok: true };
    },
    dialogs: function () {
      return Array.prototype.map.call(document.querySelectorAll('#dialog-layer .pex-dialog'), function (d) {
        return d.getAttribute('data-title');
      });
    },
    oops: function () { var o = document.getElementById('oops'); return !!o && !o.hidden; },
    describe: function (el, what) {
      var item = el.closest('[data-location][data-plugin]');
      if (item && what === 'click') {
        var q = { location: attr(item, 'data-location'), index: +attr(item, 'data-index'), plugin: attr(item, 'data-plugin') };
        if (attr(item, 'data-participant')) q.participant = attr(item, 'data-participant');
        return { message: 'clicked the ' + q.location + ' item "' + (attr(item, 'data-wb-label') || '') + '"', step: { click: q } };
      }
      var layer = el.closest('#dialog-layer');
      var target = el.closest('[id]');
      if (layer && target && target !== layer && layer.contains(target)) {
        var sel = '#' + CSS.escape(target.id);
        if (what === 'fill') return { message: 'filled ' + sel, step: { fill: { selector: sel, value: String(target.value) } } };
        return { message: 'clicked ' + sel + ' in a dialog', step: { click: { selector: sel } } };
      }
      return false;  // the app's own chrome: not a plugin's behaviour
    }
  });
})();
