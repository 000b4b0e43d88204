"""A labelled scatter chart (a benchmark's latency against accuracy) whose labels never overlap.

Each label goes to the first free place among candidates around its point, nearest first: right
or left of the point, then stacked ever further above and below it with a thin leader line. A
place is free when the label's box, measured by the renderer, stays inside the axes and overlaps
no other label and no point. The search is deterministic (the same chart every run) and enough for
the few points a benchmark has; the title stays short and the machine goes to a caption below.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import textwrap
from collections.abc import Sequence
from typing import Any

#: candidate offsets (points) of a label's centre-left (or centre-right) from its point, nearest
#: first: beside the point on the right, then just above or below it, then on the left, then
#: stacked ever further above and below it
_STEP = 14
_CANDIDATES = [(6, 0), (6, _STEP), (6, -_STEP), (-6, 0), (-6, _STEP), (-6, -_STEP)] + [
    (dx, dy) for level in range(2, 9) for dy in (level * _STEP, -level * _STEP) for dx in (6, -6)
]
_GAP = 3  # pixels kept free around a label
_POINT_SIZE = 40  # marker area (points squared)


def _overlap(a: Any, b: Any) -> float:
    """The area two display-space boxes share."""
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(width, 0.0) * max(height, 0.0)


def _corner(offset: tuple[int, int]) -> tuple[float, float]:
    """The corner of a label (box fractions) nearest its point, where its leader line starts."""
    return (0.0 if offset[0] > 0 else 1.0, 0.0 if offset[1] > 0 else 1.0)


def _annotate(axes: Any, label: str, xy: tuple[float, float], offset: tuple[int, int]) -> Any:
    stacked = abs(offset[1]) > _STEP / 2  # away from its point: a leader line to it
    leader = {"arrowstyle": "-", "color": "0.5", "lw": 0.6, "shrinkB": 4, "relpos": _corner(offset)}
    return axes.annotate(
        label,
        xy,
        textcoords="offset points",
        xytext=offset,
        ha="left" if offset[0] > 0 else "right",
        va="center",
        fontsize=8,
        arrowprops=leader if stacked else None,
    )


@dataclasses.dataclass
class _Label:
    """A placed (or candidate) label in display space: its text box and its leader line's
    points (none when it sits beside its point)."""

    box: Any
    leader: list[tuple[float, float]]

    def crosses(self, box: Any) -> bool:
        return any(box.contains(x, y) for x, y in self.leader)


def _text_extent(text: Any, renderer: Any) -> Any:
    """The box of an annotation's text alone (`Annotation.get_window_extent` adds its arrow)."""
    import matplotlib.text

    text.update_positions(renderer)
    return matplotlib.text.Text.get_window_extent(text, renderer)


def _measure(text: Any, renderer: Any, offset: tuple[int, int], point: Any) -> _Label:
    box = _text_extent(text, renderer).padded(_GAP)
    if abs(offset[1]) <= _STEP / 2:
        return _Label(box, [])
    fx, fy = _corner(offset)
    end = (box.x0 + fx * box.width, box.y0 + fy * box.height)
    steps = 24  # points along the leader, the ends left out (its point, its label)
    leader = [
        (point[0] + (end[0] - point[0]) * k / steps, point[1] + (end[1] - point[1]) * k / steps)
        for k in range(3, steps - 1)
    ]
    return _Label(box, leader)


def _crowding(candidate: _Label, inside: Any, labels: list[_Label], marks: list[Any]) -> float:
    """How badly a label is placed: its area outside the axes, the area it shares with the
    labels and the other points already there, and its leader crossing them (or theirs crossing
    it); 0 is a free place."""
    box = candidate.box
    outside = box.width * box.height - _overlap(box, inside)
    shared = sum(_overlap(box, other.box) for other in labels)
    shared += sum(_overlap(box, mark) for mark in marks)
    crossings = sum(candidate.crosses(other.box) + other.crosses(box) for other in labels)
    crossings += sum(candidate.crosses(mark) for mark in marks)
    return 10 * outside + shared + 1000 * crossings


