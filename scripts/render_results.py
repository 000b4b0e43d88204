"""Renders the tables of measured figures in the README and the docs from docs/results/*.json.

    python scripts/render_results.py          # rewrite every table between its markers
    python scripts/render_results.py --check  # CI: fail if a table differs from its file

A page holds a table as a block between two markers; everything between them is replaced:

    <!-- results:demo -->
    ...the table rendered from docs/results/demo.json, and the line naming its machine...
    <!-- /results:demo -->

`TABLES` says, per table name, which results file it comes from (a benchmark writes that file with
``--record``: `benchmarks/_results.py`), which of its rows and which columns, each formatted from
the row's numbers. Under the table one line names the machine, the date, the load average and the
runtime versions, then the command and the file's notes. The pages are README.md and every
Markdown file under docs/. No table of figures is typed by hand.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import pathlib
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "results"
#: a block: the opening marker, the rendered text, the closing marker
BLOCK = re.compile(
    r"(<!-- results:(?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /results:(?P=name) -->)", re.S
)
#: the runtimes a caption names (the rest stay in the file)
SHOWN_VERSIONS = (
    "tensorflow",
    "keras",
    "onnxruntime",
    "ai-edge-litert",
    "openvino",
    "jax",
    "torch",
)


def _number(spec: str, suffix: str = "") -> Callable[[Any], str]:
    def show(value: Any) -> str:
        return "" if value is None else f"{value:{spec}}{suffix}"

    return show


def _mib(value: Any) -> str:
    return "" if value is None else f"{value / 2**20:.2f} MiB"


def _kib(value: Any) -> str:
    return "" if value is None else f"{value / 1024:.0f} KiB"


def _yes_no(value: Any) -> str:
    return "yes" if value else "no"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)


def _list(spec: str) -> Callable[[Any], str]:
    return lambda values: ", ".join(f"{v:{spec}}" for v in values or [])


def _points(value: Any) -> str:
    return "" if value is None else f"{100 * value:.2f} pt"


def _point_list(values: Any) -> str:
    return ", ".join(f"{100 * v:.2f}" for v in values or []) + (" pt" if values else "")


MS = _number(".2f", " ms")
RATIO = _number(".2f", "x")
PERCENT = _number(".2%")
DIFF = _number(".1e")
AGREEMENT = _number(".0%")


@dataclasses.dataclass(frozen=True)
class Column:
    header: str
    field: str
    show: Callable[[Any], str] = _text
    numeric: bool = True  # right-aligned


def col(
    header: str, field: str, show: Callable[[Any], str] = _text, numeric: bool = True
) -> Column:
    return Column(header, field, show, numeric)


def label(header: str, field: str) -> Column:
    """A text column, left-aligned."""
    return Column(header, field, _text, numeric=False)


@dataclasses.dataclass(frozen=True)
class Table:
    results: str  # docs/results/<results>.json
    columns: Sequence[Column]
    where: Mapping[str, Any] = dataclasses.field(default_factory=dict)  # rows with these fields


_ARTIFACT = (label("format", "format"), label("precision", "precision"))

#: the tables, by the name their markers use
TABLES: dict[str, Table] = {
    "demo": Table(
        "demo",
        [
            *_ARTIFACT,
            col("size", "size_bytes", _mib),
            col("held-out accuracy", "accuracy", PERCENT),
            col("latency / image", "latency_ms", MS),
            col("speed-up vs Keras", "speedup", RATIO),
            col("max abs diff", "max_abs_diff", DIFF),
            col("top-1 agreement", "top1_agreement", AGREEMENT),
        ],
    ),
    "cpu_inference": Table(
        "cpu_inference",
        [
            col("threads", "threads"),
            label("route", "route"),
            label("runtime", "runtime"),
            label("precision", "shown"),
            col("size", "size_mib", _number(".2f", " MiB")),
            col("latency / image", "median_ms", MS),
            col("speed-up vs Keras", "vs_keras", RATIO),
            col("speed-up vs peer ORT", "vs_peer_ort", RATIO),
            col("GFLOP/s", "gflops", _number(".0f")),
            col("max abs diff", "max_abs_diff", DIFF),
            col("top-1 agreement", "top1_agreement", AGREEMENT),
        ],
    ),
    "export_time": Table(
        "export_benchmark",
        [
            label("exporter", "exporter"),
            label("formats", "formats"),
            col("seconds (median)", "median_s", _number(".1f")),
            col("rounds", "rounds_s", _list(".1f"), numeric=False),
            col("time ratio", "ratio", _number(".2f")),
        ],
        {"table": "export"},
    ),
    "export_latency": Table(
        "export_benchmark",
        [
            *_ARTIFACT,
            col("size", "size_bytes", _mib),
            col("latency / image", "latency_ms", MS),
            col("speed-up vs Keras", "speedup", RATIO),
            col("max abs diff", "max_abs_diff", DIFF),
            col("top-1 agreement", "top1_agreement", AGREEMENT),
        ],
        {"table": "latency"},
    ),
    "optimize_digits": Table(
        "optimize_digits",
        [
            label("model", "model"),
            label("artifact", "format"),
            label("precision", "precision"),
            col("held-out accuracy", "accuracy", PERCENT),
            col("size", "size_bytes", _kib),
            col("compressed (deflate)", "compressed_bytes", _kib),
        ],
    ),
    "train_benchmark": Table(
        "train_benchmark",
        [
            label("precision", "policy"),
            col("XLA", "xla", _yes_no, numeric=False),
            col("batch", "batch"),
            col("keras_resnet img/s", "keras_resnet_images_per_s", _number(".1f")),
            col("keras.applications img/s", "keras_applications_images_per_s", _number(".1f")),
            col("ratio", "ratio", _number(".2f")),
        ],
    ),
    "train_input": Table(
        "train_input",
        [
            label("measurement", "measurement"),
            col("first", "before", _number(",.1f")),
            col("second", "after", _number(",.1f")),
            col("figure", "figure", _number(",.1f")),
            label("target", "target"),
        ],
    ),
    "train_processes": Table(
        "train_processes",
        [
            col("processes", "processes"),
            col("img/s", "images_per_second", _number(",.0f")),
            col("held-out accuracy", "accuracy", _number(".2f", "%")),
        ],
        {"table": "measured"},
    ),
    "train_processes_plan": Table(
        "train_processes",
        [
            col("GPUs", "gpus"),
            label("link", "link"),
            col("step ms", "step_ms", _number(".1f")),
            col("all-reduce ms", "all_reduce_ms", _number(".2f")),
            col("img/s (floor)", "images_per_second", _number(",.0f")),
            col("efficiency", "efficiency", _number(".0%")),
        ],
        {"table": "plan"},
    ),
    "train_gpu": Table(
        "train_gpu",
        [
            label("path", "path"),
            col("img/s", "images_per_second", _number(",.0f")),
            col("of device", "of_device", _number(".0%")),
            label("error", "error"),
        ],
    ),
    "layouts": Table(
        "layouts",
        [
            label("backend", "backend"),
            label("model", "model"),
            col("px", "px"),
            col("batch", "batch"),
            label("layout", "data_format"),
            col("img/s", "images_per_s", _number(".1f")),
            col("vs channels_last", "vs_channels_last", _number(".2f")),
        ],
    ),
    "degradation": Table(
        "degradation",
        [
            label("net", "net"),
            col("depth", "depth"),
            col("iterations", "iterations", _number(",")),
            col("train error", "train_error", PERCENT),
            col("test error", "test_error", PERCENT),
            col("held-out error", "val_error", PERCENT),
            col("paper, CIFAR-10 test", "paper_test_error", PERCENT),
        ],
        {"table": "degradation"},
    ),
    "lesion": Table(
        "degradation",
        [
            label("lesioned net", "net"),
            col("intact test error", "intact_error", PERCENT),
            col("median drop, one block removed", "median_drop", _points),
            col("largest drop", "largest_drop", _points),
            col("downsampling blocks' drops", "downsampling_drops", _point_list, numeric=False),
        ],
        {"table": "lesion"},
    ),
}


def load(name: str, folder: pathlib.Path = RESULTS) -> dict:
    """The results file `name` (docs/results/<name>.json)."""
    path = folder / f"{name}.json"
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        raise SystemExit(
            f"render_results: no results file {path} (run its benchmark with --record)"
        ) from None


def caption(document: Mapping[str, Any]) -> str:
    """The paragraphs under a table: machine, date, load and runtimes; the command; the notes
    (each its own paragraph, so that the machine reads at a glance)."""
    machine = document.get("machine") or {}
    where = machine.get("cpu") or "an unrecorded machine"
    if machine.get("gpu"):
        where = f"{machine['gpu']} (host: {where})"
    load = document.get("load") or {}
    loads = [f"{values[0]:.1f}" for values in (load.get("start"), load.get("end")) if values]
    versions = document.get("versions") or {}
    shown = ", ".join(f"{k} {versions[k]}" for k in SHOWN_VERSIONS if k in versions)
    parts = [f"Measured on {where}, {document['date']}"]
    if loads:
        parts.append(f"load average {' -> '.join(loads)}")
    if shown:
        parts.append(shown)
    paragraphs = ["; ".join(parts) + ".", f"Command: `{document['command']}`."]
    notes = (document.get("notes") or "").strip()
    if notes:
        paragraphs.append(f"{notes[0].upper()}{notes[1:]}" + ("" if notes.endswith(".") else "."))
    return "\n\n".join(paragraphs)


def render(name: str, folder: pathlib.Path = RESULTS) -> str:
    """Table `name` as Markdown: the table, a blank line and its caption's paragraphs."""
    table = TABLES[name]
    document = load(table.results, folder)
    rows = [
        row
        for row in document["rows"]
        if all(row.get(key) == value for key, value in table.where.items())
    ]
    if not rows:
        raise SystemExit(f"render_results: {table.results}.json has no rows with {table.where}")
    header = "| " + " | ".join(c.header for c in table.columns) + " |"
    rule = "|" + "|".join("---:" if c.numeric else "---" for c in table.columns) + "|"
    lines = [header, rule]
    for row in rows:
        lines.append("| " + " | ".join(c.show(row.get(c.field)) for c in table.columns) + " |")
    return "\n".join(lines) + "\n\n" + caption(document) + "\n"


