"""The simulated conference (model, client REST API, participant presets) shared by the conferencing hosts."""

from workbench.core.conference.model import (
    CONFERENCE_DEFAULTS,
    EVENTS,
    PARTICIPANT_DEFAULTS,
    Conference,
    failure,
    success,
)

__all__ = ["CONFERENCE_DEFAULTS", "EVENTS", "PARTICIPANT_DEFAULTS", "Conference", "failure", "success"]
