"""What a supervised process reports: its states as a user sees them, and one event (a line of output or a message)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

# States a user sees.
STOPPED, RUNNING, WAITING_RESTART, STOPPING = "stopped", "running", "waiting-restart", "stopping"


@dataclass(frozen=True)
class ProcessEvent:
    """One thing to log: a line of output ('stdout' / 'stderr') or a supervisor message ('info' / 'error')."""

    stream: str
    text: str
    pid: int | None
    time: float = field(default_factory=time.time)
