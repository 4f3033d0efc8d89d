"""Run every benchmark and print one JSON object of named figures: `python benchmarks/run.py --json`.

Each `benchmarks/bench_*.py` module exposes `FIGURES`: a dict of name -> zero-argument function returning a dict of
figures (the measured one and its baseline, measured side by side in the same run). `--only NAME` runs the modules
whose figures include NAME. A module with `ON_DEMAND = True` (the long soak) runs only when named by --only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def modules():
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield path.stem, module


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--only", action="append", default=[], help="run only the figure groups with this name")
    args = parser.parse_args()
    figures: dict[str, float] = {}
    for stem, module in modules():
        for name, fn in module.FIGURES.items():
            named = name in args.only or stem in args.only
            if (args.only and not named) or (getattr(module, "ON_DEMAND", False) and not named):
                continue
            print(f"running {name} ...", file=sys.stderr)
            figures.update(fn())
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
    else:
        for k, v in sorted(figures.items()):
            print(f"{k:40} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
