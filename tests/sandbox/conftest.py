"""Sandbox tests: the workbench URL scheme must be registered before pytest-qt creates the QApplication."""

from workbench.sandbox.environment import prepare_environment

prepare_environment()
