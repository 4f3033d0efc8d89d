"""Atomic saves keep permissions and leave no temporary files; recovery records round-trip."""

import os
import stat

from workbench.core.atomic import atomic_write
from workbench.core.recovery import RecoveryStore


def test_atomic_write_replaces_and_keeps_mode(tmp_path):
    target = tmp_path / "run.sh"
    target.write_text("old")
    os.chmod(target, 0o750)
    atomic_write(target, b"new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.sh"]


def test_atomic_write_creates_new_files(tmp_path):
    atomic_write(tmp_path / "sub" / "a.json", b"{}")
    assert (tmp_path / "sub" / "a.json").read_bytes() == b"{}"


def test_recovery_store_round_trip(tmp_path):
    store = RecoveryStore(tmp_path / "proj", base=tmp_path / "data")
    store.save("webapp2/settings.json", "{unsaved", "abc")
    other = RecoveryStore(tmp_path / "other", base=tmp_path / "data")
    assert other.entries() == []
    [entry] = store.entries()
    assert (entry.rel, entry.text, entry.disk_digest) == ("webapp2/settings.json", "{unsaved", "abc")
    store.discard("webapp2/settings.json")
    assert store.entries() == []
