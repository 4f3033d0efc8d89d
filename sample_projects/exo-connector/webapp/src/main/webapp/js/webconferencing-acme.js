/**
 * Acme Meet connector for eXo Web Conferencing: call buttons for users with an Acme account, spaces and chat
 * rooms, and incoming call notices. Loaded as the AMD module webConferencing_acme (see gatein-resources.xml)
 * and, on the call page, as a plain script registering eXo.webConferencing.acme.
 */
(function($, webConferencing) {
  "use strict";

  var TYPE = "acme";
  var TITLE = "Acme Meet";

  var globalWebConferencing = typeof eXo !== "undefined" && eXo && eXo.webConferencing ? eXo.webConferencing : null;
  webConferencing = webConferencing || globalWebConferencing;
  var log = webConferencing.getLog(TYPE);

  /** The id a call gets: one per space or room, one per pair of users. */
  function callIdFor(context, target) {
    if (context.isSpace) {
      return "g/" + context.spaceId;
    }
    if (context.isRoom) {
      return "g/" + context.roomId;
    }
    var ids = [context.currentUser.id, target.id].sort();
    return "p/" + ids.join("@");
  }

  function ownerOf(context, target) {
    if (context.isSpace) {
      return { owner: context.spaceId, ownerType: "space", title: context.roomTitle || context.spaceId };
    }
    if (context.isRoom) {
      return { owner: context.roomId, ownerType: "chat_room", title: context.roomTitle || context.roomName };
    }
    return { owner: context.currentUser.id, ownerType: "user", title: target.title || target.id };
  }

  function participantsOf(context, target) {
    if (context.isUser) {
      return [context.currentUser.id, target.id];
    }
    var members = target.members || target;
    return $.map($.isArray(members) ? members : [], function(member) {
      return member.id;
    });
  }

  /** Runs fn once the call page has defined startCall: the page may still be loading in the new window. */
  function whenCallPageReady(callWindow, fn) {
    if (!callWindow) {
      return;
    }
    if (typeof callWindow.startCall === "function") {
      fn();
      return;
    }
    callWindow.addEventListener("load", function() {
      if (typeof callWindow.startCall === "function") {
        fn();
      }
    });
  }

  function AcmeProvider() {
    var self = this;
    var settings = null;

    this.getType = function() {
      return TYPE;
    };

    this.getSupportedTypes = function() {
      return [TYPE];
    };

    this.getTitle = function() {
      return TITLE;
    };

    this.configure = function(serverSettings) {
      settings = serverSettings;
    };

    this.isConfigured = function() {
      return settings !== null;
    };

    /** Opens the call window first (popup blockers allow it only now), then finds or creates the call. */
    function startCall(context, target) {
      var callId = callIdFor(context, target);
      var url = "/" + TYPE + "/call?id=" + encodeURIComponent(callId);
      var callWindow = webConferencing.showCallWindow(url, "acme-" + callId.replace(/[^a-zA-Z0-9]/g, "_"));
      webConferencing.getCall(callId).then(function(call) {
        return webConferencing.updateUserCall(callId, "joined").then(function() {
          return { call: call, isNew: false };
        });
      }, function(err) {
        if (err && err.code === "NOT_FOUND_ERROR") {
          var owner = ownerOf(context, target);
          return webConferencing.addCall(callId, {
            owner: owner.owner,
            ownerType: owner.ownerType,
            provider: TYPE,
            title: owner.title,
            participants: participantsOf(context, target).join(";")
          }).then(function(call) {
            return { call: call, isNew: true };
          });
        }
        return $.Deferred().reject(err).promise();
      }).then(function(started) {
        whenCallPageReady(callWindow, function() {
          callWindow.startCall(started.call, started.isNew);
        });
      }, function(err) {
        log.error("Cannot start the Acme call " + callId, err);
        webConferencing.showError("Acme call failed", (err && err.message) || String(err));
      });
    }

    this.callButton = function(context, buttonType) {
      var button = $.Deferred();
      if (!settings || !context || !context.currentUser) {
        button.reject("Acme Meet is not configured");
        return button.promise();
      }
      if (!(context.isUser || context.isSpace || context.isRoom)) {
        button.reject("Acme Meet calls users, spaces and chat rooms only");
        return button.promise();
      }
      context.details().then(function(target) {
        if (context.isUser && !webConferencing.imAccount(target, TYPE)) {
          button.reject("The user has no Acme account");
          return;
        }
        var $button = $("<a class='acmeCallAction' title='Call with Acme'>" +
          "<i class='uiIconAcmeCall uiIconLightGray'></i><span class='callTitle'>Call with Acme</span></a>");
        $button.on("click", function() {
          startCall(context, target);
        });
        button.resolve($button, buttonType);
      }, function(err) {
        button.reject(err);
      });
      return button.promise();
    };

    /** Shows incoming calls to the current user while the page is open. */
    this.init = function(context) {
      var initializer = $.Deferred();
      var currentUserId = context && context.currentUser ? context.currentUser.id : null;
      if (!currentUserId) {
        initializer.reject("No current user");
        return initializer.promise();
      }
      webConferencing.onUserUpdate(currentUserId, function(update) {
        if (update.eventType === "call_state" && update.provider === TYPE && update.callState === "started" &&
            update.owner && update.owner.id !== currentUserId) {
          webConferencing.showInfo("Incoming call", "Acme call from " + (update.owner.title || update.owner.id));
          log.info("Incoming call " + update.callId);
        } else if (update.eventType === "call_state" && update.callState === "stopped") {
          log.info("Call stopped " + update.callId);
        }
      }, function(err) {
        log.error("Cannot follow the user's calls", err);
      });
      initializer.resolve();
      return initializer.promise();
    };

    this.toString = function() {
      return "AcmeProvider(" + (self.isConfigured() ? "configured" : "not configured") + ")";
    };
  }

  var provider = new AcmeProvider();
  if (globalWebConferencing) {
    globalWebConferencing[TYPE] = provider;
  }
  return provider;
})(typeof $ !== "undefined" ? $ : window.jQuery, typeof webConferencing !== "undefined" ? webConferencing : null);
