/*
 * The server side of eXo Web Conferencing as the workbench emulates it: the call store of WebConferencingService,
 * the REST answers (users, spaces, rooms, statuses, provider configurations) and the CometD channels
 * (/eXo/Application/WebConferencing/user/<id> and /call/<id>). One server per host page: the call page (a frame
 * of the host page) uses its parent's, as every eXo page talks to one server.
 */
(function (window) {
  "use strict";

  if (window.parent && window.parent !== window) {
    try {
      if (window.parent.ExoServer) { window.ExoServer = window.parent.ExoServer; return; }
    } catch (e) { /* a frame of another origin: it gets a server of its own */ }
  }

  var server = window.ExoServer = {
    users: {}, spaces: {}, rooms: {}, calls: {}, statuses: {}, invites: {},
    providersConfig: [],   // [{type, title, active, logEnabled}] as /portal/rest/webconferencing/providers/configuration
    channels: {},          // channel -> [{id, onMessage}]
    nextSubscription: 1,
    listeners: []          // host hooks told about call changes
  };

  function notFound(what, id) { return {code: "NOT_FOUND_ERROR", message: what + " not found: " + id}; }
  server.notFound = notFound;

  /** A copy, as the JSON a request would carry (callers cannot change the server's objects). */
  function copy(value) { return value === undefined ? undefined : JSON.parse(JSON.stringify(value)); }
  server.copy = copy;

  server.changed = function () {
    server.listeners.forEach(function (fn) { try { fn(); } catch (e) { /* a host hook */ } });
  };

  // ---- CometD channels -----------------------------------------------------------------------------------------
  server.subscribe = function (channel, onMessage) {
    var entry = {id: server.nextSubscription++, onMessage: onMessage};
    (server.channels[channel] = server.channels[channel] || []).push(entry);
    return entry.id;
  };
  server.unsubscribe = function (channel, id) {
    server.channels[channel] = (server.channels[channel] || []).filter(function (e) { return e.id !== id; });
  };
  /** Deliver a message to a channel's subscribers (asynchronously, as CometD does); how many get it. */
  server.publish = function (channel, data) {
    var subscribers = (server.channels[channel] || []).slice();
    subscribers.forEach(function (s) { window.setTimeout(function () { s.onMessage(copy(data)); }, 0); });
    return subscribers.length;
  };
  server.userChannel = function (id) { return "/eXo/Application/WebConferencing/user/" + id; };
  server.callChannel = function (id) { return "/eXo/Application/WebConferencing/call/" + id; };

  // ---- identities ------------------------------------------------------------------------------------------------
  server.userInfo = function (id) { return server.users[id] ? copy(server.users[id]) : null; };
  server.groupInfo = function (kind, id) {
    var entity = (kind === "space" ? server.spaces : server.rooms)[id];
    return entity ? copy(entity) : null;
  };
  server.findIdentities = function (name) {
    var q = String(name || "").toLowerCase();
    var found = [];
    Object.keys(server.users).forEach(function (id) {
      var u = server.users[id];
      if (!q || id.toLowerCase().indexOf(q) >= 0 || String(u.title).toLowerCase().indexOf(q) >= 0) {
        found.push({id: id, title: u.title, type: "user", avatarLink: u.avatarLink});
      }
    });
    Object.keys(server.spaces).forEach(function (id) {
      var s = server.spaces[id];
      if (!q || id.toLowerCase().indexOf(q) >= 0 || String(s.title).toLowerCase().indexOf(q) >= 0) {
        found.push({id: id, title: s.title, type: "space"});
      }
    });
    return found;
  };

  // ---- calls (WebConferencingService) ---------------------------------------------------------------------------
  function participant(id, state) {
    var u = server.users[id] || {id: id, title: id, type: "user"};
    return {id: u.id, title: u.title, type: u.type === "guest" ? "guest" : "user", avatarLink: u.avatarLink,
            profileLink: u.profileLink, state: state || "leaved"};
  }

  function owner(id, type) {
    if (type === "space" && server.spaces[id]) {
      var s = server.spaces[id];
      return {id: s.id, title: s.title, type: "space", group: true, avatarLink: s.avatarLink};
    }
    if (type === "chat_room" && server.rooms[id]) {
      var r = server.rooms[id];
      return {id: r.id, title: r.title, type: "chat_room", group: true};
    }
    var u = server.users[id] || {id: id, title: id};
    return {id: u.id, title: u.title, type: "user", group: false, profileLink: u.profileLink, avatarLink: u.avatarLink};
  }

  function notifyParticipants(call, update, except) {
    call.participants.forEach(function (p) {
      if (p.id !== except) { server.publish(server.userChannel(p.id), update); }
    });
  }

  server.getCall = function (id) { return server.calls[id] ? copy(server.calls[id]) : null; };

  /** A new call, started (start !== false) and announced to its parties but the one who created it. */
  server.addCall = function (id, info, creator, start) {
    if (server.calls[id]) { return {error: {code: "CALL_CONFLICT_ERROR", message: "Call already exists: " + id}}; }
    var ids = info.participants;
    if (typeof ids === "string") { ids = ids ? ids.split(";") : []; }
    ids = (ids || []).map(function (p) { return typeof p === "object" && p ? p.id : p; });
    var now = new Date().toISOString();
    var call = {
      id: id, title: info.title || "", providerType: info.provider, ownerType: info.ownerType,
      owner: owner(info.owner, info.ownerType), state: start === false ? null : "started",
      participants: ids.map(function (p) { return participant(p, p === creator ? "joined" : "leaved"); }),
      startDate: info.startDate || now, endDate: info.endDate || null, lastDate: now, url: info.url || null
    };
    server.calls[id] = call;
    if (call.state === "started") {
      notifyParticipants(call, {eventType: "call_state", callState: "started", callId: id, providerType: call.providerType,
                                owner: call.owner, callerId: creator}, creator);
    }
    server.changed();
    return {call: copy(call)};
  };

  /** The `update` command: a call state (started/stopped), a user state (joined/leaved), participants or info. */
  server.updateCall = function (id, change, userId) {
    var call = server.calls[id];
    if (!call) { return {error: notFound("Call", id)}; }
    call.lastDate = new Date().toISOString();
    if (change.state === "joined" || change.state === "leaved") {
      var me = call.participants.filter(function (p) { return p.id === userId; })[0];
      if (!me) { me = participant(userId); call.participants.push(me); }
      me.state = change.state;
      if (change.state === "joined" && call.state !== "started") { call.state = "started"; }
      notifyParticipants(call, {eventType: change.state === "joined" ? "call_joined" : "call_leaved", callId: id,
                                providerType: call.providerType, part: {id: userId}}, null);
      if (change.state === "leaved" && call.owner.group &&
          !call.participants.some(function (p) { return p.state === "joined"; })) {
        call.state = "stopped";  // the last party left a group call: the server stops it
        notifyParticipants(call, {eventType: "call_state", callState: "stopped", callId: id, providerType: call.providerType}, null);
      }
    } else if (change.state) {
      call.state = change.state;
      if (change.state === "stopped") { call.participants.forEach(function (p) { p.state = "leaved"; }); }
      notifyParticipants(call, {eventType: "call_state", callState: change.state, callId: id,
                                providerType: call.providerType, owner: call.owner}, userId);
    } else if (change.participants) {
      call.participants = change.participants.map(function (p) {
        var id2 = typeof p === "object" && p ? p.id : p;
        var known = call.participants.filter(function (x) { return x.id === id2; })[0];
        return known || participant(id2);
      });
    } else if (change.info) {
      ["title", "startDate", "endDate", "url"].forEach(function (k) { if (change.info[k] !== undefined) { call[k] = change.info[k]; } });
    }
    server.changed();
    return {call: copy(call)};
  };

  server.deleteCall = function (id, userId) {
    var call = server.calls[id];
    if (!call) { return {error: notFound("Call", id)}; }
    delete server.calls[id];
    notifyParticipants(call, {eventType: "call_state", callState: "stopped", callId: id, providerType: call.providerType}, userId);
    server.changed();
    return {call: {id: id}};
  };

  server.groupCalls = function (userId) {
    return Object.keys(server.calls).map(function (k) { return server.calls[k]; }).filter(function (c) {
      return c.owner && c.owner.group && c.participants.some(function (p) { return p.id === userId; });
    }).map(function (c) { return {id: c.id, providerType: c.providerType, state: c.state}; });
  };

  server.updateInvites = function (id, invites) {
    var call = server.calls[id];
    if (!call) { return {error: notFound("Call", id)}; }
    server.invites[id] = (invites || []).slice();
    return {call: copy(call)};
  };
  server.checkInvite = function (id, inviteId, userId) {
    var list = server.invites[id] || [];
    var allowed = list.some(function (i) { return i && (i.id === userId || i.id === inviteId); });
    return {allowed: !!allowed};
  };
  server.addGuest = function (id, guestId) {
    var call = server.calls[id];
    if (!call) { return {error: notFound("Call", id)}; }
    call.participants.push({id: guestId, title: guestId, type: "guest", state: "leaved"});
    server.changed();
    return {call: copy(call)};
  };

  // ---- provider configurations (the admin's switch) ---------------------------------------------------------------
  server.providerConfig = function (type) {
    return server.providersConfig.filter(function (c) { return c.type === type; })[0] || null;
  };
})(window);
