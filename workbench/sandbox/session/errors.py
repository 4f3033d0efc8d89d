"""How a session says no: a step that does not hold, a control that cannot be done, a host that did not start."""

class StepFailure(Exception):
    """A step that does not hold; the message says what was expected and what was seen."""


class ControlError(StepFailure):
    """A host control (a window button or the step that shares its code) cannot be done now; says why."""


class SessionError(Exception):
    """The host could not start (bad project, page did not load, plugin hung at load...)."""
