"""Deployment benchmark: every exported artifact run in its own runtime against Keras.

`benchmark(model, ...)` exports a model to the requested formats and precisions (verified as
always), then measures each artifact's latency (median over repeated runs after warm-up, every
runner interleaved with the others so that a change of machine load falls on all alike), its
speed-up over Keras' own inference (the faster of ``model(x)`` and ``predict_on_batch``), its
agreement with Keras and, given labelled data, its accuracy. With ``peer=``, the route a user
takes without this library is measured in the same rounds (`PEER_ROUTE`), and every speed-up is
stated against it too. Each result names its machine (CPU model, cores, ISA extensions) and the
runtime versions. `BenchmarkResult` renders the table as Markdown, JSON and a PNG chart
(accuracy, or agreement, against latency). The ``keras-resnet benchmark`` and
``keras-resnet demo`` commands are built on it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib
import statistics
import time
import typing
import warnings
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from keras_resnet import _console, _machine

if TYPE_CHECKING:
    from keras_resnet.export import Traced
    from keras_resnet.export.verify import Report


def median_latency(
    fn: Callable[[np.ndarray], object], x: np.ndarray, *, repeats: int = 20, warmup: int = 3
) -> float:
    """Median wall time of ``fn(x)`` in seconds over `repeats` runs after `warmup` runs."""
    for _ in range(warmup):
        fn(x)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(x)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_latencies(
    runners: dict[str, Callable[[np.ndarray], object]],
    x: np.ndarray,
    *,
    repeats: int = 20,
    warmup: int = 3,
    verbose: bool = False,
) -> dict[str, float]:
    """Median wall time of each runner on `x` in seconds, measured interleaved: every round runs
    each runner once, in an order rotated from round to round, so that a change of load on a
    shared machine falls on all of them alike and their ratios stay comparable."""
    names = list(runners)
    for name in names:
        for _ in range(warmup):
            runners[name](x)
    times: dict[str, list[float]] = {name: [] for name in names}
    start = time.perf_counter()
    for round_ in range(repeats):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            began = time.perf_counter()
            runners[name](x)
            times[name].append(time.perf_counter() - began)
        if verbose:
            _console.progress(
                round_ + 1, repeats, f"timing {len(names)} runners", start=start, unit="round"
            )
    return {name: statistics.median(values) for name, values in times.items()}


@dataclasses.dataclass
class Row:
    format: str
    precision: str
    path: str
    size_bytes: int
    latency_ms: float
    speedup: float  # Keras latency / this latency
    max_abs_diff: (
        float  # against the Keras model the artifact came from (the peer's own, for a peer row)
    )
    top1_agreement: float
    accuracy: float | None = None
    route: str = "keras_resnet"  # or "peer" (`PEER_ROUTE`)
    peer_speedup: float | None = (
        None  # the peer's ONNX Runtime row of the same kind (int8 or float) / this latency
    )
    runs_in: str | None = (
        None  # what the runtime computes float layers in, where it says (OpenVINO)
    )


@dataclasses.dataclass
class BenchmarkResult:
    model: str
    input_shape: tuple
    batch: int
    repeats: int
    machine: str  # CPU model, cores and ISA extensions in one line
    keras_ms: float  # the Keras baseline latency
    keras_accuracy: float | None
    rows: list[Row]
    environment: dict = dataclasses.field(
        default_factory=dict
    )  # `machine_info()`: CPU and runtime versions
    peer: str | None = None  # the peer's model ("keras.applications.ResNet50"), when measured
    threads: int | None = None  # the LiteRT and ONNX Runtime threads (None: each runtime's default)

    def fastest(self, precisions: Collection[str]) -> Row | None:
        """This library's fastest artifact among `precisions` (peer rows left out)."""
        candidates = [r for r in self.rows if r.precision in precisions and r.route != "peer"]
        return min(candidates, key=lambda r: r.latency_ms) if candidates else None

    def peer_row(self, precision: str) -> Row | None:
        """The peer's ONNX Runtime row that a row of `precision` is compared with (int8 with
        int8, any other precision with float32)."""
        wanted = "int8" if precision == "int8" else "float32"
        return next(
            (
                r
                for r in self.rows
                if r.route == "peer" and r.format == "onnx" and r.precision == wanted
            ),
            None,
        )

    def recommend(self, min_agreement: float = 0.99) -> Row | None:
        """This library's fastest artifact on this machine, at the measured threads, whose top-1
        agreement with Keras is at least `min_agreement` (None if none is)."""
        kept = [r for r in self.rows if r.route != "peer" and r.top1_agreement >= min_agreement]
        return min(kept, key=lambda r: r.latency_ms) if kept else None

    def table(self) -> str:
        accuracy = self.keras_accuracy is not None
        peer = any(r.route == "peer" for r in self.rows)
        head = (
            "| format | precision | size | "
            + ("held-out accuracy | " if accuracy else "")
            + "latency / image | speed-up vs Keras | "
            + ("speed-up vs peer | " if peer else "")
            + "max abs diff | top-1 agreement |"
        )
        lines = [
            head,
            "|---|---|---:|"
            + ("---:|" if accuracy else "")
            + "---:|---:|"
            + ("---:|" if peer else "")
            + "---:|---:|",
        ]
        keras_cells = (
            f"| keras | float32 | | {self.keras_accuracy:.2%} | "
            if accuracy
            else "| keras | float32 | | "
        )
        lines.append(
            keras_cells
            + f"{self.keras_ms / self.batch:.2f} ms | 1.00x | "
            + ("| " if peer else "")
            + "0 | 100% |"
        )
        for r in self.rows:
            name = f"peer {r.format}" if r.route == "peer" else r.format
            cells = f"| {name} | {shown_precision(r)} | {r.size_bytes / 2**20:.2f} MiB | "
            if accuracy:
                cells += f"{r.accuracy:.2%} | " if r.accuracy is not None else "| "
            cells += f"{r.latency_ms / self.batch:.2f} ms | {r.speedup:.2f}x | "
            if peer:
                cells += f"{r.peer_speedup:.2f}x | " if r.peer_speedup is not None else "| "
            cells += f"{r.max_abs_diff:.1e} | {r.top1_agreement:.0%} |"
            lines.append(cells)
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {
            **{k: v for k, v in dataclasses.asdict(self).items() if k != "rows"},
            "rows": [dataclasses.asdict(r) for r in self.rows],
        }

    def _summary(self, min_agreement: float = 0.99) -> list[str]:
        lines = []
        best = self.recommend(min_agreement)
        threads = f"{self.threads} thread(s)" if self.threads else "the runtimes' default threads"
        lines.append(
            f"\nRecommended on this CPU at {threads}, top-1 agreement >= {min_agreement:.0%}: "
            + (
                f"{best.format} {shown_precision(best)}, {best.latency_ms / self.batch:.2f} ms "
                f"per image ({best.top1_agreement:.1%} agreement), {best.path}."
                if best
                else "none of the artifacts agrees that well."
            )
        )
        for label, precisions in (("float32", ("float32",)), ("int8", ("int8",))):
            best = self.fastest(precisions)
            if best is not None:
                against = (
                    f", {best.peer_speedup:.2f}x the peer's {label}"
                    if best.peer_speedup is not None
                    else ""
                )
                lines.append(
                    f"\nFastest {label} artifact: {best.format} {best.precision}, "
                    f"{best.speedup:.2f}x Keras{against}, top-1 agreement with Keras "
                    f"{best.top1_agreement:.0%}."
                )
        return lines

    def markdown(self) -> str:
        h, w, c = self.input_shape
        versions = ", ".join(f"{k} {v}" for k, v in self.environment.get("versions", {}).items())
        load = self.environment.get("load_average") or {}
        loads = " -> ".join(
            f"{values[0]:.2f}" for values in (load.get("before"), load.get("after")) if values
        )
        lines = [
            f"# {self.model}: deployment benchmark",
            "",
            f"Input {h}x{w}x{c}, batch {self.batch}, median of {self.repeats} interleaved runs "
            "after warm-up, "
            + (
                f"LiteRT and ONNX Runtime on {self.threads} thread(s)."
                if self.threads
                else "every runtime on its default threads."
            ),
            f"Machine: {self.machine}"
            + (f", load average {loads}" if loads else "")
            + "."
            + (f" Runtimes: {versions}." if versions else ""),
            f"Keras baseline: {self.keras_ms:.2f} ms per batch (the faster of `model(x)` and "
            "`predict_on_batch`).",
        ]
        if self.peer:
            lines.append(
                f"Peer rows: {PEER_ROUTE.format(model=self.peer)}; their agreement is with that "
                "Keras model."
            )
        lines += ["", self.table(), *self._summary()]
        return "\n".join(lines) + "\n"

    def chart(self, path: str | os.PathLike[str]) -> pathlib.Path:
        """A PNG: one point per artifact (and Keras), latency per image against accuracy (or
        agreement with Keras when there are no labels), labelled without overlap; a short title,
        the machine, load and runtimes in a caption below."""
        from keras_resnet import _chart

        accuracy = self.keras_accuracy is not None
        points = [
            (
                "keras float32",
                self.keras_ms / self.batch,
                100 * (1.0 if self.keras_accuracy is None else self.keras_accuracy),
            )
        ]
        # With labels (a Keras accuracy), `benchmark` measured every row's accuracy too.
        points += [
            (
                f"peer {r.format} {r.precision}"
                if r.route == "peer"
                else f"{r.format} {r.precision}",
                r.latency_ms / self.batch,
                100 * (typing.cast(float, r.accuracy) if accuracy else r.top1_agreement),
            )
            for r in self.rows
        ]
        return _chart.scatter(
            points,
            path,
            title=f"{self.model}: {'accuracy' if accuracy else 'agreement'} against latency",
            xlabel="latency per image (ms, log scale)",
            ylabel="held-out accuracy (%)" if accuracy else "top-1 agreement with Keras (%)",
            caption=self._caption(),
        )

    def _caption(self) -> str:
        """The machine, the load, the timing and the runtimes, in one sentence."""
        load = self.environment.get("load_average") or {}
        loads = " -> ".join(
            f"{values[0]:.2f}" for values in (load.get("before"), load.get("after")) if values
        )
        versions = ", ".join(f"{k} {v}" for k, v in self.environment.get("versions", {}).items())
        return (
            f"Measured on {self.machine}"
            + (f", load average {loads}" if loads else "")
            + f"; batch {self.batch}, median of {self.repeats} interleaved runs"
            + (f"; {versions}" if versions else "")
            + "."
        )


