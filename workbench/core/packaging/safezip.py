"""Reading zips that may be hostile: zip-slip, absolute paths, links, bombs, corrupt or truncated files."""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workbench.core.packaging.model import ImportRefused
from workbench.core.safeio import UnsafeFile, open_regular

CHUNK = 1 << 20


@dataclass(frozen=True)
class ZipLimits:
    """Limits past which a zip is treated as a zip bomb."""

    max_entries: int = 20_000
    max_zip_size: int = 1024 * 1024 * 1024  # the zip file itself
    max_total_size: int = 512 * 1024 * 1024  # uncompressed bytes, all entries together
    max_entry_size: int = 256 * 1024 * 1024
    max_ratio: int = 200  # uncompressed / compressed, checked on entries above ratio_floor
    ratio_floor: int = 1024 * 1024


def _safe_name(raw: str, label: str) -> str:
    """The entry name when it stays inside the destination; raises ImportRefused otherwise."""
    name = raw.replace("\\", "/")
    if "\x00" in name:
        raise ImportRefused(f"{label}: entry {raw!r} has a NUL character in its name")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or name.startswith("//"):
        raise ImportRefused(f"{label}: entry {raw!r} has an absolute path; a package holds relative paths only")
    parts = PurePosixPath(name).parts
    if ".." in parts:
        raise ImportRefused(f"{label}: entry {raw!r} points outside the destination folder (zip-slip '..')")
    return "/".join(parts) + ("/" if name.endswith("/") else "")


class SafeZip:
    """A zip whose every entry was checked before anything is read from it."""

    def __init__(self, path: Path, limits: ZipLimits | None = None, label: str | None = None):
        self.path = Path(path)
        self.label = label or self.path.name
        self.limits = limits or ZipLimits()
        try:
            # a FIFO, a device (/dev/zero) or a folder is refused before zipfile reads a byte of it
            self.stream = os.fdopen(open_regular(self.path, limit=self.limits.max_zip_size), "rb")
        except FileNotFoundError:
            raise ImportRefused(f"{self.path}: no such file", "usage") from None
        except UnsafeFile as exc:
            raise ImportRefused(f"{self.path} {exc.problem.what}: give the path of a .zip file", "usage") from None
        except OSError as exc:
            raise ImportRefused(f"{self.path}: cannot be read ({exc.strerror or exc})", "usage") from None
        try:
            self.zf = zipfile.ZipFile(self.stream)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            self.stream.close()
            raise ImportRefused(f"{self.label}: not a readable zip (truncated or corrupt: {exc})", "corrupt") from None
        try:
            self.files = self._check()
        except BaseException:
            self.close()
            raise

    def _check(self) -> dict[str, zipfile.ZipInfo]:
        limits, label = self.limits, self.label
        infos = self.zf.infolist()
        if len(infos) > limits.max_entries:
            raise ImportRefused(f"{label}: {len(infos)} entries, more than the {limits.max_entries} allowed "
                                "(zip bomb?)")
        files: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            name = _safe_name(info.filename, label)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise ImportRefused(f"{label}: entry {info.filename!r} is a symbolic link; links are refused "
                                    "because they can point outside the project")
            if mode and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
                raise ImportRefused(f"{label}: entry {info.filename!r} is not a regular file")
            if info.flag_bits & 0x1:
                raise ImportRefused(f"{label}: entry {info.filename!r} is encrypted", "unsupported")
            if info.is_dir():
                continue
            if name in files:
                raise ImportRefused(f"{label}: entry {name!r} appears twice")
            if info.file_size > limits.max_entry_size:
                raise ImportRefused(f"{label}: entry {name!r} unpacks to {info.file_size} bytes, more than the "
                                    f"{limits.max_entry_size} allowed (zip bomb?)")
            if (info.file_size > limits.ratio_floor
                    and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
                raise ImportRefused(f"{label}: entry {name!r} expands {info.file_size // max(info.compress_size, 1)}"
                                    f" times (limit {limits.max_ratio}): refused as a zip bomb")
            total += info.file_size
            if total > limits.max_total_size:
                raise ImportRefused(f"{label}: unpacks to more than {limits.max_total_size} bytes (zip bomb?)")
            files[name] = info
        if not files:
            raise ImportRefused(f"{label}: the zip holds no files", "unsupported")
        return files

    def names(self) -> list[str]:
        return sorted(self.files)

    def read(self, name: str) -> bytes:
        """The entry's bytes, never more than its declared size (the CRC is checked by zipfile)."""
        info = self.files[name]
        try:
            with self.zf.open(info) as src:
                data = src.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            raise ImportRefused(f"{self.label}: entry {name!r} is corrupt ({exc})", "corrupt") from None
        if len(data) != info.file_size:
            raise ImportRefused(f"{self.label}: entry {name!r} is not the size its header declares", "corrupt")
        return data

    def extract_to(self, name: str, target: Path) -> int:
        """Stream one entry to target (a new file); returns its size."""
        info = self.files[name]
        size = 0
        try:
            with self.zf.open(info) as src, open(target, "xb") as dst:
                while chunk := src.read(CHUNK):
                    size += len(chunk)
                    if size > info.file_size:
                        raise ImportRefused(f"{self.label}: entry {name!r} unpacks to more than its declared size")
                    dst.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise ImportRefused(f"{self.label}: entry {name!r} is corrupt ({exc})", "corrupt") from None
        return size

    def close(self) -> None:
        self.zf.close()
        self.stream.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
