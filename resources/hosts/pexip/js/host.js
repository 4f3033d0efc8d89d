/* The emulated Infinity Connect app's core, WBHost: the channel to the workbench (through the host kit, WBKit), the
   uncaught-error "Oops" screen, and the helpers the plugin API builds on (callbacks, REST replies, template dialogs). */
(function (global) {
  'use strict';
  var kit = global.WBKit;

  var host = global.WBHost = {
    config: null,
    snapshot: { details: {}, participants: [], allParticipants: [], chat: [], selfUUID: null, name: '' },
    plugins: [],          // settings.json entries, in order
    registered: {},       // plugin id -> the object given to registerPlugin
    states: {},           // plugin id -> latest state$ value
    loading: null,        // the entry whose script is running
    listeners: []         // re-render callbacks (the UI)
  };

  host.serialize = kit.serialize;
  host.report = kit.report;
  host.reportError = function (err, where) { return kit.reportError(err, where); };
  kit.onError(function (info) { if (host.showOops) host.showOops(info); });

  // -- calls to the simulated conference ---------------------------------------------------------------------
  host.call = function (name, args) { return kit.call(name, args || []); };

  // A plugin's callback; what it throws is reported as the plugin's uncaught error.
  host.callback = function (fn, value) { kit.guard(fn, undefined, [value]); };

  // What PexRTC's sendRequest hands its callback: the XHR load event.
  host.xhrEvent = function (reply) {
    var text = JSON.stringify(reply);
    var target = { status: reply && reply.status === 'success' ? 200 : 400, responseText: text, response: text,
      readyState: 4, statusText: reply && reply.status === 'success' ? 'OK' : 'Bad Request' };
    return { type: 'load', target: target, currentTarget: target };
  };

  // What PEX.pluginAPI.sendRequest hands its callback: the reply, or the XHR load event when the host is set up so.
  host.requestReply = function (reply) {
    if ((host.config && host.config.options.sendRequestCallback) !== 'xhr-event') return reply;
    return host.xhrEvent(reply);
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
