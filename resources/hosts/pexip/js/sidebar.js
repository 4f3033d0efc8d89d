/* The side panel as the app lays it out: #conference-container has class `sidebar-open` while the panel is open;
   #pex-sidebar-container > div.pex-sidebar__list holds the roster (pex-roster-list, class `hide` while the chat is
   shown) and the chat. Roster entries are kept per participant (id = uuid, a ul.pex-roster-list__user-states of
   badges), so what a plugin adds to an entry stays until the participant leaves, as in the app.
   Keyboard shortcuts (inferred from a published plugin): `s` opens or closes the panel; `S` opens it, or switches an
   open panel between the roster and the chat. */
(function (global) {
  'use strict';
  var host = global.WBHost;
  var side = host.sidebar = { open: true, tab: 'roster' };

  function container() { return document.getElementById('conference-container'); }

  side.show = function (open, tab) {
    side.open = !!open;
    if (tab) side.tab = tab;
    container().classList.toggle('sidebar-open', side.open);
    document.getElementById('roster').classList.toggle('hide', side.tab !== 'roster');
    document.getElementById('chat').classList.toggle('hide', side.tab !== 'chat');
    document.getElementById('sidebar-tab-roster').classList.toggle('active', side.tab === 'roster');
    document.getElementById('sidebar-tab-chat').classList.toggle('active', side.tab === 'chat');
  };

  function shortcut(ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.altKey || ev.metaKey || ev.defaultPrevented) return;
    if (t && t.closest && (t.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'))) return;
    if (ev.key === 's') side.show(!side.open);
    else if (ev.key === 'S') side.show(true, side.open ? (side.tab === 'roster' ? 'chat' : 'roster') : side.tab);
  }

  // -- roster -----------------------------------------------------------------------------------------------------
  var entries = {};  // uuid -> {node, parts}

  function badgesOf(p) {
    var out = [];
    if (p.role === 'chair') out.push(['badge-host', 'Host']);
    if (p.muted) out.push(['badge-muted', 'Muted']);
    if (p.isStreaming) out.push(['badge-streaming', 'Streaming']);
    if (p.spotlight) out.push(['badge-spotlight', 'Spotlight']);
    if (p.presenting) out.push(['badge-presenting', 'Presenting']);
    if (p.serviceType === 'connecting') out.push(['', 'Connecting…']);
    if (p.buzzTime) out.push(['badge-hand', '✋']);
    return out;
  }

  function entryFor(p) {
    var ui = host.ui, el = ui.el;
    var entry = entries[p.uuid];
    if (!entry) {
      var parts = {
        avatar: el('span', { 'class': 'participant-avatar pex-roster-list__user-avatar' }),
        name: el('span', { 'class': 'participant-name pex-roster-list__user-name' }),
        states: el('ul', { 'class': 'participant-badges pex-roster-list__user-states' }),
        toggle: el('button', { 'class': 'participant-menu-toggle', type: 'button', title: 'More', text: '⋮',
          'data-participant': p.uuid, onclick: function (ev) {
            ev.stopPropagation();
            ui.setOpenMenu(ui.openMenu() === p.uuid ? null : p.uuid);
            host.render();
          } }),
        menu: el('div', { 'class': 'context-menu participant-menu', 'data-participant': p.uuid })
      };
      var node = el('div', { 'class': 'participant pex-roster-list__user', id: p.uuid, 'data-uuid': p.uuid },
        [parts.avatar, parts.name, parts.states, parts.toggle, parts.menu]);
      entry = entries[p.uuid] = { node: node, parts: parts };
    }
    return entry;
  }

  function fill(entry, p) {
    var ui = host.ui, el = ui.el, parts = entry.parts, me = host.snapshot.selfUUID;
    entry.node.classList.toggle('speaking', !!p.vad);
    parts.avatar.textContent = (p.name || '?').charAt(0).toUpperCase();
    parts.name.textContent = (p.name || '') + (p.uuid === me ? ' (you)' : '');
    // Our own badges are replaced; what a plugin put in the list stays.
    Array.prototype.slice.call(parts.states.querySelectorAll('li[data-wb-badge]')).forEach(function (li) { li.remove(); });
    badgesOf(p).forEach(function (b) {
      parts.states.appendChild(el('li', { 'class': 'badge pex-roster-list__user-state ' + b[0], 'data-wb-badge': '',
        text: b[1] }));
    });
    var menu = parts.menu;
    menu.textContent = '';
    menu.hidden = ui.openMenu() !== p.uuid;
    if (host.config && host.config.role === 'chair' && p.uuid !== me) {
      var base = '/participants/' + p.uuid + '/';
      menu.appendChild(ui.stock(p.muted ? 'Unmute' : 'Mute', function () { ui.request(base + (p.muted ? 'unmute' : 'mute')); }));
      menu.appendChild(ui.stock(p.spotlight ? 'Remove spotlight' : 'Spotlight',
        function () { ui.request(base + (p.spotlight ? 'spotlightoff' : 'spotlighton')); }));
      menu.appendChild(ui.stock('Disconnect', function () { ui.request(base + 'disconnect'); }, 'danger'));
    }
    host.itemsFor('participants', p.uuid).forEach(function (item) {
      menu.appendChild(ui.pluginItemNode(item, 'participants', p.uuid, 'menu-item plugin-menu-item'));
    });
  }

  function renderRoster() {
    var list = document.getElementById('participant-list');
    var shown = {};
    host.app.participants.forEach(function (p, i) {
      var entry = entryFor(p);
      fill(entry, p);
      shown[p.uuid] = true;
      if (list.children[i] !== entry.node) list.insertBefore(entry.node, list.children[i] || null);
    });
    Object.keys(entries).forEach(function (uuid) {
      if (!shown[uuid]) { entries[uuid].node.remove(); delete entries[uuid]; }
    });
    document.getElementById('participant-count').textContent = String(host.app.participants.length);
  }

  // -- chat -------------------------------------------------------------------------------------------------------
  function renderChat() {
    var el = host.ui.el, list = document.getElementById('chat-messages');
    list.textContent = '';
    host.app.chat.forEach(function (m) {
      list.appendChild(el('li', { 'class': 'chat-message chat-' + m.direction }, [
        el('b', { text: m.origin + ': ' }), el('span', { text: m.payload })]));
    });
    document.getElementById('chat-form').hidden = host.app.details.chatEnabled === false;
  }

  host.listeners.push(function () { renderRoster(); renderChat(); });

  global.addEventListener('keydown', shortcut);
  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('sidebar-tab-roster').addEventListener('click', function () { side.show(true, 'roster'); });
    document.getElementById('sidebar-tab-chat').addEventListener('click', function () { side.show(true, 'chat'); });
    document.getElementById('toolbar-sidebar').addEventListener('click', function () { side.show(!side.open); });
    document.getElementById('toolbar-chat').addEventListener('click', function () {
      side.show(!(side.open && side.tab === 'chat'), 'chat');
    });
    side.show(true, 'roster');
  });
})(window);
