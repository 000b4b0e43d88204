"""Deployment benchmark: every exported artifact run in its own runtime against Keras.

`benchmark(model, ...)` exports a model to the requested formats and precisions (verified as
always), then measures each artifact's latency (median over repeated runs after warm-up), its
speed-up over Keras' own inference (the faster of ``model(x)`` and ``predict_on_batch``), its
agreement with Keras and, given labelled data, its accuracy. `BenchmarkResult` renders the table
as Markdown, JSON and a PNG chart (accuracy, or agreement, against latency). The
``keras-resnet benchmark`` and ``keras-resnet demo`` commands are built on it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib
import platform
import statistics
import time
import typing
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from keras_resnet import _console

if TYPE_CHECKING:
    from keras_resnet.export.verify import Report


def median_latency(fn: Callable[[np.ndarray], object], x: np.ndarray, *, repeats: int = 20, warmup: int = 3) -> float:
    """Median wall time of ``fn(x)`` in seconds over `repeats` runs after `warmup` runs."""
    for _ in range(warmup):
        fn(x)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(x)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclasses.dataclass
class Row:
    format: str
    precision: str
    path: str
    size_bytes: int
    latency_ms: float
    speedup: float  # Keras latency / this latency
    max_abs_diff: float
    top1_agreement: float
    accuracy: float | None = None


@dataclasses.dataclass
class BenchmarkResult:
    model: str
    input_shape: tuple
    batch: int
    repeats: int
    machine: str
    keras_ms: float  # the Keras baseline latency
    keras_accuracy: float | None
    rows: list[Row]

    def fastest(self, precisions: Collection[str]) -> Row | None:
        candidates = [r for r in self.rows if r.precision in precisions]
        return min(candidates, key=lambda r: r.latency_ms) if candidates else None

    def table(self) -> str:
        accuracy = self.keras_accuracy is not None
        head = "| format | precision | size | " + ("held-out accuracy | " if accuracy else "") + \
            "latency / image | speed-up vs Keras | max abs diff | top-1 agreement |"
        lines = [head, "|---|---|---:|" + ("---:|" if accuracy else "") + "---:|---:|---:|---:|"]
        keras_cells = f"| keras | float32 | | {self.keras_accuracy:.2%} | " if accuracy else "| keras | float32 | | "
        lines.append(keras_cells + f"{self.keras_ms / self.batch:.2f} ms | 1.00x | 0 | 100% |")
        for r in self.rows:
            cells = f"| {r.format} | {r.precision} | {r.size_bytes / 2**20:.2f} MiB | "
            if accuracy:
                cells += f"{r.accuracy:.2%} | "
            cells += f"{r.latency_ms / self.batch:.2f} ms | {r.speedup:.2f}x | {r.max_abs_diff:.1e} | {r.top1_agreement:.0%} |"
            lines.append(cells)
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {**{k: v for k, v in dataclasses.asdict(self).items() if k != "rows"}, "rows": [dataclasses.asdict(r) for r in self.rows]}

    def markdown(self) -> str:
        h, w, c = self.input_shape
        lines = [
            f"# {self.model}: deployment benchmark",
            "",
            f"Input {h}x{w}x{c}, batch {self.batch}, median of {self.repeats} runs after warm-up, on {self.machine}.",
            f"Keras baseline: {self.keras_ms:.2f} ms per batch (the faster of `model(x)` and `predict_on_batch`).",
            "",
            self.table(),
        ]
        for label, precisions in (("float32", ("float32",)), ("int8", ("int8",))):
            best = self.fastest(precisions)
            if best is not None:
                lines.append(f"\nFastest {label} artifact: {best.format} {best.precision}, {best.speedup:.2f}x Keras, "
                             f"top-1 agreement with Keras {best.top1_agreement:.0%}.")
        return "\n".join(lines) + "\n"

    def chart(self, path: str | os.PathLike[str]) -> pathlib.Path:
        """A PNG: one point per artifact (and Keras), latency per image against accuracy (or
        agreement with Keras when there are no labels)."""
        import matplotlib
        import matplotlib.ticker

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        accuracy = self.keras_accuracy is not None
        figure, axes = plt.subplots(figsize=(7, 4.5), dpi=120)
        points = [("keras float32", self.keras_ms / self.batch, 1.0 if self.keras_accuracy is None else self.keras_accuracy)]
        # With labels (a Keras accuracy), `benchmark` measured every row's accuracy too.
        points += [(f"{r.format} {r.precision}", r.latency_ms / self.batch,
                    typing.cast(float, r.accuracy) if accuracy else r.top1_agreement) for r in self.rows]
        for i, (label, latency, value) in enumerate(points):
            axes.scatter(latency, 100 * value, s=40)
            offset = (5, 4) if i % 2 == 0 else (5, -10)  # alternate, so neighbours' labels do not overlap
            axes.annotate(label, (latency, 100 * value), textcoords="offset points", xytext=offset, fontsize=8)
        axes.set_xlabel("latency per image (ms, log scale)")
        axes.set_xscale("log")
        axes.xaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%.2g"))
        axes.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        axes.set_ylabel("held-out accuracy (%)" if accuracy else "top-1 agreement with Keras (%)")
        axes.set_title(f"{self.model}: accuracy against latency ({self.machine})", fontsize=9)
        axes.grid(True, alpha=0.3)
        figure.tight_layout()
        path = pathlib.Path(path)
        figure.savefig(path, format="png")
        plt.close(figure)
        return path


#: The ISA extensions that decide CPU inference and training speed, as /proc/cpuinfo flags name them.
_ISA = (("avx2", "AVX2"), ("avx512f", "AVX-512"), ("avx512_vnni", "VNNI"), ("avx512_bf16", "AVX-512 BF16"),
        ("amx_tile", "AMX"), ("asimd", "NEON"))


def machine() -> str:
    """The CPU model, its core count and the ISA extensions that matter (Linux's /proc/cpuinfo;
    elsewhere the processor name Python reports)."""
    name, flags = platform.processor() or platform.machine(), set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model name" and value.strip():
                    name = value.strip()
                elif key.strip() in ("flags", "Features"):
                    flags |= set(value.split())
    except OSError:
        pass
    isa = [label for flag, label in _ISA if flag in flags]
    return f"{name}, {os.cpu_count()} CPU cores" + (f" ({', '.join(isa)})" if isa else "")


def _export_jobs(model: Any, output: str | os.PathLike[str], jobs: Iterable[tuple[str, str]], **kwargs: Any) -> list[Report]:
    """Exports each format with its own precisions (not the cross product of all)."""
    from keras_resnet import export

    output = pathlib.Path(output)
    reports: list[Report] = []
    by_format: dict[str, list[str]] = {}
    for fmt, precision in jobs:
        by_format.setdefault(fmt, []).append(precision)
    for fmt, precisions in by_format.items():
        if export.FORMATS[fmt].kind == "saved_model":
            path = output / fmt
        elif len(precisions) == 1:
            path = output / f"{model.name}_{precisions[0]}{export.FORMATS[fmt].suffix}"
        else:
            path = output
        reports += export.export(model, path, format=fmt, quantize=precisions, **kwargs)
    return reports


#: what `keras-resnet demo` deploys: SavedModel, TFLite float32/float16/int8, ONNX float32/int8
DEMO_JOBS = (
    ("saved_model", "float32"),
    ("tflite", "float32"),
    ("tflite", "float16"),
    ("tflite", "int8"),
    ("onnx", "float32"),
    ("onnx", "int8"),
)


def benchmark(
    model: Any,
    output: str | os.PathLike[str],
    *,
    jobs: Iterable[tuple[str, str]] = DEMO_JOBS,
    images: np.ndarray | None = None,
    labels: np.ndarray | None = None,
    calibration_data: Any = None,
    batch: int = 1,
    repeats: int = 20,
    warmup: int = 3,
    preprocessing: str = "none",
    overwrite: bool = True,
    verbose: bool = True,
) -> BenchmarkResult:
    """Exports `model` into `output` and measures every artifact against Keras.

    Args:
        model: a Keras model (single image input).
        output: the folder for the artifacts.
        jobs: ``(format, precision)`` pairs to export and measure.
        images: inputs for latency and agreement (model-ready); default: seeded random pixels
            through `preprocessing`.
        labels: optional labels of `images`: each artifact's accuracy is measured too.
        calibration_data: for int8 (default: `images`).
        batch: images per timed call.
        repeats, warmup: timed runs (median) and untimed runs before them.
    """
    from keras_resnet import _checks, export
    from keras_resnet.export import verify

    batch = _checks.check_int("batch", batch, minimum=1)
    repeats = _checks.check_int("repeats", repeats, minimum=1)
    warmup = _checks.check_int("warmup", warmup, minimum=0)
    traced = export.trace(model, preprocessing=preprocessing)
    if images is None:
        images = verify.verification_inputs(traced, count=max(8, batch))
    images = np.asarray(images, dtype="float32")
    reports = _export_jobs(
        model, output, jobs, calibration_data=calibration_data if calibration_data is not None else images,
        preprocessing=preprocessing, overwrite=overwrite, verbose=verbose,
    )
    x = images[:batch]
    eager = median_latency(lambda v: model(v, training=False), x, repeats=repeats, warmup=warmup)
    predict = median_latency(model.predict_on_batch, x, repeats=repeats, warmup=warmup)
    keras_s = min(eager, predict)
    keras_accuracy = None
    if labels is not None:
        predictions = np.concatenate([np.asarray(model.predict_on_batch(images[i : i + 64])) for i in range(0, len(images), 64)])
        keras_accuracy = float((predictions.argmax(-1) == np.asarray(labels).reshape(-1)).mean())
    rows = []
    for i, report in enumerate(reports, 1):
        run = export.load_runner(report.path, report.format, report.details)
        seconds = median_latency(run, x, repeats=repeats, warmup=warmup)
        row = Row(report.format, report.precision, report.path, report.size_bytes, seconds * 1e3, keras_s / seconds,
                  report.max_abs_diff, report.top1_agreement)
        if labels is not None:
            row.accuracy = verify.accuracy(report, images, labels)
        rows.append(row)
        _console.log(verbose, f"[{i}/{len(reports)}] {report.format} {report.precision}: {seconds * 1e3:.2f} ms, {keras_s / seconds:.2f}x Keras")
    return BenchmarkResult(model.name, tuple(traced.input_shape), batch, repeats, machine(), keras_s * 1e3, keras_accuracy, rows)


def write_reports(result: BenchmarkResult, folder: str | os.PathLike[str]) -> dict[str, pathlib.Path]:
    """report.md, report.json and chart.png into `folder` (each replaced whole, atomically);
    returns their paths."""
    from keras_resnet import atomic

    folder = pathlib.Path(folder)
    paths = {"markdown": folder / "report.md", "json": folder / "report.json", "chart": folder / "chart.png"}
    with atomic.atomic_path(paths["markdown"], overwrite=True) as tmp:
        tmp.write_text(result.markdown())
    with atomic.atomic_path(paths["json"], overwrite=True) as tmp:
        tmp.write_text(json.dumps(result.as_dict(), indent=2))
    with atomic.atomic_path(paths["chart"], overwrite=True) as tmp:
        result.chart(tmp)
    return paths


__all__ = ["DEMO_JOBS", "BenchmarkResult", "Row", "benchmark", "machine", "median_latency", "write_reports"]
