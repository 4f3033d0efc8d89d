"""A new connector from the sample: its type and title replaced throughout (contents, file and folder names)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from workbench.core.newproject import NewProjectError, Sample, SampleOption, copy_sample

# The connector sample's own identity.
SAMPLE_TYPE = "acme"
SAMPLE_TITLE = "Acme Meet"
TYPE_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
TITLE_FORBIDDEN = set('<>"\'\\`${}')

TYPE_HELP = ("a connector type is one lowercase word: a letter, then letters, digits or '_' (for example 'acme' or "
             "'my_meet')")
SAMPLES = [Sample("exo-connector", "eXo Web Conferencing connector (Maven project), renamed to your type", "exo", (
    SampleOption("type", "--type", "the connector type, one lowercase word (default acme)", SAMPLE_TYPE,
                 "Connector type", pattern=TYPE_PATTERN.pattern.removesuffix(r"\Z"), pattern_help=TYPE_HELP,
                 from_name="word"),
    SampleOption("title", "--title", "the title users see (default from the type)", "", "Title",
                 pattern=r"[^<>\"'\\`${}\n]+", pattern_help="a one-line title without any of: < > \" ' \\ ` $ { }",
                 from_name="title")))]


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


def default_title(type_: str) -> str:
    if type_ == SAMPLE_TYPE:
        return SAMPLE_TITLE
    return " ".join(part.capitalize() for part in type_.split("_") if part)


def create(sample: Sample, dest: Path, options: dict[str, str]) -> list[Path]:
    """Copy the connector sample into dest, renamed to the chosen type and title."""
    type_ = check_type(options.get("type") or SAMPLE_TYPE)
    renaming = Renaming(type_, check_title(options["title"]) if options.get("title") else default_title(type_))
    xml_like = (".xml", ".jsp", ".html", ".htm", ".xhtml", ".svg")
    return copy_sample(sample.folder, dest, rename=renaming.apply,
                       transform=lambda path, text: renaming.apply(text, path.suffix.lower() in xml_like))


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
