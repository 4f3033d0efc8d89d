"""Create a project from a sample (`workbench new`), renaming an eXo connector's type and title throughout."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from workbench.core.paths import SAMPLES

# The connector sample's own identity, replaced everywhere (contents, file and folder names).
SAMPLE_TYPE = "acme"
SAMPLE_TITLE = "Acme Meet"
CONNECTOR_SAMPLE = "exo-connector"
TYPE_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
# Build outputs and tool folders never copied into a new project.
SKIPPED = frozenset({".git", "node_modules", "target", ".workbench", "__pycache__", ".idea", ".vscode"})
TITLE_FORBIDDEN = set('<>"\'\\`${}')


class NewProjectError(ValueError):
    """The request cannot be carried out; the message says why and what to do."""


@dataclass(frozen=True)
class Renaming:
    """The identity of a new connector, in every spelling the sources use."""

    type: str
    title: str

    @property
    def camel(self) -> str:
        """AcmeProvider -> <Camel>Provider: 'my_conf' gives 'MyConf'."""
        return "".join(part[:1].upper() + part[1:] for part in self.type.split("_") if part)

    def pairs(self) -> list[tuple[str, str]]:
        """(old, new) replacements, longest first so the title wins over the bare type."""
        return [(SAMPLE_TITLE, self.title), (SAMPLE_TYPE.upper(), self.type.upper()),
                (SAMPLE_TYPE.capitalize(), self.camel), (SAMPLE_TYPE, self.type)]

    def apply(self, text: str, xml: bool = False) -> str:
        """Rename every occurrence in a text (the title XML-escaped in XML-like files)."""
        out = text
        for old, new in self.pairs():
            out = out.replace(old, xml_escape(new) if xml and old == SAMPLE_TITLE else new)
        return out


def available_samples(samples: Path = SAMPLES) -> list[str]:
    """Names of the samples `workbench new` can create."""
    return sorted(p.name for p in samples.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if samples.is_dir() else []


def check_type(value: str) -> str:
    """The connector type, or NewProjectError saying what a valid one looks like."""
    if not TYPE_PATTERN.match(value or ""):
        raise NewProjectError(f"--type {value!r}: a connector type is one lowercase word: a letter, then letters, "
                              "digits or '_' (for example 'acme' or 'my_meet')")
    return value


def check_title(value: str) -> str:
    """The connector title, or NewProjectError when it would break the sources it is written into."""
    value = (value or "").strip()
    bad = sorted(set(value) & TITLE_FORBIDDEN)
    if not value or "\n" in value or bad:
        shown = " ".join(sorted(TITLE_FORBIDDEN))
        raise NewProjectError(f"--title {value!r}: give a non-empty, one-line title without any of: {shown}")
    return value


def _check_dest(dest: Path) -> None:
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise NewProjectError(f"{dest}: the destination exists and is not empty; choose a new or empty folder")


def _is_xml_like(path: Path) -> bool:
    return path.suffix.lower() in (".xml", ".jsp", ".html", ".htm", ".xhtml", ".svg")


def create_project(sample: str, dest: Path, type_: str | None = None, title: str | None = None,
                   samples: Path = SAMPLES) -> list[Path]:
    """Copy sample into dest (renamed when type_/title are given for the connector); returns the files written."""
    renaming = None
    if sample == CONNECTOR_SAMPLE:
        type_ = check_type(type_ or SAMPLE_TYPE)
        renaming = Renaming(type_, check_title(title) if title else _default_title(type_))
    elif type_ or title:
        raise NewProjectError(f"--type and --title apply to {CONNECTOR_SAMPLE} only")
    names = available_samples(samples)
    if sample not in names:
        raise NewProjectError(f"unknown sample {sample!r}: choose one of {', '.join(names) or '(none installed)'}")
    dest = Path(dest).expanduser().resolve()
    _check_dest(dest)
    source = samples / sample
    written: list[Path] = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if any(part in SKIPPED for part in rel.parts) or not path.is_file():
            continue
        target_rel = Path(*(renaming.apply(p) for p in rel.parts)) if renaming else rel
        target = dest / target_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        if renaming is not None:
            try:
                data = renaming.apply(data.decode("utf-8"), _is_xml_like(path)).encode("utf-8")
            except UnicodeDecodeError:
                pass  # binary (images...): copied unchanged
        target.write_bytes(data)
        shutil.copymode(path, target)
        written.append(target)
    return written


def _default_title(type_: str) -> str:
    if type_ == SAMPLE_TYPE:
        return SAMPLE_TITLE
    return " ".join(part.capitalize() for part in type_.split("_") if part)


def leftovers(root: Path, renaming: Renaming) -> list[str]:
    """Where the sample's identity survived a renaming (should be nowhere): 'path' or 'path:line'."""
    needle = SAMPLE_TYPE
    if needle in renaming.type or needle in renaming.title.lower():
        return []  # the new identity itself contains the old one: nothing to tell apart
    found: list[str] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if needle in path.name.lower():
            found.append(rel)
        if path.is_file():
            try:
                lines = path.read_text("utf-8").splitlines()
            except (UnicodeDecodeError, OSError):
                continue
            found += [f"{rel}:{n}" for n, line in enumerate(lines, 1) if needle in line.lower()]
    return found
