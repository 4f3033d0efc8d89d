"""Syntax colours on a keystroke: the incremental re-parse and the re-coloured lines, beside a full re-colouring.

- highlight_keystroke_ms_median: one character typed into a 7,800-line JavaScript file (the recording sample's
  source repeated): SyntaxHighlights.update (incremental parse from the old tree) plus the spans of the lines it
  says changed;
- highlight_full_ms_median: its baseline, colouring the same text from scratch (a parse and every line's spans),
  what a non-incremental highlighter does on each change (and what opening such a file costs, once).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from timing import median_ms  # noqa: E402

from workbench.core.highlight import SyntaxHighlights  # noqa: E402
from workbench.core.paths import SAMPLES  # noqa: E402

SOURCE = SAMPLES / "pexip-recording/webapp2/plugins/recording/recording.plugin.js"


def keystroke() -> dict:
    text = SOURCE.read_text(encoding="utf-8") * 100
    state = SyntaxHighlights("javascript", text)
    where = len(text) // 2
    texts = [text[:where] + "x" + text[where:], text]
    flip = [0]

    def type_one() -> None:
        flip[0] ^= 1
        for line in state.update(texts[flip[0] ^ 1]):
            state.spans(line)
        state.spans(text.count("\n", 0, where))

    return {"highlight_keystroke_ms_median": median_ms(type_one, repeat=30),
            "highlight_full_ms_median": median_ms(lambda: SyntaxHighlights("javascript", text), repeat=5, warmup=1),
            "highlight_lines": text.count("\n")}


FIGURES = {"highlight_keystroke_ms_median": keystroke}
