"""Create a project from a sample (`workbench new`, the window's New Project): the samples each host offers, their
options, and the copy itself (Qt-free, host-free; a host that renames its sample does so in its own package)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.paths import SAMPLES

# Build outputs and tool folders never copied into a new project.
SKIPPED = frozenset({".git", "node_modules", "target", ".workbench", "__pycache__", ".idea", ".vscode"})


class NewProjectError(ValueError):
    """The request cannot be carried out; the message says why and what to do."""


@dataclass(frozen=True)
class SampleOption:
    """A choice a sample offers when a project is made from it (the wizard's field, the command line's flag)."""

    key: str  # 'type'
    flag: str  # '--type'
    help: str
    default: str = ""


@dataclass(frozen=True)
class Sample:
    """A project a host offers to start from: its folder under sample_projects/, what it is, and its options."""

    name: str
    title: str
    target: str = ""
    options: tuple[SampleOption, ...] = field(default=())
    root: Path | None = None  # the folder holding the samples (default: the installed sample_projects/)

    @property
    def folder(self) -> Path:
        return (self.root or SAMPLES) / self.name


def check_dest(dest: Path) -> Path:
    """The destination, resolved; NewProjectError when it exists and is not an empty folder."""
    dest = Path(dest).expanduser().resolve()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise NewProjectError(f"{dest}: the destination exists and is not empty; choose a new or empty folder")
    return dest


def copy_sample(source: Path, dest: Path, rename: Callable[[str], str] | None = None,
                transform: Callable[[Path, str], str] | None = None) -> list[Path]:
    """Copy a sample folder into dest (build outputs and tool folders left out); rename(part) renames each path
    part, transform(source file, text) rewrites each text file. Returns the files written."""
    dest = check_dest(dest)
    written: list[Path] = []
    for path in sorted(Path(source).rglob("*")):
        rel = path.relative_to(source)
        if any(part in SKIPPED for part in rel.parts) or path.is_symlink() or not path.is_file():
            continue
        target = dest / Path(*(rename(p) if rename else p for p in rel.parts))
        target.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        if transform is not None:
            try:
                data = transform(path, data.decode("utf-8")).encode("utf-8")
            except UnicodeDecodeError:
                pass  # binary (images...): copied unchanged
        target.write_bytes(data)
        shutil.copymode(path, target)
        written.append(target)
    return written


def find_sample(samples: list[Sample], name: str) -> Sample:
    """The sample of that name among those the hosts offer; NewProjectError listing them otherwise."""
    for sample in samples:
        if sample.name == name:
            if not sample.folder.is_dir():
                raise NewProjectError(f"sample {name!r} is not installed ({sample.folder} is missing)")
            return sample
    names = ", ".join(s.name for s in samples) or "(none installed)"
    raise NewProjectError(f"unknown sample {name!r}: choose one of {names}")


def check_options(sample: Sample, options: dict[str, str]) -> dict[str, str]:
    """Only the options this sample offers; NewProjectError naming the flag that does not apply."""
    offered = {o.key for o in sample.options}
    for key, value in options.items():
        if value is not None and key not in offered:
            raise NewProjectError(f"--{key} does not apply to {sample.name}"
                                  + (f" (it takes {', '.join(o.flag for o in sample.options)})"
                                     if sample.options else ""))
    return {k: v for k, v in options.items() if v is not None}
