"""eXo Platform Web Conferencing connectors. Heavy modules load on first use, not on import."""

from workbench.targets.exo.target import ExoTarget

TARGET = ExoTarget()

__all__ = ["TARGET", "ExoTarget"]
