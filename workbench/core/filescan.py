"""Special files and links of a package, as diagnostics: what the readers, the preview and exports leave out, and why.

The codes are produced by `workbench.core.safeio` (one check for every reader); this module documents them and finds
them across a package folder for validation, so the user hears of a link into .git/ before an export leaves it out.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from workbench.core.diagnostics import Diagnostic, RuleInfo, Severity
from workbench.core.safeio import (
    OUTSIDE,
    PACKAGE_OUTSIDE,
    TOOL_FOLDER,
    FileProblem,
    check_path,
    is_tool_name,
    not_regular,
)

RULES = [
    RuleInfo("FS001", Severity.WARNING, "Not a regular file",
             "A FIFO, socket or device (or a link to one) sits among the project's files; reading it could hang or "
             "never end, so it is never read, served to the preview or packaged.",
             "Remove it, or put a regular file in its place."),
    RuleInfo("FS002", Severity.WARNING, "Link out of the package",
             "A symbolic link resolves outside the package folder: it is not read, served to the preview or packaged.",
             "Copy the file into the package instead of linking to it."),
    RuleInfo("FS003", Severity.WARNING, "Link into a tool folder",
             "A symbolic link resolves into .git/, .workbench/ or another version-control or tool folder (.hg, .svn, "
             ".vscode, .idea...), whose content must never be shipped or served.",
             "Remove the link and copy what the plugin needs into the package."),
    RuleInfo("FS004", Severity.WARNING, "Link loop",
             "A symbolic link leads back to itself, directly or through other links: it is left out.",
             "Remove the link or point it at a real file."),
    RuleInfo("FS005", Severity.WARNING, "File too large to read",
             "A file is larger than the reader accepts (validation reads at most 64 MB of one file); it is not "
             "checked.",
             "Leave large binaries out of the package (.workbenchignore) or make them smaller."),
    RuleInfo("FS006", Severity.ERROR, "Package folder outside the project",
             "The package folder (e.g. webapp2/) is itself a symbolic link leading outside the project or into a "
             "tool folder: nothing in it is packaged or served.",
             "Replace the link with the folder itself, inside the project."),
]
SEVERITY = {r.code: r.severity for r in RULES}


def problem_diagnostic(problem: FileProblem, rel: str) -> Diagnostic:
    """The diagnostic of a file left out (at line 1, column 1 of the file, which is never read)."""
    name = rel.rstrip("/").rsplit("/", 1)[-1]
    return Diagnostic(problem.code, SEVERITY.get(problem.code, Severity.WARNING), f"{name} {problem.message}", rel)


def package_folder_problem(root: Path, base: str) -> FileProblem | None:
    """Why the package folder root/base cannot be used (a link out of the project or into a tool folder), or None."""
    if not base:
        return None
    folder = Path(root) / base
    problem = check_path(folder, root, where="the project")
    if problem is None or problem.code not in (OUTSIDE, TOOL_FOLDER):
        return problem
    return FileProblem(PACKAGE_OUTSIDE, f"(the package folder) leads to {os.path.realpath(folder)}, outside the "
                                        "project or in a tool folder: nothing in it is packaged or served; put the "
                                        "folder itself in the project")


def scan_package(root: Path, base: str, skip: Iterable[str] = ()) -> list[Diagnostic]:
    """Diagnostics of every special file and out-of-bounds link below root/base (folders named in `skip` and tool
    folders are not entered), plus special files at the project's top level (.workbenchignore...)."""
    root = Path(root)
    if (problem := package_folder_problem(root, base)) is not None:
        return [problem_diagnostic(problem, base)]
    package = root / base if base else root
    skipped = frozenset(skip)
    found: list[Diagnostic] = []
    if base:
        found += [problem_diagnostic(not_regular(mode), name) for name, mode in _special_entries(root)]
    stack = [(package, base + "/" if base else "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            try:
                is_link, is_dir = entry.is_symlink(), entry.is_dir(follow_symlinks=False)
                special = not (is_link or is_dir or entry.is_file(follow_symlinks=False))
            except OSError:
                continue
            if is_dir:
                if entry.name not in skipped and not is_tool_name(entry.name):
                    stack.append((Path(entry.path), rel + "/"))
            elif is_link or special:
                if (problem := check_path(entry.path, package, parents_checked=True)) is not None:
                    found.append(problem_diagnostic(problem, rel))
    return sorted(found, key=lambda d: d.file)


def _special_entries(folder: Path) -> list[tuple[str, int]]:
    """(name, mode) of the FIFOs, sockets and devices directly in folder (links are not followed)."""
    out = []
    try:
        for entry in os.scandir(folder):
            mode = entry.stat(follow_symlinks=False).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
                out.append((entry.name, mode))
    except OSError:
        pass
    return out
