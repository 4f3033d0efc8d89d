"""Run time of XCALLY plugins: the App Zone frame, Node for script plugins (see workbench/sandbox/xcally_session.py)."""

from __future__ import annotations

EXTRA_STEPS = frozenset({"start", "stop", "kill", "restart"})
EXTRA_EXPECT = frozenset({"process", "http", "view"})
EXTRA_KEYS = frozenset({"env", "restart_delay", "autostart", "view"})


def create_session(project, setup=None, parent=None):
    """The host session of an XCALLY plugin project (imports Qt)."""
    from workbench.sandbox.xcally_session import create_session as make
    return make(project, setup, parent)
