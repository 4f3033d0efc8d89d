"""Reading files that may be hostile: regular files only, never blocking on a FIFO, never more than a bound, and
links checked against the folder they must stay in (never into a version-control or tool folder).

Every reader of project files, packages, scenarios and settings goes through `read_regular` / `open_regular`, so a
FIFO named manifest.json, a link to /dev/zero or a link loop is a clear `UnsafeFile` error instead of a hang, gigabytes
read, or a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

# Folders of version control systems and tools: what is inside them can run code (git hooks, core.fsmonitor) or
# grant rights (.workbench/project.json allows network hosts), so nothing there is read, served, packaged or imported.
TOOL_FOLDERS = frozenset({".git", ".hg", ".svn", ".bzr", "cvs", "_darcs", ".jj", ".pijul", ".fossil-settings",
                          ".workbench", ".vscode", ".idea", ".vs", ".fleet", ".devcontainer"})

NOT_REGULAR, OUTSIDE, TOOL_FOLDER, LINK_LOOP, TOO_LARGE, PACKAGE_OUTSIDE = (
    "FS001", "FS002", "FS003", "FS004", "FS005", "FS006")

# O_NONBLOCK: opening a FIFO (should one appear between the check and the open) must not wait for a writer. It is
# absent on Windows, where FIFOs do not arise this way.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
# Manifests, settings and ignore files are small: detection and settings never read more than this of one.
MANIFEST_LIMIT = 1_000_000


@dataclass(frozen=True)
class FileProblem:
    """Why a file is not read: a stable diagnostic code and a message that says what to do."""

    code: str
    message: str

    @property
    def what(self) -> str:
        """What the file is, without what the workbench does about it ('is a FIFO, not a regular file')."""
        return self.message.split(": ", 1)[0]


class UnsafeFile(OSError):
    """A file that must not be read (special file, link out of bounds, loop, too large); `problem` says why."""

    def __init__(self, path: str | Path, problem: FileProblem):
        super().__init__(problem.message)
        self.path, self.problem = str(path), problem

    def __str__(self) -> str:
        return f"{self.path} {self.problem.message}"


def is_tool_name(name: str) -> bool:
    """True for the name of a version-control or tool folder (case-insensitive, as on macOS and Windows disks)."""
    return name.lower() in TOOL_FOLDERS


def tool_part(parts: list[str] | tuple[str, ...]) -> str | None:
    """The first version-control or tool folder among path parts, or None."""
    return next((p for p in parts if is_tool_name(p)), None)


def kind_of(mode: int) -> str:
    """'a FIFO', 'a socket', 'a character device'... for a stat mode that is not a regular file."""
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "a special file"


def not_regular(mode: int) -> FileProblem:
    return FileProblem(NOT_REGULAR, f"is {kind_of(mode)}, not a regular file: never read, served or packaged")


def loop_problem() -> FileProblem:
    return FileProblem(LINK_LOOP, "is a symbolic link loop (it leads back to itself): left out; remove the link "
                                  "or point it at a file")


def _inner_parts(path: str, folder: str) -> list[str] | None:
    """The parts of path below folder (both absolute), or None when path is not inside folder."""
    if path == folder:
        return []
    prefix = folder.rstrip(os.sep) + os.sep
    return path[len(prefix):].split(os.sep) if path.startswith(prefix) else None


def check_path(path: str | Path, confine: str | Path, *, parents_checked: bool = False,
               where: str = "the package folder") -> FileProblem | None:
    """Why path (below confine) must not be read, or None when it may (missing files are the caller's business).

    The path must resolve inside `confine` (`where`, in messages) and outside tool folders, through links in any of
    its folders too (unless `parents_checked`: a walk that never enters linked folders only needs the last one);
    special files, and links to them, are refused.
    """
    path, folder = os.fspath(path), os.fspath(confine)
    inner = _inner_parts(path, folder)  # the common case, path written below confine, needs no normalising
    if inner is None:
        inner = _inner_parts(os.path.abspath(path), os.path.abspath(folder)) or []
    if (tool := tool_part(inner)) is not None:
        return FileProblem(TOOL_FOLDER, f"is inside {tool}/, a version-control or tool folder: never read, served "
                                        "or packaged")
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(info.st_mode) or not parents_checked:
        return _resolved_problem(path, confine, where)
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        return not_regular(info.st_mode)
    return None


def _resolved_problem(path: str, confine: str | Path, where: str) -> FileProblem | None:
    try:
        real = os.path.realpath(path, strict=True)
    except OSError as exc:
        return loop_problem() if exc.errno == errno.ELOOP else None  # a broken link is simply missing
    if (problem := _placement(real, confine, where)) is not None:
        return problem
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        what = kind_of(mode)
        return not_regular(mode) if real == os.path.abspath(path) else \
            FileProblem(NOT_REGULAR, f"is a symbolic link to {real}, {what}: never read, served or packaged")
    return None


def _placement(real: str, confine: str | Path, where: str) -> FileProblem | None:
    """Why a resolved path must not be read: outside confine, or in a tool folder (the most telling reason first: a
    link into .git/ says so, wherever that .git/ is)."""
    # A real path below confine as written proves confine has no link in it: resolving confine is then not needed.
    inner = _inner_parts(real, os.fspath(confine)) or _inner_parts(real, os.path.abspath(confine))
    if inner is None:
        inner = _inner_parts(real, os.path.realpath(confine))
    if (tool := tool_part(inner if inner is not None else real.split(os.sep))) is not None:
        return FileProblem(TOOL_FOLDER, f"leads into {tool}/ (through a symbolic link), a version-control or tool "
                                        "folder: left out (nothing there is read, served or packaged)")
    if inner is None:
        return FileProblem(OUTSIDE, f"leads to {real} (through a symbolic link), outside {where}: left out (copy "
                                    "the file in instead of linking to it)")
    return None


def _opened_path(fd: int, path: str) -> str:
    """The real path of an open file: what the kernel opened, whatever links were swapped in meanwhile."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")  # Linux: one call, no race
    except OSError:
        return os.path.realpath(path)