def _place(axes: Any, points: Sequence[tuple[str, float, float]]) -> None:
    """Annotates each point, left to right, at its first free candidate place (or, where none is
    free, the first of the least crowded)."""
    from matplotlib.transforms import Bbox

    figure = axes.figure
    renderer = figure.canvas.get_renderer()
    inside = axes.get_window_extent(renderer)
    half = (_POINT_SIZE**0.5) / 2 * figure.dpi / 72 + 2
    where = [tuple(axes.transData.transform((x, y))) for _, x, y in points]
    marks = [Bbox.from_extents(px - half, py - half, px + half, py + half) for px, py in where]
    labels: list[_Label] = []
    for i in sorted(range(len(points)), key=lambda i: (points[i][1], points[i][2])):
        label, x, y = points[i]
        others = marks[:i] + marks[i + 1 :]
        scores = []
        for offset in _CANDIDATES:
            text = _annotate(axes, label, (x, y), offset)
            candidate = _measure(text, renderer, offset, where[i])
            text.remove()
            scores.append((_crowding(candidate, inside, labels, others), offset, candidate))
            if scores[-1][0] == 0:
                break
        _, offset, chosen = min(scores, key=lambda score: score[0])
        _annotate(axes, label, (x, y), offset)
        labels.append(chosen)


def scatter(
    points: Sequence[tuple[str, float, float]],
    path: str | os.PathLike[str],
    **kwargs: Any,
) -> pathlib.Path:
    """Writes `figure(points, **kwargs)` as a PNG to `path`."""
    import matplotlib.pyplot as plt

    drawn = figure(points, **kwargs)
    path = pathlib.Path(path)
    drawn.savefig(path, format="png")
    plt.close(drawn)
    return path


def figure(
    points: Sequence[tuple[str, float, float]],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    caption: str = "",
    log_x: bool = True,
) -> Any:
    """A matplotlib figure of `points` (label, x, y), each labelled without overlap; `caption`
    (the machine, the load) is wrapped below the axes in small type."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    drawn, axes = plt.subplots(figsize=(7, 4.8), dpi=120)
    for _, x, y in points:
        axes.scatter(x, y, s=_POINT_SIZE, zorder=3, edgecolors="white", linewidths=0.8)
    if log_x:
        axes.set_xscale("log")
        axes.xaxis.set_major_locator(matplotlib.ticker.LogLocator(subs=(1.0, 2.0, 5.0)))
        axes.xaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
        axes.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    _pad_limits(axes, points, log_x)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.set_title(title, fontsize=10)
    axes.grid(True, alpha=0.3)
    lines = textwrap.wrap(caption, width=120) if caption else []
    drawn.tight_layout(rect=(0, 0.035 * len(lines), 1, 1))
    if lines:
        drawn.text(0.01, 0.01, "\n".join(lines), fontsize=7, color="0.35", va="bottom")
    _place(axes, points)
    return drawn


def _pad_limits(axes: Any, points: Sequence[tuple[str, float, float]], log_x: bool) -> None:
    """Room around the points for their labels: a third of the range (at least 1 unit) above
    and below, and a wide margin left and right (labels sit beside their points)."""
    xs = [x for _, x, _ in points]
    ys = [y for _, _, y in points]
    low, high = min(ys), max(ys)
    pad = max((high - low) / 3, 1.0)
    axes.set_ylim(low - pad, high + pad)
    if log_x:
        ratio = (max(xs) / min(xs)) ** 0.25 if min(xs) > 0 else 2.0
        axes.set_xlim(min(xs) / max(ratio, 1.6), max(xs) * max(ratio, 1.6))
    else:
        span = max(max(xs) - min(xs), 1e-9)
        axes.set_xlim(min(xs) - span / 3, max(xs) + span / 3)