def shown_precision(row: Row) -> str:
    """A row's precision as a table shows it: with what the runtime computes in where that
    differs (an OpenVINO ``float32`` run in bfloat16 is not float32)."""
    if row.runs_in and row.runs_in != row.precision and row.precision != "int8":
        return f"{row.precision} (runs {row.runs_in})"
    return row.precision


def machine() -> str:
    """The CPU model, its core count and the ISA extensions that matter, in one line (Linux's
    /proc/cpuinfo; elsewhere the processor name Python reports)."""
    return _machine.cpu().describe()


def machine_info() -> dict:
    """The machine and the runtime versions as JSON-ready data: CPU model, cores, architecture,
    ISA extensions, the int8 target (`keras_resnet.export.onnx.INT8_TARGETS`), and the versions of
    TensorFlow, Keras, ONNX Runtime, LiteRT, tf2onnx, ONNX, NumPy and this library. Every
    benchmark report records it."""
    return _machine.info()


def _export_jobs(
    model: Any,
    output: str | os.PathLike[str],
    jobs: Iterable[tuple[str, str]],
    options: dict[str, Any],
    **kwargs: Any,
) -> list[Report]:
    """Exports each format with its own precisions (not the cross product of all) and the
    `options` it accepts."""
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
        accepted = {k: v for k, v in options.items() if k in export.FORMATS[fmt].options}
        reports += export.export(model, path, format=fmt, quantize=precisions, **kwargs, **accepted)
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

