"""What long operations tell the user on stderr: one-line messages and a progress bar.

On a terminal a progress bar is rewritten in place. In a log (stderr not a terminal: CI, a pipe,
a file) it prints a start line, a line at most every `LOG_EVERY` seconds while it runs, and an
end line with the time taken, as tqdm and rich do off a terminal, so a log holds a few lines per
operation instead of one per step.
"""

from __future__ import annotations

import dataclasses
import sys
import time

_WIDTH = 24
#: the fewest seconds between two progress lines in a log
LOG_EVERY = 10.0


def log(verbose: bool | int, text: str) -> None:
    """`text` on stderr when `verbose`."""
    if verbose:
        print(text, file=sys.stderr, flush=True)


@dataclasses.dataclass
class _Logged:
    """The bar a log is following: its size, the last step seen, when it began and last printed."""

    total: int
    done: int
    began: float
    printed: float


_current: _Logged | None = None


def _rate(done: int, seconds: float, unit: str) -> str:
    return f"{done / max(seconds, 1e-9):.0f} {unit}/s".replace(" /s", "/s")


def _log_line(done: int, total: int, label: str, start: float | None, unit: str) -> str | None:
    """The line a log gets for step `done` of `total` (None: nothing this step)."""
    global _current
    now = time.perf_counter()
    if _current is None or _current.total != total or done <= _current.done:
        began = start if start is not None else now
        _current = _Logged(total, done, began, now)
        if done < total:
            return f"{label}: {done}/{total}, started"
    bar = _current
    bar.done = done
    seconds = now - (start if start is not None else bar.began)
    if done >= total:
        _current = None
        return f"{label}: {done}/{total} in {seconds:.1f} s ({_rate(done, seconds, unit)})"
    if now - bar.printed >= LOG_EVERY:
        bar.printed = now
        return f"{label}: {done}/{total} after {seconds:.0f} s ({_rate(done, seconds, unit)})"
    return None


def progress(
    done: int, total: int, label: str, *, start: float | None = None, unit: str = ""
) -> None:
    """Step `done` of `total` of `label`; with `start` (a `time.perf_counter()`), the rate in
    `unit` per second."""
    if not sys.stderr.isatty():
        line = _log_line(done, total, label, start, unit)
        if line is not None:
            print(line, file=sys.stderr, flush=True)
        return
    filled = int(_WIDTH * done / total) if total else _WIDTH
    rate = ""
    if start is not None:
        rate = f" ({_rate(done, time.perf_counter() - start, unit)})"
    line = f"{label} [{'#' * filled}{'.' * (_WIDTH - filled)}] {done}/{total}{rate}"
    print(f"\r{line:<79}", end="\n" if done == total else "", file=sys.stderr, flush=True)
