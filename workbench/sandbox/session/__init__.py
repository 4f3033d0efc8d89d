"""Host sessions: the one protocol between the scenario runner / the window and a host emulation.

    session = target.create_session(project, SessionSetup.from_scenario(scenario))   # or SessionSetup()
    await session.start()            # prepare, load the page, wait for its typed ready message
    for step in scenario.steps:
        await session.apply_step(step)   # raises StepFailure(message) when the step does not hold
    session.check_errors(since)      # uncaught errors fail the step during which they happened
    session.close()

Every session (base.py) has a `log` (calls, actions, console, errors, network blocks), the signals `sig_log`,
`sig_state_changed`, `sig_ready`, `sig_problem`, `sig_recorded`, a `page` and its `environment`. What a host can do
beyond that is a capability (capabilities.py): a conference, an action stream, plugins, audiences, hot reload. Steps
are typed specs (workbench/core/steps.py) whose async executors live beside them: the common page steps in
page_steps.py, the conference steps in conference_steps.py, a host's own in its target package. Host controls the
window calls and the steps that share them raise ControlError (a StepFailure) with a message for the user.
"""

from workbench.sandbox.session.base import HostSession, SessionSetup
from workbench.sandbox.session.errors import ControlError, SessionError, StepFailure
from workbench.sandbox.session.page_steps import format_error, matches, show

__all__ = ["ControlError", "HostSession", "SessionError", "SessionSetup", "StepFailure", "format_error", "matches",
           "show"]