#: the route a user takes without this library, measured beside it when `benchmark` gets a peer
PEER_ROUTE = (
    '{model} -> Keras\' `model.export(format="onnx")` -> ONNX Runtime float32; int8: that ONNX '
    "through ONNX Runtime's `quantize_static` (QDQ, uint8 activations, per-channel int8 weights) "
    "on the same calibration images"
)

#: the keras.applications models `peer_model` builds (the ResNets, the same architectures as this
#: library's)
PEERS = ("ResNet50", "ResNet101", "ResNet152", "ResNet50V2", "ResNet101V2", "ResNet152V2")


def peer_model(name: str, like: Any) -> Any:
    """keras.applications' `name` (random weights: ``weights=None``, offline) with the input shape
    and class count of the model `like`, and logits out: the model of the peer route."""
    import keras

    from keras_resnet import _checks

    _checks.check_choice("peer", name, PEERS)
    if len(like.outputs) != 1 or len(like.output_shape) != 2:
        raise ValueError(
            f"peer={name!r} needs a classifier to compare with; {like.name!r} has outputs "
            f"{like.output_shape}"
        )
    shape = tuple(d or 224 for d in like.input_shape[1:])
    build = getattr(keras.applications, name)
    return build(
        weights=None, input_shape=shape, classes=like.output_shape[-1], classifier_activation=None
    )


