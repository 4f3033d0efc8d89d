// Recording: a toolbar button that dials out to a streaming participant (the recorder) and hangs it up again.
// The button's icon and label come from state$, so they follow the recorder joining and leaving.
(function () {
  'use strict';

  var START = { icon: 'assets/images/startRecording.svg#startRecording', label: 'Start recording' };
  var STOP = { icon: 'assets/images/stopRecording.svg#stopRecording', label: 'Stop recording' };

  var state$ = PEX.pluginAPI.createNewState({});
  var recorderUuid = null; // uuid of the participant this plugin dialled
  var subscription = null;

  function isRecording(participants) {
    return participants.some(function (p) {
      return p.uuid === recorderUuid && p.isStreaming;
    });
  }

  function load(participants$, conferenceDetails$) {
    subscription = participants$.subscribe(function (participants) {
      state$.next(isRecording(participants) ? STOP : START);
    });
  }

  function unload() {
    if (subscription) {
      subscription.unsubscribe();
      subscription = null;
    }
  }

  function recordConference(participants, conferenceDetails) {
    if (isRecording(participants)) {
      PEX.pluginAPI.disconnectParticipant(recorderUuid);
      return;
    }
    PEX.pluginAPI.openTemplateDialog({
      title: 'Record alias',
      body: '<div>' +
        '<input id="alias" class="pex-text-input" placeholder="Recorder alias, e.g. record@example.com">' +
        '<button id="start" class="dialog-button green-action-button">Start</button>' +
        '</div>'
    }).then(function (dialogRef) {
      var input = document.getElementById('alias');
      document.getElementById('start').addEventListener('click', function (event) {
        event.preventDefault();
        var alias = input.value.trim();
        if (!alias) {
          // mark the field invalid and wait for another try
          input.classList.add('invalid');
          input.setAttribute('aria-invalid', 'true');
          input.style.border = '2px solid red';
          return;
        }
        input.classList.remove('invalid');
        input.removeAttribute('aria-invalid');
        input.style.border = '';
        PEX.pluginAPI.dialOut(alias, 'auto', 'guest', function (reply) {
          if (reply && reply.result && reply.result.length) {
            recorderUuid = reply.result[0];
            dialogRef.close();
          } else {
            input.value = '';
            input.placeholder = 'check alias and retry';
          }
        }, { streaming: true });
      });
    });
  }

  PEX.pluginAPI.registerPlugin({
    id: 'recording-plugin-1.0',
    load: load,
    unload: unload,
    recordConference: recordConference,
    state$: state$
  });
})();
