/* Start-up: ask the workbench for the plugins and the meeting, load each plugin in its sandboxed iframe, and say
   "ready" once every plugin registered (or had its chance to); then the meeting connects. */
(function (global) {
  'use strict';
  var WA3 = global.WA3;
  var REGISTER_GRACE_MS = 3000;  // after its page loaded, how long a plugin may take to call registerPlugin
  // The user joins well after the app loaded its plugins (they start with the app, before the pre-join screen):
  // the meeting connects once every plugin registered and went quiet, so their listeners are in place.
  var QUIET_MS = 300;
  var SETTLE_MAX_MS = 3000;
  var pending = {};
  var readySent = false;

  function maybeReady() {
    if (readySent || Object.keys(pending).length) return;
    readySent = true;
    var since = Date.now();
    (function settle() {
      var quiet = Date.now() - (WA3.lastActivity || 0) >= QUIET_MS;
      if (!quiet && Date.now() - since < SETTLE_MAX_MS) { setTimeout(settle, 50); return; }
      WBKit.ready({ plugins: WA3.plugins.map(function (p) { return { key: p.key, registered: !!p.registered }; }) });
    })();
  }

  function done(key) { delete pending[key]; maybeReady(); }

  WA3.onRegistered = function (chan) {
    WA3.plugins.forEach(function (p) { if (p.key === chan.key && chan.kind === 'plugin') p.registered = true; });
    if (chan.kind === 'plugin') done(chan.key);
  };

  function load(plugin) {
    var frame = WA3.el('iframe', { class: 'plugin-frame', sandbox: plugin.sandbox, src: plugin.url,
      title: 'plugin ' + plugin.key, 'data-plugin': plugin.key });
    pending[plugin.key] = true;
    frame.addEventListener('load', function () {
      setTimeout(function () {
        if (pending[plugin.key]) {
          WBKit.report('warning', { message: 'plugin ' + plugin.key + ' did not call registerPlugin within ' +
            REGISTER_GRACE_MS / 1000 + ' s of its page loading', plugin: plugin.key });
          done(plugin.key);
        }
      }, REGISTER_GRACE_MS);
    });
    WA3.addFrame(plugin.key, 'plugin', frame);
    document.getElementById('plugin-frames').appendChild(frame);
  }

  function wire() {
    document.getElementById('button-participants').addEventListener('click', function () { WA3.showPanel('participants'); });
    document.getElementById('button-chat').addEventListener('click', function () { WA3.showPanel('chat'); });
    document.getElementById('toolbar-more').addEventListener('click', function (ev) {
      ev.stopPropagation();
      var menu = document.getElementById('settings-menu');
      menu.hidden = !menu.hidden;
    });
    document.getElementById('chat-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var input = document.getElementById('chat-input');
      if (input.value.trim()) WBKit.call('host.chat', [input.value]);
      input.value = '';
    });
    document.getElementById('toolbar-mic').addEventListener('click', function () { WBKit.call('host.toggle', ['muted']); });
    document.getElementById('toolbar-camera').addEventListener('click', function () { WBKit.call('host.toggle', ['isVideoMuted']); });
    document.getElementById('toolbar-leave').addEventListener('click', function () { WBKit.call('host.leave', []); });
  }

  WBKit.on('state', function (s) { WA3.render(s); });
  WBKit.on('event', function (e) { WA3.broadcast(e.event, e.payload, e.plugin); });

  global.addEventListener('load', function () {
    wire();
    WBKit.call('hello', []).then(function (config) {
      WA3.plugins = config.plugins;
      WA3.render(config.state);
      if (!config.plugins.length) { maybeReady(); return; }
      config.plugins.forEach(load);
    });
  });
})(window);
