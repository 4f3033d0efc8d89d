"""The zip writer and the read-back check, on their own."""

from __future__ import annotations

import hashlib
import io
import random
import shutil
import subprocess
import zipfile

import pytest

from workbench.core.packaging.model import PlanEntry
from workbench.core.packaging.verify import verify_zip
from workbench.core.packaging.zipwriter import write_zip


def entries(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"line of text\n" * 200_000)
    return [PlanEntry("a/empty.txt", data=b""), PlanEntry("a/\u00e9t\u00e9.json", data=b'{"x": 1}'),
            PlanEntry("big.txt", source=tmp_path / "big.txt", origin="big.txt"),
            PlanEntry("photo.png", data=random.Random(1).randbytes(300_000))]


def test_written_zip_reads_back_with_names_sizes_and_sha256(tmp_path):
    buf = io.BytesIO()
    records, zip_sha = write_zip(buf, entries(tmp_path))
    assert zip_sha == hashlib.sha256(buf.getvalue()).hexdigest()
    with zipfile.ZipFile(buf) as zf:
        assert zf.namelist() == ["a/empty.txt", "a/\u00e9t\u00e9.json", "big.txt", "photo.png"]
        # deflate where it pays, stored where it cannot (decided from the content alone)
        assert zf.getinfo("big.txt").compress_type == zipfile.ZIP_DEFLATED
        assert zf.getinfo("photo.png").compress_type == zipfile.ZIP_STORED
        assert zf.read("big.txt") == (tmp_path / "big.txt").read_bytes() and zf.testzip() is None
    assert verify_zip(buf, records) == []


@pytest.mark.skipif(shutil.which("unzip") is None, reason="needs Info-ZIP unzip")
def test_info_zip_accepts_it(tmp_path):
    path = tmp_path / "out.zip"
    with open(path, "wb") as f:
        write_zip(f, entries(tmp_path))
    assert subprocess.run(["unzip", "-tq", str(path)], capture_output=True).returncode == 0


def test_a_flipped_byte_is_caught_by_the_read_back(tmp_path):
    buf = io.BytesIO()
    records, _ = write_zip(buf, entries(tmp_path))
    data = bytearray(buf.getvalue())
    data[data.index(b"big.txt") + 200] ^= 0x55  # inside big.txt's compressed data
    problems = verify_zip(io.BytesIO(bytes(data)), records)
    assert problems and problems[0].code == "PKG020" and problems[0].file == "big.txt"


def test_a_file_changed_during_the_export_fails_it(tmp_path, monkeypatch):
    import workbench.core.packaging.zipwriter as writer
    from workbench.core.packaging import ExportError
    real_fstat, calls = writer.os.fstat, []

    def fstat(fd):  # the second look at the file sees another size, as if an editor saved it meanwhile
        result = real_fstat(fd)
        calls.append(fd)
        return result if len(calls) % 2 else type(result)(tuple(result[:6]) + (result.st_size + 1,) + tuple(result[7:]))

    monkeypatch.setattr(writer.os, "fstat", fstat)
    with pytest.raises(ExportError, match="changed while it was being packaged"):
        write_zip(io.BytesIO(), entries(tmp_path)[2:])
