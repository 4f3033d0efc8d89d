/* The Web App 3 page's checks, in the harness world: plugin buttons, forms, prompts, toasts and widgets as the app
   draws them (data-plugin, data-position, data-tooltip / data-label, data-title... on each), and what the recorder
   writes. Everything is read from the DOM, never from the page's JavaScript. */
(function () {
  'use strict';
  function attr(node, name) { return node.getAttribute(name); }
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function openParticipantMenu(uuid) {
    var menu = document.querySelector('.participant-menu[data-participant="' + CSS.escape(uuid) + '"]');
    var toggle = document.querySelector('.row-menu-toggle[data-participant="' + CSS.escape(uuid) + '"]');
    if (!menu || !toggle) return false;
    if (menu.hidden) toggle.click();
    return true;
  }

  function describe(node) {
    var position = attr(node, 'data-position');
    return { plugin: attr(node, 'data-plugin'), position: position,
      text: position === 'toolbar' ? attr(node, 'data-tooltip') : attr(node, 'data-label'),
      icon: attr(node, 'data-icon'), active: attr(node, 'data-active') === 'true',
      badge: attr(node, 'data-badge') === 'true', visible: !node.hidden,
      hidden_reason: attr(node, 'data-hidden-reason'), participant: attr(node, 'data-participant'),
      group: all('.group-item', node).map(function (g) { return attr(g, 'data-tooltip'); }) };
  }

  function buttons(q) {
    if (q.position === 'participantActions' && q.participant) {
      if (!openParticipantMenu(q.participant)) return { error: 'participant ' + q.participant + ' is not in the roster', nodes: [] };
    }
    var sel = '[data-position][data-element]';
    var nodes = all(sel).filter(function (n) {
      if (n.classList.contains('toast') || n.classList.contains('widget')) return false;
      if (q.position && attr(n, 'data-position') !== q.position) return false;
      if (q.plugin && attr(n, 'data-plugin') !== q.plugin) return false;
      if (q.participant && attr(n, 'data-participant') && attr(n, 'data-participant') !== q.participant) return false;
      return true;
    });
    return { nodes: nodes };
  }

  function findButton(q) {
    var r = buttons(q);
    var items = r.nodes.map(describe);
    var at = -1;
    for (var i = 0; i < items.length; i++) if (items[i].text === q.text) { at = i; break; }
    return { node: at >= 0 ? r.nodes[at] : null, item: at >= 0 ? items[at] : null,
      texts: items.map(function (i) { return i.text; }), error: r.error || null };
  }

  function modals(kind) {
    return all('#modal-layer .modal[data-kind="' + kind + '"]');
  }

  /* A modal a step already answered is skipped: until the plugin removes it, it must not take the next answer. */
  function modalByTitle(kind, title) {
    var found = modals(kind).filter(function (m) {
      return !m.hasAttribute('data-wb-answered') && (title === undefined || title === null || attr(m, 'data-title') === title);
    });
    return found.length ? found[found.length - 1] : null;
  }

  function setControl(control, value) {
    if (control.type === 'checkbox' || control.type === 'radio') { control.checked = !!value; }
    else {
      var proto = Object.getPrototypeOf(control);
      var desc = null;
      while (proto && !desc) { desc = Object.getOwnPropertyDescriptor(proto, 'value'); proto = Object.getPrototypeOf(proto); }
      if (desc && desc.set) desc.set.call(control, String(value)); else control.value = String(value);
    }
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function fieldOf(form, key) {
    var byKey = form.querySelector('.field[data-field="' + CSS.escape(key) + '"]');
    if (byKey) return byKey;
    return all('.field', form).filter(function (f) {
      return f.querySelector('.field-name').textContent === key;
    })[0] || null;
  }

  function fill(form, values) {
    var keys = Object.keys(values || {});
    for (var i = 0; i < keys.length; i++) {
      var f = fieldOf(form, keys[i]);
      if (!f) return 'no field ' + JSON.stringify(keys[i]) + ' (fields: ' + all('.field', form).map(function (x) { return attr(x, 'data-field'); }).join(', ') + ')';
      var type = attr(f, 'data-type');
      var value = values[keys[i]];
      if (type === 'checklist') {
        var wanted = value || {};
        if (Array.isArray(wanted)) { var m = {}; wanted.forEach(function (w) { m[w] = true; }); wanted = m; }
        all('input[type=checkbox]', f).forEach(function (c) { setControl(c, !!wanted[c.value]); });
      } else if (type === 'radio') {
        var radios = all('input[type=radio]', f).filter(function (r) { return r.value === String(value) || attr(r, 'data-option') === String(value); });
        if (!radios.length) return 'no option ' + JSON.stringify(value) + ' in field ' + keys[i];
        setControl(radios[0], true);
      } else if (type === 'select') {
        var select = f.querySelector('select');
        var options = all('option', select);
        var opt = options.filter(function (o) { return o.value === String(value) || o.textContent === String(value); })[0];
        if (!opt) return 'no option ' + JSON.stringify(value) + ' in field ' + keys[i] + ' (options: ' + options.map(function (o) { return o.value; }).join(', ') + ')';
        setControl(select, opt.value);
      } else {
        setControl(f.querySelector('input, textarea'), value);
      }
    }
    return '';
  }

  WBH.extend('webapp3', {
    buttons: function (q) {
      var r = buttons(q || {});
      return { items: r.nodes.map(describe), error: r.error || null };
    },
    button: function (q) {
      var r = findButton(q);
      return { item: r.item, texts: r.texts, error: r.error };
    },
    clickButton: function (q) {
      var r = findButton(q);
      if (!r.node) return { ok: false, texts: r.texts, error: r.error };
      var item = r.item;
      if (q.group !== undefined && q.group !== null) {
        var main = r.node.querySelector('button');
        var menu = r.node.querySelector('.group-menu');
        if (!menu) return { ok: false, error: 'the button has no group' };
        if (menu.hidden) main.click();
        var g = all('.group-item', menu).filter(function (n) { return attr(n, 'data-tooltip') === q.group || attr(n, 'data-group-item') === q.group; })[0];
        if (!g) return { ok: false, error: 'no group item ' + JSON.stringify(q.group) + ' (the group has ' + JSON.stringify(item.group) + ')' };
        g.click();
        return { ok: true };
      }
      if (item.position === 'toolbar' && r.node.hidden) return { ok: false, error: 'the button is hidden (' + item.hidden_reason + ')' };
      if (item.position === 'settingsMenu') {
        var sm = document.getElementById('settings-menu');
        if (sm.hidden) document.getElementById('toolbar-more').click();
        if (r.node.hidden) return { ok: false, error: 'the settings menu item is hidden for this user' };
      }
      (item.position === 'toolbar' ? r.node.querySelector('button') : r.node).click();
      return { ok: true };
    },
    forms: function () {
      return modals('form').map(function (m) {
        return { title: attr(m, 'data-title'), plugin: attr(m, 'data-plugin'),
          fields: all('.field', m).map(function (f) { return attr(f, 'data-field'); }) };
      });
    },
    submit: function (title, values) {
      var m = modalByTitle('form', title);
      if (!m) return 'no form ' + (title ? JSON.stringify(title) + ' ' : '') + 'is open (open forms: ' + JSON.stringify(modals('form').map(function (x) { return attr(x, 'data-title'); })) + ')';
      var problem = fill(m.querySelector('form'), values);
      if (problem) return problem;
      var form = m.querySelector('form');
      if (!form.checkValidity()) {
        var bad = form.querySelector(':invalid');
        var f = bad && bad.closest('.field');
        return 'the form cannot be submitted: ' + (f ? 'field ' + attr(f, 'data-field') + ' ' : '') + (bad ? bad.validationMessage : 'is invalid');
      }
      m.setAttribute('data-wb-answered', '');
      m.querySelector('button[type=submit]').click();
      return 'ok';
    },
    prompts: function () {
      return modals('prompt').map(function (m) {
        return { title: attr(m, 'data-title'), plugin: attr(m, 'data-plugin'),
          actions: all('[data-action]', m).map(function (b) { return attr(b, 'data-action'); }) };
      });
    },
    answer: function (title, action) {
      var m = modalByTitle('prompt', title);
      if (!m) return 'no prompt ' + (title ? JSON.stringify(title) + ' ' : '') + 'is open';
      var b = all('[data-action]', m).filter(function (x) { return attr(x, 'data-action') === action; })[0];
      if (!b) return 'the prompt has no action ' + JSON.stringify(action) + ' (it has ' + JSON.stringify(all('[data-action]', m).map(function (x) { return attr(x, 'data-action'); })) + ')';
      m.setAttribute('data-wb-answered', '');
      b.click();
      return 'ok';
    },
    closeModal: function (kind, title) {
      var m = modalByTitle(kind, title);
      if (!m) return false;
      m.querySelector('.modal-close').click();
      return true;
    },
    toasts: function () {
      return all('.toast').map(function (t) {
        return { text: t.querySelector('.toast-message').textContent, showing: !t.hidden, danger: attr(t, 'data-danger') === 'true',
          queued: attr(t, 'data-queued') === 'true', discarded: attr(t, 'data-discarded') === 'true',
          position: attr(t, 'data-position'), plugin: attr(t, 'data-plugin'), seq: +attr(t, 'data-toast') };
      });
    },
    widgets: function () {
      return all('.widget').map(function (w) {
        return { title: attr(w, 'data-title'), type: attr(w, 'data-widget-type'), visible: attr(w, 'data-visible') === 'true',
          plugin: attr(w, 'data-plugin') };
      });
    },
    closeWidget: function (title) {
      var w = all('.widget').filter(function (x) { return attr(x, 'data-title') === title; })[0];
      if (!w) return false;
      w.querySelector('.widget-close').click();
      return true;
    },
    describe: function (node, what) {
      var button = node.closest('[data-position][data-element]');
      if (button && what === 'click' && !button.classList.contains('toast') && !button.classList.contains('widget')) {
        var d = describe(button);
        var step = { button: d.text, position: d.position };
        if (d.participant) step.participant = d.participant;
        var g = node.closest('.group-item');
        if (g) step.group = attr(g, 'data-tooltip');
        else if (d.group.length) return false;  // opening a group: the item clicked next is the step
        return { message: 'clicked the ' + d.position + ' button "' + d.text + '"', step: { click: step } };
      }
      var modal = node.closest('.modal');
      if (modal) {
        var action = node.closest('[data-action]');
        if (action && what === 'click') {
          return { message: 'answered "' + attr(action, 'data-action') + '"', step: { answer: { prompt: attr(modal, 'data-title'), action: attr(action, 'data-action') } } };
        }
        if (what === 'click' && node.closest('button[type=submit]')) {
          var values = {};
          all('.field', modal).forEach(function (f) {
            var type = attr(f, 'data-type');
            var key = attr(f, 'data-field');
            if (type === 'checklist') all('input:checked', f).forEach(function (c) { (values[key] = values[key] || []).push(c.value); });
            else if (type === 'radio') { var c = f.querySelector('input:checked'); if (c) values[key] = c.value; }
            else values[key] = f.querySelector('input, textarea, select').value;
          });
          return { message: 'submitted "' + attr(modal, 'data-title') + '"', step: { submit: { form: attr(modal, 'data-title'), values: values } } };
        }
        return false;  // typing into a form: the submit step carries the values
      }
      return false;  // the app's own chrome: not a plugin's behaviour
    }
  });
})();