def open_regular(path: str | Path, *, confine: str | Path | None = None, limit: int | None = None,
                 where: str = "the package folder") -> int:
    """A file descriptor on path, opened only once it is known to be a regular file (within `confine`, when given,
    and not larger than `limit` bytes); raises UnsafeFile, or FileNotFoundError and other OSErrors.

    The cheap checks (tool folders, the last link, special files) come before the open, so a FIFO or a device is
    never opened; links in the folders above are checked on what was actually opened.
    """
    if confine is not None and (problem := check_path(path, confine, parents_checked=True, where=where)):
        raise UnsafeFile(path, problem)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeFile(path, loop_problem()) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(path, not_regular(info.st_mode))
        if confine is not None and (problem := _placement(_opened_path(fd, os.fspath(path)), confine, where)):
            raise UnsafeFile(path, problem)
        if limit is not None and info.st_size > limit:
            raise UnsafeFile(path, too_large(info.st_size, limit))
    except BaseException:
        os.close(fd)
        raise
    return fd


def too_large(size: int, limit: int) -> FileProblem:
    return FileProblem(TOO_LARGE, f"is {size} bytes, more than the {limit} this reader accepts: not read")


def read_regular(path: str | Path, limit: int, *, confine: str | Path | None = None,
                 where: str = "the package folder") -> bytes:
    """The bytes of a regular file of at most `limit` bytes (see open_regular); a file that grows past the limit
    while it is read is refused too."""
    with os.fdopen(open_regular(path, confine=confine, limit=limit, where=where), "rb") as f:
        # read what fstat announced (+1 to notice growth), never a limit-sized buffer, never past the limit
        want, chunks, total = min(os.fstat(f.fileno()).st_size, limit) + 1, [], 0
        while total <= limit and (chunk := f.read(min(want, limit + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
            want = 1 << 16
    if total > limit:
        raise UnsafeFile(path, too_large(total, limit))
    return b"".join(chunks)


def json_object(data: bytes) -> dict | None:
    """Bytes read as a JSON object, or None when they are not one (not JSON, not UTF-8, nested too deeply):
    for probes that only ask "is this that host's manifest?"."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    return value if isinstance(value, dict) else None


def read_json_object(path: str | Path, limit: int = MANIFEST_LIMIT) -> dict | None:
    """A regular file's JSON object (see json_object), or None when the file cannot be read safely."""
    try:
        return json_object(read_regular(path, limit))
    except OSError:
        return None
