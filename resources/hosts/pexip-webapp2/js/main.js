/* Start-up (web channel, then plugins) and the hooks the workbench uses to query and drive the page. */
(function (global) {
  'use strict';
  var host = global.WBHost;

  function labels(items) { return items.map(function (i) { return i.label; }); }

  function find(q) {
    var items = host.itemsFor(q.location, q.participant).filter(function (i) { return !q.plugin || i.plugin === q.plugin; });
    var hit = null;
    if (q.label !== undefined && q.label !== null) hit = items.filter(function (i) { return i.label === q.label; })[0] || null;
    else {
      var index = q.index === undefined || q.index === null ? 0 : q.index;
      hit = items[index] || null;
      if (q.plugin === undefined || q.plugin === null) {
        // Without a plugin id the index counts items of that location across plugins in settings.json order.
        hit = items[index] || null;
      }
    }
    return { items: items, hit: hit };
  }

  function selectorFor(item, q) {
    var sel = '[data-location="' + q.location + '"][data-plugin="' + item.plugin + '"][data-index="' + item.index + '"]';
    if (q.location === 'participants') sel += '[data-participant="' + q.participant + '"]';
    return sel;
  }

  global.WB = {
    ready: false,
    item: function (q) {
      var r = find(q);
      if (q.location === 'participants' && !host.snapshot.participants.some(function (p) { return p.uuid === q.participant; })) {
        return { item: null, labels: [], error: 'participant ' + q.participant + ' is not in the roster' };
      }
      if (!r.hit) return { item: null, labels: labels(r.items) };
      var node = document.querySelector(selectorFor(r.hit, q));
      return { item: { plugin: r.hit.plugin, index: r.hit.index,
        label: node ? (node.getAttribute('data-wb-label') || null) : r.hit.label,
        icon: node ? (node.getAttribute('data-wb-icon') || null) : r.hit.icon }, labels: labels(r.items) };
    },
    clickItem: function (q) {
      var r = find(q);
      if (!r.hit) return { ok: false, labels: labels(r.items) };
      if (q.location === 'conference') host.toggleConferenceMenu(true);
      if (q.location === 'participants') host.openParticipantMenu(q.participant);
      var node = document.querySelector(selectorFor(r.hit, q));
      if (!node) return { ok: false, labels: labels(r.items) };
      node.click();
      return { ok: true };
    },
    dialogs: function () {
      return Array.prototype.map.call(document.querySelectorAll('#dialog-layer .pex-dialog'), function (d) {
        return d.getAttribute('data-title');
      });
    },
    setPluginEnabled: function (id, on) { return host.setPluginEnabled(id, on); },
    plugins: function () {
      return host.plugins.map(function (p) { return { id: p.id, started: !!p.started, enabled: !!p.enabled,
        visible: p.visible, allowUnload: p.allowUnload }; });
    },
    oops: function () { return !document.getElementById('oops').hidden; }
  };

  function wire() {
    document.getElementById('toolbar-conference-menu').addEventListener('click', function (ev) {
      ev.stopPropagation(); host.toggleConferenceMenu();
    });
    document.getElementById('toolbar-chat').addEventListener('click', function () {
      document.getElementById('chat').classList.toggle('collapsed');
    });
    document.getElementById('toolbar-settings').addEventListener('click', function () {
      document.getElementById('plugin-settings').hidden = !document.getElementById('plugin-settings').hidden;
    });
    document.getElementById('plugin-settings-close').addEventListener('click', function () {
      document.getElementById('plugin-settings').hidden = true;
    });
    ['on', 'off'].forEach(function (which) {
      document.getElementById('toolbar-audio-' + which + '__button-container').addEventListener('click', function () {
        host.call('host.action', [{ type: which === 'on' ? '[Conference] Mute Microphone' : '[Conference] Unmute Microphone' }]);
      });
    });
    document.getElementById('chat-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var input = document.getElementById('chat-input');
      if (input.value.trim()) host.call('host.chat', [input.value]);
      input.value = '';
    });
    document.getElementById('oops-dismiss').addEventListener('click', function () {
      document.getElementById('oops').hidden = true;
    });
    document.getElementById('oops-reload').addEventListener('click', function () { global.location.reload(); });
  }

  global.addEventListener('load', function () {
    wire();
    /* global QWebChannel, qt */
    new QWebChannel(qt.webChannelTransport, function (channel) {
      var bridge = channel.objects.host;
      host.channelObjects = Object.keys(channel.objects);
      bridge.hello(function (json) {
        host.boot(bridge, JSON.parse(json));
        global.WB.ready = true;
      });
    });
  });
})(window);
