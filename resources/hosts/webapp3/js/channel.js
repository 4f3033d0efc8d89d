/* The app's side of @pexip/plugin-api's postMessage protocol (Channel in the package).

   A plugin page posts {rpc, id, chanId, payload} to its parent; the app answers {rpc, chanId, replyTo, payload} and
   sends events as {event, payload, chanId}. A page may open several channels (a plugin and its widgets, each with a
   chanId of its own, after 'syn' or 'syn:widget'). Messages are taken only from the iframes the app made, every
   call is handed to the workbench first (it checks the payload, keeps the log and decides the reply), and only the
   RPC names of the package are answered. */
(function (global) {
  'use strict';
  var WA3 = global.WA3 = global.WA3 || {};
  var frames = [];      // {key, kind: 'plugin'|'widget', frame, widgetId?}
  var channels = {};    // chanId -> {key, kind, window, widgetId}
  var handlers = {};    // rpc -> function (chan, payload, decided) -> reply, for RPCs the page renders
  var queue = Promise.resolve();

  function frameOf(source) {
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].frame.contentWindow === source) return frames[i];
    }
    return null;
  }

  /* Dates cross postMessage as Date objects (structured clone): the workbench sends ISO strings for `at`/`startAt`. */
  function revive(value) {
    if (Array.isArray(value)) return value.map(revive);
    if (value && typeof value === 'object') {
      var out = {};
      Object.keys(value).forEach(function (k) {
        var v = value[k];
        out[k] = (k === 'at' || k === 'startAt') && typeof v === 'string' ? new Date(v) : revive(v);
      });
      return out;
    }
    return value;
  }

  function post(win, message) {
    try { win.postMessage(message, '*'); } catch (e) { WBKit.report('warning', { message: 'could not post to a plugin: ' + e }); }
  }

  WA3.addFrame = function (key, kind, frame, widgetId) {
    frames.push({ key: key, kind: kind, frame: frame, widgetId: widgetId || null });
  };
  WA3.removeFrame = function (frame) {
    frames = frames.filter(function (f) { return f.frame !== frame; });
    Object.keys(channels).forEach(function (id) {
      if (channels[id].frame === frame) delete channels[id];
    });
  };
  WA3.on = function (rpc, fn) { handlers[rpc] = fn; };

  WA3.reply = function (chan, call, payload) {
    post(chan.window, { rpc: call.rpc, chanId: call.chanId, replyTo: call.id, payload: payload });
  };
  WA3.send = function (chan, event, payload) {
    post(chan.window, { event: event, payload: revive(payload), chanId: chan.chanId });
  };
  /* An event for every open channel (or those of one plugin). */
  WA3.broadcast = function (event, payload, key) {
    Object.keys(channels).forEach(function (id) {
      var chan = channels[id];
      if (key === undefined || chan.key === key) WA3.send(chan, event, payload);
    });
  };
  WA3.channelsOf = function (key) {
    return Object.keys(channels).map(function (id) { return channels[id]; }).filter(function (c) { return c.key === key; });
  };

  function onMessage(ev) {
    var data = ev.data;
    if (!data || typeof data !== 'object' || typeof data.rpc !== 'string' || typeof data.chanId !== 'string' ||
        typeof data.id !== 'string') return;
    var from = frameOf(ev.source);
    if (!from) return;  // not one of the app's plugin iframes
    var chan = channels[data.chanId];
    var opening = data.rpc === 'syn' || data.rpc === 'syn:widget';
    if (!chan && !opening) {
      WBKit.report('warning', { message: 'a ' + data.rpc + ' call came before registerPlugin on channel ' + data.chanId +
        ': the app ignores it', plugin: from.key });
      return;
    }
    if (chan && chan.window !== ev.source) return;  // another frame cannot speak on this channel
    WA3.lastActivity = Date.now();
    var call = { rpc: data.rpc, id: data.id, chanId: data.chanId, payload: data.payload };
    queue = queue.then(function () { return handle(from, chan, call, ev.source); });
  }

  function handle(from, chan, call, source) {
    var key = from.key;
    return WBKit.call('rpc', [key, from.kind, from.widgetId, call.rpc, call.payload === undefined ? null : call.payload])
      .then(function (decided) {
        decided = decided || {};
        if (call.rpc === 'syn' || call.rpc === 'syn:widget') {
          if (decided.reply && decided.reply.ack) {
            chan = channels[call.chanId] = { chanId: call.chanId, key: key, kind: from.kind, window: source,
              frame: from.frame, widgetId: from.widgetId };
          }
          WA3.reply({ window: source }, call, decided.reply || { ack: false, reason: 'not registered' });
          if (decided.reply && decided.reply.ack && WA3.onRegistered) WA3.onRegistered(chan, decided);
          return;
        }
        var reply = decided.reply;
        if (decided.render && handlers[call.rpc]) {
          try {
            reply = handlers[call.rpc](chan, call.payload, decided.render);
          } catch (e) {
            WBKit.report('warning', { message: 'the page could not render ' + call.rpc + ': ' + e });
            reply = { status: 'failed', reason: String(e), id: decided.render.id || '' };
          }
        }
        if (reply === undefined) return;  // the RPC answers nothing (never happens in the package's protocol)
        WA3.reply(chan, call, reply);
      });
  }

  global.addEventListener('message', onMessage);
})(window);
