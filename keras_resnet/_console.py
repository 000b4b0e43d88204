"""What long operations tell the user on stderr: one-line messages and a progress bar.

A progress bar is rewritten in place on a terminal; in a log (stderr not a terminal) it prints a
line at every tenth of the way and at the end, so a CI log shows progress without a line per item.
"""

from __future__ import annotations

import sys
import time

_WIDTH = 24


def log(verbose: bool | int, text: str) -> None:
    """`text` on stderr when `verbose`."""
    if verbose:
        print(text, file=sys.stderr, flush=True)


def progress(
    done: int, total: int, label: str, *, start: float | None = None, unit: str = ""
) -> None:
    """Step `done` of `total` of `label`; with `start` (a `time.perf_counter()`), the rate in
    `unit` per second."""
    terminal = sys.stderr.isatty()
    if (
        not terminal
        and done != total
        and (10 * done // max(total, 1)) == (10 * (done - 1) // max(total, 1))
    ):
        return
    filled = int(_WIDTH * done / total) if total else _WIDTH
    rate = ""
    if start is not None:
        rate = f" ({done / max(time.perf_counter() - start, 1e-9):.0f} {unit}/s)".replace(
            " /s", "/s"
        )
    line = f"{label} [{'#' * filled}{'.' * (_WIDTH - filled)}] {done}/{total}{rate}"
    if terminal:
        print(f"\r{line:<79}", end="\n" if done == total else "", file=sys.stderr, flush=True)
    else:
        print(line, file=sys.stderr, flush=True)
