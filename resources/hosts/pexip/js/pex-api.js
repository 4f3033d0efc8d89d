/* The PEX globals plugins see: PEX.pluginAPI, PEX.actions$, PEX.pexrtc (the app's call) and the rest.
   Every PEX.pluginAPI call is forwarded to the workbench's simulated conference through WBHost.call. */
(function (global) {
  'use strict';
  var Rx = global.WBRx;
  var host = global.WBHost;

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
        host.callback(cb, host.requestReply(reply));
        return reply;
      });
    },
    openTemplateDialog: host.openTemplateDialog,
    spotlightOnParticipant: function (uuid) { host.call('spotlightOnParticipant', [uuid]); },
    spotlightOffParticipant: function (uuid) { host.call('spotlightOffParticipant', [uuid]); },
    dialOut: function (alias, protocol, role, cb, params) {
      return host.call('dialOut', [alias, protocol, role, cb, params || {}]).then(function (reply) {
        host.callback(cb, reply);
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
    actions$: host.actions$.asObservable(),
    actions: {},
    dispatchAction: function (action) { host.call('dispatchAction', [action]); },
    selfUUID: null,
    pexrtc: host.createCall(),
    conferenceQueryParams: {}
  };
  host.installCallbacks(PEX.pexrtc);

  // -- the workbench's conference as the page shows it (toolbar state, media); the roster comes through PexRTC ----
  host.applySnapshot = function (snap) {
    host.snapshot = snap;
    host.render();
  };

  host.render = function () { host.listeners.forEach(function (fn) { fn(); }); };
})(window);
