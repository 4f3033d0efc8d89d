"""A deterministic zip writer: sorted entries, fixed timestamps and permissions, one streaming pass per file."""

from __future__ import annotations

import hashlib
import os
import time
import zipfile
from pathlib import Path
from typing import BinaryIO

from workbench.core.packaging.model import EntryRecord, ExportError, PlanEntry, Progress

COMPRESS_LEVEL = 6  # the zlib default, as `zip -6`
FILE_MODE = 0o100644  # regular file, rw-r--r--, whatever the mode on disk
CHUNK = 1 << 20
DOS_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_timestamp(env: dict[str, str] | None = None) -> tuple[int, int, int, int, int, int]:
    """Every entry's date: SOURCE_DATE_EPOCH (UTC) when set, else 1980-01-01 00:00, clamped to what zip can hold."""
    env = os.environ if env is None else env
    value = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return DOS_EPOCH
    try:
        seconds = int(value)
    except ValueError:
        raise ExportError(f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since 1970") from None
    stamp = time.gmtime(max(seconds, 315532800))  # 1980-01-01, the first date zip can store
    return min(tuple(stamp[:6]), (2107, 12, 31, 23, 59, 58))


def entry_info(name: str, date_time: tuple) -> zipfile.ZipInfo:
    """A ZipInfo with nothing taken from the machine: name, fixed date, fixed mode, deflate level 6."""
    info = zipfile.ZipInfo(name, date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so the mode below is read as permissions everywhere
    info.external_attr = FILE_MODE << 16
    return info


def _copy(src: BinaryIO, dst: BinaryIO, digest) -> int:
    total = 0
    read, update, write = src.read, digest.update, dst.write
    while chunk := read(CHUNK):
        update(chunk)
        write(chunk)
        total += len(chunk)
    return total


def write_zip(out: BinaryIO, entries: list[PlanEntry], date_time: tuple | None = None,
              progress: Progress | None = None, done: int = 0, total: int = 0) -> list[EntryRecord]:
    """Write entries (already sorted and unique) to out; returns what was written, with each entry's sha256.

    Files are streamed once: the same chunks feed the sha256, the CRC and the compressor. A file that changes
    while it is read makes the export fail rather than ship a mix of old and new content.
    """
    date_time = date_time or zip_timestamp()
    records: list[EntryRecord] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as zf:
        for entry in entries:
            if progress:
                progress(done, total, f"writing {entry.name}")
            info = entry_info(entry.name, date_time)
            digest = hashlib.sha256()
            if entry.data is not None:
                info.file_size = len(entry.data)
                with zf.open(info, "w") as dst:
                    digest.update(entry.data)
                    dst.write(entry.data)
                size = len(entry.data)
            else:
                size = _write_file(zf, info, entry, digest)
            records.append(EntryRecord(entry.name, size, info.compress_size, info.CRC, digest.hexdigest(),
                                       entry.origin))
            done += 1
    return records


def _write_file(zf: zipfile.ZipFile, info: zipfile.ZipInfo, entry: PlanEntry, digest) -> int:
    try:
        with open(entry.source, "rb") as src:
            before = os.fstat(src.fileno())
            info.file_size = before.st_size  # lets zipfile decide on zip64 up front
            with zf.open(info, "w") as dst:
                size = _copy(src, dst, digest)
            after = os.fstat(src.fileno())
    except OSError as exc:
        raise ExportError(f"cannot read {entry.origin or entry.source}: {exc.strerror or exc}") from exc
    if size != before.st_size or after.st_mtime_ns != before.st_mtime_ns or after.st_size != size:
        raise ExportError(f"{entry.origin or entry.source} changed while it was being packaged: export again")
    return size


def check_names(entries: list[PlanEntry]) -> list[PlanEntry]:
    """Entries sorted by name; refuses duplicates and names a zip reader could misplace."""
    seen: set[str] = set()
    for e in entries:
        parts = e.name.split("/")
        if (not e.name or e.name.startswith("/") or "\\" in e.name or any(p in ("", ".", "..") for p in parts)
                or ":" in parts[0]):
            raise ExportError(f"invalid name for a zip entry: {e.name!r}")
        if e.name in seen:
            raise ExportError(f"two files would be packaged as {e.name}")
        seen.add(e.name)
    return sorted(entries, key=lambda e: e.name)


def sha256_file(path: Path) -> str:
    """sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()

