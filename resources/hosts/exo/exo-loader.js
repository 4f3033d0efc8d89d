/*
 * Bringing the connector up as an eXo portal page does: the core initialised for the current user (the core's
 * portlet), then each provider's module loaded through the GateIn AMD loader (its <depends> passed to the module's
 * function under their <as> aliases) and registered the way the connector's portlet does it:
 * configure(settings), webConferencing.addProvider(provider), webConferencing.update().
 */
(function (window, $) {
  "use strict";

  var host = window.ExoHost;
  var core = host.core;
  var wc = window.eXo.webConferencing;
  var loaded = {};  // module name -> promise of its value

  /** Modules of eXo Platform the emulated page offers; any other platform module is named and left undefined. */
  var platform = {
    jquery: function () { return $; },
    webConferencing: function () { return wc; }
  };

  function loadModule(name, needer) {
    if (loaded[name]) { return loaded[name]; }
    var spec = (host.config.modules || {})[name];
    if (!spec) {
      if (platform[name]) { return (loaded[name] = Promise.resolve(platform[name]())); }
      host.report("warning", {message: "module " + name + " (a dependency of " + needer + ") is part of eXo Platform and not " +
        "emulated: " + needer + " gets undefined for it"});
      return (loaded[name] = Promise.resolve(undefined));
    }
    if (spec.error) {
      host.report("error", {message: spec.error});
      return (loaded[name] = Promise.resolve(undefined));
    }
    loaded[name] = Promise.all((spec.deps || []).map(function (d) { return loadModule(d, name); })).then(function (values) {
      return fetch(spec.url).then(function (r) {
        if (!r.ok) { throw new Error("cannot load module " + name + " from " + spec.url + " (" + r.status + ")"); }
        return r.text();
      }).then(function (source) {
        // GateIn wraps the module's script in a function of its dependencies, named by their aliases, and the
        // module's value is what the script's self-executing function returns.
        var factory = new Function(spec.params.concat(["__wbSource"]).join(","), "return eval(__wbSource);");
        var src = source + "\n//# sourceURL=" + new URL(spec.url, window.location.href).href;
        return factory.apply(window, values.concat([src]));
      });
    });
    return loaded[name];
  }
  host.loadModule = loadModule;

  function register(p) {
    return loadModule(p.module, "the " + p.type + " portlet").then(function (provider) {
      provider = provider || (window.eXo.webConferencing && window.eXo.webConferencing[p.type]) || null;
      if (!provider) {
        host.report("error", {message: "the module " + p.module + " returned no provider object (end it with `return provider;` " +
          "inside its self-executing function)"});
        return {type: p.type, refused: true};
      }
      // What the connector's portlet writes into the page: configure(settings), addProvider, update().
      if (typeof provider.configure === "function") { provider.configure(p.settings || {}); host.report("api-call", {name: "provider.configure", args: [p.settings || {}], result: null}); }
      var before = core.findProvider(p.type);
      wc.addProvider(provider);
      wc.update();
      return {type: p.type, provider: provider, refused: !before && host.providers().indexOf(provider) < 0};
    }).catch(function (e) {
      window.WBKit.reportError(e);
      return {type: p.type, refused: true, error: e};
    });
  }

  host.initFailed = function (type, reason) {
    if (type === host.config.preview && !host.ready) { host.failed(reason); }
  };

  host.start = function (cfg) {
    host.populate(cfg);
    $("#connectorTitle").text(cfg.title || cfg.preview);
    window.eXo.env = {portal: {context: "/portal", rest: "rest", portalName: "dw", userName: cfg.user, language: "en",
                               containerName: "portal"}, server: {portalBaseURL: window.location.origin}};
    var me = host.fullUser(cfg.user || "root");
    $("#currentUser").text(me.title + " (@" + me.id + ")");
    (cfg.styles || []).forEach(function (href) { $("<link rel='stylesheet'>").attr("href", href).appendTo("head"); });
    // The core's portlet: init(user, context) with the ContextInfo of the page.
    wc.init($.extend(true, {}, me), cfg.contextInfo);
    var preview = (cfg.providers || []).filter(function (p) { return p.type === cfg.preview; })[0];
    // One portlet after the other, in the order the add-on declares its providers.
    var outcomes = [];
    return (cfg.providers || []).reduce(function (chain, p) {
      return chain.then(function () { return register(p).then(function (o) { outcomes.push(o); }); });
    }, Promise.resolve()).then(function () {
      var mine = outcomes.filter(function (o) { return o.type === cfg.preview; })[0];
      if (!preview || !mine || mine.refused) {
        host.failed(mine && mine.error ? "the connector module did not load" : "provider " + cfg.preview + " was not added");
        return;
      }
      $("#providerState").text("added");
      wc.getProvider(cfg.preview).then(function (provider, initialised) {
        host.providerReady(initialised !== false, initialised === false ? "provider " + cfg.preview +
          (preview.active === false ? " is not active (active=false)" : ": its init() failed") : "");
      }, function (reason) {
        host.failed(reason);
      });
    });
  };

  $(function () {
    fetch("/exo-host/config.json").then(function (r) { return r.json(); }).then(host.start).catch(function (e) {
      window.WBKit.reportError(e);
      host.failed("the page configuration did not load");
    });
  });
})(window, window.jQuery);
