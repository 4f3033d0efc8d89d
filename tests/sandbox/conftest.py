"""Sandbox tests: the lockdown and the URL scheme must be set up before pytest-qt creates the QApplication; the
qasync loop counts as running for the whole session."""

import pytest

from workbench.sandbox.environment import prepare_environment

prepare_environment()


@pytest.fixture(scope="session", autouse=True)
def qasync_loop(qapp):
    from qtasync import install_loop
    install_loop(qapp)
