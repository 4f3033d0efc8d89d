"""Run an XCALLY script plugin under Node.js the way App Zone does: named process, restart policy, no orphans.

Qt-free: the window wraps it in signals, headless scenarios drive it directly. Output, state and the served port
are delivered through callbacks from background threads; callers marshal them to their own thread if they need to.
Each run lives inside a keeper process that owns the plugin's whole tree; keeper.py says what that guarantees on
Linux, macOS and Windows.
"""

from workbench.targets.xcally.process.launch import (
    DEFAULT_RESTART_DELAY_S,
    RUNNING,
    STOPPED,
    STOPPING,
    WAITING_RESTART,
    NodeLaunch,
    NodeNotFoundError,
    ProcessEvent,
    RestartPolicy,
    find_node,
)
from workbench.targets.xcally.process.supervisor import NodeProcess

__all__ = ["DEFAULT_RESTART_DELAY_S", "RUNNING", "STOPPED", "STOPPING", "WAITING_RESTART", "NodeLaunch",
           "NodeNotFoundError", "NodeProcess", "ProcessEvent", "RestartPolicy", "find_node"]
