"""The Jenkins xunit plugin's JUnit schema (junit-10.xsd), as pytest's own test suite ships it in its sdist.

Taken from the pytest release installed here (`pip download --no-binary :all: pytest==<version>`), cached in the
user's cache folder; the tests that need it skip when it cannot be had (no network and no cache).
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

MEMBER = "testing/example_scripts/junit-10.xsd"


def junit_xsd() -> Path | None:
    """The schema file, downloaded once; None when pip cannot get pytest's sdist."""
    from platformdirs import user_cache_dir

    cache = Path(user_cache_dir("plugin-workbench-tests", appauthor=False)) / f"pytest-{pytest.__version__}"
    xsd = cache / "junit-10.xsd"
    if xsd.is_file():
        return xsd
    cache.mkdir(parents=True, exist_ok=True)
    download = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                               f"pytest=={pytest.__version__}", "-d", str(cache)], capture_output=True, timeout=600)
    sdists = sorted(cache.glob("pytest-*.tar.gz"))
    if download.returncode != 0 or not sdists:
        return None
    with tarfile.open(sdists[0]) as archive:
        member = next((m for m in archive.getmembers() if m.name.endswith(MEMBER)), None)
        if member is None:
            return None
        xsd.write_bytes(archive.extractfile(member).read())
    sdists[0].unlink()
    return xsd


def schema():
    """An xmlschema validator of junit-10.xsd, or a skip."""
    import xmlschema

    path = junit_xsd()
    if path is None:
        pytest.skip("the JUnit schema (pytest's sdist) could not be downloaded")
    return xmlschema.XMLSchema(str(path))