def _ort_runner(path: pathlib.Path, threads: int | None) -> Callable[[np.ndarray], np.ndarray]:
    from keras_resnet.export import onnx as onnx_format

    session = onnx_format.session_for(path, threads)
    name = session.get_inputs()[0].name
    return lambda x: session.run(None, {name: x})[0]


def _peer_artifacts(
    peer: Any, folder: pathlib.Path, calibration: np.ndarray, int8: bool, verbose: bool
) -> list[tuple[str, pathlib.Path]]:
    """The peer route's artifacts in `folder`: Keras' own ONNX export, and its ``quantize_static``
    u8s8 QDQ quantization on `calibration`, as a user would write them."""
    from keras_resnet._optional import require
    from keras_resnet.export import onnx as onnx_format

    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    peer(calibration[:1])  # Keras exports only a model that has been called
    path = folder / f"peer_{peer.name}.onnx"
    with warnings.catch_warnings():  # Keras' NumPy-2 patch of tf2onnx probes np.object
        warnings.filterwarnings(
            "ignore", message="In the future `np.object`", category=FutureWarning
        )
        peer.export(str(path), format="onnx", verbose=False)
    _console.log(
        verbose,
        f"peer: {peer.name} -> model.export(format='onnx') in {time.perf_counter() - start:.1f} s",
    )
    artifacts = [("float32", path)]
    if int8:
        quantization = require("onnxruntime.quantization", "export")
        start, int8_path = time.perf_counter(), folder / f"peer_{peer.name}_int8.onnx"
        name = _ort_input_name(path)
        quantization.quantize_static(
            path,
            int8_path,
            onnx_format.calibration_reader(calibration, "calibrating peer int8", input_name=name),
            quant_format=quantization.QuantFormat.QDQ,
            per_channel=True,
            activation_type=quantization.QuantType.QUInt8,
            weight_type=quantization.QuantType.QInt8,
        )
        _console.log(verbose, f"peer: quantize_static u8s8 in {time.perf_counter() - start:.1f} s")
        artifacts.append(("int8", int8_path))
    return artifacts


#: OpenVINO's own route from the peer's ONNX, as its documentation shows it
PEER_OPENVINO = (
    "that ONNX -> `openvino.convert_model` -> `openvino.save_model` -> OpenVINO Runtime with its "
    "defaults (latency hint; the CPU's default inference precision); int8: `nncf.quantize` of "
    "that model on the same calibration images, NNCF's defaults"
)


