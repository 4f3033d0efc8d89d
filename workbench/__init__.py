"""Plugin Workbench: build, validate, run and package plugins for conferencing and contact-centre hosts."""

__version__ = "0.1.0"
