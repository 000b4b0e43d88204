"""Argument checks shared by the builders and the rest of the library.

Each raises a `ValueError` / `TypeError` naming the argument and the value received, early,
before any layer is built or any file is written.
"""

from __future__ import annotations

import numbers
from collections.abc import Collection
from typing import TypeVar, cast

_T = TypeVar("_T")


def check_choice(argument: str, value: _T, allowed: Collection[object]) -> _T:
    if value not in allowed:
        raise ValueError(
            f"{argument} must be one of {', '.join(repr(a) for a in allowed)}; received "
            f"{argument}={value!r}"
        )
    return value


def check_bool(argument: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{argument} must be True or False; received {argument}={value!r}")
    return value


def check_int(argument: str, value: object, *, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{argument} must be an int; received {argument}={value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{argument} must be >= {minimum}; received {argument}={value!r}")
    return int(value)


def check_fraction(
    argument: str,
    value: object,
    *,
    low_inclusive: bool = True,
    high: float = 1.0,
    high_inclusive: bool = False,
) -> float:
    """A float in [0, high) (bounds configurable)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{argument} must be a float; received {argument}={value!r}")
    number = cast(
        float, value
    )  # any numbers.Real compares with floats (typeshed's Real declares no >=)
    low_ok = number >= 0 if low_inclusive else number > 0
    high_ok = number <= high if high_inclusive else number < high
    if not (low_ok and high_ok):
        interval = f"{'[' if low_inclusive else '('}0, {high:g}{']' if high_inclusive else ')'}"
        raise ValueError(f"{argument} must be in {interval}; received {argument}={value!r}")
    return float(value)