def _peer_openvino(
    onnx_path: pathlib.Path, calibration: np.ndarray, int8: bool, verbose: bool
) -> list[tuple[str, str, pathlib.Path]]:
    """OpenVINO's route from the peer's ONNX (`PEER_OPENVINO`): its IR, and NNCF's int8 of it."""
    import contextlib
    import sys

    from keras_resnet._optional import require

    ov = require("openvino", "openvino")
    start = time.perf_counter()
    model = ov.convert_model(str(onnx_path))
    path = onnx_path.with_suffix(".xml")
    ov.save_model(model, str(path))
    _console.log(verbose, f"peer: openvino.convert_model in {time.perf_counter() - start:.1f} s")
    artifacts = [("openvino", "float32", path)]
    if int8:
        nncf = require("nncf", "openvino")
        start, int8_path = time.perf_counter(), onnx_path.with_name(onnx_path.stem + "_int8.xml")
        name = model.inputs[0].get_any_name()
        dataset = nncf.Dataset([{name: calibration[i : i + 1]} for i in range(len(calibration))])
        with contextlib.redirect_stdout(sys.stderr):  # NNCF's progress bars
            quantized = nncf.quantize(model, dataset, subset_size=len(calibration))
        ov.save_model(quantized, str(int8_path))
        _console.log(verbose, f"peer: nncf.quantize in {time.perf_counter() - start:.1f} s")
        artifacts.append(("openvino", "int8", int8_path))
    return artifacts


def _openvino_runner(path: pathlib.Path, threads: int | None) -> Callable[[np.ndarray], Any]:
    """The peer's IR compiled as OpenVINO's documentation shows (latency hint, the CPU's default
    precision), on `threads` threads."""
    from keras_resnet._optional import require
    from keras_resnet.export import openvino as openvino_format

    ov = require("openvino", "openvino")
    config: dict[str, Any] = {"PERFORMANCE_HINT": "LATENCY"}
    if threads:
        config["INFERENCE_NUM_THREADS"] = threads
    compiled = ov.Core().compile_model(str(path), "CPU", config)
    request = compiled.create_infer_request()

    def run(x: np.ndarray) -> np.ndarray:
        return request.infer({0: x})[compiled.outputs[0]].copy()

    run.inference_precision = openvino_format.inference_precision(compiled)  # type: ignore[attr-defined]
    return run


def _ort_input_name(path: pathlib.Path) -> str:
    import onnx

    model = onnx.load(str(path), load_external_data=False)
    initializers = {i.name for i in model.graph.initializer}
    return next(i.name for i in model.graph.input if i.name not in initializers)


def _peer_rows(
    peer: Any,
    folder: pathlib.Path,
    images: np.ndarray,
    calibration: np.ndarray,
    int8: bool,
    threads: int | None,
    verbose: bool,
    openvino: bool = False,
) -> list[tuple[Row, Callable[[np.ndarray], np.ndarray]]]:
    """The peer's rows (latency still to measure) with their runners; agreement with the peer's
    own Keras model on `images`. With `openvino`, OpenVINO's own route too (`PEER_OPENVINO`)."""
    reference = np.asarray(peer.predict_on_batch(images))
    rows = []
    artifacts = [
        ("onnx", p, path) for p, path in _peer_artifacts(peer, folder, calibration, int8, verbose)
    ]
    if openvino:
        artifacts += _peer_openvino(artifacts[0][2], calibration, int8, verbose)
    for fmt, precision, path in artifacts:
        run = _ort_runner(path, threads) if fmt == "onnx" else _openvino_runner(path, threads)
        got = np.asarray(run(images))
        row = Row(
            fmt,
            precision,
            str(path),
            path.stat().st_size
            + (path.with_suffix(".bin").stat().st_size if fmt == "openvino" else 0),
            float("nan"),
            float("nan"),
            float(np.abs(got - reference).max()),
            float((got.argmax(-1) == reference.argmax(-1)).mean()),
            route="peer",
            runs_in=getattr(run, "inference_precision", None),
        )
        rows.append((row, run))
    return rows


def _measure(
    model: Any,
    runners: dict[Any, Callable[[np.ndarray], object]],
    x: np.ndarray,
    repeats: int,
    warmup: int,
    verbose: bool,
) -> tuple[float, dict[Any, float]]:
    """Keras' latency (the faster of ``model(x)`` and ``predict_on_batch``) and every runner's,
    all in the same interleaved rounds."""
    timed: dict[Any, Callable[[np.ndarray], object]] = {
        "keras model(x)": lambda v: model(v, training=False),
        "keras predict_on_batch": model.predict_on_batch,
        **runners,
    }
    seconds = interleaved_latencies(timed, x, repeats=repeats, warmup=warmup, verbose=verbose)
    return min(seconds.pop("keras model(x)"), seconds.pop("keras predict_on_batch")), seconds


