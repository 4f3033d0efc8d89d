/*
 * The App Zone frame: Motion's sidebar as admins and agents see it for the manifest's `sidebar` value, and the
 * plugin's admin or agent view in an iframe. The workbench drives it through window.XcallyFrame.
 */
(function (window, document) {
  "use strict";

  var BUILTIN = {
    admin: ["Dashboards", "Staff", "Voice", "Chat", "Contact Manager", "Tools", "App Zone"],
    agent: ["Dashboards", "Voice", "Chat", "Contact Manager", "Cases"]
  };
  var config = {};
  var frame = window.XcallyFrame = {role: "admin", view: null, viewState: "none"};

  var report = window.WBKit.report;

  /** The view's state, also on the iframe element, where the workbench's harness reads it. */
  function setViewState(state) {
    frame.viewState = state;
    document.getElementById("pluginView").setAttribute("data-view-state", state);
  }

  function iconSvg() {
    // Motion's default `icon-apps`: a grid of nine squares.
    var svg = "<svg class='xcIcon' viewBox='0 0 18 18' aria-hidden='true'>";
    for (var r = 0; r < 3; r++) { for (var c = 0; c < 3; c++) { svg += "<rect x='" + (c * 6 + 1) + "' y='" + (r * 6 + 1) + "' width='4' height='4' rx='1' fill='currentColor'/>"; } }
    return svg + "</svg>";
  }

  function sidebarValue() { return config.sidebar || "always"; }

  /** Who sees the plugin in the sidebar: ['admin', 'agent'], a subset, or none (the workbench works it out). */
  frame.seenBy = function () { return (config.seenBy || []).slice(); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function renderSidebar() {
    var role = frame.role;
    document.getElementById("sideHead").textContent = role === "admin" ? "Admin menu" : "Agent menu";
    var list = document.getElementById("sideItems");
    list.innerHTML = "";
    BUILTIN[role].forEach(function (label) { list.appendChild(el("li", "", label)); });
    var visible = frame.seenBy().indexOf(role) >= 0;
    var item = el("li", visible ? "plugin" : "hiddenPlugin");
    item.id = "sidebar-plugin";
    item.innerHTML = iconSvg();
    item.appendChild(el("span", "", config.name || "plugin"));
    item.appendChild(el("span", "xcIconName", config.icon || "icon-apps"));
    if (!visible) { item.title = "hidden for " + role + "s: sidebar is " + sidebarValue(); item.lastChild.textContent += " (hidden)"; }
    list.appendChild(item);
    var box = document.getElementById("visibility");
    box.innerHTML = "";
    box.appendChild(el("div", "", "sidebar: " + sidebarValue()));
    var table = el("table");
    ["admin", "agent"].forEach(function (who) {
      var tr = el("tr");
      tr.appendChild(el("td", "", who === "admin" ? "Admins" : "Agents"));
      var sees = frame.seenBy().indexOf(who) >= 0;
      var td = el("td", "", sees ? "see it" : "do not see it");
      td.id = "sees-" + who;
      tr.appendChild(td);
      table.appendChild(tr);
    });
    box.appendChild(table);
    if (config.pluginType === "script") { box.appendChild(el("div", "", "Staff see it once their profile enables the plugin; admins see every plugin.")); }
  }

  function renderView() {
    var role = frame.role;
    var url = (config.views || {})[role];
    var iframe = document.getElementById("pluginView");
    var empty = document.getElementById("emptyView");
    document.getElementById("viewLabel").textContent = role === "admin" ? "Admin view" : "Agent view";
    document.getElementById("viewUrl").textContent = url || "";
    if (!url) {
      iframe.style.display = "none";
      iframe.removeAttribute("src");
      empty.style.display = "block";
      empty.textContent = config.emptyMessage && config.emptyMessage[role] ||
        ("No " + role + " view: the manifest has no parameters.views." + role);
      frame.view = null;
      setViewState("none");
      return;
    }
    empty.style.display = "none";
    iframe.style.display = "block";
    if (frame.view !== url) {
      frame.view = url;
      setViewState("loading");
      iframe.src = url;
    }
  }

  frame.showRole = function (role) {
    if (role !== "admin" && role !== "agent") { throw new Error("role must be admin or agent, not " + role); }
    frame.role = role;
    Array.prototype.forEach.call(document.querySelectorAll(".xcRoles button"), function (b) {
      b.classList.toggle("active", b.getAttribute("data-role") === role);
    });
    renderSidebar();
    renderView();
    report("view", {message: "showing the " + role + " view" + (frame.view ? ": " + frame.view : ""), role: role});
    return frame.view;
  };

  /** Replace the views (a script plugin's URL changes when its port is known). */
  frame.setViews = function (views, emptyMessage) {
    config.views = views || {};
    config.emptyMessage = emptyMessage || null;
    frame.view = null;
    renderView();
  };

  frame.reload = function () {
    var iframe = document.getElementById("pluginView");
    if (frame.view) { setViewState("loading"); iframe.src = frame.view; }
  };

  frame.setProcess = function (info) {
    var box = document.getElementById("process");
    box.style.display = info ? "block" : "none";
    if (!info) { return; }
    document.getElementById("processDot").className = "xcDot " + info.state;
    document.getElementById("processName").textContent = info.name;
    document.getElementById("processState").textContent = info.state;
    document.getElementById("processDetail").textContent =
      (info.pid ? " · pid " + info.pid : "") + (info.port ? " · port " + info.port : "") + (info.detail ? " · " + info.detail : "");
  };

  frame.start = function (cfg) {
    config = cfg || {};
    document.getElementById("pluginTitle").textContent = (config.name || "plugin") + " — " + (config.pluginType || "") + " plugin";
    document.getElementById("pluginView").addEventListener("load", function () { setViewState("loaded"); });
    Array.prototype.forEach.call(document.querySelectorAll(".xcRoles button"), function (b) {
      b.addEventListener("click", function () { frame.showRole(b.getAttribute("data-role")); });
    });
    if (config.process) { frame.setProcess(config.process); }
    if (config.emptyMessage) { frame.setViews(config.views, config.emptyMessage); }
    frame.showRole(config.role || (frame.seenBy()[0] || "admin"));
    frame.ready = true;
    window.WBKit.ready({role: frame.role});
  };

  if (window.__wbXcallyConfig) { frame.start(window.__wbXcallyConfig); }
  else {
    fetch("config.json").then(function (r) { return r.json(); }).then(frame.start)
      .catch(function (e) { report("error", {message: "frame config: " + e.message}); });
  }
})(window, document);
