/* What plugins add to the app: buttons (toolbar, with groups and badges; participant actions; the settings menu),
   forms, prompts and toasts. Each element carries data-* attributes the harness reads (data-plugin, data-position,
   data-tooltip or data-label, data-element, data-title...). The workbench has already checked each payload and
   decided the element's id; these handlers draw it and give the reply the app gives. */
(function (global) {
  'use strict';
  var WA3 = global.WA3;
  var elements = WA3.elements = {};  // id -> {kind, chan, node, payload}
  var role = 'chair';
  var connected = false;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = v; else node.setAttribute(k, v === true ? '' : String(v));
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  WA3.el = el;

  /* The app draws its own icon set; the emulation draws a labelled glyph (the name is in data-icon). */
  function icon(spec, base) {
    if (spec && typeof spec === 'object' && spec.custom) {
      var img = el('img', { class: 'icon custom', alt: '', src: new URL(String(spec.custom.main || ''), base).href,
        'data-icon': 'custom', 'data-hover': String(spec.custom.hover || '') });
      return img;
    }
    var name = typeof spec === 'string' ? spec : '';
    var letters = name.replace(/^Icon/, '').replace(/[^A-Z0-9]/g, '').slice(0, 2) || name.slice(4, 6) || '?';
    return el('span', { class: 'icon', 'data-icon': name, 'aria-hidden': 'true', text: letters });
  }
  WA3.icon = icon;

  function visibleFor(payload) {
    return !Array.isArray(payload.roles) || payload.roles.indexOf(role) >= 0;
  }

  function click(chan, id, input) {
    WA3.send(chan, 'ui:button:click', { buttonId: id, input: input });
  }

  function popup(chan, request) {
    if (!request || typeof request !== 'object') return;
    WBKit.call('host.popup', [chan.key, request.id, request.openParams]);
  }

  // -- buttons ----------------------------------------------------------------------------------------------------
  function toolbarButton(chan, id, p) {
    var wrap = el('div', { class: 'plugin-button', 'data-plugin': chan.key, 'data-position': 'toolbar',
      'data-element': id });
    fillToolbar(wrap, chan, id, p);
    return wrap;
  }

  function fillToolbar(wrap, chan, id, p) {
    wrap.textContent = '';
    wrap.setAttribute('data-tooltip', String(p.tooltip || ''));
    wrap.setAttribute('data-icon', typeof p.icon === 'string' ? p.icon : 'custom');
    wrap.setAttribute('data-active', p.isActive ? 'true' : 'false');
    wrap.setAttribute('data-badge', p.badge && p.badge.isVisible ? 'true' : 'false');
    wrap.hidden = !visibleFor(p);
    if (wrap.hidden) wrap.setAttribute('data-hidden-reason', 'roles ' + JSON.stringify(p.roles)); else wrap.removeAttribute('data-hidden-reason');
    var base = chan.frame.src;
    var button = el('button', { type: 'button', class: 'toolbar-button plugin' + (p.isActive ? ' active' : ''),
      title: p.tooltip, 'aria-label': p.tooltip, 'aria-pressed': p.isActive ? 'true' : 'false' }, [icon(p.icon, base)]);
    wrap.appendChild(button);
    if (p.badge && p.badge.isVisible) wrap.appendChild(el('span', { class: 'badge', 'data-testid': 'badge' }));
    var group = Array.isArray(p.group) ? p.group : null;
    if (group) {
      var menu = el('div', { class: 'group-menu', hidden: true });
      group.forEach(function (g) {
        if (!g || typeof g !== 'object') return;
        var item = el('button', { type: 'button', class: 'group-item' + (g.isActive ? ' active' : ''),
          'data-group-item': g.id, 'data-tooltip': g.tooltip, title: g.tooltip, 'data-icon': typeof g.icon === 'string' ? g.icon : 'custom',
          'data-active': g.isActive ? 'true' : 'false', hidden: !visibleFor(g) }, [icon(g.icon, base), el('span', { text: g.tooltip })]);
        item.addEventListener('click', function (ev) {
          ev.stopPropagation();
          menu.hidden = true;
          click(chan, id, { buttonId: String(g.id) });
          popup(chan, g.opensPopup);
        });
        menu.appendChild(item);
      });
      wrap.appendChild(menu);
      button.addEventListener('click', function () { menu.hidden = !menu.hidden; });
    } else {
      button.addEventListener('click', function () { click(chan, id, { buttonId: id }); popup(chan, p.opensPopup); });
    }
  }

  function settingsItem(chan, id, p) {
    var item = el('button', { type: 'button', class: 'menu-item plugin', 'data-plugin': chan.key,
      'data-position': 'settingsMenu', 'data-element': id, 'data-label': p.label, text: p.label });
    item.hidden = !visibleFor(p) || (p.inMeetingOnly && !connected);
    item.setAttribute('data-in-meeting-only', p.inMeetingOnly ? 'true' : 'false');
    item.addEventListener('click', function () {
      document.getElementById('settings-menu').hidden = true;
      click(chan, id, undefined);
      popup(chan, p.opensPopup);
    });
    return item;
  }

  WA3.on('ui:button:add', function (chan, p, render) {
    var id = render.id;
    var node;
    if (p.position === 'toolbar') {
      node = toolbarButton(chan, id, p);
      document.getElementById('toolbar-plugins').appendChild(node);
    } else if (p.position === 'settingsMenu') {
      node = settingsItem(chan, id, p);
      document.getElementById('settings-menu-plugins').appendChild(node);
    }
    elements[id] = { kind: 'button', chan: chan, node: node || null, payload: p };
    if (p.position === 'participantActions') WA3.renderParticipantActions();
    return { status: 'ok', id: id, data: undefined };
  });

  WA3.on('ui:button:update', function (chan, p, render) {
    var e = elements[render.id];
    if (!e || e.kind !== 'button') return { status: 'failed', reason: 'No element with id ' + render.id, id: render.id };
    var fresh = {};
    Object.keys(p).forEach(function (k) { if (k !== 'targetId') fresh[k] = p[k]; });
    e.payload = fresh;
    if (fresh.position === 'toolbar' && e.node) fillToolbar(e.node, e.chan, render.id, fresh);
    else if (fresh.position === 'settingsMenu' && e.node) {
      var replacement = settingsItem(e.chan, render.id, fresh);
      e.node.replaceWith(replacement);
      e.node = replacement;
    }
    WA3.renderParticipantActions();
    return { status: 'ok', id: render.id, data: undefined };
  });

  /* The participant actions every plugin added, for one participant's menu. */
  WA3.participantActions = function (uuid) {
    var out = [];
    Object.keys(elements).forEach(function (id) {
      var e = elements[id];
      if (e.kind !== 'button' || e.payload.position !== 'participantActions') return;
      var ids = e.payload.participantIDs;
      if (Array.isArray(ids) && ids.indexOf(uuid) < 0) return;
      var p = e.payload;
      var item = el('button', { type: 'button', class: 'menu-item plugin' + (p.isActive ? ' active' : ''),
        'data-plugin': e.chan.key, 'data-position': 'participantActions', 'data-element': id, 'data-label': p.label,
        'data-participant': uuid, 'data-icon': typeof p.icon === 'string' ? p.icon : (p.icon ? 'custom' : null),
        'data-active': p.isActive ? 'true' : 'false' }, [p.icon ? icon(p.icon, e.chan.frame.src) : null, el('span', { text: p.label })]);
      item.addEventListener('click', function () {
        item.closest('.menu').hidden = true;
        click(e.chan, id, { participantUuid: uuid });
        popup(e.chan, p.opensPopup);
      });
      out.push(item);
    });
    return out;
  };

  // -- forms and prompts ------------------------------------------------------------------------------------------
  function modal(chan, id, kind, p, body) {
    var layer = document.getElementById('modal-layer');
    var close = el('button', { type: 'button', class: 'modal-close', 'aria-label': 'Close', text: '×' });
    var box = el('div', { class: 'modal ' + kind, role: 'dialog', 'data-kind': kind, 'data-element': id,
      'data-plugin': chan.key, 'data-title': p.title }, [
      el('div', { class: 'modal-header' }, [el('h2', { text: p.title }), close]),
      p.description ? el('p', { class: 'modal-description', text: p.description }) : null,
      body
    ]);
    close.addEventListener('click', function () { remove(id); });
    layer.appendChild(box);
    layer.hidden = false;
    elements[id] = { kind: kind, chan: chan, node: box, payload: p };
    if (p.opensPopup) popup(chan, p.opensPopup);
    return box;
  }

  function field(key, spec) {
    var type = spec.type;
    var name = String(spec.name || key);
    var required = spec.isOptional !== true;
    var control;
    if (type === 'textarea') {
      control = el('textarea', { name: key, placeholder: spec.placeholder, required: required, autocomplete: spec.autoComplete });
      control.value = spec.value || '';
    } else if (type === 'select') {
      control = el('select', { name: key, required: required });
      (spec.options || []).forEach(function (o) {
        control.appendChild(el('option', { value: o.id, text: o.label, selected: spec.selected === o.id }));
      });
    } else if (type === 'checklist') {
      control = el('fieldset', { class: 'checklist', 'data-name': key }, (spec.options || []).map(function (o) {
        return el('label', { class: 'option' }, [el('input', { type: 'checkbox', name: key, value: o.id,
          checked: !!o.checked, required: !!o.required }), el('span', { text: o.label })]);
      }));
    } else if (type === 'radio') {
      control = el('fieldset', { class: 'radio-group', 'data-name': key }, (spec.options || []).map(function (o) {
        return el('label', { class: 'option' }, [el('input', { type: 'radio', name: spec.groupName || key, value: o.value,
          'data-option': o.id, checked: spec.checked === o.value || spec.checked === o.id, disabled: !!o.isDisabled,
          required: required }), el('span', { text: o.label })]);
      }));
    } else if (type === 'range') {
      control = el('input', { type: 'range', name: key, min: spec.min, max: spec.max, step: spec.step });
      if (spec.selectedValue !== undefined) control.value = spec.selectedValue;
    } else {
      control = el('input', { type: type || 'text', name: key, placeholder: spec.placeholder, required: required,
        autocomplete: spec.autoComplete });
      control.value = spec.value || '';
    }
    return el('label', { class: 'field', 'data-field': key, 'data-type': type }, [el('span', { class: 'field-name', text: name }), control]);
  }

  /* The values a form hands the plugin, typed as MapFormReturn says: number fields as numbers, checklists as
     {optionId: checked}, every other field as a string. */
  function values(form, elementsSpec) {
    var out = {};
    Object.keys(elementsSpec).forEach(function (key) {
      var spec = elementsSpec[key] || {};
      if (spec.type === 'checklist') {
        var checks = {};
        form.querySelectorAll('input[type=checkbox][name="' + CSS.escape(key) + '"]').forEach(function (c) { checks[c.value] = c.checked; });
        out[key] = checks;
      } else if (spec.type === 'radio') {
        var picked = form.querySelector('input[type=radio][name="' + CSS.escape(spec.groupName || key) + '"]:checked');
        out[key] = picked ? picked.value : undefined;
      } else {
        var control = form.querySelector('[name="' + CSS.escape(key) + '"]');
        var raw = control ? control.value : '';
        out[key] = spec.type === 'number' ? (raw === '' ? undefined : Number(raw)) : raw;
      }
    });
    return out;
  }

  WA3.on('ui:form:open', function (chan, p, render) {
    var spec = (p.form && p.form.elements) || {};
    var submit = el('button', { type: 'submit', class: 'button primary', text: (p.form && p.form.submitBtnTitle) || 'Submit' });
    var form = el('form', { class: 'plugin-form', novalidate: null },
      Object.keys(spec).map(function (k) { return field(k, spec[k] || {}); }).concat([el('div', { class: 'modal-actions' }, [submit])]));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (!form.reportValidity()) return;
      WA3.send(chan, 'ui:form:input', { modalId: render.id, input: values(form, spec) });
    });
    modal(chan, render.id, 'form', p, form);
    return { status: 'ok', id: render.id, data: undefined };
  });

  WA3.on('ui:prompt:open', function (chan, p, render) {
    var actions = el('div', { class: 'modal-actions' });
    var prompt = p.prompt || {};
    [prompt.secondaryAction, prompt.primaryAction].forEach(function (text, i) {
      if (text === undefined || text === null) return;
      var b = el('button', { type: 'button', class: 'button ' + (i ? 'primary' : 'secondary'), 'data-action': text, text: text });
      b.addEventListener('click', function () { WA3.send(chan, 'ui:prompt:input', { modalId: render.id, input: String(text) }); });
      actions.appendChild(b);
    });
    modal(chan, render.id, 'prompt', p, actions);
    return { status: 'ok', id: render.id, data: undefined };
  });

  function remove(id) {
    var e = elements[id];
    if (!e) return false;
    if (e.node && e.node.parentNode) e.node.parentNode.removeChild(e.node);
    if (e.kind === 'widget' && WA3.widgetRemoved) WA3.widgetRemoved(id, e);
    delete elements[id];
    var layer = document.getElementById('modal-layer');
    layer.hidden = !layer.children.length;
    if (e.kind === 'button' && e.payload.position === 'participantActions') WA3.renderParticipantActions();
    return true;
  }
  WA3.removeElement = remove;

  WA3.on('ui:removeElement', function (chan, p, render) {
    remove(render.id);
    return { status: 'ok', id: render.id, data: undefined };
  });

  // -- toasts -----------------------------------------------------------------------------------------------------
  var toastState = { topCenter: { current: null, queue: [] }, bottomCenter: { current: null, queue: [] } };
  var toastSeq = 0;

  /* Every toast is in the DOM from the moment it is asked for (queued ones hidden, data-queued), so a check can
     tell it was asked for, is showing, or was shown (data-ended). */
  function toastNode(where, t) {
    var layer = document.getElementById(where === 'topCenter' ? 'toasts-top' : 'toasts-bottom');
    var node = el('div', { class: 'toast' + (t.isDanger ? ' danger' : ''), role: 'status', 'data-toast': ++toastSeq,
      'data-plugin': t.key, 'data-position': where, 'data-danger': t.isDanger ? 'true' : 'false', hidden: true,
      'data-queued': 'true' }, [el('span', { class: 'toast-message', text: t.message })]);
    if (t.canDismiss) {
      var x = el('button', { type: 'button', class: 'toast-dismiss', 'aria-label': 'Dismiss', text: '×' });
      x.addEventListener('click', function () { endToast(where, node); });
      node.appendChild(x);
    }
    layer.appendChild(node);
    t.node = node;
    return t;
  }

  function showToast(where, t) {
    var node = t.node;
    node.hidden = false;
    node.removeAttribute('data-queued');
    toastState[where].current = { node: node, toast: t };
    var timeout = typeof t.timeout === 'number' ? t.timeout : 5000;
    if (timeout > 0) node._timer = setTimeout(function () { endToast(where, node); }, timeout);
  }

  function endToast(where, node) {
    var s = toastState[where];
    if (!s.current || s.current.node !== node) return;
    clearTimeout(node._timer);
    node.setAttribute('data-ended', 'true');
    node.hidden = true;  // kept (hidden) so a check can tell it was shown
    s.current = null;
    if (s.queue.length) showToast(where, s.queue.shift());
  }

  WA3.on('ui:toast:show', function (chan, p, render) {
    var where = p.position === 'topCenter' ? 'topCenter' : 'bottomCenter';
    var s = toastState[where];
    var t = toastNode(where, { key: chan.key, message: String(p.message), isDanger: !!p.isDanger, timeout: p.timeout,
      canDismiss: !!p.canDismiss });
    if (!s.current) showToast(where, t);
    else if (p.isInterrupt) {
      if (s.current.toast.timeout !== 0) { endToastNow(where); showToast(where, t); }
      else {  // a running toast with timeout 0 cannot be interrupted: the interrupting one is discarded, not queued
        t.node.removeAttribute('data-queued');
        t.node.setAttribute('data-discarded', 'true');
      }
    } else s.queue.push(t);
    return { status: 'ok', id: render.id, data: undefined };
  });

  function endToastNow(where) {
    var s = toastState[where];
    var node = s.current.node;
    clearTimeout(node._timer);
    node.setAttribute('data-ended', 'true');
    node.setAttribute('data-interrupted', 'true');
    node.hidden = true;
    s.current = null;
  }

  // -- the app's state as the elements depend on it ---------------------------------------------------------------
  WA3.setAudience = function (newRole, isConnected) {
    role = newRole;
    connected = isConnected;
    Object.keys(elements).forEach(function (id) {
      var e = elements[id];
      if (e.kind === 'button' && e.node) {
        if (e.payload.position === 'toolbar') fillToolbar(e.node, e.chan, id, e.payload);
        else if (e.payload.position === 'settingsMenu') e.node.hidden = !visibleFor(e.payload) || (e.payload.inMeetingOnly && !connected);
      }
    });
  };
})(window);
