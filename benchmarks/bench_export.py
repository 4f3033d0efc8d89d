"""Export speed: `workbench export` of a generated ~50 MB XCALLY project against Info-ZIP `zip -r -X -6`.

The export does more than zip (validation gate, sha256 of every entry, reopening and checking every entry, unpacking
and re-validating the package as the host sees it, sha256 of the zip, atomic rename); the figure says what that
costs. Both run on the same files, at the same deflate level, alternately, in the same run. The export compresses
entries in a few threads (written in order, so the bytes stay the same) and stores entries whose first 64 kB deflate
cannot shrink, where `zip` deflates everything on one core (and keeps the deflated form of random data).
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TOTAL_BYTES = 50_000_000
RUNS = 5
WORDS = ["function", "return", "const", "let", "if", "else", "for", "this", "plugin", "state", "value", "=>", "{",
         "}", "(", ")", ";", "\n", "  ", "agent", "queue", "await", "async"] + [f"name{i}" for i in range(300)]


def generate_project(root: Path, total: int = TOTAL_BYTES, seed: int = 7) -> tuple[int, int]:
    """A deterministic script plugin of ~total bytes: source text, JSON data, incompressible and mixed binaries."""
    rnd = random.Random(seed)
    (root / "app").mkdir(parents=True)
    (root / "manifest.json").write_text(json.dumps({
        "name": "BenchPlugin", "version": "1.0.0", "description": "generated for the export benchmark",
        "type": "script", "sidebar": "always", "icon": "icon-apps",
        "parameters": {"scriptName": "bench-plugin", "scriptPath": "app/index.js"}}, indent=2))
    (root / "app/index.js").write_text("require('http').createServer((q, r) => r.end('ok'))"
                                       ".listen(process.env.PORT || 9006);\n")
    written, count = 0, 0
    while written < total:
        kind = count % 10
        folder = root / f"lib/m{count % 37}/s{count % 11}"
        folder.mkdir(parents=True, exist_ok=True)
        if kind < 5:  # source text: compresses well
            data = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(2_000, 60_000) // 6)).encode()
            name = f"f{count}.js"
        elif kind < 7:  # JSON data
            items = [{"id": rnd.randint(0, 10**9), "name": rnd.choice(WORDS), "v": rnd.random()}
                     for _ in range(rnd.randint(5_000, 80_000) // 60)]
            data, name = json.dumps(items).encode(), f"d{count}.json"
        elif kind < 9:  # incompressible (images, fonts)
            data, name = rnd.randbytes(rnd.randint(10_000, 200_000)), f"img{count}.png"
        else:  # half repeated blocks, half noise
            block = rnd.randbytes(512)
            data = b"".join(block if rnd.random() < 0.5 else rnd.randbytes(512)
                            for _ in range(rnd.randint(10_000, 150_000) // 512))
            name = f"b{count}.bin"
        (folder / name).write_bytes(data)
        written += len(data)
        count += 1
    return count + 2, written


def export_vs_zip_ratio() -> dict:
    """Median seconds of `export_project` and of `zip -q -r -X -6` on the same generated project."""
    from workbench.core.packaging import export_project
    from workbench.registry import get_target

    if shutil.which("zip") is None:
        return {"export_vs_zip_ratio": float("nan"), "zip_missing": 1}
    target = get_target("xcally")
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        tmp_path = Path(tmp)
        project_root = tmp_path / "plugin"
        files, size = generate_project(project_root)
        project = target.detect(project_root)
        out_export, out_zip = tmp_path / "export.zip", tmp_path / "info-zip.zip"

        def run_export() -> None:
            result = export_project(target, project, output=out_export)
            assert not result.blocked, [d.to_text() for d in result.errors]

        def run_zip() -> None:
            out_zip.unlink(missing_ok=True)
            subprocess.run(["zip", "-q", "-r", "-X", "-6", str(out_zip), "."], cwd=project_root, check=True)

        run_export()  # warm the page cache and imports for both
        run_zip()
        export_s, zip_s = [], []
        for _ in range(RUNS):  # alternate, so load from other processes hits both alike
            for fn, samples in ((run_export, export_s), (run_zip, zip_s)):
                t0 = time.perf_counter()
                fn()
                samples.append(time.perf_counter() - t0)
        export_median, zip_median = statistics.median(export_s), statistics.median(zip_s)
        return {
            "export_s_median": round(export_median, 3),
            "zip_s_median": round(zip_median, 3),
            "export_vs_zip_ratio": round(export_median / zip_median, 3),
            "export_project_mb": round(size / 1e6, 1),
            "export_project_files": files,
            "export_zip_mb": round(out_export.stat().st_size / 1e6, 2),
            "info_zip_mb": round(out_zip.stat().st_size / 1e6, 2),
        }


FIGURES = {"export_vs_zip_ratio": export_vs_zip_ratio}


if __name__ == "__main__":
    print(json.dumps(export_vs_zip_ratio(), indent=2))
