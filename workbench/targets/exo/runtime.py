"""Run time of eXo connectors: the emulated eXo page and its scenario steps (see workbench/sandbox/exo_session.py)."""

from __future__ import annotations

EXTRA_STEPS = frozenset({"context", "incoming", "account"})
EXTRA_EXPECT = frozenset({"button"})
EXTRA_KEYS = frozenset({"user", "users", "spaces", "rooms", "settings", "statuses", "context"})


def create_session(project, setup=None, parent=None):
    """The host session of an eXo connector project (imports Qt)."""
    from workbench.sandbox.exo_session import create_session as make
    return make(project, setup, parent)