def _compare_with_peer(rows: list[Row]) -> None:
    peers = {r.precision: r for r in rows if r.route == "peer" and r.format == "onnx"}
    for r in rows:
        if r.route != "peer":
            match = peers.get("int8" if r.precision == "int8" else "float32")
            r.peer_speedup = match.latency_ms / r.latency_ms if match else None


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
    peer: Any = None,
    options: dict[str, Any] | None = None,
    threads: int | None = None,
) -> BenchmarkResult:
    """Exports `model` into `output` and measures every artifact against Keras.

    Args:
        model: a Keras model (single image input).
        output: the folder for the artifacts.
        jobs: ``(format, precision)`` pairs to export and measure.
        images: inputs for latency and agreement (model-ready); default: seeded random pixels
            through `preprocessing`.
        labels: optional labels of `images`: each artifact's accuracy is measured too.
        calibration_data: for int8 (default: `images`); the peer is calibrated on the same images.
        batch: images per timed call.
        repeats, warmup: timed rounds (median) and untimed runs before them.
        peer: a keras.applications name from `PEERS` (built by `peer_model` like `model`) or a
            Keras model: `PEER_ROUTE` is exported, measured in the same rounds, and every row
            gets its speed-up against the peer's row of the same kind.
        options: export options (``{"target": "x86"}``); each format takes those it accepts.
        threads: CPU threads for the LiteRT and ONNX Runtime runners, the peer's included
            (default: each runtime's own, all cores); Keras and the SavedModel keep TensorFlow's.
            On a shared machine, 1 thread gives steadier ratios.
    """
    from keras_resnet import _checks, export
    from keras_resnet.export import verify

    batch = _checks.check_int("batch", batch, minimum=1)
    repeats = _checks.check_int("repeats", repeats, minimum=1)
    warmup = _checks.check_int("warmup", warmup, minimum=0)
    threads = None if threads is None else _checks.check_int("threads", threads, minimum=1)
    jobs = list(jobs)
    peer_name = (
        f"keras.applications.{peer}" if isinstance(peer, str) else getattr(peer, "name", None)
    )
    peer = peer_model(peer, model) if isinstance(peer, str) else peer
    traced = export.trace(model, preprocessing=preprocessing)
    images = np.asarray(
        verify.verification_inputs(traced, count=max(8, batch)) if images is None else images,
        dtype="float32",
    )
    calibration = _calibration(traced, jobs, images, calibration_data, peer is not None)
    reports = _export_jobs(
        model,
        output,
        jobs,
        options or {},
        calibration_data=calibration,
        preprocessing=preprocessing,
        overwrite=overwrite,
        verbose=verbose,
    )
    rows, runners = _own_rows(reports, threads)
    if peer is not None:
        int8 = any(p == "int8" for _, p in jobs)
        cal = typing.cast(np.ndarray, calibration)
        openvino = any(f == "openvino" for f, _ in jobs)
        for row, run in _peer_rows(
            peer, pathlib.Path(output) / "peer", images, cal, int8, threads, verbose, openvino
        ):
            rows.append(row)
            runners[len(runners)] = run
    keras_s, environment = _time_rows(
        model, rows, runners, images[:batch], repeats, warmup, verbose
    )
    _compare_with_peer(rows)
    keras_accuracy = _accuracies(model, reports, rows, images, labels)
    return BenchmarkResult(
        model.name,
        tuple(traced.input_shape),
        batch,
        repeats,
        machine(),
        keras_s * 1e3,
        keras_accuracy,
        rows,
        environment=environment,
        peer=peer_name,
        threads=threads,
    )


def _calibration(
    traced: Traced,
    jobs: list[tuple[str, str]],
    images: np.ndarray,
    calibration_data: Any,
    peer: bool,
) -> np.ndarray | None:
    """The calibration images (`calibration_data`, else `images`) where a job's precision is
    calibrated or a peer is quantized; else None."""
    from keras_resnet import export
    from keras_resnet.export import calibration as calibration_lib

    if not (any(p in export.FORMATS[f].calibrated for f, p in jobs) or peer):
        return None
    source = images if calibration_data is None else calibration_data
    return calibration_lib.load(
        source, input_shape=traced.input_shape, preprocessing=traced.preprocessing
    )


