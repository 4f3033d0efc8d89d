/* The emulated Infinity Connect plugin host: PEX globals, plugin loading, and the mirror of the conference.
   Every PEX.pluginAPI call is forwarded to the workbench's simulated conference through the web channel. */
(function (global) {
  'use strict';
  var Rx = global.WBRx;

  var host = global.WBHost = {
    bridge: null,
    config: null,
    snapshot: { details: {}, participants: [], allParticipants: [], chat: [], selfUUID: null, name: '' },
    plugins: [],          // settings.json entries, in order
    registered: {},       // plugin id -> the object given to registerPlugin
    states: {},           // plugin id -> latest state$ value
    loading: null,        // the entry whose script is running
    errors: [],
    listeners: []         // re-render callbacks (the UI)
  };

  var participants$ = new Rx.BehaviorSubject([]);
  var conferenceDetails$ = new Rx.BehaviorSubject({});
  var actions$ = new Rx.Subject();

  // -- reporting ------------------------------------------------------------------------------------------------
  function serialize(value) {
    var seen = [];
    return JSON.stringify(value, function (key, v) {
      if (typeof v === 'function') return '<function' + (v.name ? ' ' + v.name : '') + '>';
      if (v && typeof v === 'object') {
        if (typeof Node !== 'undefined' && v instanceof Node) return '<' + (v.nodeName || 'node').toLowerCase() + '>';
        if (seen.indexOf(v) >= 0) return '[Circular]';
        seen.push(v);
      }
      if (v === undefined) return null;
      return v;
    });
  }
  host.serialize = serialize;

  host.report = function (kind, data) {
    if (host.bridge) host.bridge.report(kind, serialize(data));
  };

  host.reportError = function (err, where) {
    var e = err instanceof Error ? err : new Error(String(err));
    var info = { message: (e.name && e.name !== 'Error' ? e.name + ': ' : '') + e.message, stack: e.stack || '',
      url: where && where.url, line: where && where.line, column: where && where.column };
    if (!where || !where.url) {  // take the position from the first stack frame
      var m = /(workbench:\/\/[^\s)]+?):(\d+):(\d+)/.exec(info.stack);
      if (m) { info.url = m[1]; info.line = +m[2]; info.column = +m[3]; }
    }
    host.errors.push(info);
    host.report('error', info);
    if (host.showOops) host.showOops(info);
  };

  global.addEventListener('error', function (ev) {
    if (ev.target && ev.target !== global && ev.target.tagName) return;  // resource errors are handled by loaders
    host.reportError(ev.error || new Error(ev.message), { url: ev.filename, line: ev.lineno, column: ev.colno });
  });
  global.addEventListener('unhandledrejection', function (ev) {
    host.reportError(ev.reason instanceof Error ? ev.reason : new Error('Unhandled promise rejection: ' + ev.reason));
  });

  // -- calls to the simulated conference ---------------------------------------------------------------------
  host.call = function (name, args) {
    return new Promise(function (resolve) {
      if (!host.bridge) { resolve(null); return; }
      host.bridge.call(name, serialize(args || []), function (reply) {
        var value = null;
        try { value = JSON.parse(reply); } catch (e) { value = null; }
        resolve(value);
      });
    });
  };

  function callback(fn, value) {
    if (typeof fn !== 'function') return;
    try { fn(value); } catch (e) { host.reportError(e); }
  }

  function requestReply(reply) {
    if ((host.config && host.config.options.sendRequestCallback) !== 'xhr-event') return reply;
    var text = JSON.stringify(reply);  // what the underlying client passes: the XHR load event
    var target = { status: reply && reply.status === 'success' ? 200 : 400, responseText: text, response: text,
      readyState: 4 };
    return { type: 'load', target: target, currentTarget: target };
  }

  // -- dialogs --------------------------------------------------------------------------------------------------
  function openTemplateDialog(options) {
    options = options || {};
    host.call('openTemplateDialog', [{ title: options.title, body: options.body }]);
    var ref = host.openDialog ? host.openDialog(options) : null;
    // The dialog is in the DOM now: resolve in a microtask, so the plugin's .then runs before any other event
    // (a click) can reach the dialog, as after the host's view init.
    var promise = Promise.resolve(ref);
    promise.subscribe = function (next) {  // v21: an observable of the dialogRef
      host.call('openTemplateDialog.subscribe', []);
      var closed = false;
      queueMicrotask(function () { if (!closed) callback(typeof next === 'function' ? next : next && next.next, ref); });
      return { unsubscribe: function () { closed = true; } };
    };
    return promise;
  }

  // -- PEX ------------------------------------------------------------------------------------------------------
  var pluginAPI = {
    registerPlugin: function (plugin) {
      if (!plugin || typeof plugin !== 'object') {
        host.reportError(new TypeError('registerPlugin expects an object with id, load, unload and the actions'));
        return;
      }
      var entry = host.loading || host.plugins.filter(function (p) { return p.id === plugin.id; })[0];
      host.call('registerPlugin', [{ id: plugin.id, functions: Object.keys(plugin).filter(function (k) {
        return typeof plugin[k] === 'function'; }) }]);
      if (!entry) {
        host.report('warning', { message: 'registerPlugin({id: ' + JSON.stringify(plugin.id) +
          '}) does not match any plugin of settings.json' });
        return;
      }
      if (plugin.id !== entry.id) {
        host.report('warning', { message: 'registerPlugin id ' + JSON.stringify(plugin.id) +
          ' differs from the settings.json id ' + JSON.stringify(entry.id) + ': the host would not match them' });
      }
      host.registered[entry.id] = plugin;
      entry.registeredNow = true;
    },
    createNewState: function (initial) {
      host.call('createNewState', [initial === undefined ? null : initial]);
      return new Rx.BehaviorSubject(initial === undefined ? {} : initial);
    },
    sendRequest: function (path, payload, cb) {
      if (typeof payload === 'function' && cb === undefined) { cb = payload; payload = undefined; }
      return host.call('sendRequest', [path, payload === undefined ? null : payload]).then(function (reply) {
        callback(cb, requestReply(reply));
        return reply;
      });
    },
    openTemplateDialog: openTemplateDialog,
    spotlightOnParticipant: function (uuid) { host.call('spotlightOnParticipant', [uuid]); },
    spotlightOffParticipant: function (uuid) { host.call('spotlightOffParticipant', [uuid]); },
    dialOut: function (alias, protocol, role, cb, params) {
      return host.call('dialOut', [alias, protocol, role, cb, params || {}]).then(function (reply) {
        callback(cb, reply);
        return reply;
      });
    },
    disconnectParticipant: function (uuid) { host.call('disconnectParticipant', [uuid]); },
    changeConferenceLayout: function () { host.call('changeConferenceLayout', Array.prototype.slice.call(arguments)); },
    transformConferenceLayout: function (transforms) { host.call('transformConferenceLayout', [transforms || {}]); },
    sendChatMessage: function (text) { host.call('sendChatMessage', [text]); }
  };

  global.PEX = {
    pluginAPI: pluginAPI,
    actions$: actions$.asObservable(),
    actions: {},
    dispatchAction: function (action) { host.call('dispatchAction', [action]); },
    selfUUID: null,
    pexrtc: { conference_name: '', role: 'HOST', display_name: '' },
    conferenceQueryParams: {}
  };

  // -- the mirror --------------------------------------------------------------------------------------------------
  host.applySnapshot = function (snap) {
    var detailsChanged = JSON.stringify(snap.details) !== JSON.stringify(host.snapshot.details);
    host.snapshot = snap;
    PEX.selfUUID = snap.connected ? snap.selfUUID : null;
    PEX.pexrtc.conference_name = snap.name;
    PEX.pexrtc.uuid = snap.selfUUID;
    participants$.next(snap.participants);
    if (detailsChanged) conferenceDetails$.next(snap.details);
    host.render();
  };

  host.applyAction = function (action) {
    actions$.next(action);
    if (host.onAction) host.onAction(action);
  };

  host.render = function () { host.listeners.forEach(function (fn) { fn(); }); };

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
      try { plugin.load(participants$.asObservable(), conferenceDetails$.asObservable()); } catch (e) { host.reportError(e); }
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
    if (on && !entry.started) host.loadPlugin(entry);
    if (!on && entry.started) host.unloadPlugin(entry);
    return true;
  };

  // Hot reload: the host's own unload/load cycle (a plugin leaking subscriptions on unload leaks here too), with the
  // package fields re-read on disk and a cache-busting query so the source is fetched anew. The report carries the
  // number of the plugin's menu items in the page once it is back.
  host.reloadPlugin = function (id, fresh, bust) {
    var entry = host.plugins.filter(function (p) { return p.id === id; })[0];
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
  };

  host.boot = function (bridge, config) {
    host.bridge = bridge;
    host.config = config;
    host.plugins = config.plugins;
    PEX.actions = config.actions;
    PEX.conferenceQueryParams = config.conferenceQueryParams || {};
    PEX.pexrtc.role = config.role === 'chair' ? 'HOST' : 'GUEST';
    bridge.stateChanged.connect(function (json) { host.applySnapshot(JSON.parse(json)); });
    bridge.action.connect(function (json) { host.applyAction(JSON.parse(json)); });
    host.applySnapshot(config.snapshot);
    host.plugins.filter(function (p) { return !p.visible && !p.problem; }).forEach(function (p) {
      host.report('host', { message: 'plugin ' + p.id + ' is not shown: ' + p.hidden_reason });
    });
    var enabled = host.plugins.filter(function (p) { return p.enabled && p.visible; });
    // Plugins load one after the other, in settings.json order, before the conference connects.
    enabled.reduce(function (chain, p) { return chain.then(function () { return host.loadPlugin(p); }); },
      Promise.resolve()).then(function () { bridge.pluginsLoaded(); });
  };
})(window);
