"""keras_resnet._console: a progress bar in a log prints a few lines, on a terminal one line
rewritten in place."""

import io

import pytest

from keras_resnet import _console


class _Stream(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


def _run_bar(monkeypatch, terminal: bool, steps: int, seconds_per_step: float) -> list[str]:
    stream = _Stream(terminal)
    now = [0.0]  # the clock: step `done` ends at done * seconds_per_step
    monkeypatch.setattr(_console.sys, "stderr", stream)
    monkeypatch.setattr(_console.time, "perf_counter", lambda: now[0])
    start = 0.0
    for done in range(1, steps + 1):
        now[0] = done * seconds_per_step
        _console.progress(done, steps, "calibrating tflite int8", start=start, unit="img")
    return stream.getvalue().split("\n")


def test_a_log_gets_a_start_and_an_end_line(monkeypatch):
    lines = _run_bar(monkeypatch, terminal=False, steps=200, seconds_per_step=0.02)
    assert lines[-1] == ""  # every line ends with a newline
    assert lines[:-1] == [
        "calibrating tflite int8: 1/200, started",
        "calibrating tflite int8: 200/200 in 4.0 s (50 img/s)",
    ]


def test_a_slow_bar_in_a_log_prints_at_most_one_line_per_ten_seconds(monkeypatch):
    lines = _run_bar(monkeypatch, terminal=False, steps=100, seconds_per_step=1.0)[:-1]
    assert lines[0].endswith("1/100, started")
    assert lines[-1] == "calibrating tflite int8: 100/100 in 100.0 s (1 img/s)"
    assert len(lines) - 2 == 9  # one line at 11, 21, ... 91 s (10 s after the start line)
    assert all(" after " in line for line in lines[1:-1])


def test_a_second_bar_in_a_log_starts_again(monkeypatch):
    first = _run_bar(monkeypatch, terminal=False, steps=10, seconds_per_step=0.01)
    second = _run_bar(monkeypatch, terminal=False, steps=10, seconds_per_step=0.01)
    assert len(first) == len(second) == 3 and second[0].endswith("1/10, started")


@pytest.mark.parametrize("steps", [1, 7])
def test_a_terminal_gets_one_line_rewritten_in_place(monkeypatch, steps):
    text = "\n".join(_run_bar(monkeypatch, terminal=True, steps=steps, seconds_per_step=0.02))
    assert text.count("\r") == steps and text.count("\n") == 1
    assert text.rstrip().endswith(f"{steps}/{steps} (50 img/s)")
