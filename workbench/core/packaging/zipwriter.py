"""A deterministic zip writer: sorted entries, fixed timestamps and permissions, one read of each file."""

from __future__ import annotations

import hashlib
import os
import struct
import time
import zlib
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import BinaryIO

from workbench.core.packaging.model import FILE_LIMIT, EntryRecord, ExportError, PlanEntry, Progress
from workbench.core.safeio import open_regular

COMPRESS_LEVEL = 6  # the zlib default, as `zip -6`
FILE_MODE = 0o100644  # regular file, rw-r--r--, whatever the mode on disk
CHUNK = 1 << 20
PROBE = 64 * 1024  # bytes tried before deciding to store an entry uncompressed
STORED, DEFLATED = 0, 8
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


def _dos_stamp(date_time: tuple) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def _incompressible(sample: bytes) -> bool:
    """True when a fast trial shows deflate would not shrink the data (images, fonts, archives)."""
    return len(sample) >= PROBE and len(zlib.compress(sample[:PROBE], 1)) > 0.97 * PROBE


def _compress(entry: PlanEntry) -> tuple[int, int, str, list[bytes], int]:
    """(crc32, size, sha256, chunks, zip method) of one entry, reading its file once (runs in a worker thread:
    zlib and hashlib release the GIL on large buffers, so entries compress in parallel). Content that deflate
    cannot shrink is stored as is, decided from its first bytes, so the choice depends on the content only."""
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    digest, crc, size, chunks = hashlib.sha256(), 0, 0, []
    method = None

    def feed(chunk: bytes) -> None:
        nonlocal crc, size, method
        if method is None:
            method = STORED if _incompressible(chunk) else DEFLATED
        digest.update(chunk)
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        if method == STORED:
            chunks.append(chunk)
        elif out := compressor.compress(chunk):
            chunks.append(out)

    if entry.data is not None:
        feed(entry.data)
    else:
        label = entry.origin or str(entry.source)
        try:
            with os.fdopen(open_regular(entry.source, limit=FILE_LIMIT), "rb") as src:
                before = os.fstat(src.fileno())
                # never past the size it had when opened (+1 to notice growth): a file fed while read cannot run on
                while size <= before.st_size and (chunk := src.read(min(CHUNK, before.st_size + 1 - size))):
                    feed(chunk)
                after = os.fstat(src.fileno())
        except OSError as exc:
            raise ExportError(f"cannot read {label}: {exc.strerror or exc}") from exc
        if size != before.st_size or after.st_size != size or after.st_mtime_ns != before.st_mtime_ns:
            raise ExportError(f"{label} changed while it was being packaged: export again")
    if method != STORED:
        chunks.append(compressor.flush())
        method = DEFLATED
    return crc, size, digest.hexdigest(), chunks, method


def _workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def write_zip(out: BinaryIO, entries: list[PlanEntry], date_time: tuple | None = None,
              progress: Progress | None = None, done: int = 0, total: int = 0) -> tuple[list[EntryRecord], str]:
    """Write entries (already sorted and unique) as a zip to out; returns each entry's record and the zip's sha256.

    Every file is read once: the same chunks feed its sha256, its CRC and the compressor. Entries are compressed
    by a few worker threads and written strictly in order, so the bytes never depend on thread timing. The zip
    is written front to back without seeking (sizes are known before each header), so its sha256 comes for free.
    """
    time_field, date_field = _dos_stamp(date_time or zip_timestamp())
    zip_digest = hashlib.sha256()

    def emit(data: bytes) -> None:
        zip_digest.update(data)
        out.write(data)

    records: list[EntryRecord] = []
    central: list[bytes] = []
    offset = 0
    pending: deque = deque()
    source = iter(entries)
    with ThreadPoolExecutor(max_workers=_workers()) as pool:
        def submit_next() -> None:
            entry = next(source, None)
            if entry is not None:
                pending.append((entry, pool.submit(_compress, entry)))

        for _ in range(2 * _workers()):  # a bounded read-ahead keeps memory to a few entries
            submit_next()
        while pending:
            entry, future = pending.popleft()
            if progress:
                progress(done, total, f"writing {entry.name}")
            crc, size, sha, chunks, method = future.result()
            needed = 20 if method == DEFLATED else 10
            submit_next()
            name = entry.name.encode("utf-8")
            flags = 0 if entry.name.isascii() else 0x800  # UTF-8 names are flagged as such
            packed = sum(len(c) for c in chunks)
            if max(size, packed, offset) >= 0xFFFFFFFF or len(records) >= 0xFFFF:
                raise ExportError("the package is larger than 4 GB or has more than 65535 files: too big to upload")
            emit(struct.pack("<4s5H3L2H", b"PK\x03\x04", needed, flags, method, time_field, date_field, crc, packed, size,
                             len(name), 0) + name)
            for chunk in chunks:
                emit(chunk)
            central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", (3 << 8) | 20, needed, flags, method, time_field,
                                       date_field, crc, packed, size, len(name), 0, 0, 0, 0, FILE_MODE << 16,
                                       offset) + name)
            offset += 30 + len(name) + packed
            records.append(EntryRecord(entry.name, size, packed, crc, sha, entry.origin))
            done += 1
    directory = b"".join(central)
    emit(directory)
    emit(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(records), len(records), len(directory), offset, 0))
    return records, zip_digest.hexdigest()


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
