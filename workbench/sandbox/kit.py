"""The host kit and the harness, injected into every host page, and the parsing of what they report.

- `resources/hosts/_kit/kit.js` runs in the page's main world before any other script: the host page's channel to
  the workbench (reports, calls and replies, the typed ready message), error capture and network-attempt logging.
- `resources/hosts/_kit/harness.js` (plus the host's own `harness.js`, if any) runs in an isolated world that plugin
  code cannot reach: the checks scenario steps evaluate and the recorder.

Both report through console.debug lines `\\u0001wb:<token><json>`; every page gets fresh random tokens, so a page
script can neither forge nor silence a report, and a line with a wrong token is logged as plain console output.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWebEngineCore import QWebEngineScript

from workbench.core.paths import HOSTS

PREFIX = "\u0001wb:"
HARNESS_WORLD = 16  # an isolated world id of our own (Qt reserves 0-2: main, application, user)
MAIN_WORLD = int(QWebEngineScript.ScriptWorldId.MainWorld)
KIT_DIR = HOSTS / "_kit"
_TOKEN_LEN = 32  # hex characters


@dataclass(frozen=True)
class Report:
    """One report from the page: which channel ('kit' or 'harness'), its kind and data."""

    channel: str
    kind: str
    data: dict


class PageKit:
    """The scripts of one page (fresh tokens) and the decoder of its reports."""

    def __init__(self, host_dir: Path | None = None):
        self.kit_token = secrets.token_hex(_TOKEN_LEN // 2)
        self.harness_token = secrets.token_hex(_TOKEN_LEN // 2)
        self.gesture_token = secrets.token_hex(_TOKEN_LEN // 2)  # the harness tells the kit a click is the user's
        self.host_dir = host_dir

    def scripts(self) -> list[QWebEngineScript]:
        """The kit in the main world (every frame) and the harness in the isolated world (top frame)."""
        kit_source = (KIT_DIR / "kit.js").read_text(encoding="utf-8").replace("__WB_TOKEN__", self.kit_token)
        kit_source = kit_source.replace("__WB_GESTURE__", self.gesture_token)
        harness = (KIT_DIR / "harness.js").read_text(encoding="utf-8")
        harness = harness.replace("__WB_HARNESS_TOKEN__", self.harness_token)
        harness = harness.replace("__WB_GESTURE__", self.gesture_token)
        if self.host_dir is not None and (self.host_dir / "harness.js").is_file():
            harness += "\n" + (self.host_dir / "harness.js").read_text(encoding="utf-8")
        return [_script("workbench-kit", kit_source, MAIN_WORLD, subframes=True),
                _script("workbench-harness", harness, HARNESS_WORLD, subframes=False)]

    def decode(self, message: str) -> Report | None:
        """The report a console line carries, or None when it is not one of ours (or its token is wrong)."""
        if not message.startswith(PREFIX):
            return None
        body = message[len(PREFIX):]
        token, payload = body[:_TOKEN_LEN], body[_TOKEN_LEN:]
        if token == self.kit_token:
            channel = "kit"
        elif token == self.harness_token:
            channel = "harness"
        else:
            return None
        try:
            value = json.loads(payload)
        except ValueError:
            return None
        if not isinstance(value, dict):
            return None
        data = value.get("data")
        return Report(channel, str(value.get("kind", "")), data if isinstance(data, dict) else {"value": data})


def _script(name: str, source: str, world: int, *, subframes: bool) -> QWebEngineScript:
    script = QWebEngineScript()
    script.setName(name)
    script.setSourceCode(source)
    script.setWorldId(world)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setRunsOnSubFrames(subframes)
    return script
