"""Reopen a written zip and check every entry against what was meant to be written; optionally unpack it."""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from workbench.core.diagnostics import Diagnostic, Severity
from workbench.core.packaging.model import EntryRecord, Progress
from workbench.core.packaging.zipwriter import CHUNK, FILE_MODE


def _problem(message: str, file: str = "") -> Diagnostic:
    return Diagnostic("PKG020", Severity.ERROR, f"the written zip is not what was meant: {message}", file)


def verify_zip(stream: BinaryIO, records: list[EntryRecord], unpack_to: Path | None = None,
               progress: Progress | None = None, done: int = 0, total: int = 0) -> list[Diagnostic]:
    """Check names, order, sizes, modes, CRCs (by decompressing) and sha256 of every entry; [] when all agree.

    The sha256 compared against is the one computed from the sources while writing, so sources are not read again.
    When unpack_to is given, the decompressed bytes are also written there (the host's view, for re-validation).
    """
    problems: list[Diagnostic] = []
    made: set[Path] = set()
    stream.seek(0)
    try:
        zf = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as exc:
        return [_problem(f"it cannot be reopened ({exc})")]
    with zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        expected = [r.name for r in records]
        if names != expected:
            missing = sorted(set(expected) - set(names))
            extra = sorted(set(names) - set(expected))
            return [_problem(f"entries differ (missing {missing[:5]}, unexpected {extra[:5]})")]
        for info, record in zip(infos, records, strict=True):
            if progress:
                progress(done, total, f"verifying {info.filename}")
            done += 1
            if info.file_size != record.size or info.CRC != record.crc:
                problems.append(_problem("size or CRC in the directory differs from the source", info.filename))
                continue
            if info.external_attr >> 16 != FILE_MODE or info.flag_bits & 0x1:
                problems.append(_problem("unexpected file mode or flags", info.filename))
            digest = hashlib.sha256()
            target = None
            if unpack_to is not None:
                path = unpack_to / info.filename
                if path.parent not in made:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    made.add(path.parent)
                target = open(path, "wb")
            try:
                size = 0
                with zf.open(info) as src:  # zipfile checks the CRC when the entry has been read to its end
                    while chunk := src.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        if target:
                            target.write(chunk)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
                problems.append(_problem(f"cannot be read back ({exc})", info.filename))
                continue
            finally:
                if target:
                    target.close()
            if size != record.size or digest.hexdigest() != record.sha256:
                problems.append(_problem("content read back differs from the source (sha256)", info.filename))
    return problems
