"""Argument checks shared by the builders and the rest of the library.

Each raises a `ValueError` / `TypeError` naming the argument and the value received, early,
before any layer is built or any file is written.
"""

from __future__ import annotations

import numbers


def check_choice(argument: str, value, allowed):
    if value not in allowed:
        raise ValueError(
            f"{argument} must be one of {', '.join(repr(a) for a in allowed)}; received {argument}={value!r}"
        )
    return value


def check_bool(argument: str, value):
    if not isinstance(value, bool):
        raise TypeError(f"{argument} must be True or False; received {argument}={value!r}")
    return value


def check_int(argument: str, value, *, minimum: int | None = None):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{argument} must be an int; received {argument}={value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{argument} must be >= {minimum}; received {argument}={value!r}")
    return int(value)


def check_fraction(argument: str, value, *, low_inclusive=True, high: float = 1.0, high_inclusive=False):
    """A float in [0, high) (bounds configurable)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{argument} must be a float; received {argument}={value!r}")
    low_ok = value >= 0 if low_inclusive else value > 0
    high_ok = value <= high if high_inclusive else value < high
    if not (low_ok and high_ok):
        interval = f"{'[' if low_inclusive else '('}0, {high:g}{']' if high_inclusive else ')'}"
        raise ValueError(f"{argument} must be in {interval}; received {argument}={value!r}")
    return float(value)
