<%@ page language="java" contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<!DOCTYPE html>
<html>
<head>
  <meta charset="UTF-8">
  <title>Acme Meet call</title>
  <link rel="stylesheet" type="text/css" href="/acme/skin/acme.css">
  <script src="/eXoResources/javascript/jquery-3.2.1.js"></script>
  <script src="/cometd/org/cometd.js"></script>
  <script src="/webconferencing/js/webconferencing.js"></script>
  <script src="/acme/js/webconferencing-acme.js"></script>
</head>
<body class="acmeCallPage">
  <div id="acme-call">
    <h1 class="acmeCallTitle">Acme Meet</h1>
    <p id="acme-call-status">Connecting to the call...</p>
  </div>
  <script>
    (function() {
      var webConferencing = eXo.webConferencing;
      var user = ${requestScope.userInfo};
      var context = ${requestScope.contextInfo};
      var settings = ${requestScope.settings};
      webConferencing.init(user, context);
      var provider = webConferencing.acme;
      provider.configure(settings);
      webConferencing.addProvider(provider);
      // The opener calls startCall(call, isNew) once it has found or created the call.
      window.startCall = function(call, isNew) {
        var status = document.getElementById("acme-call-status");
        status.textContent = (isNew ? "Started " : "Joined ") + (call.title || call.id) + " on " + settings.serviceUrl;
        document.title = "Acme Meet: " + (call.title || call.id);
      };
    })();
  </script>
</body>
</html>
