/*
 * The eXo Web Conferencing core module (`webConferencing`, eXo.webConferencing) as the workbench emulates it: the
 * public surface of the real webconferencing.js (web-conferencing 1.x to 2.x, see docs/exo-webconferencing-emulation.md),
 * every function logged, against the emulated server of exo-server.js instead of REST and CometD.
 */
(function (window, $) {
  "use strict";

  var server = window.ExoServer;
  var inFrame = window.parent && window.parent !== window;
  var host = window.ExoHost = window.ExoHost || {};

  // A call page is a frame of the host page: it reports through the host page's channel (frames get none).
  var kit = window.WBKit;
  if (!kit && inFrame) { try { kit = window.parent.WBKit; } catch (e) { kit = null; } }

  function report(kind, data) {
    if (inFrame) { data.page = "call"; }
    if (kit) { kit.report(kind, data); }
  }
  host.report = host.report || report;

  /** JSON replacer that turns DOM nodes, jQuery objects, windows, promises and functions into short labels. */
  function safeReplacer() {
    var seen = [];
    return function (key, value) {
      if (typeof value === "function") { return "function " + (value.name || "anonymous") + "()"; }
      if (value && typeof value === "object") {
        if (value === window || value.window === value) { return "[window]"; }
        if (value.jquery) { return "[jQuery " + value.length + "]"; }
        if (value.nodeType) { return "<" + String(value.nodeName).toLowerCase() + ">"; }
        if (typeof value.promise === "function" && typeof value.state === "function") { return "[promise " + value.state() + "]"; }
        if (typeof value.then === "function") { return "[promise]"; }
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

  function later(fn) { window.setTimeout(fn, 0); }  // server answers arrive asynchronously, as over CometD and REST
  function resolvedLater(value) { var d = $.Deferred(); later(function () { d.resolve(value); }); return d.promise(); }
  function rejectedLater(err) { var d = $.Deferred(); later(function () { d.reject(err); }); return d.promise(); }
  /** A REST answer the way the core's initRequest() hands it on: (data, status, textStatus, jqXHR) or the failure. */
  function restAnswer(data, what, id) {
    var d = $.Deferred();
    later(function () {
      if (data) { d.resolve(data, 200, "success", null); } else { d.reject(server.notFound(what, id), 404, "Not Found", null); }
    });
    return d.promise({request: null});
  }
  function serverAnswer(outcome) { return outcome.error ? rejectedLater(outcome.error) : resolvedLater(outcome.call); }

  var getRandomArbitrary = function (min, max) { return Math.floor((Math.random() * (max - min - 1) + min) + 1); };
  var clientId = "" + getRandomArbitrary(100000, 999998);

  var errorText = function (err) {
    if (err) {
      if (err.message) { return err.message; }
      if (err.name) { return err.name; }
      if (err.toString && typeof err.toString === "function") { try { return err.toString(); } catch (e) { /* as the core */ } }
    }
    return err;
  };

  // ---- the logger of getLog(): browser console lines as the real core prints them, and the workbench log ----------
  function Logger(providerType, prefix) {
    var self = this;
    function toLog(level, message, err) {
      var line = message;
      if (err) { line += ". Error: " + (err.name || err.message ? (err.name ? "[" + err.name + "] " : "") + (err.message || "") : (typeof err === "string" ? err : JSON.stringify(err, safeReplacer()))); }
      var tag = "[" + (providerType || "") + (prefix ? (providerType ? "." : "") + prefix : "") + (providerType || prefix ? "" : "???") + "_" + clientId + "]";
      report("console", {level: level === "trace" ? "debug" : level, message: tag + " " + line});
    }
    ["info", "debug", "trace", "warn"].forEach(function (level) { self[level] = function (m, e) { toLog(level, m, e); }; });
    this.error = function (message, err, afterCallback) {
      toLog("error", message, err);
      if (typeof err === "function") { afterCallback = err; }
      if (typeof afterCallback === "function") { afterCallback(self.lastMessageRef()); }
    };
    this.showError = function (logMessage, err, showTitle, showMessage) {
      toLog("error", logMessage, err);
      impl.showError(showTitle, showMessage || errorText(err), self.lastMessageRef());
    };
    this.prefix = function (p) { prefix = p || null; return self; };
    this.lastMessageRef = function () { return (currentUser ? currentUser.id : "???") + "-" + clientId + "-" + new Date().toISOString(); };
  }

  // ---- dialogs and notices (dialog.html and pnotify on a real page) ------------------------------------------------
  function dialog(title, text, type) {
    var process = $.Deferred();
    var $dialog = $("<div class='uiPopupWrapper exoWcDialog' role='dialog'></div>").addClass("exoWcDialog-" + type);
    $("<div class='popupTitle'></div>").text(title || "").appendTo($dialog);
    $("<div class='contentMessage'></div>").text(text === undefined || text === null ? "" : String(text)).appendTo($dialog);
    var $actions = $("<div class='popupActions'></div>").appendTo($dialog);
    $("<button type='button' class='btn okButton'></button>").text(message("ok") || "OK").appendTo($actions)
      .on("click", function () { process.resolve("ok"); });
    if (type === "Question") {
      $("<button type='button' class='btn cancelButton'></button>").text(message("cancel") || "Cancel").appendTo($actions)
        .on("click", function () { process.resolve("cancel"); });
    }
    process.always(function () { $dialog.remove(); });
    $(function () { $(document.body).append($dialog); });
    return process.promise();
  }

  function notice(kind, title, text) {
    var $n = $("<div class='exoNotice ui-pnotify'></div>").addClass("exoNotice-" + kind);
    $("<b class='ui-pnotify-title'></b>").text(title || "").appendTo($n);
    $("<span class='ui-pnotify-text'></span>").text(" " + (text || "")).appendTo($n);
    var $box = $("#notices");
    $(function () { ($box.length ? $box : $(document.body)).append($n); });
    var handle = {remove: function () { $n.remove(); }};
    handle.pnotify_remove = handle.remove;
    return handle;
  }

  var messages = {};
  function message(key) { return messages ? messages["webconferencing." + key] : ""; }

  // ---- the core ------------------------------------------------------------------------------------------------------
  var currentUser = null, currentSpaceId = null, currentRoomTitle = null, cometd = false;
  var providers = [], providersConfig = null, initializers = {};
  var contextReady = $.Deferred();
  var isIOS = /iPhone|iPod|iPad/.test(navigator.userAgent), isAndroid = /Android/.test(navigator.userAgent);

  function providerConfig(type) {
    return (providersConfig || []).filter(function (c) { return c && c.type === type; })[0] || null;
  }

  function initProvider(provider) {
    var type = provider.getType();
    var initializer = initializers[type] = initializers[type] || $.Deferred();
    var conf = providerConfig(type);
    if (!conf) {
      report("warning", {message: "the core cancels initialisation of provider '" + type + "': it has no server configuration " +
        "(no add.callprovider plugin of this type)"});
      initializer.reject(type + " " + (message("notConfigured") || "not configured"));
      return initializer.promise();
    }
    provider.isInitialized = false;
    initializer.notify(provider);
    if (!conf.active) {
      report("warning", {message: "provider " + type + " is not active in its configuration (active=false): not initialised"});
      initializer.resolve(provider, false);
      return initializer.promise();
    }
    if (provider.init && Object.prototype.hasOwnProperty.call(provider, "init")) {
      var result;
      try {
        result = provider.init(initContext());
      } catch (e) {
        if (kit) { kit.reportError(e); }
        if (host.initFailed) { host.initFailed(type, "init(context) of provider " + type + " threw: " + e.message); }
        return initializer.promise();
      }
      if (!result || typeof result.done !== "function") {
        var why = "init(context) of provider " + type + " must return a jQuery promise: the core calls .done() on it, and " +
          (result && typeof result.then === "function" ? "a native Promise has no done()" : "it returned " + typeof result);
        report("error", {message: why});
        if (host.initFailed) { host.initFailed(type, why); }
        return initializer.promise();
      }
      result.done(function () {
        provider.isInitialized = true;
        initializer.resolve(provider, true);
      }).fail(function (err) {
        report("warning", {message: "init(context) of provider " + type + " failed: " + errorText(err) + " (the core skips it)"});
        initializer.resolve(provider, false);
      });
    } else {
      provider.isInitialized = true;  // no init() of its own: the core marks it initialised at once
      initializer.resolve(provider, true);
    }
    return initializer.promise();
  }

  function initContext() {
    var context = {currentUser: currentUser, isIOS: isIOS, isAndroid: isAndroid, isWindowsMobile: false,
                   spaceId: currentSpaceId, isSpace: !!currentSpaceId, isGroup: !!currentSpaceId,
                   roomTitle: currentRoomTitle, isRoom: !!currentRoomTitle};
    context.details = function () { return $.Deferred().resolve([], currentSpaceId, null).promise(); };
    return context;
  }

  function needCometd(what) {
    report("warning", {message: what + " requires CometD: the page's init(user, context) gave no context.cometdPath"});
    return rejectedLater("CometD required");
  }

  function userDetails(id) { return restAnswer(server.userInfo(id), "User", id); }
  function spaceDetails(id) { return restAnswer(server.groupInfo("space", id), "Space", id); }
  function roomDetails(id) { return restAnswer(server.groupInfo("chat_room", id), "Room", id); }

  function userContext(userId) {
    return {currentUser: currentUser, userId: userId, isGroup: false, isSpace: false, isRoom: false, isUser: true,
            isIOS: isIOS, isAndroid: isAndroid, isWindowsMobile: false, details: function () { return userDetails(userId); }};
  }
  function spaceContext(spaceId) {
    return {currentUser: currentUser, spaceId: spaceId, isGroup: true, isSpace: true, isRoom: false, isUser: false,
            isIOS: isIOS, isAndroid: isAndroid, isWindowsMobile: false, details: function () { return spaceDetails(spaceId); }};
  }
  function roomContext(room) {
    return {currentUser: currentUser, roomId: room.id, roomName: room.name || room.id, roomTitle: room.title,
            isGroup: true, isSpace: false, isRoom: true, isUser: false, isIOS: isIOS, isAndroid: isAndroid,
            isWindowsMobile: false, roomParticipants: function () { return Object.keys(room.members || {}); },
            details: function () { return roomDetails(room.id); }};
  }
  host.userContext = userContext;
  host.spaceContext = spaceContext;
  host.roomContext = roomContext;

  function channel(name, id, onUpdate, onError, onReady) {
    if (!cometd) {
      if (typeof onError === "function") { later(function () { onError("CometD required"); }); }
      return {off: function () {}};
    }
    var ch = name === "user" ? server.userChannel(id) : server.callChannel(id);
    var sub = server.subscribe(ch, function (data) {
      if (data && data.error) { if (typeof onError === "function") { onError(data); } } else if (typeof onUpdate === "function") { onUpdate(data); }
    });
    if (typeof onReady === "function") { later(function () { onReady({successful: true, channel: ch}); }); }
    return {off: function (callback) { server.unsubscribe(ch, sub); if (typeof callback === "function") { later(callback); } }};
  }

  var impl = {
    errorText: errorText,
    contextId: function (context) { return context.userId ? context.userId : (context.spaceId ? context.spaceId : context.roomName); },
    update: function () { if (host.updated) { host.updated(); } },  // 2.x: does nothing; 1.x: call buttons on the page
    init: function (user, context) {
      if (!context) { return; }
      messages = context.messages || {};
      if (!user) { return; }
      currentUser = user;
      currentUser.clientId = clientId;
      providersConfig = context.providersConfig || null;
      currentUser.title = currentUser.firstName + " " + currentUser.lastName;
      currentSpaceId = context.spaceId || null;
      currentRoomTitle = context.roomTitle || null;
      cometd = !!context.cometdPath;
      if (!cometd) { report("warning", {message: "CometD not found in context settings: calls and user updates need it"}); }
      contextReady.resolve();
      providers.forEach(function (p) { if (!p.isInitialized) { initProvider(p); } });
    },
    getUser: function () { return currentUser; },
    getCurrentSpaceId: function () { return currentSpaceId; },
    getCurrentRoomTitle: function () { return currentRoomTitle; },
    getBaseUrl: function () { return window.location.protocol + "//" + window.location.host; },
    addProvider: function (provider) {
      var own = function (m) { return provider && provider[m] && Object.prototype.hasOwnProperty.call(provider, m); };
      if (!(own("getSupportedTypes") && own("getTitle")) || !own("callButton")) {
        var missing = ["getSupportedTypes", "getTitle", "callButton"].filter(function (m) { return !own(m); });
        var onPrototype = missing.filter(function (m) { return provider && typeof provider[m] === "function"; });
        report("error", {message: "addProvider: not a provider object, missing own " + (missing.length > 1 ? "properties " : "property ") +
          missing.join(", ") + (onPrototype.length ? " (" + onPrototype.join(", ") + " found on the prototype: assign them in the " +
          "constructor, e.g. this.callButton = function(context) {...})" : "") + "; the core ignores it"});
        if (host.providerRefused) { host.providerRefused(provider); }
        return;
      }
      providers.push(provider);
      if (currentUser && !provider.isInitialized) { initProvider(provider); }
    },
    findProvider: function (type) {
      for (var i = 0; i < providers.length; i++) {
        if ((providers[i].getSupportedTypes() || []).indexOf(type) >= 0) { return providers[i]; }
      }
      return null;
    },
    getProvider: function (type) { return (initializers[type] = initializers[type] || $.Deferred()).promise(); },
    getAllProviders: function () {
      var all = $.Deferred();
      contextReady.then(function () {
        $.when.apply($, (providersConfig || []).map(function (c) { return impl.getProvider(c.type); })).then(function () {
          var list = [];
          for (var i = 0; i < arguments.length; i++) { list.push($.isArray(arguments[i]) ? arguments[i][0] : arguments[i]); }
          all.resolve(list.filter(function (p) { return p && p.getType; }));
        });
      });
      return all.promise();
    },
    showCallPopup: function (url, name) { return host.openCallWindow ? host.openCallWindow(url, name, true) : null; },
    showCallWindow: function (url, name) { return host.openCallWindow ? host.openCallWindow(url, name, false) : null; },
    imAccount: function (user, type) {
      var ims = user && user.imAccounts ? user.imAccounts[type] : null;
      return ims && ims.length > 0 ? ims[0] : null;
    },
    getUserInfo: userDetails,
    getSpaceInfo: spaceDetails,
    getRoomInfo: function (id) { return roomDetails(id); },
    getCall: function (id) {
      if (!cometd) { return needCometd("getCall"); }
      var call = server.getCall(id);
      return call ? resolvedLater(call) : rejectedLater(server.notFound("Call", id));
    },
    findCallId: function (link, providerName) {
      var process = $.Deferred();
      function fromProvider(p) {
        return p && p.isInitialized && p.linkSupported && p.findCallId && Object.prototype.hasOwnProperty.call(p, "findCallId") ? p.findCallId(link) : null;
      }
      (providerName ? impl.getProvider(providerName).then(function (p) { return [p]; }) : impl.getAllProviders()).then(function (list) {
        var id = null;
        (list || []).some(function (p) { id = fromProvider(p); return !!id; });
        if (id) { process.resolve(id); } else { process.reject("Cannot find call ID for link: " + link); }
      });
      return process.promise();
    },
    findIdentities: function (id, name) { return cometd ? resolvedLater(server.findIdentities(name)) : needCometd("findIdentities"); },
    checkInvite: function (id, inviteId, userId) { return cometd ? resolvedLater(server.checkInvite(id, inviteId, userId || (currentUser && currentUser.id))) : needCometd("checkInvite"); },
    updateInvites: function (id, invites) { return cometd ? serverAnswer(server.updateInvites(id, invites)) : needCometd("updateInvites"); },
    addGuest: function (id, guestId) { return cometd ? serverAnswer(server.addGuest(id, guestId)) : needCometd("addGuest"); },
    updateParticipants: function (id, participants) { return cometd ? serverAnswer(server.updateCall(id, {participants: participants}, currentUser && currentUser.id)) : needCometd("updateParticipants"); },
    updateCall: function (id, stateInfo) {
      if (!cometd) { return needCometd("updateCall"); }
      if (!stateInfo || (typeof stateInfo !== "string" && typeof stateInfo !== "object")) { return rejectedLater("Call update requires a state or information"); }
      var change = typeof stateInfo === "string" ? {state: stateInfo} : {info: stateInfo};
      return serverAnswer(server.updateCall(id, change, currentUser && currentUser.id));
    },
    deleteCall: function (id) { return cometd ? serverAnswer(server.deleteCall(id, currentUser && currentUser.id)) : needCometd("deleteCall"); },
    addCall: function (id, callInfo) {
      if (!cometd) { return needCometd("addCall"); }
      if (id && typeof id === "object" && !callInfo) { callInfo = id; id = null; }
      if (!id) {
        var process = $.Deferred();
        if (!callInfo || !callInfo.provider) { return rejectedLater("Provider required in callInfo"); }
        impl.getProvider(callInfo.provider).then(function (provider) {
          var context = callInfo.ownerType === "space" ? spaceContext(callInfo.owner) : userContext(callInfo.owner);
          if (!(provider.getCallId && Object.prototype.hasOwnProperty.call(provider, "getCallId") && provider.getCallUrl)) {
            process.reject("Provider does not support generating a call ID by a context");
            return;
          }
          provider.getCallId(context).then(function (newId) {
            var existing = server.getCall(newId);
            if (existing) { existing.url = provider.getCallUrl(newId); process.resolve(existing); return; }
            var outcome = server.addCall(newId, callInfo, currentUser.id, false);
            if (outcome.error) { process.reject(outcome.error); } else { outcome.call.url = outcome.call.url || provider.getCallUrl(newId); process.resolve(outcome.call); }
          });
        });
        return process.promise();
      }
      return serverAnswer(server.addCall(id, callInfo || {}, currentUser && currentUser.id, true));
    },
    getUserGroupCalls: function () { return cometd ? resolvedLater(server.groupCalls(currentUser.id)) : needCometd("getUserGroupCalls"); },
    updateUserCall: function (id, state) { return cometd ? impl.updateCall(id, state) : needCometd("updateUserCall"); },
    onUserUpdate: function (userId, onUpdate, onError, onReady) { return channel("user", userId, onUpdate, onError, onReady); },
    onCallUpdate: function (callId, onUpdate, onError, onReady) { return channel("call", callId, onUpdate, onError, onReady); },
    toCallUpdate: function (callId, data) {
      if (!cometd) { return needCometd("toCallUpdate"); }
      server.publish(server.callChannel(callId), data);
      return resolvedLater("successful");
    },
    getProvidersConfig: function (forceUpdate) {
      if (!forceUpdate && providersConfig) { return $.Deferred().resolve(providersConfig).promise(); }
      var answer = restAnswer(server.copy(server.providersConfig), "Providers configuration", "");
      answer.done(function (c) { providersConfig = c; });
      return answer;
    },
    getProviderConfig: function (type) { return restAnswer(server.copy(server.providerConfig(type)), "Provider configuration", type); },
    postProviderConfig: function (type, active) {
      var conf = server.providerConfig(type);
      if (conf) { conf.active = String(active) !== "false"; }
      return restAnswer(server.copy(conf), "Provider configuration", type);
    },
    getUserStatus: function (userId) { return restAnswer({id: userId, status: server.statuses[userId] || "available"}, "User", userId); },
    getLog: function (providerType) { return new Logger(providerType || null, null); },
    getRandom: getRandomArbitrary,
    message: message,
    showWarn: function (title, text) { return dialog(title, text, "ColorWarning"); },
    showError: function (title, text, errorRef) { return dialog(title, (text || "") + (errorRef ? " " + (message("errorReference") || "Error reference:") + " " + errorRef : ""), "ColorError"); },
    showInfo: function (title, text) { return dialog(title, text, "Information"); },
    showConfirm: function (title, text) { return dialog(title, text, "Question"); },
    noticeWarn: function (title, text) { return notice("warn", title, text); },
    noticeError: function (title, text) { return notice("error", title, text); },
    noticeInfo: function (title, text) { return notice("info", title, text); },
    loadStyle: function (cssUrl) {
      if ($("head").find("link[href='" + cssUrl + "'][rel!='preload']").length === 0) {
        $("<link rel='stylesheet' type='text/css'>").attr("href", cssUrl).appendTo("head");
      }
    },
    initRequest: function (request) {
      var process = $.Deferred();
      request.fail(function (jqXHR, textStatus, err) {
        if (jqXHR.status !== 309) {
          var data;
          try { data = $.parseJSON(jqXHR.responseText); if (typeof data === "string") { data = jqXHR.responseText; } } catch (e) { data = jqXHR.responseText; }
          process.reject(data, jqXHR.status, err, jqXHR);
        }
      });
      request.done(function (data, textStatus, jqXHR) { process.resolve(data, jqXHR.status, textStatus, jqXHR); });
      return process.promise({request: request});
    },
    getChat: function () {  // 1.x: the helper for eXo Chat pages (no chat application on the emulated page)
      return {isApplication: function () { return false; }, isEmbedded: function () { return false; },
              currentRoomId: function () { return null; }, getUsers: function () { return rejectedLater("No eXo Chat on this page"); },
              getRoom: function () { return resolvedLater(null); }};
    },
    createUserContext: function (userId) { var d = $.Deferred(); contextReady.then(function () { d.resolve(userContext(userId)); }); return d.promise(); },
    createSpaceContext: function (spaceId) { var d = $.Deferred(); contextReady.then(function () { d.resolve(spaceContext(spaceId)); }); return d.promise(); },
    createSpaceEventContext: function (spaceId, participants, spaces) {
      var d = $.Deferred();
      contextReady.then(function () {
        var c = spaceContext(spaceId);
        c.isSpace = false; c.isSpaceEvent = true;
        d.resolve(c);
      });
      return d.promise();
    },
    createChatContext: function (chat, target) {
      var d = $.Deferred();
      contextReady.then(function () {
        var id = target && target.detail ? target.detail.user : (chat && chat.selectedContact ? chat.selectedContact.user : null);
        var room = id ? server.rooms[id] : null;
        d.resolve(room ? roomContext(room) : {currentUser: currentUser, isIOS: isIOS, isAndroid: isAndroid, isWindowsMobile: false});
      });
      return d.promise();
    }
  };

  /** Every public function logged as the connector calls it (name, arguments, what it returned). */
  function logged(name, fn) {
    var wrapper = function () {
      var result = fn.apply(this, arguments);
      var args = Array.prototype.slice.call(arguments).map(function (a) {
        if (a && typeof a === "object" && typeof a.callButton === "function") {  // a provider: logged by its type
          try { return typeof a.getType === "function" ? a.getType() : "[provider]"; } catch (e) { return "[provider]"; }
        }
        return a;
      });
      report("api-call", {name: name, args: clone(args), result: clone(result)});
      return result;
    };
    return wrapper;
  }

  // On a call page, the page's own startCall(call, isNew) is logged when its opener calls it.
  if (inFrame) {
    var startCall;
    try {
      Object.defineProperty(window, "startCall", {configurable: true, enumerable: true, get: function () { return startCall; },
        set: function (fn) {
          startCall = typeof fn !== "function" ? fn : function (call, isNew) {
            report("api-call", {name: "callPage.startCall", args: [call && call.id, isNew === undefined ? null : isNew], result: null});
            try { if (window.parent.ExoHost && window.parent.ExoHost.callStarted) { window.parent.ExoHost.callStarted(call, isNew); } } catch (e) { /* another origin */ }
            return fn.apply(this, arguments);
          };
          if (typeof fn === "function") { startCall.__wbWatched = true; }
        }});
    } catch (e) { /* already defined by the page */ }
  }
  var wc = {};
  Object.keys(impl).forEach(function (name) { wc[name] = logged(name, impl[name]); });

  host.core = impl;  // the host page's own calls, unlogged
  host.providers = function () { return providers.slice(); };
  host.providersConfig = function () { return providersConfig; };
  host.initProvider = initProvider;

  // Registered in the global eXo namespace, as the real module does for non-AMD pages (the call page); on portal
  // pages connectors get it as their AMD dependency `webConferencing`.
  window.eXo = window.eXo || {};
  if (!window.eXo.webConferencing) { window.eXo.webConferencing = wc; }
})(window, window.jQuery);
