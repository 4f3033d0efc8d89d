"""A plugin's output cannot grow the workbench's memory: lines are capped, the backlog is bounded, and the log says
what was cut or dropped."""

from __future__ import annotations

import psutil
import pytest

from tests.targets.xcally.node_helpers import needs_node, plugins, wait_until
from workbench.core.process.output import MAX_LINE_BYTES, LineSplitter, OutputBacklog
from workbench.targets.xcally.process import ProcessEvent


@pytest.fixture
def plugin(tmp_path):
    yield from plugins(tmp_path)


# 200 MB on stdout without a newline, written as fast as the pipe takes it; then word on stderr, and it stays up.
ENDLESS_LINE = """
const chunk = Buffer.alloc(1 << 20, 'x');
let written = 0;
function more() {
  while (written < 200) {
    written++;
    if (!process.stdout.write(chunk)) return process.stdout.once('drain', more);
  }
  console.error('wrote 200 MB');
}
more();
setInterval(() => {}, 1000);
"""


@pytest.mark.node
@needs_node
def test_an_endless_line_keeps_the_workbench_memory_bounded(plugin):
    me = psutil.Process()
    before = me.memory_info().rss
    peak = before
    proc, lines = plugin(ENDLESS_LINE)
    proc.start()

    def written() -> bool:
        nonlocal peak
        peak = max(peak, me.memory_info().rss)
        return any(t == "wrote 200 MB" for t in lines.texts())

    assert wait_until(written, 60.0, every=0.01)
    assert peak - before < 64 * 2**20, f"the workbench grew by {(peak - before) >> 20} MB"
    head = lines.wait_for("[line cut]")  # said at once: the line may never end
    assert head.stream == "stdout" and len(head.text) < MAX_LINE_BYTES + 32 and head.text.startswith("xxxx")
    assert proc.stop(grace_s=0.5)  # the stream ends: now the whole length is known
    note = lines.wait_for("line truncated").text
    assert "209,715,200 bytes long" in note and f"first {MAX_LINE_BYTES:,}" in note
    assert sum(len(t) for t in lines.texts()) < 2 * MAX_LINE_BYTES


def _split(data: list[bytes], max_bytes: int = 8) -> list[tuple[str, str]]:
    got: list[tuple[str, str]] = []
    splitter = LineSplitter(lambda t: got.append(("line", t)), lambda n: got.append(("note", n)), "stdout", max_bytes)
    for chunk in data:
        splitter.feed(chunk)
    splitter.close()
    return got


def test_lines_are_split_across_chunks_and_cut_past_the_cap():
    assert _split([b"ab", b"c\r\nde", b"f\n", b"12345678\nlast"]) == [
        ("line", "abc"), ("line", "def"), ("line", "12345678"), ("line", "last")]
    got = _split([b"0123456789", b"abc\nok\n"])
    assert got[0] == ("line", "01234567 … [line cut]")
    assert got[1][0] == "note" and "13 bytes long" in got[1][1] and "5 dropped" in got[1][1]
    assert got[2] == ("line", "ok")


def test_a_cut_never_splits_a_character():
    got = _split(["aaaaaaé€".encode(), b"\n"], max_bytes=8)  # 'é' ends at byte 8, '€' would straddle the cut
    assert got[0] == ("line", "aaaaaaé … [line cut]")
    got = _split(["aaaaaaa€".encode(), b"\n"], max_bytes=8)
    assert got[0] == ("line", "aaaaaaa … [line cut]")


def _out(text: str) -> ProcessEvent:
    return ProcessEvent("stdout", text, 1)


def test_the_backlog_drops_output_past_its_bounds_and_says_how_much():
    backlog = OutputBacklog(max_lines=3, max_bytes=1000)
    wakes = [backlog.put(_out(f"line {i}")) for i in range(10)]
    assert wakes == [True] + [False] * 9  # one wake per drain, however many lines come
    assert backlog.put(ProcessEvent("info", "stopped", 1)) is False  # supervisor messages are never dropped
    backlog.put(_out("x" * 2000))  # alone past the byte bound
    assert [e.text for e in backlog.drain(2)] == ["line 0", "line 1"]
    rest = [(e.stream, e.text) for e in backlog.drain()]
    assert rest == [("stdout", "line 2"),
                    ("info", "output flood: 7 lines (42 characters) dropped while the log caught up"),
                    ("info", "stopped"),
                    ("info", "output flood: 1 line (2,000 characters) dropped while the log caught up")]
    assert backlog.put(_out("after")) is True  # drained: the next line wakes the consumer again
    assert [e.text for e in backlog.drain()] == ["after"]


def test_the_drop_note_sits_where_the_lines_went_missing():
    backlog = OutputBacklog(max_lines=2, max_bytes=1000)
    for i in range(5):
        backlog.put(_out(f"early {i}"))
    backlog.drain(1)
    backlog.put(_out("late"))
    texts = [e.text for e in backlog.drain()]
    assert texts[0] == "early 1" and texts[1].startswith("output flood: 3 lines") and texts[2] == "late"
