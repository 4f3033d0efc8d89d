"""The Pexip host at run time: `create_session` builds the emulated Infinity Connect app for a branding package."""

from __future__ import annotations

from PySide6.QtCore import QObject

from workbench.sandbox.pexip_session import PexipSession
from workbench.sandbox.session import SessionSetup

EXTRA_STEPS: frozenset[str] = frozenset()
EXTRA_EXPECT: frozenset[str] = frozenset()
EXTRA_KEYS: frozenset[str] = frozenset()


def create_session(project, setup: SessionSetup | None = None, parent: QObject | None = None) -> PexipSession:
    """A session of the emulated web app v2 with the project's plugins (call start() to load it)."""
    return PexipSession(project, setup or SessionSetup(), parent)
