/* Plugin loading in the emulated app: load/unload in settings.json order, Settings > Plugin, hot reload, boot. */
(function (global) {
  'use strict';
  var host = global.WBHost;

  // -- plugins -------------------------------------------------------------------------------------------------------
  function startPlugin(entry) {
    var plugin = host.registered[entry.id];
    if (!plugin) {
      host.report('warning', { message: 'plugin ' + entry.id + ' (' + entry.src + ') did not call PEX.pluginAPI.registerPlugin' });
      return;
    }
    entry.started = true;
    if (plugin.state$ && typeof plugin.state$.subscribe === 'function') {
      entry.stateSub = plugin.state$.subscribe(function (state) {
        host.states[entry.id] = state;
        host.render();
      });
    }
    if (typeof plugin.load === 'function') {
      try { plugin.load(host.participants$.asObservable(), host.conferenceDetails$.asObservable()); } catch (e) { host.reportError(e); }
    }
    host.report('host', { message: 'plugin ' + entry.id + ' loaded' });
    host.render();
  }

  host.loadPlugin = function (entry) {
    return new Promise(function (resolve) {
      var script = document.createElement('script');
      script.src = 'custom_configuration/' + entry.src;
      script.dataset.plugin = entry.id;
      entry.registeredNow = false;
      host.loading = entry;
      script.onload = function () {
        host.loading = null;
        Promise.resolve().then(function () { startPlugin(entry); resolve(); });
      };
      script.onerror = function () {
        host.loading = null;
        host.reportError(new Error('plugin ' + entry.id + ': could not load its source ' + entry.src),
          { url: script.src, line: 0, column: 0 });
        resolve();
      };
      document.head.appendChild(script);
    });
  };

  host.unloadPlugin = function (entry) {
    var plugin = host.registered[entry.id];
    if (plugin && typeof plugin.unload === 'function') {
      try { plugin.unload(); } catch (e) { host.reportError(e); }
    }
    if (entry.stateSub) entry.stateSub.unsubscribe();
    delete host.registered[entry.id];
    delete host.states[entry.id];
    entry.started = false;
    host.report('host', { message: 'plugin ' + entry.id + ' unloaded' });
    host.render();
  };

  host.setPluginEnabled = function (id, on) {
    var entry = host.plugins.filter(function (p) { return p.id === id; })[0];
    if (!entry) return false;
    if (!on && entry.started && !entry.allowUnload) {
      host.report('warning', { message: 'plugin ' + id + ' cannot be unloaded: its package sets allowUnload to false' });
      return false;
    }
    if (on && !entry.visible) {
      host.report('warning', { message: 'plugin ' + id + ' is not offered here: ' + entry.hidden_reason });
      return false;
    }
    entry.enabled = !!on;
    if (on && !entry.started) host.loadPlugin(entry).then(host.reportPlugins);
    if (!on && entry.started) { host.unloadPlugin(entry); host.reportPlugins(); }
    return true;
  };

  /* The plugins as Settings > Plugin shows them, for the workbench's Plugins list. */
  host.pluginStates = function () {
    return host.plugins.map(function (p) { return { id: p.id, started: !!p.started, enabled: !!p.enabled,
      visible: p.visible, allowUnload: p.allowUnload }; });
  };
  host.reportPlugins = function () { host.report('plugins', { plugins: host.pluginStates() }); };

  // Hot reload: the host's own unload/load cycle (a plugin leaking subscriptions on unload leaks here too), with the
  // package fields re-read on disk. The report carries the number of the plugin's menu items in the page once it is
  // back.
  host.reloadPlugin = function (id, fresh, bust) {
    var entry = host.plugins.filter(function (p) { return p.id === id; })[0];
    if (!entry) return 'unknown';
    if (entry.started) host.unloadPlugin(entry);
    Array.prototype.forEach.call(document.querySelectorAll('script[data-plugin]'), function (s) {
      if (s.getAttribute('data-plugin') === id) s.parentNode.removeChild(s);
    });
    if (fresh) Object.keys(fresh).forEach(function (k) { entry[k] = fresh[k]; });
    var errorsBefore = host.errorCount;
    function done(loaded) {
      // The developer fixed what raised the Oops screen: a reload that raises nothing takes it away.
      if (loaded && host.errorCount === errorsBefore && host.hideOops) host.hideOops();
      host.reportPlugins();
      var n = document.querySelectorAll('[data-location][data-plugin="' + id + '"]').length;
      host.report('host', { message: 'plugin ' + id + (loaded ? ' reloaded' : ' not reloaded (disabled or hidden)'),
        reloaded: id, rendered: n, bust: bust });
    }
    if (!entry.enabled || !entry.visible) { host.render(); done(false); return 'skipped'; }
    // The same URL as before (the workbench serves no-store, so it is fetched anew): DevTools' breakpoints, set
    // by URL, hold in the reloaded source.
    host.loadPlugin(entry).then(function () { host.render(); done(true); });
    return 'reloading';
  };

  host.boot = function (config) {
    host.config = config;
    host.plugins = config.plugins;
    PEX.actions = config.actions;
    PEX.conferenceQueryParams = config.conferenceQueryParams || {};
    var rtc = PEX.pexrtc;  // the app places its call (makeCall) before the plugins load; it connects later
    rtc.role = config.role === 'chair' ? 'HOST' : 'GUEST';
    rtc.conference = rtc.conference_name = config.snapshot.name;
    rtc.display_name = config.displayName;
    rtc.node = global.location.host;
    rtc.state = 'CONNECTING';
    WBKit.on('state', function (snap) { host.applySnapshot(snap); });
    WBKit.on('action', function (action) { host.dispatch(action); });
    WBKit.on('pexrtc', function (msg) { host.pexrtcEvent(msg); });
    host.applySnapshot(config.snapshot);
    host.plugins.filter(function (p) { return !p.visible && !p.problem; }).forEach(function (p) {
      host.report('host', { message: 'plugin ' + p.id + ' is not shown: ' + p.hidden_reason });
    });
    var enabled = host.plugins.filter(function (p) { return p.enabled && p.visible; });
    // Plugins load one after the other, in settings.json order, before the conference connects.
    enabled.reduce(function (chain, p) { return chain.then(function () { return host.loadPlugin(p); }); },
      Promise.resolve()).then(function () {
      host.reportPlugins();
      WBKit.ready({ plugins: host.plugins.filter(function (p) { return p.started; }).map(function (p) { return p.id; }) });
    });
  };
})(window);
