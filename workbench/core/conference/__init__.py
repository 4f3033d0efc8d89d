"""The simulated conference (model, client REST API, participant presets) shared by the conferencing hosts."""

from workbench.core.conference.model import (
    CONFERENCE_DEFAULTS,
    EVENTS,
    FAIL_DIAL,
    PARTICIPANT_DEFAULTS,
    Conference,
    conference_from_header,
    failure,
    success,
)

__all__ = ["CONFERENCE_DEFAULTS", "EVENTS", "FAIL_DIAL", "PARTICIPANT_DEFAULTS", "Conference", "conference_from_header",
           "failure", "success"]
