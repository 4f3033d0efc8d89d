/* The emulated conference view: floating toolbar, conference menu, Settings > Plugin, dialogs, Oops (the side panel
   with the roster and the chat is in sidebar.js). Plugin items show once the call is connected, as the app's
   conference view does. */
(function (global) {
  'use strict';
  var host = global.WBHost;
  var openMenu = null;  // 'conference' or a participant uuid whose context menu is open

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'onclick') node.addEventListener('click', attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function iconUrl(entry, icon) {
    if (!icon) return null;
    if (/^(workbench|https?|data):/.test(icon) || icon.indexOf('custom_configuration/') === 0) return icon;
    return 'custom_configuration/' + (entry.base ? entry.base + '/' : '') + icon.replace(/^\.\//, '');
  }

  function iconNode(url) {
    if (!url) return el('span', { 'class': 'item-icon item-icon--empty' });
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'item-icon');
    svg.setAttribute('viewBox', '0 0 24 24');
    var use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
    use.setAttribute('href', url);
    svg.appendChild(use);
    return svg;
  }

  /* The plugin items of a location as the host computes them: state first, then the package's icon/label. */
  host.itemsFor = function (location, uuid) {
    var out = [];
    host.plugins.forEach(function (entry) {
      if (!entry.started || entry.location !== location) return;
      var state = host.states[entry.id];
      if (location === 'participants') state = state && uuid ? state[uuid] : null;
      entry.items.forEach(function (item, index) {
        var label = state && state.label !== undefined && state.label !== null ? state.label : item.label;
        var icon = state && state.icon !== undefined && state.icon !== null ? state.icon : item.icon;
        out.push({ plugin: entry.id, index: index, label: label === undefined ? null : label,
          icon: icon || null, iconUrl: iconUrl(entry, icon), action: item.action, entry: entry });
      });
    });
    return out;
  };

  function clone(v) { return JSON.parse(JSON.stringify(v === undefined ? null : v)); }

  host.invoke = function (item, location, uuid) {
    var plugin = host.registered[item.plugin];
    var fn = plugin && plugin[item.action];
    if (typeof fn !== 'function') {
      host.reportError(new TypeError('plugin ' + item.plugin + ': action "' + item.action +
        '" is not a function given to registerPlugin'));
      return;
    }
    var app = host.app, args;
    if (location === 'toolbar') args = [clone(app.participants), clone(app.details)];
    else if (location === 'participants') {
      args = [clone(app.participants.filter(function (p) { return p.uuid === uuid; })[0] || null)];
    } else args = [clone(app.details)];
    openMenu = null;
    try { fn.apply(plugin, args); } catch (e) { host.reportError(e); }
    host.render();
  };

  function pluginItemNode(item, location, uuid, cls) {
    var node = el('button', { 'class': cls, type: 'button', title: item.label || '', 'data-plugin': item.plugin,
      'data-index': String(item.index), 'data-wb-label': item.label === null ? '' : item.label,
      'data-wb-icon': item.icon || '', 'data-location': location, 'data-participant': uuid || null,
      'aria-label': item.label || item.action });
    node.appendChild(iconNode(item.iconUrl));
    node.appendChild(el('span', { 'class': 'item-label', text: item.label || '' }));
    node.addEventListener('click', function (ev) { ev.stopPropagation(); host.invoke(item, location, uuid); });
    return node;
  }

  function stock(label, handler, cls) {
    return el('button', { 'class': 'menu-item stock-item ' + (cls || ''), type: 'button', text: label,
      onclick: function (ev) { ev.stopPropagation(); openMenu = null; handler(); host.render(); } });
  }

  function request(path) { host.call('host.request', [path]); }

  // -- toolbar --------------------------------------------------------------------------------------------------
  function renderToolbar() {
    var box = document.getElementById('toolbar-plugins');
    box.textContent = '';
    if (host.app.connected) {
      host.itemsFor('toolbar').forEach(function (item) {
        box.appendChild(pluginItemNode(item, 'toolbar', null, 'toolbar-button plugin-toolbar-button'));
      });
    }
    var me = host.self();
    document.getElementById('toolbar-audio-on__button-container').hidden = !!me.isMicrophoneMuted;
    document.getElementById('toolbar-audio-off__button-container').hidden = !me.isMicrophoneMuted;
    document.getElementById('toolbar-conference-menu').hidden = false;
  }

  // -- conference menu ------------------------------------------------------------------------------------------
  function renderConferenceMenu() {
    var menu = document.getElementById('conference-menu');
    menu.textContent = '';
    menu.hidden = openMenu !== 'conference';
    var d = host.app.details || {};
    if (host.config && host.config.role === 'chair' && host.app.connected) {
      menu.appendChild(stock(d.locked ? 'Unlock conference' : 'Lock conference',
        function () { request(d.locked ? '/unlock' : '/lock'); }));
      menu.appendChild(stock(d.guestsMuted ? 'Unmute all guests' : 'Mute all guests',
        function () { request(d.guestsMuted ? '/unmuteguests' : '/muteguests'); }));
    }
    if (host.app.connected) {
      host.itemsFor('conference').forEach(function (item) {
        menu.appendChild(pluginItemNode(item, 'conference', null, 'menu-item plugin-menu-item'));
      });
    }
    document.getElementById('conference-name').textContent = host.snapshot.name || '';
    document.getElementById('conference-locked').hidden = !d.locked;
    document.getElementById('connecting-alias').textContent = host.snapshot.name || '';
    document.getElementById('connecting').hidden = host.app.connected;
  }

  // -- plugins (Settings > Plugin) ------------------------------------------------------------------------------------
  function renderPluginSettings() {
    var list = document.getElementById('plugin-settings-list');
    list.textContent = '';
    host.plugins.forEach(function (p) {
      var box = el('input', { type: 'checkbox', 'data-plugin': p.id });
      box.checked = !!p.started;
      box.disabled = !p.visible || (p.started && !p.allowUnload);
      box.addEventListener('change', function () { host.setPluginEnabled(p.id, box.checked); });
      list.appendChild(el('li', { 'class': 'plugin-setting' }, [el('label', {}, [box,
        el('span', { text: ' ' + (p.name || p.id) }),
        el('small', { text: p.visible ? (p.description ? ' — ' + p.description : '') : ' — ' + (p.problem || p.hidden_reason) })])]));
    });
  }

  // -- dialogs -----------------------------------------------------------------------------------------------------------
  host.openDialog = function (options) {
    var layer = document.getElementById('dialog-layer');
    var close$ = new global.WBRx.Subject();
    var viewInit$ = new global.WBRx.BehaviorSubject(true);
    var titleNode = el('h2', { 'class': 'dialog-title', text: options.title || '' });
    var body = el('div', { 'class': 'dialog-body' });
    body.innerHTML = options.body || '';
    var dialog = el('div', { 'class': 'pex-dialog', role: 'dialog', 'data-title': options.title || '' }, [
      el('div', { 'class': 'dialog-header' }, [titleNode,
        el('button', { 'class': 'dialog-close', type: 'button', title: 'Close', text: '×',
          onclick: function () { ref.close(); } })]), body]);
    var ref = {
      closed: false,
      close: function (result) {
        if (ref.closed) return;
        ref.closed = true;
        if (dialog.parentNode) dialog.parentNode.removeChild(dialog);
        layer.hidden = !layer.children.length;
        host.call('dialogClosed', [options.title || '']);
        close$.next(result);
        close$.complete();
      },
      close$: close$.asObservable(),
      afterClosed: function () { return close$.asObservable(); }
    };
    Object.defineProperty(ref, 'viewInit$', { get: function () {
      host.call('openTemplateDialog.subscribe', []);
      return viewInit$.asObservable();
    } });
    layer.appendChild(dialog);
    layer.hidden = false;
    return ref;
  };

  // -- Oops ----------------------------------------------------------------------------------------------------------------
  host.errorCount = 0;  // uncaught errors so far: a hot reload that adds none clears the Oops screen
  host.showOops = function (info) {
    host.errorCount += 1;
    document.getElementById('oops-detail').textContent = info.message + (info.stack ? '\n' + info.stack : '');
    document.getElementById('oops').hidden = false;
  };
  host.hideOops = function () { document.getElementById('oops').hidden = true; };

  function render() {
    renderToolbar();
    renderConferenceMenu();
    renderPluginSettings();
  }
  host.listeners.push(render);

  // What the side panel shares: building elements, plugin items, stock menu entries, the open menu.
  host.ui = {
    el: el, pluginItemNode: pluginItemNode, stock: stock, request: request,
    openMenu: function () { return openMenu; },
    setOpenMenu: function (which) { openMenu = which; }
  };

  host.toggleConferenceMenu = function (open) {
    openMenu = open === undefined ? (openMenu === 'conference' ? null : 'conference') : (open ? 'conference' : null);
    host.render();
  };
  host.openParticipantMenu = function (uuid) { openMenu = uuid; host.render(); };

  document.addEventListener('click', function () { if (openMenu) { openMenu = null; host.render(); } });
})(window);
