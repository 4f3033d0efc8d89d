/*
 * The emulated eXo Platform page: simulated users, spaces and chat rooms, the connector's module loaded the way the
 * portal loads it (an AMD-style function of $ and webConferencing), its call button rendered per context, a call
 * window for the call page, and incoming calls delivered through onUserUpdate.
 */
(function (window, $) {
  "use strict";

  var host = window.ExoHost;
  var wc = window.webConferencing;
  var state = host.state;
  var config = {};
  var provider = null;
  var renderSeq = 0;

  setButton({state: "none", reason: "no context yet", context: null});

  /** The call button's state, kept on the page element too, where the workbench's harness reads it. */
  function setButton(button) {
    host.button = button;
    var page = document.getElementById("page");
    if (page) {
      page.setAttribute("data-button-state", button.state);
      page.setAttribute("data-button-reason", button.reason || "");
      page.setAttribute("data-button-text", button.text || "");
    }
  }
  host.context = null;  // the context shown (its spec), rendered again when people change
  host.ready = false;

  // ---- jQuery UI's dialog, which Platform pages provide and connectors use for incoming-call popovers ----------
  if (!$.fn.dialog) {
    $.fn.dialog = function (options) {
      return this.each(function () {
        var $el = $(this);
        if (options === "close" || options === "destroy") {
          var $wrap = $el.closest(".uiDialogMock");
          if ($wrap.length && $wrap.is(":visible")) { $wrap.hide(); $el.trigger("dialogclose"); }
          if (options === "destroy") { $wrap.replaceWith($el.hide()); }
          return;
        }
        if (typeof options === "string") { return; }
        options = options || {};
        var $wrap = $("<div class='uiDialogMock' role='dialog'></div>");
        var title = options.title || $el.attr("title") || "";
        $wrap.append($("<div class='uiDialogMockTitle'></div>").text(title));
        $el.before($wrap);
        $wrap.append($el.show());
        var $buttons = $("<div class='uiDialogMockButtons'></div>").appendTo($wrap);
        $.each(options.buttons || {}, function (label, fn) {
          $("<button type='button'></button>").text(label).on("click", function () { fn.call($el[0]); }).appendTo($buttons);
        });
        $wrap.show();
      });
    };
  }

  // ---- people, spaces and rooms -----------------------------------------------------------------------------
  function fullUser(u) {
    var id = typeof u === "string" ? u : u.id;
    var known = state.users[id] || {};
    var user = $.extend({}, known, typeof u === "object" ? u : {});
    user.id = id;
    user.firstName = user.firstName || id.charAt(0).toUpperCase() + id.slice(1);
    user.lastName = user.lastName || "";
    user.title = user.title || (user.firstName + " " + user.lastName).trim();
    user.type = "user";
    user.profileLink = "/portal/dw/profile/" + id;
    user.avatarLink = user.avatarLink || "avatar.svg";
    if (!user.imAccounts) {
      user.imAccounts = {};
      if (config.defaultIm !== false) {
        user.imAccounts[config.type] = [{id: id + "@" + config.type, type: config.type}];
      }
    }
    state.users[id] = user;
    return user;
  }

  function group(kind, spec) {
    var members = {};
    var known = (kind === "space" ? state.spaces : state.rooms)[spec.id];
    if (!spec.members && known) {  // a context naming a configured space or room keeps its members
      spec = $.extend({}, known, spec, {members: Object.keys(known.members)});
    }
    (spec.members || []).forEach(function (m) { var u = fullUser(m); members[u.id] = u; });
    if (state.user) { members[state.user.id] = state.user; }
    var entity = {id: spec.id, title: spec.title || spec.id, type: kind, group: true, members: members};
    if (kind === "chat_room") { entity.name = spec.name || spec.id; }
    (kind === "space" ? state.spaces : state.rooms)[spec.id] = entity;
    return entity;
  }

  /** The context object the core hands to callButton(context). */
  function buildContext(spec) {
    var me = state.user;
    var context = {currentUser: me, isGroup: false, isSpace: false, isRoom: false, isUser: false,
                   userId: null, spaceId: null, roomId: null, roomTitle: null, roomName: null};
    var target;
    if (spec.type === "user") {
      target = fullUser(spec.user || spec.id);
      context.userId = target.id;
      context.isUser = true;
    } else if (spec.type === "space") {
      target = group("space", spec);
      context.spaceId = target.id;
      context.isGroup = context.isSpace = true;
    } else if (spec.type === "chat_room") {
      target = group("chat_room", spec);
      context.roomId = target.id;
      context.roomTitle = target.title;
      context.roomName = target.name;
      context.isGroup = context.isRoom = true;
    } else {
      throw new Error("unknown context type " + spec.type + ": use user, space or chat_room");
    }
    context.details = function () {
      host.report("api-call", {name: "context.details", args: [], result: {id: target.id, type: target.type}});
      var d = $.Deferred();
      window.setTimeout(function () { d.resolve(target); }, 0);
      return d.promise();
    };
    return {context: context, target: target};
  }

  // ---- the page ----------------------------------------------------------------------------------------------
  var pageTitles = {user: "User popover", profile: "User profile", space: "Space", chat_room: "Chat room"};

  function renderPage(spec, target) {
    var $page = $("#page").empty();
    var kind = spec.type === "user" && spec.view === "profile" ? "profile" : spec.type;
    $("#pageKind").text(pageTitles[kind]);
    var $card = $("<div class='exoCard'></div>").addClass("exoCard-" + kind).appendTo($page);
    var $head = $("<div class='exoCardHead'></div>").appendTo($card);
    $("<img class='exoAvatar' alt=''>").attr("src", target.avatarLink || (spec.type === "user" ? "avatar.svg" : "group.svg")).appendTo($head);
    var $names = $("<div class='exoNames'></div>").appendTo($head);
    $("<div class='exoTitle'></div>").text(target.title).appendTo($names);
    var sub = spec.type === "user" ? "@" + target.id :
      Object.keys(target.members).length + " members: " + Object.keys(target.members).join(", ");
    $("<div class='exoSub'></div>").text(sub).appendTo($names);
    $("<div class='callButtonContainer' id='callButton'></div>").appendTo($card);
    $("<div class='callButtonNote' id='callButtonNote'></div>").appendTo($card);
  }

  /** Show the page of a context and ask the provider for its call button. */
  host.setContext = function (spec) {
    var built = buildContext(spec);
    host.context = spec;
    renderPage(spec, built.target);
    var seq = ++renderSeq;
    setButton({state: "pending", reason: "", context: spec});
    if (!provider || !provider.isInitialized) {
      setButton({state: "none", reason: provider ? "provider not initialised" : "provider not loaded", context: spec});
      $("#callButtonNote").text("No call button: " + host.button.reason);
      return host.button;
    }
    var result;
    try {
      result = provider.callButton(built.context);
      host.report("api-call", {name: "provider.callButton", args: [spec], result: result && typeof result.then === "function" ? "[promise]" : typeof result});
    } catch (e) {
      host.reportError(e);
      setButton({state: "none", reason: "callButton threw: " + e.message, context: spec});
      return host.button;
    }
    if (!result || typeof result.then !== "function") {
      host.report("error", {message: "callButton(context) must return a promise resolved with the button element, it returned " + typeof result});
      setButton({state: "none", reason: "callButton did not return a promise", context: spec});
      return host.button;
    }
    result.then(function (element) {
      if (seq !== renderSeq) { return; }
      var $el = element && element.jquery ? element : $(element);
      if (!$el.length) {
        setButton({state: "none", reason: "callButton resolved without an element", context: spec});
        host.report("warning", {message: host.button.reason});
        return;
      }
      $("#callButton").empty().append($el);
      setButton({state: "shown", reason: "", context: spec, text: $el.text().trim()});
      host.report("host", {message: "call button shown for " + spec.type + " " + spec.id + ": " + $el.text().trim()});
    }, function (reason) {
      if (seq !== renderSeq) { return; }
      setButton({state: "none", reason: String(reason || "rejected"), context: spec});
      $("#callButtonNote").text("No call button: " + host.button.reason);
      host.report("host", {message: "no call button for " + spec.type + " " + spec.id + ": " + host.button.reason});
    });
    return host.button;
  };

  /** Give a user an IM account of the connector's type, or take it away; the shown context is rendered again. */
  host.setUserAccount = function (id, hasAccount) {
    var user = fullUser(id);
    var accounts = $.extend({}, user.imAccounts);
    if (hasAccount) { accounts[config.type] = [{id: id + "@" + config.type, type: config.type}]; }
    else { delete accounts[config.type]; }
    user.imAccounts = accounts;
    if (state.user && state.user.id === id) { state.user.imAccounts = accounts; }
    host.report("host", {message: id + (hasAccount ? " has " : " has no ") + config.type + " account now"});
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

  /** Someone calls the current user: the call is registered and a call_state 'started' update is delivered. */
  host.incoming = function (spec) {
    var from = fullUser(spec.from);
    var me = state.user;
    var callId = spec.callId || ("p/" + [from.id, me.id].sort().join("-"));
    state.calls[callId] = {
      id: callId, providerType: spec.provider || config.type, title: from.title, state: "started",
      owner: {id: from.id, title: from.title, type: "user", group: false, profileLink: from.profileLink, avatarLink: from.avatarLink},
      ownerType: "user",
      participants: [{id: from.id, title: from.title, type: "user", state: "joined"}, {id: me.id, title: me.title, type: "user", state: "leaved"}]
    };
    host.callsChanged();
    var update = {eventType: "call_state", callState: spec.state || "started", callId: callId,
                  provider: spec.provider || config.type, providerType: spec.provider || config.type,
                  owner: {id: from.id, title: from.title, type: "user"}};
    host.report("action", {type: "call_state", payload: update});
    var delivered = host.notifyUser(me.id, update);
    if (!delivered) {
      host.report("warning", {message: "incoming call " + callId + ": nobody listens (the connector's init() did not call webConferencing.onUserUpdate for " + me.id + ")"});
    }
    return delivered;
  };

  // ---- host hooks used by the mock core ----------------------------------------------------------------------
  host.notice = function (level, title, text, modal) {
    var $n = $("<div class='exoNotice'></div>").addClass("exoNotice-" + level);
    $("<b></b>").text(title || "").appendTo($n);
    $("<span></span>").text(" " + (text || "")).appendTo($n);
    $("#notices").append($n);
  };

  host.callsChanged = function () {
    var $list = $("#calls").empty();
    Object.keys(state.calls).forEach(function (id) {
      var c = state.calls[id];
      $("<li></li>").text(id + " — " + (c.title || "") + " (" + c.state + ")").appendTo($list);
    });
  };

  /**
   * The call window. As with window.open, the caller gets the window at once, may set its title and attaches its
   * load listener; a moment later the call page is built in it (standing in for the connector's call.jsp, which
   * needs the server: the servlet passes contextInfo, userInfo and settings) and its load event fires.
   */
  host.openCallWindow = function (url, name) {
    var $win = $("#callWindow").show();
    $win.find(".callWindowTitle").text(name || "Call");
    $win.find(".callWindowUrl").text(url);
    $win.find("iframe").remove();
    var frame = $("<iframe name='callWindow' class='callWindowFrame'></iframe>").appendTo($win.find(".callWindowBody"))[0];
    var win = frame.contentWindow;
    host.callWindow = {url: url, name: name, state: "opening"};
    // What call.jsp offers the connector, available at once (some connectors call startCall without waiting).
    win.settings = config.settings || {};
    win.userInfo = state.user;
    win.callUrl = url;
    win.startCall = function (call, isNew) {
      var text = isNew === false ? "joined" : "started";
      host.callWindow.state = text;
      host.callWindow.callId = call && call.id;
      var label = win.document.getElementById("callState");
      if (label) { label.textContent = text + " " + (call && call.id || ""); }
      host.report("api-call", {name: "callPage.startCall", args: [call && call.id, isNew === undefined ? null : isNew], result: text});
      return $.Deferred().resolve(text).promise();
    };
    host.report("host", {message: "call window opened: " + url});
    window.setTimeout(function () { buildCallPage(win, url); }, 150);
    return win;
  };

  function buildCallPage(win, url) {
    var doc = win.document;
    var query = {};
    (url.split("?")[1] || "").split("&").forEach(function (pair) {
      if (pair) { var kv = pair.split("="); query[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || ""); }
    });
    var style = doc.createElement("style");
    style.textContent = "body{font:13px/1.4 Arial,sans-serif;margin:10px} pre{background:#f5f5f5;padding:6px;" +
      "white-space:pre-wrap;word-break:break-all;max-height:110px;overflow:auto}";
    doc.head.appendChild(style);
    doc.body.innerHTML = "<h3 id='callTitle'></h3><div>State: <b id='callState'>waiting for startCall(call, isNew)</b></div>" +
      "<div>Page: <code id='callUrl'></code></div><div>settings:</div><pre id='callSettings'></pre>";
    doc.getElementById("callTitle").textContent = doc.title || "Call";
    doc.getElementById("callUrl").textContent = url;
    doc.getElementById("callSettings").textContent = JSON.stringify(config.settings || {}, null, 1);
    win.contextInfo = {currentUser: config.user, query: query};
    if (host.callWindow.callId) {
      doc.getElementById("callState").textContent = host.callWindow.state + " " + host.callWindow.callId;
    }
    if (host.callWindow.state === "opening") { host.callWindow.state = "loaded"; }
    host.report("host", {message: "call page loaded: " + url, settings: config.settings || {}});
    win.dispatchEvent(new win.Event("load"));
  }

  host.initContext = function () {
    return {currentUser: state.user, isPortal: true};
  };

  /** The connector could not be brought up: the page is still ready, so the workbench shows why. */
  host.failed = function (reason) {
    $("#providerState").text("failed");
    window.WBKit.ready({initialised: false, reason: String(reason)});
  };

  host.providerReady = function () {
    $("#providerState").text("initialised");
    window.WBKit.ready({initialised: true});
    if (config.context) { host.setContext(config.context); }
  };

  // ---- loading the connector the way the portal does ---------------------------------------------------------
  function loadModule(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error("cannot load the connector module " + url + " (" + r.status + ")"); }
      return r.text();
    }).then(function (source) {
      // The portal wraps a module in a function of its dependencies and returns the module's value.
      var factory = new Function("$", "jQuery", "webConferencing", "__wbSource",
        "return eval(__wbSource);");
      return factory($, $, wc, source + "\n//# sourceURL=" + new URL(url, window.location.href).href);
    });
  }

  host.start = function (cfg) {
    config = cfg || {};
    host.config = config;
    host.providerConfig = config.provider || {};
    $("#connectorTitle").text(config.title || config.type);
    window.eXo.env = {portal: {context: "/portal", rest: "rest", portalName: "dw", userName: config.user,
                               language: "en"}, server: {portalBaseURL: window.location.origin}};
    (config.users || []).forEach(fullUser);
    var me = fullUser(config.user || "root");
    if (config.currentUserIm === false) { me.imAccounts = {}; }
    state.statuses = config.statuses || {};
    (config.spaces || []).forEach(function (s) { group("space", s); });
    (config.rooms || []).forEach(function (r) { group("chat_room", r); });
    $("#currentUser").text(me.title + " (@" + me.id + ")");
    (config.styles || []).forEach(function (href) { $("<link rel='stylesheet'>").attr("href", href).appendTo("head"); });
    wc.init(me, {});
    return loadModule(config.module).then(function (module) {
      provider = module || (window.eXo.webConferencing && window.eXo.webConferencing[config.type]) || null;
      if (!provider) {
        host.report("error", {message: "the connector module " + config.module + " returned no provider object (end it with `return provider;` inside the IIFE)"});
        host.failed("no provider object");
        return;
      }
      host.provider = provider;
      if (typeof provider.configure === "function") {
        provider.configure(config.settings || {});
        host.report("api-call", {name: "provider.configure", args: [config.settings || {}], result: null});
      }
      $("#providerState").text("added");
      wc.addProvider(provider);
      host.ready = true;
    }).catch(function (e) {
      host.reportError(e);
      host.failed("the connector module did not load");
    });
  };

  $(function () {
    if (window.__wbExoConfig) { host.start(window.__wbExoConfig); return; }
    fetch("config.json").then(function (r) { return r.json(); }).then(host.start).catch(function (e) {
      host.reportError(e);
      host.failed("the page configuration did not load");
    });
  });
})(window, window.jQuery);
