"""The data of an export and an import: plans, options, results and the errors they raise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.diagnostics import Diagnostic

# progress(done, total, message); total 0 means "not known yet".
Progress = Callable[[int, int, str], None]
# No file of a package is read past this: zips above 4 GB cannot be written, and hosts accept far less.
FILE_LIMIT = 1 << 30


class ExportError(Exception):
    """The export could not run (bad option, unreadable file, IO failure): the message says what to do."""


class ImportRefused(Exception):
    """The package was not imported (hostile, corrupt or unsupported zip, or unusable destination); nothing was written.

    `reason` is 'usage' (bad destination or missing file), 'hostile', 'corrupt' or 'unsupported'.
    """

    def __init__(self, message: str, reason: str = "hostile"):
        super().__init__(message)
        self.reason = reason


@dataclass
class ExportOptions:
    """What the user may choose for an export (each target reads the options that concern it)."""

    # Each host says which of these it reads (Target.EXPORT_OPTIONS); asking another host for one is refused.
    include_node_modules: bool = False  # package the project's installed dependencies too (Node.js plugins)
    merge_into: Path | None = None  # an existing branding zip whose other files are kept
    write_branding_id: bool = False  # also write the package's new identity into the project's manifest
    build: bool = False  # run the project's own build tool first
    maven_args: tuple[str, ...] = ("-o", "-q", "package")  # the arguments of that build, when it is Maven

    @staticmethod
    def of(value: ExportOptions | dict | None) -> ExportOptions:
        """Options from an ExportOptions, a dict of its fields, or None (the defaults)."""
        if value is None:
            return ExportOptions()
        if isinstance(value, ExportOptions):
            return value
        unknown = set(value) - set(ExportOptions.__dataclass_fields__)
        if unknown:
            raise ExportError(f"unknown export option(s): {', '.join(sorted(unknown))}")
        return ExportOptions(**value)


@dataclass(frozen=True)
class PlanEntry:
    """One file of the package: its name in the zip and where its bytes come from (a file or memory)."""

    name: str  # '/'-separated name inside the zip
    source: Path | None = None  # a file read while writing (streamed, read once)
    data: bytes | None = None  # content built in memory (generated manifest, entries of another zip)
    origin: str = ""  # what the report shows as its source: project-relative path, 'generated', 'base.zip:name'


@dataclass(frozen=True)
class Exclusion:
    """A file or folder of the project left out of the package, and the rule that left it out."""

    path: str  # project-relative; folders end with '/'
    rule: str  # e.g. 'default: version control folder (.git/)' or '.workbenchignore:3: *.psd'
    size: int = 0  # bytes (a folder: all its files)
    files: int = 1  # number of files (a folder: how many it holds)
    code: str = ""  # a diagnostic code (FS0xx) when the file was left out as unsafe (special file, link out, loop)


@dataclass
class ExportPlan:
    """What a target wants in its package; the packaging engine writes, verifies and reports it."""

    entries: list[PlanEntry]
    default_name: str  # file name of the zip when the user gives no output path
    excluded: list[Exclusion] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # plan problems: errors block, even with force
    notes: list[str] = field(default_factory=list)  # what the user should know (shown and reported)
    info: dict[str, Any] = field(default_factory=dict)  # target facts for the report, e.g. {'brandingID': '...'}
    size_limit: int | None = None  # the host refuses bigger zips
    size_warning: int | None = None  # above this, warn
    revalidate: bool = True  # validate the unpacked package with the target's own validator
    write_back: dict[str, bytes] = field(default_factory=dict)  # project files to update after a good export
    verify: Callable[[Path], list[Diagnostic]] | None = None  # host-view checks on the unpacked package


@dataclass(frozen=True)
class EntryRecord:
    """One written entry as the report shows it."""

    name: str
    size: int
    compressed_size: int
    crc: int
    sha256: str
    origin: str


@dataclass
class ImportResult:
    """A package unpacked into a project folder."""

    dest: Path
    target: str  # the host that recognised the zip
    layout: str  # how the zip was laid out, in words
    files: list[str]  # project-relative paths written
    created: list[str] = field(default_factory=list)  # files the import generated (missing manifest/settings)
    notes: list[str] = field(default_factory=list)
