"""Which project files go into a package: default ignore rules plus the project's `.workbenchignore` (gitignore syntax)."""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import pathspec

from workbench.core.filescan import package_folder_problem
from workbench.core.packaging.model import Exclusion
from workbench.core.safeio import MANIFEST_LIMIT, check_path, read_regular

log = logging.getLogger(__name__)

IGNORE_FILE = ".workbenchignore"

# (gitignore pattern, why it is left out). Patterns are relative to the project root, as in a root .gitignore.
DEFAULT_RULES: tuple[tuple[str, str], ...] = (
    (".git/", "version control folder"),
    (".hg/", "version control folder"),
    (".svn/", "version control folder"),
    (".bzr/", "version control folder"),
    ("CVS/", "version control folder"),
    (".gitignore", "version control file"),
    (".gitattributes", "version control file"),
    (".gitmodules", "version control file"),
    (".DS_Store", "OS junk"),
    ("._*", "OS junk (macOS resource fork)"),
    ("__MACOSX/", "OS junk (macOS archive folder)"),
    ("Thumbs.db", "OS junk"),
    ("ehthumbs.db", "OS junk"),
    ("desktop.ini", "OS junk"),
    ("*~", "editor backup"),
    ("*.swp", "editor backup"),
    ("*.swo", "editor backup"),
    ("*.bak", "editor backup"),
    ("*.orig", "editor backup"),
    ("#*#", "editor backup"),
    (".#*", "editor lock file"),
    (".idea/", "editor settings"),
    (".vscode/", "editor settings"),
    ("__pycache__/", "cache"),
    (".workbench/", "workbench state"),
    ("/" + IGNORE_FILE, "workbench ignore file"),
    ("/workbench.toml", "workbench configuration"),
    ("/workbench-exports/", "earlier exports"),
    ("/*.zip", "earlier exports (a zip at the project root)"),
    ("*.workbench-tmp", "unfinished export"),
)
NODE_MODULES_RULE = ("node_modules/", "dependencies (add them with --include-node-modules)")


@dataclass(frozen=True)
class Rule:
    pattern: str
    why: str

    def describe(self) -> str:
        return f"{self.why} ({self.pattern})" if not self.why.startswith(IGNORE_FILE) else self.why


class IgnoreRules:
    """Default rules, target rules and the project's .workbenchignore, matched with gitignore semantics (last wins)."""

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self.spec = pathspec.GitIgnoreSpec.from_lines([r.pattern for r in rules])

    @classmethod
    def for_project(cls, root: Path, *, include_node_modules: bool = False,
                    extra: list[tuple[str, str]] | None = None) -> IgnoreRules:
        """Defaults (node_modules unless included), then target rules in `extra`, then the project's own file."""
        rules = [Rule(p, f"default: {why}") for p, why in DEFAULT_RULES]
        if not include_node_modules:
            rules.append(Rule(NODE_MODULES_RULE[0], f"default: {NODE_MODULES_RULE[1]}"))
        rules += [Rule(p, why) for p, why in extra or []]
        ignore_file = Path(root) / IGNORE_FILE
        try:
            lines = read_regular(ignore_file, MANIFEST_LIMIT, confine=root, where="the project").decode("utf-8", "replace").splitlines()
        except FileNotFoundError:
            lines = []
        except OSError as exc:  # a FIFO or a link out of the project: validation reports it (FS0xx)
            log.info("%s not read: %s", ignore_file, exc)
            lines = []
        for number, line in enumerate(lines, 1):
            if line.strip() and not line.lstrip().startswith("#"):
                rules.append(Rule(line.rstrip("\n"), f"{IGNORE_FILE}:{number}: {line.strip()}"))
        from workbench.core.config import export_ignore_rules
        rules += [Rule(p, why) for p, why in export_ignore_rules(root)]
        return cls(rules)

    def excluded_by(self, rel: str, is_dir: bool = False) -> str | None:
        """The description of the rule that leaves rel out, or None when it is packaged."""
        result = self.spec.check_file(rel + "/" if is_dir else rel)
        if result.include and result.index is not None:
            return self.rules[result.index].describe()
        return None

    def excluded_path(self, rel: str) -> str | None:
        """Like excluded_by for a file, but a rule that leaves out one of its folders counts too (as the walk does)."""
        parts = rel.split("/")
        for depth in range(1, len(parts)):
            if (why := self.excluded_by("/".join(parts[:depth]), is_dir=True)) is not None:
                return why
        return self.excluded_by(rel)


def _folder_size(path: str) -> tuple[int, int]:
    size = count = 0
    for dirpath, _dirs, names in os.walk(path):
        for name in names:
            try:
                size += os.lstat(os.path.join(dirpath, name)).st_size
                count += 1
            except OSError:
                pass
    return size, count


def collect(root: Path, base: str, rules: IgnoreRules, skip: set[Path] | None = None, *,
            measure_excluded: bool = True) -> tuple[list[tuple[str, Path, int]], list[Exclusion]]:
    """Files below root/base to package as (project-relative path, absolute path, size), sorted, and the exclusions.

    Symbolic links are followed only when they point to a regular file inside root/base, outside tool folders;
    special files, other links and link loops are left out with their FS0xx code. `skip` holds absolute paths
    that must never be packaged (the output zip itself). With measure_excluded False an excluded folder is not
    walked to report its size (0 bytes, 0 files): what validation's size projection wants on every keystroke.
    """
    root = Path(root).resolve()
    start = root / base if base else root
    if (problem := package_folder_problem(root, base)) is not None:
        return [], [Exclusion(base + "/", problem.message, 0, 0, problem.code)]
    package = os.path.realpath(start)
    skip_paths = {str(Path(p).absolute()) for p in skip or set()}
    files: list[tuple[str, Path, int]] = []
    excluded: list[Exclusion] = []
    for dirpath, dirnames, filenames in os.walk(start):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        kept = []
        for name in sorted(dirnames):
            full = os.path.join(dirpath, name)
            rel = rel_dir + name
            if os.path.islink(full):
                problem = check_path(full, package, parents_checked=True)
                excluded.append(Exclusion(rel + "/", "symbolic link to a folder (not followed)", 0, 0)
                                if problem is None else Exclusion(rel + "/", problem.message, 0, 0, problem.code))
            elif (why := rules.excluded_by(rel, is_dir=True)) is not None:
                size, count = _folder_size(full) if measure_excluded else (0, 0)
                excluded.append(Exclusion(rel + "/", why, size, count))
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            full = Path(dirpath, name)
            rel = rel_dir + name
            if (problem := check_path(full, package, parents_checked=True)) is not None:
                excluded.append(Exclusion(rel, problem.message, 0, code=problem.code))
                continue
            try:
                info = full.stat()
            except OSError as exc:
                why = "broken symbolic link" if full.is_symlink() else f"unreadable: {exc.strerror}"
                excluded.append(Exclusion(rel, why, 0))
                continue
            if not stat.S_ISREG(info.st_mode):
                excluded.append(Exclusion(rel, "not a regular file", 0))
                continue
            if skip_paths and str(full) in skip_paths:
                excluded.append(Exclusion(rel, "the export itself", info.st_size))
            elif (why := rules.excluded_by(rel)) is not None:
                excluded.append(Exclusion(rel, why, info.st_size))
            else:
                files.append((rel, full, info.st_size))
    files.sort()
    excluded.sort(key=lambda e: e.path)
    return files, excluded
