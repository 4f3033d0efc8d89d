/* The meeting the app shows: header, roster (each participant with its menu of plugin actions), chat, side panels.
   Drawn from the workbench's snapshot of the simulated conference (data-testid attributes as the real app has
   them, for plugins that look at the app's page from a same-origin iframe). */
(function (global) {
  'use strict';
  var WA3 = global.WA3;
  var el = WA3.el;
  var state = null;
  var shownCount = -1;

  WA3.showPanel = function (name) {
    ['participants', 'chat'].forEach(function (p) {
      document.getElementById('panel-' + p).hidden = p !== name;
    });
  };

  function row(p) {
    var toggle = el('button', { type: 'button', class: 'row-menu-toggle', 'aria-label': 'Actions for ' + p.name,
      'data-participant': p.uuid, text: '⋯' });
    var menu = el('div', { class: 'menu participant-menu', 'data-participant': p.uuid, hidden: true });
    toggle.addEventListener('click', function (ev) {
      ev.stopPropagation();
      fillMenu(menu, p.uuid);
      menu.hidden = !menu.hidden;
    });
    var flags = [p.muted ? 'muted' : null, p.isVideoMuted ? 'camera off' : null, p.buzzTime ? 'hand raised' : null,
      p.spotlight ? 'spotlight' : null, p.serviceType === 'connecting' ? 'connecting' : null].filter(Boolean);
    return el('li', { class: 'participant', 'data-uuid': p.uuid }, [
      el('div', { 'data-testid': 'participant-row', class: 'participant-row' }, [
        el('span', { class: 'participant-name', title: p.name, text: p.name }),
        el('span', { class: 'participant-role', text: p.role === 'chair' ? 'Host' : 'Guest' }),
        el('span', { class: 'participant-flags', text: flags.join(' · ') }),
        toggle]),
      menu]);
  }

  function fillMenu(menu, uuid) {
    menu.textContent = '';
    var items = WA3.participantActions(uuid);
    if (!items.length) menu.appendChild(el('span', { class: 'menu-empty', text: 'No actions' }));
    items.forEach(function (i) { menu.appendChild(i); });
  }

  WA3.renderParticipantActions = function () {
    document.querySelectorAll('.participant-menu').forEach(function (menu) {
      if (!menu.hidden) fillMenu(menu, menu.getAttribute('data-participant'));
    });
  };

  WA3.render = function (s) {
    state = s;
    document.getElementById('meeting-name').textContent = s.name;
    document.getElementById('meeting-locked').hidden = !s.details.locked;
    var people = s.participants;
    if (people.length !== shownCount) {
      // A new label element, as the app re-renders it (plugins watch the button's childList for this).
      shownCount = people.length;
      var holder = document.querySelector('#button-participants > div');
      var label = el('div', { text: people.length + (people.length === 1 ? ' participant' : ' participants') });
      holder.replaceChildren(label);
      document.getElementById('roster-count').textContent = people.length;
    }
    var open = {};
    document.querySelectorAll('.participant-menu').forEach(function (m) { if (!m.hidden) open[m.getAttribute('data-participant')] = true; });
    var roster = document.getElementById('roster');
    roster.textContent = '';
    people.forEach(function (p) {
      var r = row(p);
      roster.appendChild(r);
      if (open[p.uuid]) { var m = r.querySelector('.participant-menu'); fillMenu(m, p.uuid); m.hidden = false; }
    });
    var chat = document.getElementById('chat-messages');
    chat.textContent = '';
    (s.chat || []).forEach(function (m) {
      chat.appendChild(el('li', { class: 'chat-message ' + m.direction, 'data-testid': 'chat-message' },
        [el('b', { text: m.origin + ': ' }), el('span', { text: m.payload })]));
    });
    WA3.setAudience(s.role, s.connected);
  };
  WA3.state = function () { return state; };

  document.addEventListener('click', function (ev) {
    if (!ev.target.closest('.menu, .row-menu-toggle, #toolbar-more, .plugin-button')) {
      document.querySelectorAll('.menu, .group-menu').forEach(function (m) { m.hidden = true; });
    }
  });
})(window);
