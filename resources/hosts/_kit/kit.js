/* The host kit: the JavaScript every emulated host page shares, injected before any page or plugin script runs.

   It gives the host page one channel to the workbench (reports, calls with replies, the typed "ready" message), a safe
   serializer, and the capture of uncaught errors and network attempts. Everything it needs from the page's globals is
   taken now, before plugin code can patch them; the report channel carries a per-page secret, so a page script can
   neither silence nor forge it. The checks that judge a plugin do not live here: they run in an isolated world
   (harness.js). In a plugin's own frame (not the top page) only error capture and network logging are installed.
   The workbench fills in the page's secrets (the report token, the gesture token) when it injects the file. */
(function () {
  'use strict';
  var TOKEN = '__WB_TOKEN__';
  var PREFIX = '\u0001wb:';
  var global = window;
  // Primordials: what a plugin may later replace on the globals.
  var debug = console.debug.bind(console);
  var stringify = JSON.stringify;
  var parse = JSON.parse;
  var ObjectKeys = Object.keys;
  var defineProperty = Object.defineProperty;
  var freeze = Object.freeze;
  var isArray = Array.isArray;
  var NodeCtor = global.Node;
  var ErrorCtor = Error;
  var StringCtor = String;
  var PromiseCtor = Promise;
  var addListener = EventTarget.prototype.addEventListener;
  var apply = Function.prototype.apply;
  var call = Function.prototype.call;
  var MAX_TEXT = 65536;
  // What one report may hold in all: values shared many times over (a wide tree of the same arrays) would otherwise
  // expand past any memory, and a call must reach the workbench in the time it takes, not hang the page.
  var MAX_NODES = 100000;
  var MAX_CHARS = 2000000;

  function safeCall(fn, self, args) { return apply.call(fn, self, args); }

  /* JSON that survives what plugins hand the host: cycles, DOM nodes, functions, huge strings, throwing getters. */
  function serialize(value, depth) {
    var seen = [];
    var limit = depth === undefined ? 12 : depth;
    var nodes = 0, chars = 0;
    function cut(text) {
      text = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) + '…' : text;
      chars += text.length;
      return text;
    }
    function walk(v, d) {
      if (v === undefined || v === null) return null;
      if (++nodes > MAX_NODES || chars > MAX_CHARS) return '[…]';
      var t = typeof v;
      if (t === 'string') return cut(v);
      if (t === 'number') return isFinite(v) ? v : StringCtor(v);
      if (t === 'boolean') return v;
      if (t === 'bigint' || t === 'symbol') return cut(StringCtor(v));
      if (t === 'function') return cut('<function' + (v.name ? ' ' + StringCtor(v.name) : '') + '>');
      if (NodeCtor && v instanceof NodeCtor) return '<' + StringCtor(v.nodeName || 'node').toLowerCase() + '>';
      if (d > limit) return '[…]';
      for (var i = 0; i < seen.length; i++) if (seen[i] === v) return '[Circular]';
      seen.push(v);
      var out;
      try {
        if (isArray(v)) {
          out = [];
          for (var j = 0; j < v.length && j < 10000; j++) out.push(walk(v[j], d + 1));
        } else if (v instanceof ErrorCtor) {
          out = { name: cut(StringCtor(v.name)), message: cut(StringCtor(v.message)), stack: cut(StringCtor(v.stack || '')) };
        } else {
          out = {};
          var keys = ObjectKeys(v);
          for (var k = 0; k < keys.length && k < 10000; k++) {
            var value;
            try { value = v[keys[k]]; } catch (e) { value = '<getter threw>'; }
            out[cut(keys[k])] = walk(value, d + 1);
          }
        }
      } catch (e) {
        out = '<unserializable>';
      }
      seen.pop();
      return out;
    }
    return stringify(walk(value, 0));
  }

  function report(kind, data) {
    var text;
    try { text = serialize({ kind: kind, data: data === undefined ? {} : data }); } catch (e) {
      text = stringify({ kind: kind, data: { message: 'unserializable report' } });
    }
    debug(PREFIX + TOKEN + text);
  }

  function errorInfo(err, where) {
    var e = err;
    if (!(e instanceof ErrorCtor)) {
      var text;
      // A plain object thrown or rejected (a plugin-api `{reason}`) reads better as JSON than as [object Object].
      try { text = e !== null && typeof e === 'object' ? serialize(e, 4) : StringCtor(e); } catch (x) { text = '<unprintable value>'; }
      e = { name: '', message: text, stack: '' };
    }
    var message;
    try { message = StringCtor(e.message); } catch (x) { message = '<unprintable message>'; }
    var name = '';
    try { name = e.name && e.name !== 'Error' ? StringCtor(e.name) + ': ' : ''; } catch (x) { name = ''; }
    var stack = '';
    try { stack = StringCtor(e.stack || ''); } catch (x) { stack = ''; }
    var info = { message: name + message, stack: stack.slice(0, 20000) };
    if (where) { info.url = where.url || ''; info.line = where.line || 0; info.column = where.column || 0; }
    return info;
  }

  var errorHooks = [];
  function reportError(err, where) {
    var info = errorInfo(err, where);
    report('error', info);
    for (var i = 0; i < errorHooks.length; i++) {
      try { errorHooks[i](info); } catch (e) { /* a hook must not hide the error */ }
    }
    return info;
  }

  // Uncaught errors and rejections, first in line (capture phase, registered before any page script).
  safeCall(addListener, global, ['error', function (ev) {
    if (ev.target && ev.target !== global && ev.target.tagName) return;  // a resource that failed: loaders report it
    reportError(ev.error || ev.message, { url: ev.filename, line: ev.lineno, column: ev.colno });
  }, true]);
  safeCall(addListener, global, ['unhandledrejection', function (ev) {
    var r = ev.reason;
    reportError(r instanceof ErrorCtor ? r : new ErrorCtor('Unhandled promise rejection: ' + serialize(r)));
  }, true]);

  // Network attempts the request interceptor never sees: logged here, refused by the browser's policy and the
  // workbench's egress proxy whatever this frame does.
  function wrapNetworkConstructor(name, describe) {
    var Original = global[name];
    if (typeof Original !== 'function') return;
    var Wrapped = function () {
      var args = arguments;
      try { report('network-attempt', describe(args)); } catch (e) { /* logging only */ }
      return Reflect.construct(Original, args, new.target || Wrapped);
    };
    Wrapped.prototype = Original.prototype;
    try { defineProperty(global, name, { value: Wrapped, writable: true, configurable: true }); } catch (e) { /* keep */ }
  }
  wrapNetworkConstructor('RTCPeerConnection', function (args) {
    var config = args[0] || {};
    var servers = [];
    try {
      (config.iceServers || []).forEach(function (s) {
        var urls = isArray(s.urls) ? s.urls : [s.urls || s.url];
        urls.forEach(function (u) { servers.push(StringCtor(u)); });
      });
    } catch (e) { servers.push('<unreadable iceServers>'); }
    return { api: 'RTCPeerConnection', urls: servers };
  });
  wrapNetworkConstructor('WebTransport', function (args) { return { api: 'WebTransport', urls: [StringCtor(args[0])] }; });

  if (global !== global.top) return;  // a plugin's own frame: no host channel here

  // -- fullscreen from a scenario's click ----------------------------------------------------------------------------
  // A scenario's click stands for the user's: the harness announces it (with this page's gesture secret) around the
  // click, and a requestFullscreen() made during it, which the browser would refuse for want of a real user gesture,
  // is honoured here instead (document.fullscreenElement, fullscreenchange, the promise resolves). Any other call keeps
  // the browser's answer: a real click in the preview is a real gesture; a call from a timer is refused as in the app.
  var GESTURE = '__WB_GESTURE__';
  var gestures = 0;
  safeCall(addListener, global, ['\u0001wb-gesture', function (ev) {
    if (ev.detail === GESTURE + ':start') gestures += 1;
    else if (ev.detail === GESTURE + ':end') gestures = gestures > 0 ? gestures - 1 : 0;
    ev.stopImmediatePropagation();
  }, true]);
  (function emulateFullscreen() {
    var ElementProto = global.Element.prototype, DocumentProto = global.Document.prototype;
    var request = ElementProto.requestFullscreen, exit = DocumentProto.exitFullscreen;
    var current = Object.getOwnPropertyDescriptor(DocumentProto, 'fullscreenElement');
    var dispatch = EventTarget.prototype.dispatchEvent, EventCtor = global.Event;
    if (typeof request !== 'function' || !current || !current.get) return;
    var emulated = null;
    function changed(el) { try { safeCall(dispatch, el, [new EventCtor('fullscreenchange', { bubbles: true })]); } catch (e) { /* */ } }
    defineProperty(ElementProto, 'requestFullscreen', { configurable: true, writable: true,
      value: function requestFullscreen(options) {
        var el = this;
        // During a scenario's click the browser would refuse (no real gesture) and say so in the console, which the
        // app never shows for a click: the request is granted here without asking the browser.
        if (gestures > 0 && el && el.isConnected) { emulated = el; changed(el); return PromiseCtor.resolve(); }
        return safeCall(request, el, [options]);
      } });
    defineProperty(DocumentProto, 'exitFullscreen', { configurable: true, writable: true,
      value: function exitFullscreen() {
        if (!emulated) return safeCall(exit, this, []);
        var el = emulated;
        emulated = null;
        changed(el);
        return PromiseCtor.resolve();
      } });
    defineProperty(DocumentProto, 'fullscreenElement', { configurable: true, enumerable: true,
      get: function () { return emulated && emulated.isConnected ? emulated : safeCall(current.get, this, []); } });
  })();

  // -- the host page's channel ---------------------------------------------------------------------------------------
  var pending = {};
  var nextId = 0;
  var handlers = {};

  function callHost(name, args) {
    return new PromiseCtor(function (resolve) {
      var id = ++nextId;
      pending[id] = resolve;
      report('call', { id: id, name: StringCtor(name), args: args === undefined ? [] : args });
    });
  }

  var kit = {
    serialize: serialize,
    report: report,
    reportError: reportError,
    /* A call to the workbench: a promise of its reply. */
    call: callHost,
    /* Run a plugin's function as the host does: what it throws is the plugin's uncaught error. */
    guard: function (fn, self, args) {
      if (typeof fn !== 'function') return undefined;
      try { return safeCall(fn, self, args || []); } catch (e) { reportError(e); return undefined; }
    },
    onError: function (fn) { if (typeof fn === 'function') errorHooks.push(fn); },
    /* Python -> page: the workbench delivers messages by name to the handler the host page registered. */
    on: function (name, fn) { handlers[StringCtor(name)] = fn; },
    deliver: function (name, json) {
      var fn = handlers[name];
      if (typeof fn !== 'function') return false;
      try { fn(parse(json)); } catch (e) { reportError(e); }
      return true;
    },
    reply: function (id, json) {
      var resolve = pending[id];
      if (!resolve) return;
      delete pending[id];
      var value = null;
      try { value = parse(json); } catch (e) { value = null; }
      resolve(value);
    },
    /* The typed ready message: the host page is loaded with its plugins. */
    ready: function (info) { report('ready', info || {}); }
  };
  defineProperty(global, 'WBKit', { value: freeze(kit), writable: false, configurable: false, enumerable: false });
})();
