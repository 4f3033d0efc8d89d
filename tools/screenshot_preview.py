"""A screenshot of a host's preview page after a scenario's steps (offscreen), for the README.

    python3 tools/screenshot_preview.py PROJECT SCENARIO.yaml OUT.png [--size 1200x720]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("project")
    parser.add_argument("scenario")
    parser.add_argument("out")
    parser.add_argument("--size", default="1200x720")
    args = parser.parse_args()
    import asyncio

    import qasync
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from workbench.core.scenario import load_scenario
    from workbench.registry import open_project
    from workbench.sandbox.environment import ensure_app
    from workbench.sandbox.session import SessionSetup

    app = ensure_app()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    target, project = open_project(args.project)
    scenario = load_scenario(args.scenario, target.vocabulary(project))
    session = target.create_session(project, SessionSetup.from_scenario(scenario))
    view = QWebEngineView()
    view.setPage(session.page)
    width, height = (int(n) for n in args.size.split("x"))
    view.resize(width, height)
    view.show()

    async def shoot() -> None:
        await session.start()
        for step in scenario.steps:
            await session.apply_step(step)
        await asyncio.sleep(0.6)  # let the page paint: a picture, not a test
        view.grab().save(args.out)

    loop.run_until_complete(shoot())
    session.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