def _own_rows(
    reports: list[Report], threads: int | None
) -> tuple[list[Row], dict[Any, Callable[[np.ndarray], object]]]:
    """This library's rows (latency still to measure), one per report, and their runners keyed
    by row index; `threads` goes to every runtime that takes it."""
    from keras_resnet import export

    rows: list[Row] = []
    runners: dict[Any, Callable[[np.ndarray], object]] = {}
    for report in reports:
        rows.append(
            Row(
                report.format,
                report.precision,
                report.path,
                report.size_bytes,
                float("nan"),
                float("nan"),
                report.max_abs_diff,
                report.top1_agreement,
            )
        )
        details = (
            report.details
            if threads is None
            else {**report.details, export.formats.THREADS_KEY: threads}
        )
        runner = export.load_runner(report.path, report.format, details)
        rows[-1].runs_in = getattr(runner, "inference_precision", None)
        runners[len(runners)] = runner
    return rows, runners


def _time_rows(
    model: Any,
    rows: list[Row],
    runners: dict[Any, Callable[[np.ndarray], object]],
    x: np.ndarray,
    repeats: int,
    warmup: int,
    verbose: bool,
) -> tuple[float, dict]:
    """Times Keras and every row's runner in the same rounds, fills in each row's latency and
    speed-up; returns Keras' seconds and the environment (`machine_info` and the load average
    before and after)."""
    load_before = _machine.load_average()
    keras_s, seconds = _measure(model, runners, x, repeats, warmup, verbose)
    environment = {
        **machine_info(),
        "load_average": {"before": load_before, "after": _machine.load_average()},
    }
    for i, row in enumerate(rows):
        row.latency_ms, row.speedup = seconds[i] * 1e3, keras_s / seconds[i]
        _console.log(
            verbose,
            f"[{i + 1}/{len(rows)}] {'peer ' if row.route == 'peer' else ''}{row.format} "
            f"{row.precision}: {row.latency_ms:.2f} ms, {row.speedup:.2f}x Keras",
        )
    return keras_s, environment


def _accuracies(
    model: Any,
    reports: list[Report],
    rows: list[Row],
    images: np.ndarray,
    labels: np.ndarray | None,
) -> float | None:
    """With `labels`: Keras' accuracy, and each of this library's rows gets its own."""
    from keras_resnet.export import verify

    if labels is None:
        return None
    predictions = np.concatenate(
        [np.asarray(model.predict_on_batch(images[i : i + 64])) for i in range(0, len(images), 64)]
    )
    # rows: this library's, one per report, then the peer's (which have no report)
    for report, row in zip(reports, rows, strict=False):
        row.accuracy = verify.accuracy(report, images, labels)
    return float((predictions.argmax(-1) == np.asarray(labels).reshape(-1)).mean())


def write_reports(
    result: BenchmarkResult, folder: str | os.PathLike[str]
) -> dict[str, pathlib.Path]:
    """report.md, report.json and chart.png into `folder` (each replaced whole, atomically);
    returns their paths."""
    from keras_resnet import atomic

    folder = pathlib.Path(folder)
    paths = {
        "markdown": folder / "report.md",
        "json": folder / "report.json",
        "chart": folder / "chart.png",
    }
    with atomic.atomic_path(paths["markdown"], overwrite=True) as tmp:
        tmp.write_text(result.markdown())
    with atomic.atomic_path(paths["json"], overwrite=True) as tmp:
        tmp.write_text(json.dumps(result.as_dict(), indent=2))
    with atomic.atomic_path(paths["chart"], overwrite=True) as tmp:
        result.chart(tmp)
    return paths


__all__ = [
    "DEMO_JOBS",
    "PEERS",
    "PEER_ROUTE",
    "BenchmarkResult",
    "Row",
    "benchmark",
    "interleaved_latencies",
    "machine",
    "machine_info",
    "median_latency",
    "peer_model",
    "write_reports",
]
