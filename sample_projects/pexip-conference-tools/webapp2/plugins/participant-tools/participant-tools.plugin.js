// Participant tools: a participant-menu item labelled 'Mute' or 'Unmute' for each participant, and a chat
// command: a message '!lock' locks the conference.
(function () {
  'use strict';

  var TOAST_ID = 'participant-tools-toast';

  // Participant items take per-participant state: {<uuid>: {label, icon}}.
  var state$ = PEX.pluginAPI.createNewState({});
  var joinRole = null; // 'HOST' or 'GUEST', from '[Conference] Connect Success'
  var subscriptions = [];

  function labels(participants) {
    var state = {};
    participants.forEach(function (p) {
      state[p.uuid] = { label: p.muted ? 'Unmute' : 'Mute', icon: null };
    });
    return state;
  }

  function showToast(text) {
    var toast = document.getElementById(TOAST_ID);
    if (!toast) {
      toast = document.createElement('div');
      toast.id = TOAST_ID;
      toast.style.cssText = 'position:fixed;bottom:16px;left:50%;transform:translateX(-50%);' +
        'padding:8px 16px;border-radius:4px;background:#333;color:#fff;z-index:1000';
      toast.addEventListener('click', function () { toast.remove(); });
      document.body.appendChild(toast);
    }
    toast.textContent = text;
  }

  function onChatMessage(action) {
    var text = action && action.payload ? action.payload.payload : '';
    // A guest cannot lock the conference: ignore the command when this client joined as one.
    if (text === '!lock' && joinRole !== 'GUEST') {
      PEX.pluginAPI.sendRequest('/lock');
      showToast('Conference locked by chat command');
    }
  }

  function load(participants$, conferenceDetails$) {
    subscriptions.push(participants$.subscribe(function (participants) {
      state$.next(labels(participants));
    }));
    subscriptions.push(PEX.actions$.ofType('[Conference] Connect Success').subscribe(function (action) {
      joinRole = action.payload ? action.payload.joinRole : null;
    }));
    subscriptions.push(PEX.actions$.ofType(PEX.actions.RECEIVE_CHAT_MESSAGE).subscribe(onChatMessage));
  }

  function unload() {
    subscriptions.forEach(function (subscription) { subscription.unsubscribe(); });
    subscriptions = [];
  }

  function toggleMute(participant) {
    // Relative path, as published plugins write it: the app resolves it against the conference.
    PEX.pluginAPI.sendRequest('participants/' + participant.uuid + (participant.muted ? '/unmute' : '/mute'));
  }

  PEX.pluginAPI.registerPlugin({
    id: 'participant-tools-1.0',
    load: load,
    unload: unload,
    toggleMute: toggleMute,
    state$: state$
  });
})();
