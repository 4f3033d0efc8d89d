"""Qt's own messages (and QtWebEngine's, as Qt reports them) routed into Python logging, so they land in the run's
log file with everything else instead of on the terminal."""

from __future__ import annotations

import logging

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")
_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
           QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
           QtMsgType.QtFatalMsg: logging.CRITICAL}


def _handle(kind, context, message: str) -> None:
    where = f" ({context.category})" if getattr(context, "category", None) not in (None, "default") else ""
    log.log(_LEVELS.get(kind, logging.INFO), "%s%s", message, where)


def route_qt_messages() -> None:
    """Send Qt's messages to the `qt` logger (call once, in the window or a headless command; not in tests, whose
    runner captures them itself)."""
    qInstallMessageHandler(_handle)
