"""The QWebChannel object of the Pexip host page: the mock host API and nothing else."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from workbench.sandbox.pexip_session import PexipSession


def _loads(text: str, default):
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return default


class PexipBridge(QObject):
    """Page <-> session: the page forwards every PEX.pluginAPI call here; the conference is pushed back."""

    stateChanged = Signal(str)  # noqa: N815 (name seen by the page's JavaScript)
    """The conference snapshot (JSON) after a change."""
    action = Signal(str)
    """An action {type, payload} (JSON) for PEX.actions$."""

    def __init__(self, session: PexipSession):
        super().__init__(session)
        self._session = session

    @Slot(result=str)
    def hello(self) -> str:
        """The page starts: plugins, options and the conference to mirror."""
        return json.dumps(self._session.page_config(), default=str)

    @Slot(str, str, result=str)
    def call(self, name: str, args_json: str) -> str:
        """One API call from the page; the JSON reply goes back to the plugin's callback/promise."""
        args = _loads(args_json, [])
        result = self._session.api_call(name, args if isinstance(args, list) else [args])
        return json.dumps(result, default=str)

    @Slot(str, str)
    def report(self, kind: str, data_json: str) -> None:
        """An error, warning or host message from the page."""
        data = _loads(data_json, {"message": data_json})
        self._session.page_report(kind, data if isinstance(data, dict) else {"message": str(data)})

    @Slot()
    def pluginsLoaded(self) -> None:  # noqa: N802
        """Every enabled plugin is loaded: the conference connects."""
        self._session.plugins_loaded()