def rendered(text: str, folder: pathlib.Path = RESULTS) -> str:
    """`text` with every results block rendered anew."""

    def block(match: re.Match) -> str:
        name = match.group("name")
        if name not in TABLES:
            raise SystemExit(f"render_results: unknown table {name!r} (known: {', '.join(TABLES)})")
        return match.group(1) + render(name, folder) + match.group(4)

    return BLOCK.sub(block, text)


def pages(root: pathlib.Path = ROOT) -> list[pathlib.Path]:
    """README.md and the Markdown files under docs/ that hold a results block."""
    candidates = [root / "README.md", *sorted((root / "docs").rglob("*.md"))]
    return [p for p in candidates if p.is_file() and BLOCK.search(p.read_text())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "\n").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a table is out of date")
    parser.add_argument("--root", type=pathlib.Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    folder = args.root / "docs" / "results"
    stale = []
    for page in pages(args.root):
        text = page.read_text()
        new = rendered(text, folder)
        if new == text:
            continue
        if args.check:
            stale.append(page)
            sys.stdout.writelines(
                difflib.unified_diff(
                    text.splitlines(True), new.splitlines(True), str(page), f"{page} (rendered)"
                )
            )
        else:
            page.write_text(new)
            print(f"rendered {page.relative_to(args.root)}")
    if stale:
        names = ", ".join(str(p.relative_to(args.root)) for p in stale)
        print(f"render_results: out of date: {names}; run python scripts/render_results.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
