"""What to start and how: the launch of a plugin process, App Zone's restart policy, the events it reports."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.process.events import RUNNING, STOPPED, STOPPING, WAITING_RESTART, ProcessEvent  # noqa: F401

DEFAULT_RESTART_DELAY_S = 300.0  # App Zone's default when XC_PLUGIN_RESTART_DELAY is unset


class NodeNotFoundError(RuntimeError):
    """Node.js is not installed or not on PATH."""


def find_node(explicit: str | None = None) -> str:
    """The node executable to use; raises NodeNotFoundError with what to do when there is none."""
    found = shutil.which(explicit or "node")
    if not found:
        raise NodeNotFoundError(
            "Node.js was not found on PATH: install Node.js (https://nodejs.org) or set the node executable "
            "in the run settings, then start the plugin again.")
    return found


@dataclass(frozen=True)
class RestartPolicy:
    """App Zone's opt-in restart: XC_PLUGIN_RESTART and XC_PLUGIN_RESTART_DELAY (seconds, default 300)."""

    enabled: bool = False
    delay_s: float = DEFAULT_RESTART_DELAY_S

    @classmethod
    def from_env(cls, env: dict[str, str]) -> RestartPolicy:
        """Read the policy from the variables the plugin is given, as the host does."""
        flag = env.get("XC_PLUGIN_RESTART")
        enabled = flag is not None and flag.strip().lower() not in ("false", "")
        try:
            delay = float(env.get("XC_PLUGIN_RESTART_DELAY", DEFAULT_RESTART_DELAY_S))
        except ValueError:
            delay = DEFAULT_RESTART_DELAY_S
        return cls(enabled, max(0.0, delay))


@dataclass
class NodeLaunch:
    """What to start: the launcher script (absolute), its process name, working folder and environment."""

    script: Path
    name: str
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)  # user-defined variables, XC_PLUGIN_* included
    dev_restart_delay_s: float | None = None  # overrides the delay for development (the process still sees its env)
    node: str | None = None
    port_env: int | None = None  # when set, passed as PORT
    inspect_port: int | None = None  # when set, node --inspect listens there (loopback), the same for every start

    def arguments(self, node: str) -> list[str]:
        """The command line: node, its process title, the inspector when asked for, the script."""
        inspect = [f"--inspect=127.0.0.1:{self.inspect_port}"] if self.inspect_port else []
        return [node, f"--title={self.name}", *inspect, str(self.script)]

    def policy(self) -> RestartPolicy:
        """The restart policy in force, with the development delay applied."""
        policy = RestartPolicy.from_env(self.env)
        if policy.enabled and self.dev_restart_delay_s is not None:
            return RestartPolicy(True, max(0.0, self.dev_restart_delay_s))
        return policy
