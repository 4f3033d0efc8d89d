/*
 * The emulated eXo Platform portal page: simulated users, spaces and chat rooms, the previewed provider's call button
 * per context (a user's popover, a space, a chat room), and incoming calls through the user's CometD channel.
 */
(function (window, $) {
  "use strict";

  var host = window.ExoHost;
  var server = window.ExoServer;
  var core = host.core;
  var config = {};
  var renderSeq = 0;

  host.context = null;  // the context shown (its spec), rendered again when people change
  host.ready = false;
  setButton({state: "none", reason: "no context yet", context: null});

  /** The call button's state, kept on the page element too, where the workbench's harness reads it. */
  function setButton(button) {
    host.button = button;
    var page = document.getElementById("page");
    if (page) {
      page.setAttribute("data-button-state", button.state);
      page.setAttribute("data-button-reason", button.reason || "");
      page.setAttribute("data-button-text", button.text || "");
      page.setAttribute("data-button-provider", button.provider || "");
    }
  }

  // ---- people, spaces and rooms (what the REST services of the emulated server answer) ---------------------------
  function accountsOf(id) {
    var accounts = {};
    if (config.defaultIm !== false) {
      (config.providers || []).forEach(function (p) { accounts[p.type] = [{id: id + "@" + p.type, type: p.type}]; });
    }
    return accounts;
  }

  function fullUser(u) {
    var id = typeof u === "string" ? u : u.id;
    var user = $.extend({}, server.users[id] || {}, typeof u === "object" ? u : {});
    user.id = id;
    user.firstName = user.firstName || id.charAt(0).toUpperCase() + id.slice(1);
    user.lastName = user.lastName || "";
    user.title = user.title || (user.firstName + " " + user.lastName).trim();
    user.type = "user";
    user.profileLink = "/portal/dw/profile/" + id;
    user.avatarLink = user.avatarLink || "/exo-host/avatar.svg";
    if (!user.imAccounts) { user.imAccounts = accountsOf(id); }
    server.users[id] = user;
    return user;
  }
  host.fullUser = fullUser;

  function group(kind, spec) {
    var known = (kind === "space" ? server.spaces : server.rooms)[spec.id];
    if (!spec.members && known) { spec = $.extend({}, known, spec, {members: Object.keys(known.members)}); }
    var members = {};
    (spec.members || []).forEach(function (m) { var u = fullUser(m); members[u.id] = u; });
    var me = config.user && server.users[config.user];
    if (me) { members[me.id] = me; }
    var entity = {id: spec.id, title: spec.title || spec.id, type: kind, group: true, members: members};
    if (kind === "chat_room") { entity.name = spec.name || spec.id; }
    if (kind === "space") { entity.url = "/portal/g/:spaces:" + spec.id + "/" + spec.id; entity.avatarLink = "/exo-host/group.svg"; }
    (kind === "space" ? server.spaces : server.rooms)[spec.id] = entity;
    return entity;
  }

  /** The context the core builds for a popover, a space or a chat room, and the entity it shows. */
  function buildContext(spec) {
    var context, target;
    if (spec.type === "user") {
      target = fullUser(spec.id);
      context = host.userContext(target.id);
    } else if (spec.type === "space") {
      target = group("space", spec);
      context = host.spaceContext(target.id);
    } else if (spec.type === "chat_room") {
      target = group("chat_room", spec);
      context = host.roomContext(target);
    } else {
      throw new Error("unknown context type " + spec.type + ": use user, space or chat_room");
    }
    var details = context.details;
    context.details = function () {
      host.report("api-call", {name: "context.details", args: [], result: {id: target.id, type: target.type}});
      return details.apply(this, arguments);
    };
    return {context: context, target: target};
  }

  // ---- the page ------------------------------------------------------------------------------------------------
  var pageTitles = {user: "User popover", profile: "User profile", space: "Space", chat_room: "Chat room"};
  var pagePaths = {space: function (id) { return "/portal/g/:spaces:" + id + "/" + id; },
                   chat_room: function () { return "/portal/dw/chat"; }, profile: function (id) { return "/portal/dw/profile/" + id; },
                   user: function () { return "/portal/dw/"; }};

  function renderPage(spec, target) {
    var kind = spec.type === "user" && spec.view === "profile" ? "profile" : spec.type;
    // The address bar follows the page shown, as portal navigation does (connectors read location.pathname).
    try { window.history.replaceState(null, "", pagePaths[kind](target.id)); } catch (e) { /* keeps the path */ }
    window.eXo.env.portal.profileOwner = kind === "profile" ? target.id : undefined;
    window.eXo.env.portal.spaceName = kind === "space" ? target.id : undefined;
    var $page = $("#page").empty();
    $("#pageKind").text(pageTitles[kind]);
    var $card = $("<div class='exoCard'></div>").addClass("exoCard-" + kind).appendTo($page);
    var $head = $("<div class='exoCardHead'></div>").appendTo($card);
    $("<img class='exoAvatar' alt=''>").attr("src", target.avatarLink || "/exo-host/group.svg").appendTo($head);
    var $names = $("<div class='exoNames'></div>").appendTo($head);
    $("<div class='exoTitle'></div>").text(target.title).appendTo($names);
    var sub = spec.type === "user" ? "@" + target.id :
      Object.keys(target.members).length + " members: " + Object.keys(target.members).join(", ");
    $("<div class='exoSub'></div>").text(sub).appendTo($names);
    $("<div class='uiAction'><div class='callButtonContainer' id='callButton'></div></div>").appendTo($card);
    $("<div class='callButtonNote' id='callButtonNote'></div>").appendTo($card);
  }

  function previewed() {
    return core.findProvider(config.preview) || null;
  }

  /** Show the page of a context and ask the previewed provider for its call button (as the core's addCallButton). */
  host.setContext = function (spec) {
    var built = buildContext(spec);
    host.context = spec;
    renderPage(spec, built.target);
    var seq = ++renderSeq;
    var provider = previewed();
    var type = config.preview;
    setButton({state: "pending", reason: "", context: spec, provider: type});
    if (!provider || !provider.isInitialized) {
      setButton({state: "none", reason: provider ? "provider " + type + " not initialised" : "provider " + type + " not loaded",
                 context: spec, provider: type});
      $("#callButtonNote").text("No call button: " + host.button.reason);
      return host.button;
    }
    var result;
    try {
      result = provider.callButton(built.context);  // as the core asks (1.x: no button type)
      host.report("api-call", {name: "provider.callButton", args: [spec], result: result && typeof result.then === "function" ? "[promise]" : typeof result});
    } catch (e) {
      window.WBKit.reportError(e);
      setButton({state: "none", reason: "callButton threw: " + e.message, context: spec, provider: type});
      return host.button;
    }
    if (!result || typeof result.done !== "function") {
      host.report("error", {message: "callButton(context) must return a jQuery promise resolved with the button element (the " +
        "core calls .done() on it), it returned " + (result && typeof result.then === "function" ? "a native Promise" : typeof result)});
      setButton({state: "none", reason: "callButton did not return a jQuery promise", context: spec, provider: type});
      return host.button;
    }
    result.done(function (element) {
      if (seq !== renderSeq) { return; }
      var $el = element && element.jquery ? element : $(element);
      if (!$el.length) {
        setButton({state: "none", reason: "callButton resolved without an element", context: spec, provider: type});
        host.report("warning", {message: host.button.reason});
        return;
      }
      if (!$el.hasClass("btn")) { $el.addClass("btn"); }  // as the core does for a single button
      $el.addClass("callButton preferred");
      $("#callButton").empty().append($el);
      setButton({state: "shown", reason: "", context: spec, provider: type, text: $el.text().trim()});
      host.report("host", {message: "call button shown for " + spec.type + " " + spec.id + ": " + $el.text().trim()});
    }).fail(function (reason) {
      if (seq !== renderSeq) { return; }
      setButton({state: "none", reason: String(core.errorText(reason) || "rejected"), context: spec, provider: type});
      $("#callButtonNote").text("No call button: " + host.button.reason);
      host.report("host", {message: "no call button for " + spec.type + " " + spec.id + ": " + host.button.reason});
    });
    return host.button;
  };

  /** Give a user an IM account of the previewed type, or take it away; the shown context is rendered again. */
  host.setUserAccount = function (id, hasAccount) {
    var user = fullUser(id);
    var accounts = $.extend({}, user.imAccounts);
    var type = config.preview;
    if (hasAccount) { accounts[type] = [{id: id + "@" + type, type: type}]; } else { delete accounts[type]; }
    user.imAccounts = accounts;
    var me = core.getUser();
    if (me && me.id === id) { me.imAccounts = accounts; }
    host.report("host", {message: id + (hasAccount ? " has " : " has no ") + type + " account now"});
    if (host.context) { host.setContext(host.context); }
    return true;
  };

  host.clickButton = function () {
    var $b = $("#callButton").children().first();
    if (!$b.length) { return false; }
    var $target = $b.is("a,button") ? $b : ($b.find("a,button").first().length ? $b.find("a,button").first() : $b);
    $target.trigger("click");
    return true;
  };

  /** Someone calls the current user: the server registers the call and publishes call_state 'started' to them. */
  host.incoming = function (spec) {
    var from = fullUser(spec.from);
    var me = core.getUser();
    var type = spec.provider || config.preview;
    var callId = spec.callId || ("p/" + [from.id, me.id].sort().join("-"));
    if (!server.calls[callId]) {
      server.addCall(callId, {owner: from.id, ownerType: "user", provider: type, title: from.title,
                              participants: [from.id, me.id]}, from.id, false);
    }
    var call = server.calls[callId];
    call.state = spec.state || "started";
    call.participants.forEach(function (p) { if (p.id === from.id) { p.state = "joined"; } });
    server.changed();
    var update = {eventType: "call_state", callState: call.state, callId: callId, provider: type, providerType: type,
                  owner: {id: from.id, title: from.title, type: "user", avatarLink: from.avatarLink, profileLink: from.profileLink},
                  callerId: from.id};
    host.report("action", {type: "call_state", payload: update});
    var delivered = server.publish(server.userChannel(me.id), update);
    if (!delivered) {
      host.report("warning", {message: "incoming call " + callId + ": nobody listens (no webConferencing.onUserUpdate for " + me.id + ")"});
    }
    return delivered;
  };

  // ---- the host's view of the emulated server ----------------------------------------------------------------------
  server.listeners.push(function () {
    var $list = $("#calls").empty();
    Object.keys(server.calls).forEach(function (id) {
      var c = server.calls[id];
      $("<li></li>").text(id + " — " + (c.title || "") + " (" + c.state + ")").appendTo($list);
    });
  });

  host.updated = function () {
    if (host.ready && host.context && host.button.state === "none" && /not (initialised|loaded)/.test(host.button.reason)) {
      host.setContext(host.context);  // 1.x update(): buttons for providers added since
    }
  };

  host.failed = function (reason) {
    $("#providerState").text("failed");
    window.WBKit.ready({initialised: false, reason: String(reason)});
  };

  host.providerReady = function (initialised, reason) {
    host.ready = true;
    $("#providerState").text(initialised ? "initialised" : "not initialised");
    window.WBKit.ready(initialised ? {initialised: true} : {initialised: false, reason: reason});
    if (config.context) { host.setContext(config.context); }
  };

  /** The people, places and provider configurations of the page's configuration, on the emulated server. */
  host.populate = function (cfg) {
    config = cfg;
    host.config = cfg;
    (cfg.users || []).forEach(fullUser);
    fullUser(cfg.user || "root");
    server.statuses = cfg.statuses || {};
    (cfg.spaces || []).forEach(function (s) { group("space", s); });
    (cfg.rooms || []).forEach(function (r) { group("chat_room", r); });
    server.providersConfig = (cfg.providers || []).map(function (p) {
      return {type: p.type, title: p.title, active: p.active !== false, logEnabled: false, supportedTypes: [p.type]};
    });
  };
})(window, window.jQuery);
