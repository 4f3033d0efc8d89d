/* Start-up (ask the workbench for the configuration, then load the plugins) and the app's own controls. */
(function (global) {
  'use strict';
  var host = global.WBHost;

  /* What the workbench drives in the page (never used to judge a plugin: the harness reads the DOM itself). */
  global.WBHostPage = {
    setPluginEnabled: function (id, on) { return host.setPluginEnabled(id, on); },
    plugins: function () { return host.pluginStates(); },
    reloadPlugin: function (id, fresh, bust) { return host.reloadPlugin(id, fresh, bust); },
    openParticipantMenu: function (uuid) { host.openParticipantMenu(uuid); return true; },
    toggleConferenceMenu: function (open) { host.toggleConferenceMenu(open); return true; }
  };

  function wire() {
    document.getElementById('toolbar-conference-menu').addEventListener('click', function (ev) {
      ev.stopPropagation(); host.toggleConferenceMenu();
    });
    document.getElementById('toolbar-settings').addEventListener('click', function () {
      document.getElementById('plugin-settings').hidden = !document.getElementById('plugin-settings').hidden;
    });
    document.getElementById('plugin-settings-close').addEventListener('click', function () {
      document.getElementById('plugin-settings').hidden = true;
    });
    ['on', 'off'].forEach(function (which) {
      document.getElementById('toolbar-audio-' + which + '__button-container').addEventListener('click', function () {
        host.call('host.action', [{ type: which === 'on' ? '[Conference] Mute Microphone' : '[Conference] Unmute Microphone' }]);
      });
    });
    document.getElementById('chat-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var input = document.getElementById('chat-input');
      if (input.value.trim()) host.call('host.chat', [input.value]);
      input.value = '';
    });
    document.getElementById('oops-dismiss').addEventListener('click', function () {
      document.getElementById('oops').hidden = true;
    });
    document.getElementById('oops-reload').addEventListener('click', function () { global.location.reload(); });
  }

  global.addEventListener('load', function () {
    wire();
    host.call('hello', []).then(function (config) { host.boot(config); });
  });
})(window);
