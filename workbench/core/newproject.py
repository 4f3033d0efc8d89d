"""Create a project from a sample (`workbench new`, the window's New Project): the samples each host offers, their
options, and the copy itself (Qt-free, host-free; a host that renames its sample does so in its own package)."""

from __future__ import annotations

import re
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
    label: str = ""  # the wizard's field label (default: from the key)
    choices: tuple[str, ...] = ()  # the only values allowed, when the option is a choice
    pattern: str = ""  # a regex the whole value must match
    pattern_help: str = ""  # what a valid value looks like, for the message when it does not match
    from_name: str = ""  # default derived from the project's name: 'slug', 'word' or 'title'

    @property
    def title(self) -> str:
        return self.label or self.key.replace("_", " ").capitalize()

    def problem(self, value: str) -> str | None:
        """Why value cannot be used for this option (a sentence naming the flag), None when it can."""
        if self.choices and value not in self.choices:
            return f"{self.flag} {value!r}: choose one of {', '.join(self.choices)}"
        if self.pattern and not re.fullmatch(self.pattern, value or ""):
            return f"{self.flag} {value!r}: {self.pattern_help or 'does not match ' + self.pattern}"
        return None

    def default_for(self, project_name: str) -> str:
        """The value the wizard proposes for a project of that name."""
        if not self.from_name or not project_name.strip():
            return self.default
        return derive(project_name, self.from_name) or self.default


def derive(name: str, how: str) -> str:
    """A project name in another spelling: 'slug' my-plugin, 'word' my_plugin, 'title' My Plugin."""
    words = re.findall(r"[A-Za-z0-9]+", name)
    if how == "title":
        return " ".join(w[:1].upper() + w[1:] for w in words)
    if how == "word":
        text = "_".join(w.lower() for w in words)
        return text if text[:1].isalpha() else ""
    return "-".join(w.lower() for w in words)


@dataclass(frozen=True)
class Sample:
    """A project a host offers to start from: its folder under sample_projects/, what it is, and its options."""

    name: str
    title: str
    target: str = ""
    options: tuple[SampleOption, ...] = field(default=())
    root: Path | None = None  # the folder holding the samples (default: the installed sample_projects/)
    blank: bool = False  # a blank start the host writes itself (no folder under sample_projects/)

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
            if not sample.blank and not sample.folder.is_dir():
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
    for option in sample.options:
        value = options.get(option.key)
        problem = option.problem(value) if value is not None else None
        if problem:
            raise NewProjectError(problem)
    return {k: v for k, v in options.items() if v is not None}


def write_files(dest: Path, files: dict[str, str]) -> list[Path]:
    """Write a blank project's files (relative path -> text) into dest, which must be new or empty."""
    dest = check_dest(dest)
    written = []
    for rel, text in sorted(files.items()):
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
