"""Broken-project fixtures stored as one shared base plus, per case, only what differs (import this like testpaths).

`tests/fixtures/<target>/_base/` holds the files most cases share; `tests/fixtures/<target>/<case>/` holds the
files that case changes or adds, and `_removed.txt` lists (one per line) the base files the case does not have.
"""

import shutil
from pathlib import Path

from testpaths import FIXTURES

BASE = "_base"
REMOVED = "_removed.txt"


def materialize(target: str, case: str, dest: Path, root: Path = FIXTURES) -> Path:
    """Build fixture `case` of `target` in `dest`: the base, then the case's files over it, minus its removals."""
    overlay = root / target / case
    if not overlay.is_dir():
        raise FileNotFoundError(f"no fixture {target}/{case} in {root}")
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(root / target / BASE, dest, dirs_exist_ok=True)
    shutil.copytree(overlay, dest, dirs_exist_ok=True,
                    ignore=lambda folder, names: [REMOVED] if Path(folder) == overlay else [])
    removals = overlay / REMOVED
    for rel in removals.read_text().splitlines() if removals.is_file() else []:
        path = dest / rel.strip()
        path.unlink()
        # an emptied folder (e.g. plugins/) would change how the project is detected: drop it too
        for parent in path.parents:
            if parent == dest or any(parent.iterdir()):
                break
            parent.rmdir()
    return dest


class Cases:
    """`Cases(target, folder) / case`: fixture project `case`, materialized under `folder` on first use."""

    def __init__(self, target: str, folder: Path):
        self.target, self.folder = target, folder

    def __truediv__(self, case: str) -> Path:
        dest = self.folder / case
        return dest if dest.is_dir() else materialize(self.target, case, dest)


def every_broken_project(dest: Path, root: Path = FIXTURES) -> list[Path]:
    """Every broken-project fixture of every target, materialized under dest (cases of targets with a base are
    built; the others are used where they are)."""
    projects = []
    for target in ("pexip", "xcally", "exo"):
        folder = root / target
        has_base = (folder / BASE).is_dir()
        for case in sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name != BASE):
            projects.append(materialize(target, case, dest / target / case, root) if has_base else folder / case)
    return projects
