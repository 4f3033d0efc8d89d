"""Plugin Workbench: build, validate, run and package plugins for Pexip, XCALLY and eXo."""

__version__ = "0.1.0"
