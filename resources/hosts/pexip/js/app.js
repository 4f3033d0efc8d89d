/* The app's own state, fed by the PexRTC callbacks it sets on its call (before any plugin loads): the roster, the
   conference details, the chat. participants$ and conferenceDetails$ are views of this state, so a plugin that wraps
   onParticipantCreate changes what the roster and participants$ show, as in the app. Each callback also dispatches
   the actions the app dispatches for that event. */
(function (global) {
  'use strict';
  var host = global.WBHost;
  var Rx = global.WBRx;

  var app = host.app = { connected: false, participants: [], details: {}, chat: [], presentation: null };
  var byUuid = {};  // uuid -> the app's participant
  var participants$ = host.participants$ = new Rx.BehaviorSubject([]);
  var conferenceDetails$ = host.conferenceDetails$ = new Rx.BehaviorSubject({});
  var actions$ = host.actions$ = new Rx.Subject();

  // PexRTC fields the app reads into its own participant; anything else travels as it is.
  var YES = { is_presenting: 'presenting', is_muted: 'muted', disconnect_supported: 'canDisconnect',
    transfer_supported: 'canTransfer', mute_supported: 'canMute', fecc_supported: 'feccSupported' };
  var BOOL = { is_external: 'isExternal', is_video_muted: 'isVideoMuted', is_streaming_conference: 'isStreaming' };
  var SAME = { uuid: 'uuid', display_name: 'name', role: 'role', uri: 'uri', start_time: 'startTime',
    protocol: 'protocol', service_type: 'serviceType', spotlight: 'spotlight', buzz_time: 'buzzTime' };
  var READ = ['overlay_text', 'has_media', 'is_audio_only_call', 'is_video_call', 'rx_presentation_policy',
    'call_direction', 'local_alias', 'presentation_supported', 'encryption', 'vendor', 'call_tag',
    'external_node_uuid', 'is_conjoined', 'is_main_video_dropped_out', 'is_client_muted'];

  function toApp(p, before) {
    var out = {};
    Object.keys(SAME).forEach(function (k) { out[SAME[k]] = p[k]; });
    Object.keys(YES).forEach(function (k) { out[YES[k]] = p[k] === 'YES'; });
    Object.keys(BOOL).forEach(function (k) { out[BOOL[k]] = !!p[k]; });
    out.canControl = p.role === 'chair';
    out.callType = p.has_media === false ? 'api' : p.is_audio_only_call === 'YES' ? 'audio' : 'video';
    out.rxPresentation = p.rx_presentation_policy !== 'DENY';
    out.vad = before ? before.vad : 0;
    out.stageIndex = before ? before.stageIndex : 0;
    if (p.overlay_text && p.overlay_text !== p.display_name) out.overlayText = p.overlay_text;
    Object.keys(p).forEach(function (k) {
      if (!(k in SAME) && !(k in YES) && !(k in BOOL) && READ.indexOf(k) < 0) out[k] = p[k];
    });
    return out;
  }

  function publishRoster() {
    app.participants = Object.keys(byUuid).map(function (uuid) { return byUuid[uuid]; });
    participants$.next(app.participants.map(copy));
    host.render();
  }

  function copy(v) { return JSON.parse(JSON.stringify(v)); }

  /* The app dispatches an action: plugins see it on PEX.actions$. `report`: the workbench has not logged it yet (an
     action the app's own callback dispatches). */
  host.dispatch = function (action, report) {
    if (report) host.report('action', { type: action.type, payload: action.payload });
    if (action.type === PEX.actions.SEND_CHAT_MESSAGE && action.payload) {
      app.chat.push({ origin: action.payload.origin, uuid: action.payload.uuid, payload: action.payload.payload,
        direction: 'out' });
      host.render();
    }
    actions$.next(action);
  };
  function dispatchAll(actions) { (actions || []).forEach(function (a) { host.dispatch(a, true); }); }

  // -- the app's callbacks on its call ---------------------------------------------------------------------------------
  host.installCallbacks = function (rtc) {
    rtc.onConnect = function () {
      app.connected = true;
      PEX.selfUUID = rtc.uuid;
      host.render();
      dispatchAll(host.takeActions('connect'));
    };
    function upsert(p) {
      if (!p || p.uuid === undefined) return;
      var known = p.uuid in byUuid;
      byUuid[p.uuid] = toApp(p, byUuid[p.uuid]);
      if (!known) host.report('host', { message: 'roster: ' + (byUuid[p.uuid].name || p.uuid) + ' shown', roster: p.uuid });
      publishRoster();
      dispatchAll(host.takeActions(p.uuid));
    }
    rtc.onParticipantCreate = upsert;
    rtc.onParticipantUpdate = upsert;
    rtc.onParticipantDelete = function (p) {
      if (!p) return;
      delete byUuid[p.uuid];
      publishRoster();
      dispatchAll(host.takeActions(p.uuid));
    };
    rtc.onStageUpdate = function (stage) {
      (stage || []).forEach(function (s) {
        var p = byUuid[s.participant_uuid];
        if (p) { p.vad = s.vad; p.stageIndex = s.stage_index; }
      });
      publishRoster();
    };
    rtc.onConferenceUpdate = function (c) {
      var details = {};
      Object.keys(c || {}).forEach(function (k) {
        if (k === 'guests_muted') details.guestsMuted = !!c[k];
        else details[k] = c[k];
      });
      var changed = JSON.stringify(details) !== JSON.stringify(app.details);
      app.details = details;
      if (changed) conferenceDetails$.next(copy(details));
      host.render();
      dispatchAll(host.takeActions('conference'));
    };
    rtc.onChatMessage = function (m) {
      if (m) app.chat.push({ origin: m.origin, uuid: m.uuid, payload: m.payload, direction: 'in' });
      host.render();
      dispatchAll(host.takeActions('chat'));
    };
    rtc.onPresentation = function (on, presenter) { app.presentation = on ? presenter : null; host.render(); };
    rtc.onDisconnect = function () {
      app.connected = false;
      PEX.selfUUID = null;
      byUuid = {};
      publishRoster();
      dispatchAll(host.takeActions('disconnect'));
    };
  };

  /* The app's own participant (its toolbar reads it), as the workbench's conference has it. */
  host.self = function () {
    return host.snapshot.allParticipants.filter(function (p) { return p.uuid === host.snapshot.selfUUID; })[0] || {};
  };
})(window);
