/* The harness: the checks and the recorder that judge a plugin, in a JavaScript world of their own.

   It shares the page's DOM but none of its JavaScript: a plugin that patches Document.prototype.querySelectorAll,
   replaces the host's functions or listens for our events changes nothing here. The workbench evaluates WBH.* in
   this world and reads the answers directly; the recorder reports on a channel whose secret (__WB_HARNESS_TOKEN__)
   only this world knows. Host pages add their own checks with WBH.extend(name, object). */
(function () {
  'use strict';
  var TOKEN = '__WB_HARNESS_TOKEN__';
  var GESTURE = '__WB_GESTURE__';
  var PREFIX = '\u0001wb:';
  var debug = console.debug.bind(console);

  function report(kind, data) {
    try { debug(PREFIX + TOKEN + JSON.stringify({ kind: kind, data: data })); } catch (e) { /* never break */ }
  }

  function all(selector) {
    try { return { nodes: Array.prototype.slice.call(document.querySelectorAll(selector)) }; } catch (e) {
      return { error: 'bad selector: ' + e.message };
    }
  }

  function textOf(el) {
    return String(el.innerText || el.textContent || ('value' in el ? el.value : '') || '').trim();
  }

  function visible(el) {
    if (!el.isConnected) return false;
    var style = window.getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    return !el.closest('[hidden]');
  }

  function setValue(el, value) {
    if (el.isContentEditable) { el.textContent = value; return; }
    if (el.type === 'checkbox' || el.type === 'radio') { el.checked = value === true || value === 'true' || value === 'on'; return; }
    // Through the prototype's setter, as a user's typing does (frameworks watch the native value).
    var proto = Object.getPrototypeOf(el);
    var desc = null;
    while (proto && !desc) { desc = Object.getOwnPropertyDescriptor(proto, 'value'); proto = Object.getPrototypeOf(proto); }
    if (desc && desc.set) desc.set.call(el, value); else el.value = value;
  }

  function announce(what) {
    window.dispatchEvent(new CustomEvent('\u0001wb-gesture', { detail: GESTURE + ':' + what }));
  }

  var WBH = {
    extensions: {},
    /* A click that stands for the user's (a user gesture to the page: fullscreen may be requested during it). */
    userClick: function (el) {
      if (el.scrollIntoView) el.scrollIntoView({ block: 'nearest' });
      announce('start');
      try { el.click(); } finally { announce('end'); }
    },
    extend: function (name, object) { WBH.extensions[name] = object; },
    /* Texts of every element matching a selector (or {error}). */
    query: function (selector) {
      var r = all(selector);
      if (r.error) return { error: r.error };
      return { texts: r.nodes.map(textOf), visible: r.nodes.map(visible) };
    },
    click: function (selector) {
      var r = all(selector);
      if (r.error) return r.error;
      if (!r.nodes.length) return '';
      WBH.userClick(r.nodes[0]);
      return 'ok';
    },
    fill: function (selector, value) {
      var r = all(selector);
      if (r.error) return r.error;
      if (!r.nodes.length) return '';
      var el = r.nodes[0];
      if (el.focus) el.focus();
      setValue(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return 'ok';
    },
    // -- recorder: every trusted click and change is described; the workbench keeps them while it records --------
    recording: true,
    record: function (on) { WBH.recording = !!on; return WBH.recording; },
    /* A selector that names an element for a recorded step: its id, else a path of classes under an id. */
    selectorFor: function (el) {
      if (el.id) return '#' + CSS.escape(el.id);
      var parts = [];
      var node = el;
      while (node && node.nodeType === 1 && parts.length < 4) {
        if (node.id) { parts.unshift('#' + CSS.escape(node.id)); break; }
        var part = node.tagName.toLowerCase();
        var name = node.getAttribute('name');
        if (name) part += '[name="' + name.replace(/"/g, '\\"') + '"]';
        else if (node.classList.length) part += '.' + Array.prototype.map.call(node.classList, CSS.escape).join('.');
        parts.unshift(part);
        node = node.parentElement;
      }
      return parts.join(' > ');
    },
    describe: function (el, what) {
      var names = Object.keys(WBH.extensions);
      for (var i = 0; i < names.length; i++) {
        var ext = WBH.extensions[names[i]];
        if (ext.describe) {
          var d = ext.describe(el, what);
          if (d) return d;
        }
      }
      return null;
    }
  };

  document.addEventListener('click', function (ev) {
    if (!WBH.recording || !ev.isTrusted || !ev.target || !ev.target.closest) return;
    var d = WBH.describe(ev.target, 'click');
    if (d === false) return;
    var target = ev.target.closest('button, a, input, select, textarea, [role=button], [onclick], [id]') || ev.target;
    report('recorded', d || { message: 'clicked ' + WBH.selectorFor(target), step: { click: { selector: WBH.selectorFor(target) } } });
  }, true);
  document.addEventListener('change', function (ev) {
    var t = ev.target;
    if (!WBH.recording || !ev.isTrusted || !t || !('value' in t)) return;
    var d = WBH.describe(t, 'fill');
    if (d === false) return;
    var sel = WBH.selectorFor(t);
    report('recorded', d || { message: 'filled ' + sel, step: { fill: { selector: sel, value: String(t.value) } } });
  }, true);

  Object.defineProperty(window, 'WBH', { value: WBH, writable: false, configurable: false });
})();
