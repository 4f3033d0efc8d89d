// Layout tools: a conference-menu item opening a dialog whose buttons change the conference layout.
// The buttons come from assets/layouts.json, fetched at run time; the built-in list is used if that fails.
(function () {
  'use strict';

  var LAYOUTS_URL = './custom_configuration/plugins/layout-tools/assets/layouts.json';
  var BUILT_IN_LAYOUTS = [
    { id: 'layout-equal', label: 'Equal', transform: { layout: '4:0' } },
    { id: 'layout-speaker', label: 'Speaker', transform: { layout: '1:7' } },
    { id: 'layout-default', label: 'Default', transform: {} }
  ];

  function loadLayouts() {
    return fetch(LAYOUTS_URL)
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (layouts) {
        return Array.isArray(layouts) && layouts.length ? layouts : BUILT_IN_LAYOUTS;
      })
      .catch(function () {
        return BUILT_IN_LAYOUTS;
      });
  }

  function escapeHtml(text) {
    var span = document.createElement('span');
    span.textContent = String(text);
    return span.innerHTML;
  }

  function buttonHtml(layout) {
    return '<button id="' + escapeHtml(layout.id) + '" class="dialog-button blue-action-button">' +
      escapeHtml(layout.label) + '</button>';
  }

  function load(participants$, conferenceDetails$) {}

  function unload() {}

  function openLayoutDialog(conferenceDetails) {
    loadLayouts().then(function (layouts) {
      return PEX.pluginAPI.openTemplateDialog({
        title: 'Layout control',
        body: '<div class="layout-tools">' + layouts.map(buttonHtml).join(' ') + '</div>'
      }).then(function (dialogRef) {
        layouts.forEach(function (layout) {
          var button = document.getElementById(layout.id);
          if (!button) {
            return;
          }
          button.addEventListener('click', function () {
            PEX.pluginAPI.transformConferenceLayout(layout.transform || {});
            dialogRef.close();
          });
        });
      });
    });
  }

  PEX.pluginAPI.registerPlugin({
    id: 'layout-tools-1.0',
    load: load,
    unload: unload,
    openLayoutDialog: openLayoutDialog
  });
})();
