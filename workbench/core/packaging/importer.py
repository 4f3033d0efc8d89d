"""`import_package`: unpack a host's package zip into a new project folder, safely, laid out as the host says."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core.packaging.model import ImportRefused, ImportResult
from workbench.core.packaging.safezip import SafeZip, ZipLimits
from workbench.core.safeio import tool_part

JUNK_PREFIXES = ("__MACOSX/",)
JUNK_NAMES = (".DS_Store", "Thumbs.db")


@dataclass(frozen=True)
class Layout:
    """How a zip maps onto a project folder."""

    target: str  # the host's name
    strip: str  # prefix removed from every entry name ('' or 'top/')
    add: str  # prefix added in the project (e.g. the host's package folder, for bare content)
    description: str
    complete: Callable[[Path, ImportResult], None] | None = None  # adds what the host needs and the zip lacks


@dataclass(frozen=True)
class HostLayout:
    """A host's recognition of its own zips (see Target.import_layout): recognise(names, read) returns
    {strip, add, description, certainty, complete?} or None. certainty: 3 the host's own folder or a file only it
    writes, 2 a file it alone uses, 1 a guess; the surest host wins, the first in the list on a tie."""

    name: str
    title: str
    recognise: Callable[[list[str], Callable[[str], bytes]], dict | None]
    looks_for: str = ""  # what the host recognises, for the refusal message


def detect_layout(zf: SafeZip, names: list[str], layouts: Sequence[HostLayout], want: str | None = None) -> Layout:
    """The layout of the host that recognises the zip most surely (only `want`'s when given)."""
    candidates = [h for h in layouts if want in (None, h.name)]
    found: list[tuple[int, int, HostLayout, dict]] = []
    for order, host in enumerate(candidates):
        layout = host.recognise(names, zf.read)
        if layout:
            found.append((-int(layout.get("certainty", 1)), order, host, layout))
    if found:
        _, _, host, layout = min(found, key=lambda item: item[:2])
        return Layout(host.name, str(layout.get("strip", "")), str(layout.get("add", "")),
                      str(layout.get("description", host.title)), layout.get("complete"))
    listed = ", ".join(names[:6]) + (" ..." if len(names) > 6 else "")
    wanted = "; ".join(f"{h.title}: {h.looks_for}" if h.looks_for else h.title for h in candidates)
    if not candidates:
        raise ImportRefused(f"{zf.label}: no host named {want!r} reads packages", "usage")
    what = f"not a {candidates[0].title} package" if want else "no host recognises this zip"
    raise ImportRefused(f"{zf.label}: {what} ({wanted}); it holds: {listed}", "unsupported")


def _check_dest(dest: Path) -> None:
    if dest.is_symlink():
        raise ImportRefused(f"{dest}: is a symbolic link; import into a new or empty folder", "usage")
    if dest.exists():
        if not dest.is_dir():
            raise ImportRefused(f"{dest}: exists and is not a folder", "usage")
        if any(dest.iterdir()):
            raise ImportRefused(f"{dest}: the folder is not empty; import into a new or empty folder", "usage")


def import_package(zip_path: str | Path, dest: str | Path, layouts: Sequence[HostLayout], *,
                   target: str | None = None, limits: ZipLimits | None = None) -> ImportResult:
    """Unpack the package into dest (new or empty), laid out as the host that recognises it says (`layouts`: the
    hosts', e.g. registry.import_layouts(); `target`: only that host's). Everything is checked first and unpacked
    into a temporary folder beside dest that is renamed at the end, so a refused or failed import leaves nothing
    behind."""
    dest = Path(dest).expanduser().absolute()
    _check_dest(dest)
    with SafeZip(Path(zip_path), limits) as zf:
        tools = {n: tool_part(n.split("/")) for n in zf.names()}
        names = [n for n in zf.names() if not tools[n]
                 and not n.startswith(JUNK_PREFIXES) and n.rsplit("/", 1)[-1] not in JUNK_NAMES]
        if not names:
            raise ImportRefused(f"{zf.label}: the zip holds only OS junk files and tool folders", "unsupported")
        layout = detect_layout(zf, names, layouts, target)
        mapping = {n: layout.add + n[len(layout.strip):] for n in names if n.startswith(layout.strip)}
        created_parents = _make_parents(dest.parent)
        staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.import-", dir=dest.parent))
        try:
            for name, rel in sorted(mapping.items()):
                target_path = staging / rel
                target_path.parent.mkdir(parents=True, exist_ok=True)
                zf.extract_to(name, target_path)
                os.chmod(target_path, 0o644)
            result = ImportResult(dest, layout.target, layout.description, sorted(mapping.values()))
            if layout.complete is not None:
                layout.complete(staging, result)
            os.replace(staging, dest)  # an empty dest folder is replaced too
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            for parent in reversed(created_parents):
                try:
                    parent.rmdir()
                except OSError:
                    break
            raise
    left_tools = sorted({t for t in tools.values() if t})
    skipped = len(zf.files) - len(names) - sum(1 for t in tools.values() if t)
    if skipped:
        result.notes.append(f"left out {skipped} OS junk file(s) (__MACOSX/, .DS_Store)")
    if left_tools:
        result.notes.append(f"left out {sum(1 for t in tools.values() if t)} file(s) of version-control and tool "
                            f"folders ({', '.join(t + '/' for t in left_tools)}): an import never writes them, as "
                            "they could run commands (git hooks, core.fsmonitor) or pre-approve network hosts")
    return result


def _make_parents(folder: Path) -> list[Path]:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    try:
        for path in reversed(missing):
            path.mkdir()
    except OSError as exc:
        raise ImportRefused(f"cannot create {path}: {exc.strerror or exc}", "usage") from None
    return list(reversed(missing))
