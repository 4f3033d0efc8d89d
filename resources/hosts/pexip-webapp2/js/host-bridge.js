/* The emulated Infinity Connect plugin host, WBHost: reports to the workbench, calls through the web channel to the
   simulated conference, and the helpers the plugin API builds on (callbacks, REST replies, template dialogs). */
(function (global) {
  'use strict';

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

  // A plugin's callback; what it throws is reported as the plugin's uncaught error.
  host.callback = function (fn, value) {
    if (typeof fn !== 'function') return;
    try { fn(value); } catch (e) { host.reportError(e); }
  };

  // What sendRequest hands its callback: the reply, or the XHR load event when the host is set up that way.
  host.requestReply = function (reply) {
    if ((host.config && host.config.options.sendRequestCallback) !== 'xhr-event') return reply;
    var text = JSON.stringify(reply);  // what the underlying client passes: the XHR load event
    var target = { status: reply && reply.status === 'success' ? 200 : 400, responseText: text, response: text,
      readyState: 4 };
    return { type: 'load', target: target, currentTarget: target };
  };

  // -- dialogs --------------------------------------------------------------------------------------------------
  host.openTemplateDialog = function (options) {
    options = options || {};
    host.call('openTemplateDialog', [{ title: options.title, body: options.body }]);
    var ref = host.openDialog ? host.openDialog(options) : null;
    // The dialog is in the DOM now: resolve in a microtask, so the plugin's .then runs before any other event
    // (a click) can reach the dialog, as after the host's view init.
    var promise = Promise.resolve(ref);
    promise.subscribe = function (next) {  // v21: an observable of the dialogRef
      host.call('openTemplateDialog.subscribe', []);
      var closed = false;
      queueMicrotask(function () {
        if (!closed) host.callback(typeof next === 'function' ? next : next && next.next, ref);
      });
      return { unsubscribe: function () { closed = true; } };
    };
    return promise;
  };
})(window);
