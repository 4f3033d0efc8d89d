"""Validating a 16 MB plugin file against a bare tree-sitter parse of it: time and peak memory, each process apart.

- validate_16mb_js_s / validate_16mb_peak_mb: `python -m workbench validate <project>` in a subprocess, launch to
  exit, and the peak resident memory of that process (wait4's ru_maxrss); every check runs (the file is below the
  limit of deep JavaScript checks);
- treesitter_parse_16mb_s / treesitter_parse_16mb_peak_mb: a subprocess that reads the same file and parses it
  with tree-sitter-javascript (nothing else), measured the same way;
- the ratios the targets are about (<= 1.5 for time, <= 1.3 for memory).
The file is generated here: the recording sample's plugin with, inside its IIFE and before registerPlugin, modules
of ordinary plugin code (settings objects, string building, participant filters, API calls), 16 MiB in all.
Medians of BIGJS_RUNS runs, the two commands interleaved. Both run with compiled bytecode, as installed (pip compiles at
install; the bare parse imports only compiled site-packages): a first validation of the small sample writes it.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_projects" / "pexip-recording"
PLUGIN_JS = "webapp2/plugins/recording/recording.plugin.js"
MEGABYTES = 16
BIGJS_RUNS = 5

MODULE = """
  var __module_{i} = function (module, exports, require) {{
    'use strict';
    var settings = {{ name: 'module {i}', retries: {i} % 5, endpoint: '/api/v1/items/{i}', enabled: true }};
    function format(items, prefix) {{
      return items.map(function (item, index) {{
        return prefix + ': ' + item.label + ' (' + (index + 1) + '/' + items.length + ')';
      }}).join(', ');
    }}
    exports.render = function (participants, conferenceDetails) {{
      var names = participants.filter(function (p) {{ return p.role === 'chair' && !p.isStreaming; }});
      var text = `${{settings.name}}: ${{format(names, 'chair')}}`;
      if (conferenceDetails && conferenceDetails.locked) {{
        PEX.pluginAPI.sendChatMessage(text);
      }}
      return {{ label: text, count: names.length, icon: null }};
    }};
    module.exports = exports;
  }};
"""

BARE_PARSE = """
import sys
import tree_sitter_javascript
from tree_sitter import Language, Parser
data = open(sys.argv[1], "rb").read()
tree = Parser(Language(tree_sitter_javascript.language())).parse(data)
assert tree.root_node.end_byte == len(data)
"""


def big_plugin_project(dest: Path, megabytes: float = MEGABYTES) -> Path:
    """A copy of the recording sample whose plugin file is `megabytes` MiB of plugin code; returns the file."""
    shutil.copytree(SAMPLE, dest)
    js = dest / PLUGIN_JS
    head, tail = js.read_text().split("  PEX.pluginAPI.registerPlugin(", 1)
    parts, size, i = [head], len(head), 0
    while size < megabytes * 1024 * 1024:
        chunk = MODULE.format(i=i)
        parts.append(chunk)
        size += len(chunk)
        i += 1
    parts.append("  PEX.pluginAPI.registerPlugin(" + tail)
    js.write_text("".join(parts))
    return js


def measure(cmd: list[str], env: dict, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """(seconds from launch to exit, peak resident MB) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise RuntimeError(f"{cmd[:4]} exited {code}: {proc.stderr.read().decode()[-2000:]}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024  # kB on Linux


def bigjs() -> dict:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        js = big_plugin_project(tmp / "big")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"WORKBENCH_LOG_DIR": str(tmp / "logs"), "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
                "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        measure([sys.executable, "-m", "workbench", "validate", str(SAMPLE)], env)  # writes the bytecode
        parse, validate = [], []
        for _ in range(BIGJS_RUNS):
            parse.append(measure([sys.executable, "-c", BARE_PARSE, str(js)], env))
            validate.append(measure([sys.executable, "-m", "workbench", "validate", str(tmp / "big")], env))
    figures = {
        "treesitter_parse_16mb_s": round(statistics.median(s for s, _ in parse), 2),
        "treesitter_parse_16mb_peak_mb": round(statistics.median(m for _, m in parse), 1),
        "validate_16mb_js_s": round(statistics.median(s for s, _ in validate), 2),
        "validate_16mb_peak_mb": round(statistics.median(m for _, m in validate), 1),
        "bigjs_file_mb": MEGABYTES,
    }
    figures["validate_16mb_vs_parse_time"] = round(figures["validate_16mb_js_s"] / figures["treesitter_parse_16mb_s"], 3)
    figures["validate_16mb_vs_parse_memory"] = round(figures["validate_16mb_peak_mb"] /
                                                     figures["treesitter_parse_16mb_peak_mb"], 3)
    return figures


FIGURES = {"validate_16mb_js_s": bigjs}

if __name__ == "__main__":
    print(bigjs())
