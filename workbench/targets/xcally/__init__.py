"""XCALLY Motion App Zone plugins (script and html). Heavy modules load on first use, not on import."""

from workbench.targets.xcally.target import XcallyTarget

TARGET = XcallyTarget()

__all__ = ["TARGET", "XcallyTarget"]
