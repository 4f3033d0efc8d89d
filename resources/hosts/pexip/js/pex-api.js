/* The PEX globals plugins see: PEX.pluginAPI, PEX.actions$ and the rest, and the mirror of the conference they read.
   Every PEX.pluginAPI call is forwarded to the workbench's simulated conference through WBHost.call. */
(function (global) {
  'use strict';
  var Rx = global.WBRx;
  var host = global.WBHost;

  // What plugins receive in load(): the participants and the conference details, as the mirror updates them.
  var participants$ = host.participants$ = new Rx.BehaviorSubject([]);
  var conferenceDetails$ = host.conferenceDetails$ = new Rx.BehaviorSubject({});
  var actions$ = new Rx.Subject();

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
})(window);
