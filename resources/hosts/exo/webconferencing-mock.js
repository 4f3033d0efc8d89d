/*
 * A mock of the eXo Web Conferencing core (`webConferencing`) for previewing connectors.
 * Every call a connector makes is reported to the workbench log through ExoHost.report() (the host kit's channel).
 * Calls, users, spaces and rooms live in memory; the host page (exo-host.js) feeds them.
 */
(function (window, $) {
  "use strict";

  var host = window.ExoHost = window.ExoHost || {};
  var reportQueue = host.queue = host.queue || [];

  /** Send one log entry to the workbench (through the host kit). */
  host.report = host.report || function (kind, data) {
    reportQueue.push({kind: kind, data: data});
    window.WBKit.report(kind, clone(data));
  };

  /** JSON replacer that turns DOM nodes, jQuery objects, windows and functions into short labels. */
  function safeReplacer() {
    var seen = [];
    return function (key, value) {
      if (typeof value === "function") { return "function " + (value.name || "anonymous") + "()"; }
      if (value && typeof value === "object") {
        if (value === window || (value.window === value)) { return "[window]"; }
        if (value.jquery) { return "[jQuery " + value.length + "]"; }
        if (value.nodeType) { return "<" + String(value.nodeName).toLowerCase() + ">"; }
        if (typeof value.promise === "function" && typeof value.state === "function") {
          return "[promise " + value.state() + "]";
        }
        if (seen.indexOf(value) >= 0) { return "[circular]"; }
        seen.push(value);
      }
      return value;
    };
  }
  host.safeReplacer = safeReplacer;

  function clone(value) {
    try { return JSON.parse(JSON.stringify(value === undefined ? null : value, safeReplacer())); } catch (e) { return String(value); }
  }

  function logCall(name, args, result) {
    host.report("api-call", {name: name, args: clone(Array.prototype.slice.call(args)), result: clone(result)});
  }

  function later(fn) { window.setTimeout(fn, 0); }  // core answers arrive asynchronously, as over CometD
  function resolved() { var d = $.Deferred(), a = arguments; later(function () { d.resolve.apply(d, a); }); return d.promise(); }
  function rejected(err) { var d = $.Deferred(); later(function () { d.reject(err); }); return d.promise(); }
  function notFound(what) { return {code: "NOT_FOUND_ERROR", message: what + " not found"}; }

  var state = host.state = {
    user: null,            // the current user (with imAccounts)
    users: {},             // id -> user
    spaces: {},            // id -> space
    rooms: {},             // id -> room
    calls: {},             // id -> call
    statuses: {},          // user id -> 'available' | 'away' | 'donotdisturb' | 'offline'
    providers: [],
    initializers: {},      // type -> $.Deferred resolved with the initialised provider
    userListeners: {},     // user id -> [{onUpdate, onError}]
    callListeners: {},     // call id -> [{onUpdate, onError}]
    logs: {}
  };

  function Logger(prefix) {
    var self = this;
    ["trace", "debug", "info", "warn", "error"].forEach(function (level) {
      self[level] = function (msg, err) {
        var text = "[" + prefix + "] " + msg + (err ? " " + (err.message || JSON.stringify(err, safeReplacer())) : "");
        host.report("console", {level: level, message: text});
        return self;
      };
    });
    this.prefix = function () { return self; };
    this.get = function () { return self; };
  }

  function userOf(id) {
    return typeof id === "object" && id ? id : state.users[id] || null;
  }

  function participantsOf(info) {
    var list = info && info.participants;
    if (typeof list === "string") { list = list ? list.split(";") : []; }
    return (list || []).map(function (p) {
      var id = typeof p === "object" ? p.id : p;
      var u = state.users[id] || {id: id, title: id};
      return {id: u.id, title: u.title, type: "user", state: "leaved"};
    });
  }

  function ownerOf(id, type) {
    if (type === "space" && state.spaces[id]) { var s = state.spaces[id]; return {id: s.id, title: s.title, type: "space", group: true}; }
    if (type === "chat_room" && state.rooms[id]) { var r = state.rooms[id]; return {id: r.id, title: r.title, type: "chat_room", group: true}; }
    var u = state.users[id] || {id: id, title: id};
    return {id: u.id, title: u.title, type: "user", group: false, profileLink: "/portal/profile/" + u.id,
            avatarLink: u.avatarLink || "/eXoSkin/skin/images/system/UserAvtDefault.png"};
  }

  /** Deliver an update to the listeners of a user (as CometD would). */
  host.notifyUser = function (userId, update) {
    (state.userListeners[userId] || []).forEach(function (l) {
      try { l.onUpdate(update); } catch (e) { host.reportError(e); }
    });
    return (state.userListeners[userId] || []).length;
  };

  host.notifyCall = function (callId, update) {
    (state.callListeners[callId] || []).forEach(function (l) {
      try { l.onUpdate(update); } catch (e) { host.reportError(e); }
    });
  };

  host.reportError = function (e) { window.WBKit.reportError(e); };

  function initProvider(provider) {
    var type = provider.getType ? provider.getType() : provider.getSupportedTypes()[0];
    var initializer = state.initializers[type] = state.initializers[type] || $.Deferred();
    var settings = host.providerConfig || {};
    if (settings.active === false) {
      host.report("warning", {message: "provider " + type + " is not active in its configuration (active=false): not initialised"});
      host.failed("provider " + type + " is not active");
      return;
    }
    if (typeof provider.init !== "function") {
      provider.isInitialized = true;
      initializer.resolve(provider);
      host.providerReady(provider);
      return;
    }
    var result;
    try {
      result = provider.init(host.initContext());
    } catch (e) {
      host.reportError(e);
      host.failed("init(context) of provider " + type + " threw");
      return;
    }
    if (!result || typeof result.then !== "function") {
      host.report("error", {message: "init(context) of provider " + type + " must return a promise (e.g. a jQuery Deferred's promise()), it returned " + typeof result});
      host.failed("init(context) returned no promise");
      return;
    }
    result.then(function () {
      provider.isInitialized = true;
      host.report("host", {message: "provider " + type + " initialised"});
      initializer.resolve(provider);
      host.providerReady(provider);
    }, function (err) {
      host.report("error", {message: "init(context) of provider " + type + " failed: " + (err && err.message || err)});
      host.failed("init(context) of provider " + type + " failed");
    });
  }

  var wc = {
    init: function (user, context) {
      logCall("init", arguments);
      if (user) { state.user = user; }
      state.providers.forEach(function (p) { if (!p.isInitialized) { initProvider(p); } });
    },
    getUser: function () { logCall("getUser", arguments, state.user && state.user.id); return state.user; },
    getBaseUrl: function () { var url = window.location.origin; logCall("getBaseUrl", arguments, url); return url; },
    getCurrentSpaceId: function () { logCall("getCurrentSpaceId", arguments, host.currentSpaceId || null); return host.currentSpaceId || null; },
    getCurrentRoomTitle: function () { logCall("getCurrentRoomTitle", arguments, null); return null; },
    getLog: function (type) {
      logCall("getLog", arguments);
      return state.logs[type] = state.logs[type] || new Logger(type || "webconferencing");
    },
    addProvider: function (provider) {
      var missing = ["getSupportedTypes", "getTitle", "callButton"].filter(function (m) {
        return !(provider && typeof provider[m] === "function" && Object.prototype.hasOwnProperty.call(provider, m));
      });
      if (missing.length) {
        var onPrototype = missing.filter(function (m) { return provider && typeof provider[m] === "function"; });
        var msg = "addProvider: not a provider object, missing own " + (missing.length > 1 ? "properties " : "property ") + missing.join(", ") +
          (onPrototype.length ? " (" + onPrototype.join(", ") + " found on the prototype: assign them in the constructor, e.g. this.callButton = function(context) {...})" : "");
        logCall("addProvider", [provider ? "[" + (provider.getType ? "provider" : typeof provider) + "]" : provider], false);
        host.report("error", {message: msg});
        if (host.failed) { host.failed("the provider was refused"); }
        return;
      }
      logCall("addProvider", [provider.getType ? provider.getType() : provider.getTitle()]);
      if (state.providers.indexOf(provider) < 0) { state.providers.push(provider); }
      if (state.user && !provider.isInitialized) { initProvider(provider); }
    },
    findProvider: function (type) {
      var found = null;
      state.providers.forEach(function (p) { if (!found && p.getSupportedTypes().indexOf(type) >= 0) { found = p; } });
      logCall("findProvider", arguments, found ? found.getType() : null);
      return found;
    },
    getProvider: function (type) {
      logCall("getProvider", arguments);
      var initializer = state.initializers[type] = state.initializers[type] || $.Deferred();
      return initializer.promise();
    },
    imAccount: function (user, type) {
      var u = userOf(user);
      var ims = u && u.imAccounts && u.imAccounts[type];
      var account = ims && ims.length ? ims[0] : null;
      logCall("imAccount", [u ? u.id : user, type], account);
      return account;
    },
    getUserInfo: function (id) {
      logCall("getUserInfo", arguments);
      return state.users[id] ? resolved(state.users[id]) : rejected(notFound("User " + id));
    },
    getSpaceInfo: function (id) {
      logCall("getSpaceInfo", arguments);
      return state.spaces[id] ? resolved(state.spaces[id]) : rejected(notFound("Space " + id));
    },
    getRoomInfo: function (id) {
      logCall("getRoomInfo", arguments);
      return state.rooms[id] ? resolved(state.rooms[id]) : rejected(notFound("Room " + id));
    },
    getCall: function (id) {
      var call = state.calls[id];
      logCall("getCall", arguments, call ? {id: id} : notFound("Call " + id));
      return call ? resolved(call) : rejected(notFound("Call " + id));
    },
    addCall: function (id, info) {
      info = info || {};
      var call = {
        id: id, providerType: info.provider, title: info.title, state: "started",
        owner: ownerOf(info.owner, info.ownerType), ownerType: info.ownerType,
        participants: participantsOf(info), startDate: new Date().toISOString()
      };
      state.calls[id] = call;
      logCall("addCall", arguments, {id: id});
      host.callsChanged();
      return resolved(call);
    },
    updateCall: function (id, stateInfo) {
      logCall("updateCall", arguments);
      var call = state.calls[id];
      if (!call) { return rejected(notFound("Call " + id)); }
      if (typeof stateInfo === "string") { call.state = stateInfo; } else if (stateInfo) { $.extend(call, stateInfo); }
      else { return rejected("Call update requires a state or information"); }
      host.callsChanged();
      host.notifyCall(id, {eventType: "call_state", callState: call.state, callId: id});
      return resolved(call);
    },
    updateUserCall: function (id, userState) {
      logCall("updateUserCall", arguments);
      var call = state.calls[id];
      if (!call) { return rejected(notFound("Call " + id)); }
      var me = state.user && state.user.id;
      call.participants.forEach(function (p) { if (p.id === me) { p.state = userState; } });
      host.callsChanged();
      return resolved(call);
    },
    deleteCall: function (id) {
      logCall("deleteCall", arguments);
      if (!state.calls[id]) { return rejected(notFound("Call " + id)); }
      delete state.calls[id];
      host.callsChanged();
      return resolved({id: id});
    },
    getUserGroupCalls: function () {
      logCall("getUserGroupCalls", arguments);
      var list = Object.keys(state.calls).map(function (k) { return state.calls[k]; })
        .filter(function (c) { return c.owner && c.owner.group; })
        .map(function (c) { return {id: c.id, providerType: c.providerType, state: c.state}; });
      return resolved(list);
    },
    getUserStatus: function (userId) {
      logCall("getUserStatus", arguments);
      return resolved({id: userId, status: state.statuses[userId] || "available"});
    },
    onUserUpdate: function (userId, onUpdate, onError) {
      logCall("onUserUpdate", arguments);
      (state.userListeners[userId] = state.userListeners[userId] || []).push({onUpdate: onUpdate, onError: onError});
      return {off: function () {
        state.userListeners[userId] = (state.userListeners[userId] || []).filter(function (l) { return l.onUpdate !== onUpdate; });
      }};
    },
    onCallUpdate: function (callId, onUpdate, onError) {
      logCall("onCallUpdate", arguments);
      (state.callListeners[callId] = state.callListeners[callId] || []).push({onUpdate: onUpdate, onError: onError});
      return {off: function () {}};
    },
    showCallWindow: function (url, name) {
      logCall("showCallWindow", arguments);
      return host.openCallWindow(url, name);
    },
    showCallPopup: function (url, name) {
      logCall("showCallPopup", arguments);
      return host.openCallWindow(url, name);
    },
    errorText: function (err) {
      return err && err.message ? err.message : String(err);
    }
  };

  ["Info", "Warn", "Error"].forEach(function (level) {
    wc["show" + level] = function (title, text, onClose) {
      logCall("show" + level, arguments);
      host.notice(level.toLowerCase(), title, text, true);
      if (typeof onClose === "function") { later(onClose); }
    };
    wc["notice" + level] = function (title, text) {
      logCall("notice" + level, arguments);
      host.notice(level.toLowerCase(), title, text, false);
    };
  });
  wc.showConfirm = function (title, message, okText, cancelText, onOk, onCancel) {
    logCall("showConfirm", arguments);
    var answer = host.confirmAnswer !== false;  // scenarios may set ExoHost.confirmAnswer = false
    host.notice("confirm", title, message + (answer ? " (confirmed)" : " (cancelled)"), true);
    later(function () { if (answer) { onOk && onOk(); } else { onCancel && onCancel(); } });
  };

  // Hooks the host page replaces.
  host.providerReady = host.providerReady || function () {};
  host.callsChanged = host.callsChanged || function () {};
  host.notice = host.notice || function () {};
  host.openCallWindow = host.openCallWindow || function () { return null; };
  host.initContext = host.initContext || function () { return {currentUser: state.user}; };

  window.webConferencing = wc;
  window.eXo = window.eXo || {};
  window.eXo.webConferencing = wc;
})(window, window.jQuery);
