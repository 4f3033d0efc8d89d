"""What the emulated eXo server serves besides the connector: the portal page, jQuery and jQuery UI, the Web
Conferencing core (for call pages loading /webconferencing/js/webconferencing.js) and CometD stand-ins."""

from __future__ import annotations

from pathlib import Path

from workbench.core.paths import HOSTS

JS, CSS, HTML = "text/javascript", "text/css", "text/html"
EXO = HOSTS / "exo"
PORTAL_PAGE = "portal/dw/"
# eval(code) of commons-cometd3.js gives the page's cCometD: the emulated core talks to the emulated server instead.
COMETD3 = b"""(function () {
  return {eXoSecret: {}, configure: function () {}, subscribe: function () { return null; },
          unsubscribe: function () {}, publish: function () {}, remoteCall: function () {}, batch: function (fn) { fn(); }};
})()"""
PNOTIFY = b"""/* The notices of the emulated Web Conferencing core; a stand-in for jquery.pnotify. */
(function ($) { if ($ && !$.pnotify) { $.pnotify = function (o) { return eXo.webConferencing.noticeInfo(o.title, o.text); };
  $.pnotify.defaults = {}; } })(window.jQuery);"""


def jquery_source() -> bytes:
    """jQuery from the XStatic-jQuery package (a declared dependency)."""
    import xstatic.pkg.jquery as xjq
    return (Path(xjq.BASE_DIR) / "jquery.js").read_bytes()


def jquery_ui_dir() -> Path:
    """jQuery UI (library, CSS, images) from the XStatic-jquery-ui package (a declared dependency)."""
    import xstatic.pkg.jquery_ui as xui
    return Path(xui.BASE_DIR)


def core_source() -> bytes:
    """The emulated core as one script: the server stand-in, then the webConferencing module."""
    return (EXO / "exo-server.js").read_bytes() + b"\n" + (EXO / "webconferencing-mock.js").read_bytes()


def platform_files() -> dict[str, tuple[bytes, str]]:
    """Path (without the leading /) -> (content, MIME type) of the platform's own resources."""
    ui = jquery_ui_dir()
    jquery = jquery_source()
    files = {
        PORTAL_PAGE: ((EXO / "index.html").read_bytes(), HTML),
        "exo-host/vendor/jquery.js": (jquery, JS),
        "webconferencing/js/jquery-ui.min.js": ((ui / "jquery-ui.min.js").read_bytes(), JS),
        "webconferencing/js/jquery-ui.js": ((ui / "jquery-ui.js").read_bytes(), JS),
        "webconferencing/js/webconferencing.js": (core_source(), JS),
        "webconferencing/js/jquery.pnotify.min.js": (PNOTIFY, JS),
        "cometd/org/cometd.js": (b"/* CometD: the emulated core talks to the emulated server */", JS),
        "cometd/jquery/jquery.cometd.js": (b"/* CometD for jQuery: not needed by the emulated core */", JS),
        "cometd/javascript/eXo/commons/commons-cometd3.js": (COMETD3, JS),
    }
    for name in ("jquery-ui.min.css", "jquery-ui.structure.min.css", "jquery-ui.theme.min.css", "jquery-ui.css"):
        files[f"webconferencing/skin/{name}"] = ((ui / name).read_bytes(), CSS)
    return files


def jquery_for(path: str) -> bytes | None:
    """The page's jQuery for a platform path a call page names (/eXoResources/javascript/jquery-3.2.1.js...)."""
    name = path.rsplit("/", 1)[-1]
    return jquery_source() if name.startswith("jquery") and name.endswith(".js") and "ui" not in name else None
