/*
 * The call window: what showCallWindow / showCallPopup / window.open give a connector, shown as a frame of the
 * page. It loads the connector's own call page (rendered from its JSP by the workbench) or whatever URL the
 * connector sends it to; the page's startCall(call, isNew) calls are logged as callPage.startCall.
 */
(function (window, $) {
  "use strict";

  var host = window.ExoHost;

  function describe(win) {
    var el = document.getElementById("callWindow");
    if (!el) { return; }
    var state = host.callWindow || {};
    el.setAttribute("data-url", state.url || "");
    el.setAttribute("data-state", state.state || "");
  }

  function watchStartCall(win) {
    var original = win.startCall;
    if (typeof original !== "function" || original.__wbWatched) { return; }
    var watched = function (call, isNew) {
      host.callWindow.state = isNew === false ? "joined" : "started";
      host.callWindow.callId = call && call.id;
      describe(win);
      host.report("api-call", {name: "callPage.startCall", args: [call && call.id, isNew === undefined ? null : isNew], result: null});
      return original.apply(this, arguments);  // (a page whose core watches startCall logs it there)
    };
    watched.__wbWatched = true;
    win.startCall = watched;
  }

  host.callStarted = function (call, isNew) {
    if (!host.callWindow) { return; }
    host.callWindow.state = isNew === false ? "joined" : "started";
    host.callWindow.callId = call && call.id;
    describe();
  };

  /** Open the call window (a frame here); the caller gets its window at once, as with window.open. */
  host.openCallWindow = function (url, name, popup) {
    var $win = $("#callWindow").show();
    $win.find(".callWindowTitle").text(name || "Call");
    $win.find(".callWindowUrl").text(url || "(blank)");
    $win.find("iframe").remove();
    var $frame = $("<iframe class='callWindowFrame'></iframe>").attr("name", name || "callWindow");
    host.callWindow = {url: url || "", name: name, state: "opening", popup: !!popup};
    $frame.on("load", function () {
      var win = this.contentWindow, href = "";
      try {
        if (win.location.href === "about:blank") { return; }
        href = win.location.pathname + win.location.search;
      } catch (e) { href = "(another origin)"; }
      host.callWindow.url = href;
      host.callWindow.state = host.callWindow.state === "opening" ? "loaded" : host.callWindow.state;
      $win.find(".callWindowUrl").text(href);
      try { watchStartCall(win); } catch (e) { /* another origin */ }
      describe(win);
      host.report("host", {message: "call page loaded: " + href});
    });
    $frame.attr("src", url || "about:blank").appendTo($win.find(".callWindowBody"));
    var win = $frame[0].contentWindow;
    describe(win);
    host.report("host", {message: "call window opened: " + (url || "(blank, the connector sets its location later)")});
    return win;
  };

  // Connectors that open their window themselves get the same frame.
  var nativeOpen = window.open;
  window.open = function (url, name, features) {
    host.report("api-call", {name: "window.open", args: [url === undefined ? null : String(url), name || null], result: "[window]"});
    return host.openCallWindow(url ? String(url) : "", name, !!features);
  };
  window.open.native = nativeOpen;
})(window, window.jQuery);
