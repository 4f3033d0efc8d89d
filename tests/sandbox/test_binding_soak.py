"""Soak of the Qt bindings: long runs must not drain the reference counts of None, True and False.

PySide6 6.12.0 dropped a reference per runJavaScript callback and per emit, which aborted the interpreter after
about half an hour of `workbench test` or a couple of hours of an open window. The pinned release must hold flat.
"""

import sys

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWebEngineCore import QWebEnginePage

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

ROUNDS = 200_000


def singleton_counts() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def drift(before: tuple[int, ...], after: tuple[int, ...]) -> list[int]:
    return [a - b for a, b in zip(after, before, strict=True)]


class Emitter(QObject):
    text = Signal(str)
    nothing = Signal()
    value = Signal(object)
    flag = Signal(bool)


def test_200k_javascript_evaluations_keep_singletons_flat(qtbot):
    page = QWebEnginePage()
    with qtbot.waitSignal(page.loadFinished, timeout=20000):
        page.setHtml("<html><body>soak</body></html>")
    answered = {"n": 0}
    done = Emitter()

    def on_value(_value) -> None:
        answered["n"] += 1
        if answered["n"] == ROUNDS:
            done.nothing.emit()

    before = singleton_counts()
    with qtbot.waitSignal(done.nothing, timeout=120000):
        for _ in range(ROUNDS):
            page.runJavaScript("null", 0, on_value)
    after = singleton_counts()
    assert answered["n"] == ROUNDS
    assert max(abs(d) for d in drift(before, after)) < 50, f"None/True/False drifted by {drift(before, after)}"
    page.deleteLater()


def test_200k_emits_and_timer_beats_keep_singletons_flat(qtbot):
    emitter = Emitter()
    seen = {"n": 0}

    def count(*_args) -> None:
        seen["n"] += 1

    for signal in (emitter.text, emitter.nothing, emitter.value, emitter.flag):
        signal.connect(count)
    before = singleton_counts()
    for i in range(ROUNDS // 4):
        emitter.text.emit("x")
        emitter.nothing.emit()
        emitter.value.emit(None)
        emitter.flag.emit(i % 2 == 0)
    beats = {"n": 0}
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: beats.__setitem__("n", beats["n"] + 1))
    timer.start()
    qtbot.waitUntil(lambda: beats["n"] >= 5000, timeout=30000)
    timer.stop()
    after = singleton_counts()
    assert seen["n"] == ROUNDS
    assert max(abs(d) for d in drift(before, after)) < 50, f"None/True/False drifted by {drift(before, after)}"
