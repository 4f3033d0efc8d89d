"""Host sessions: the pluggable protocol between the scenario runner / the window and one host emulation.

Getting a session for a project:

    runtime = importlib.import_module(f"workbench.targets.{project.target}.runtime")
    session = runtime.create_session(project, SessionSetup.from_scenario(scenario))   # or SessionSetup()
    session.start()                  # blocks on the event loop (never sleeps) until the host is ready
    for step in scenario.steps:
        session.apply_step(step)     # raises StepFailure(message) when the step does not hold
    session.check_errors(...)        # uncaught errors fail the step during which they happened
    session.close()

A target's `runtime` module provides:
- `create_session(project, setup: SessionSetup, parent: QObject | None = None) -> HostSession`;
- optionally `EXTRA_STEPS`, `EXTRA_EXPECT`, `EXTRA_KEYS` (frozensets): the step names, `expect` keys and top-level
  scenario keys the host adds to the common ones of workbench/core/scenario.py (XCALLY: start/stop/kill and
  expect process/http/view; eXo: context/incoming and expect button). The runner hands them to the scenario loader.

A HostSession is a QObject (subclass `HostSession` below) with:
- `log: HostLog` (every API call, action, console line, error, network block) and the signals `sig_log(entry)`,
  `sig_state_changed()`, `sig_ready()`, `sig_problem(message)` (hang, crash) for the window; emit them with
  `workbench.sandbox.qtcompat.emit(signal, *args)` (works around a PySide6 reference-count defect);
- `page: HostPage | None` (a QWebEnginePage usable in a visible QWebEngineView) and `environment`;
- `start(timeout_ms)`, `close()`, `apply_step(step)`, `check_errors(since_seq)`;
- for the window: `conference` (or None), `plugins`, `set_audience(role, platform)` (when `supports_audiences`),
  `request_plugin_states(on_done)`, `request_plugin_enabled(plugin_id, enabled, on_done)` (defaults: nothing to show
  or change), and, when the class sets `supports_hot_reload`, `push_state()`, `reread_plugins()` and
  `reload_plugin(plugin_id, on_done)`.
Hosts without a conference offer their own public controls, which the window's host panel calls and the host's
steps call too (one code path): XCALLY `start_process()`, `stop_process()`, `kill_process()`, `set_restart()`,
`set_env()`, `show_view()`; eXo `set_context()`, `set_user_account()`, `simulate_incoming()`. They raise
`ControlError` (a StepFailure) with a message for the user when they cannot be done.
`apply_step` dispatches `step_<kind>(value, step)` and, for `expect`, `expect_<key>(value, step)`; a host
implements the methods of its own steps. Common page steps (click/fill/expect on a selector, wait, expect
no_errors / error / call) are implemented in `page_steps.py` for every host with a page.
"""

from workbench.core.hostlog import ERROR
from workbench.sandbox.session.base import HostSession, SessionSetup
from workbench.sandbox.session.errors import ControlError, SessionError, StepFailure
from workbench.sandbox.session.page_steps import PageSteps, format_error, matches, show

__all__ = ["ERROR", "ControlError", "HostSession", "PageSteps", "SessionError", "SessionSetup", "StepFailure",
           "format_error", "matches", "show"]
