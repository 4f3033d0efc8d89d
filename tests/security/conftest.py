"""Security tests drive real pages: the lockdown and the qasync loop are set up as for the sandbox tests."""

import pytest

from workbench.sandbox.environment import prepare_environment

prepare_environment()


@pytest.fixture(scope="session", autouse=True)
def qasync_loop(qapp):
    from qtasync import install_loop
    install_loop(qapp)
