/* PexRTC as the web app holds it: `PEX.pexrtc` is the live instance of the call. The conference's events arrive from
   the workbench as PexRTC's event stream would bring them (participant_create, conference_update, stage...) and are
   handed to the instance's callbacks, onParticipantCreate and the rest, which the app sets and plugins may wrap.
   Its methods (setParticipantText, sendChatMessage...) act on the simulated conference through the workbench. */
(function (global) {
  'use strict';
  var host = global.WBHost;
  var kit = global.WBKit;

  var CALLBACKS = ['onSetup', 'onConnect', 'onError', 'onDisconnect', 'onHoldResume', 'onPresentation',
    'onPresentationReload', 'onPresentationConnected', 'onPresentationDisconnected', 'onScreenshareConnected',
    'onScreenshareStopped', 'onParticipantCreate', 'onParticipantUpdate', 'onParticipantDelete', 'onSyncBegin',
    'onSyncEnd', 'onChatMessage', 'onDirectMessage', 'onStageUpdate', 'onLayoutUpdate', 'onConferenceUpdate',
    'onRosterList', 'onCallTransfer', 'onCallDisconnect', 'onMicActivity', 'onRoleUpdate'];
  // Methods that act on the conference: the workbench applies them (and logs them as pexrtc.<name> calls).
  var REMOTE = ['setParticipantMute', 'setParticipantText', 'sendChatMessage', 'setConferenceLock', 'setMuteAllGuests',
    'startConference', 'disconnectAll', 'setParticipantRxPresentation', 'disconnectParticipant', 'transferParticipant',
    'setParticipantSpotlight', 'overrideLayout', 'transformLayout', 'sendDTMF', 'setBuzz', 'clearBuzz',
    'clearAllBuzz', 'videoMuted', 'videoUnmuted', 'holdParticipant', 'resumeParticipant', 'unlockParticipant'];
  var appCall = null;  // the app's own instance: only it has a call (a plugin's `new PexRTC()` has none)

  function PexRTC() {
    var self = this;
    self.state = 'IDLE';
    self.node = null;
    self.conference = null;
    self.conference_name = null;
    self.display_name = null;
    self.role = null;
    self.uuid = null;
    self.call_type = 'video';
    self.service_type = null;
    self.current_service_type = null;
    self.chat_enabled = true;
    self.mutedAudio = false;
    self.mutedVideo = false;
    self.rosterList = {};
    self.oldRosterList = null;
    self.version = { version_id: '', pseudo_version: 'workbench emulation' };
    CALLBACKS.forEach(function (name) { self[name] = null; });
    self.onLog = function () {};
  }

  function remote(name) {
    return function () {
      var args = Array.prototype.slice.call(arguments);
      if (this !== appCall) return notConnected(this, name);
      if (name === 'setRole' && args[1] !== 'chair' && args[1] !== 'guest') throw new Error('Role must be chair or guest');
      var cb = null;
      if (name === 'dialOut') { cb = typeof args[3] === 'function' ? args[3] : null; args[3] = null; }
      else if (typeof args[args.length - 1] === 'function') cb = args.pop();
      var pending = host.call('pexrtc', [name, args.map(function (a) { return typeof a === 'function' ? null : a; })]);
      if (cb) pending.then(function (reply) { host.callback(cb, name === 'dialOut' ? reply : host.xhrEvent(reply)); });
      return undefined;
    };
  }
  REMOTE.concat(['setRole', 'dialOut', 'getParticipants']).forEach(function (name) {
    PexRTC.prototype[name] = remote(name);
  });

  function notConnected(instance, name) {
    host.report('warning', { message: 'PexRTC.' + name + ' on a PexRTC instance of the plugin\'s own: it has no call ' +
      'in the workbench (only PEX.pexrtc, the app\'s call, reaches the simulated conference)' });
    return undefined;
  }

  PexRTC.prototype.sendRequest = function (request, params, cb, method) {
    if (this !== appCall) return notConnected(this, 'sendRequest');
    host.call('pexrtc', ['sendRequest', [request, params === undefined ? null : params, method || 'POST']])
      .then(function (reply) { if (typeof cb === 'function') host.callback(cb, host.xhrEvent(reply)); });
    return undefined;
  };
  PexRTC.prototype.muteAudio = function (setting) {
    this.mutedAudio = setting === undefined ? !this.mutedAudio : !!setting;
    if (this === appCall) host.call('pexrtc', ['muteAudio', [this.mutedAudio]]);
    return this.mutedAudio;
  };
  PexRTC.prototype.muteVideo = function (setting) {
    this.mutedVideo = setting === undefined ? !this.mutedVideo : !!setting;
    if (this === appCall) host.call('pexrtc', ['muteVideo', [this.mutedVideo]]);
    return this.mutedVideo;
  };
  PexRTC.prototype.disconnect = function () {
    if (this === appCall && this.state === 'CONNECTED') host.call('pexrtc', ['disconnect', []]);
    this.state = 'DISCONNECTING';
  };
  PexRTC.prototype.getRosterList = function () {
    var list = this.rosterList;
    return Object.keys(list).map(function (uuid) { return list[uuid]; });
  };
  PexRTC.prototype.getVersion = function () { return this.version.pseudo_version; };
  PexRTC.prototype.getMediaStatistics = function () { return {}; };
  PexRTC.prototype.makeCall = function (node, conference, name, bandwidth, callType) {
    var self = this;
    if (self === appCall) return;
    self.node = node; self.conference = conference; self.display_name = name; self.state = 'CONNECTING';
    host.report('warning', { message: 'a plugin placed a call of its own (PexRTC.makeCall to ' + String(conference) +
      '): the workbench emulates only the app\'s call; the plugin gets onError' });
    setTimeout(function () {
      self.state = 'IDLE';
      if (typeof self.onError === 'function') host.callback(self.onError, 'Call Failed: the workbench does not connect ' +
        'calls placed by plugins');
    }, 0);
  };
  ['connect', 'present', 'getPresentation', 'stopPresentation', 'addCall', 'disconnectCall', 'renegotiate']
    .forEach(function (name) { if (!PexRTC.prototype[name]) PexRTC.prototype[name] = function () {}; });

  global.PexRTC = PexRTC;

  // -- the event stream of the app's call ----------------------------------------------------------------------------
  host.pending = {};  // key (uuid, 'connect', 'chat'...) -> the actions the app dispatches from that callback

  function fire(rtc, name, args) {
    var fn = rtc[name];
    if (typeof fn === 'function') kit.guard(fn, rtc, args);
  }

  host.createCall = function () {
    appCall = new PexRTC();
    return appCall;
  };

  /* One event of the call's event stream: {pexrtc: name, data, actions}. */
  host.pexrtcEvent = function (msg) {
    var rtc = appCall, data = msg.data;
    if (!rtc) return;
    switch (msg.pexrtc) {
      case 'connect':
        ['uuid', 'display_name', 'conference_name', 'role', 'service_type', 'chat_enabled'].forEach(function (k) {
          rtc[k] = data[k];
        });
        rtc.conference = data.conference_name;
        rtc.current_service_type = data.service_type;
        rtc.state = 'CONNECTED';
        host.pending.connect = msg.actions;
        fire(rtc, 'onConnect', [host.media ? host.media.mainStream() : null]);
        break;
      case 'participant_sync_begin':
        rtc.oldRosterList = rtc.rosterList;
        rtc.rosterList = {};
        fire(rtc, 'onSyncBegin', []);
        break;
      case 'participant_sync_end':
        syncEnd(rtc);
        break;
      case 'participant_create':
      case 'participant_update':
        rtc.rosterList[data.uuid] = data;
        if (!rtc.oldRosterList) {
          host.pending[data.uuid] = msg.actions;
          fire(rtc, msg.pexrtc === 'participant_create' ? 'onParticipantCreate' : 'onParticipantUpdate', [data]);
          fire(rtc, 'onRosterList', [rtc.getRosterList()]);
        }
        break;
      case 'participant_delete':
        delete rtc.rosterList[data.uuid];
        host.pending[data.uuid] = msg.actions;
        fire(rtc, 'onParticipantDelete', [data]);
        fire(rtc, 'onRosterList', [rtc.getRosterList()]);
        break;
      case 'message_received':
        host.pending.chat = msg.actions;
        fire(rtc, 'onChatMessage', [data]);
        break;
      case 'conference_update':
        host.pending.conference = msg.actions;
        fire(rtc, 'onConferenceUpdate', [data]);
        break;
      case 'stage': fire(rtc, 'onStageUpdate', [data]); break;
      case 'layout': fire(rtc, 'onLayoutUpdate', [data]); break;
      case 'presentation':
        fire(rtc, 'onPresentation', [data.status === 'start',
          data.status === 'start' ? (data.presenter_name ? data.presenter_name + ' <' + data.presenter_uri + '>' : data.presenter_uri) : null]);
        break;
      case 'disconnect':
        rtc.state = 'IDLE';
        rtc.rosterList = {};
        host.pending.disconnect = msg.actions;
        fire(rtc, 'onDisconnect', [data && data.reason]);
        break;
    }
  };

  // As PexRTC does at the end of a roster sync: create the new, update the known, delete the gone.
  function syncEnd(rtc) {
    var old = rtc.oldRosterList || {};
    rtc.oldRosterList = null;
    Object.keys(rtc.rosterList).forEach(function (uuid) {
      fire(rtc, uuid in old ? 'onParticipantUpdate' : 'onParticipantCreate', [rtc.rosterList[uuid]]);
      delete old[uuid];
    });
    Object.keys(old).forEach(function (uuid) { fire(rtc, 'onParticipantDelete', [{ uuid: uuid }]); });
    fire(rtc, 'onRosterList', [rtc.getRosterList()]);
    fire(rtc, 'onSyncEnd', []);
  }

  /* The actions the app dispatches from one callback: taken once. */
  host.takeActions = function (key) {
    var actions = host.pending[key] || [];
    delete host.pending[key];
    return actions;
  };
})(window);
