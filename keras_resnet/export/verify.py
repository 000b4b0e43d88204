"""Proves an exported artifact right: runs it in its own runtime (TensorFlow for the SavedModel,
LiteRT for TFLite, ONNX Runtime for ONNX) on the same inputs as the Keras model, at two batch
sizes, and compares.

Tolerances are per precision: the maximum absolute difference on the compared output (``logits``
where the model has them), relative to ``max(1, max |keras output|)``, and the minimum top-1
agreement with Keras. A failed check raises `VerificationError` with the figures.
"""

from __future__ import annotations

import dataclasses
import pathlib
import time

import numpy as np

from keras_resnet._optional import require

#: precision -> (max relative abs difference, min top-1 agreement)
TOLERANCES = {
    "float32": (1e-4, 1.0),
    "float16": (1e-2, 0.75),
    "dynamic": (0.1, 0.5),
    "int16x8": (0.1, 0.5),
    "int8": (0.25, 0.5),
}
BATCH_SIZES = (1, 3)


class VerificationError(RuntimeError):
    """An exported artifact disagrees with the Keras model beyond its precision's tolerance."""

    def __init__(self, report):
        self.report = report
        super().__init__(
            f"{report.format} {report.precision} artifact {report.path} disagrees with Keras: "
            f"max |diff| {report.max_abs_diff:.3g} (relative {report.relative_diff:.3g}, allowed {report.tolerance[0]:g}), "
            f"top-1 agreement {report.top1_agreement:.0%} (required {report.tolerance[1]:.0%})"
        )


@dataclasses.dataclass
class Report:
    """What was written and how well it agrees with Keras."""

    format: str
    precision: str
    path: str
    size_bytes: int
    export_seconds: float
    compressed_bytes: int | None = None  # deflate-compressed size, when asked for
    output: str = ""
    max_abs_diff: float = float("nan")
    mean_abs_diff: float = float("nan")
    relative_diff: float = float("nan")
    top1_agreement: float = float("nan")
    batch_sizes: tuple = BATCH_SIZES
    tolerance: tuple = ()
    verified: bool = False
    verify_seconds: float = 0.0
    details: dict = dataclasses.field(default_factory=dict)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def _saved_model_runner(path, traced, details):
    import tensorflow as tf

    serve = tf.saved_model.load(str(path)).signatures["serving_default"]
    return lambda x: {k: v.numpy() for k, v in serve(image=tf.constant(x)).items()}


def tflite_interpreter(path, num_threads: int | None = None):
    """A LiteRT interpreter for the .tflite file at `path` (TensorFlow's own if LiteRT is absent),
    using `num_threads` CPU threads (default: all cores, as ONNX Runtime does)."""
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError:  # TensorFlow's own interpreter as a fallback
        import tensorflow as tf

        Interpreter = tf.lite.Interpreter
    import os

    return Interpreter(model_path=str(path), num_threads=num_threads or os.cpu_count())


def _tflite_runner(path, traced, details):
    interpreter = tflite_interpreter(path)
    runner = interpreter.get_signature_runner("serving_default")
    inputs = runner.get_input_details()["image"]
    outputs = runner.get_output_details()

    def quantize(x, detail):
        scale, zero = detail["quantization"]
        if detail["dtype"] == np.float32 or not scale:
            return x.astype(detail["dtype"])
        info = np.iinfo(detail["dtype"])
        return np.clip(np.round(x / scale + zero), info.min, info.max).astype(detail["dtype"])

    def dequantize(y, detail):
        scale, zero = detail["quantization"]
        if detail["dtype"] == np.float32 or not scale:
            return y.astype("float32")
        return ((y.astype("float32") - zero) * scale).astype("float32")

    def run(x):
        result = runner(image=quantize(x, inputs))
        return {name: dequantize(value, outputs[name]) for name, value in result.items()}

    return run


def _onnx_runner(path, traced, details):
    ort = require("onnxruntime", "export")
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    nchw = details.get("layout") == "NCHW"

    def run(x):
        feed = {"image": x.transpose(0, 3, 1, 2) if nchw else x}
        return dict(zip(names, session.run(names, feed)))

    return run


RUNNERS = {"saved_model": _saved_model_runner, "tflite": _tflite_runner, "onnx": _onnx_runner}


def predict(report: Report, images: np.ndarray, *, batch_size: int = 50) -> np.ndarray:
    """Runs the artifact of `report` in its runtime on `images`; returns its compared output
    (``logits`` where the model has them, else ``output`` or ``probabilities``)."""
    run = RUNNERS[report.format](pathlib.Path(report.path), None, report.details)
    outputs = []
    for start in range(0, len(images), batch_size):
        result = run(np.asarray(images[start : start + batch_size], dtype="float32"))
        name = next(n for n in ("logits", "output", "probabilities") if n in result)
        outputs.append(result[name])
    return np.concatenate(outputs)


def accuracy(report: Report, images: np.ndarray, labels: np.ndarray, *, batch_size: int = 50) -> float:
    """Top-1 accuracy of the artifact of `report` on labelled images, run in its own runtime."""
    predicted = predict(report, images, batch_size=batch_size).argmax(-1)
    return float((predicted == np.asarray(labels).reshape(-1)).mean())


def verification_inputs(traced, calibration=None, count=sum(BATCH_SIZES)) -> np.ndarray:
    """Calibration images where given, else seeded random pixels through the preprocessing."""
    if calibration is not None and len(calibration) >= count:
        return calibration[:count]
    shape = traced.input_shape
    if not traced.static:
        shape = (64, 64, shape[-1])
    pixels = np.random.default_rng(0).uniform(0, 255, size=(count, *shape)).astype("float32")
    return traced.preprocessing(pixels)


def verify(report: Report, traced, inputs: np.ndarray, *, raise_on_failure: bool = True) -> Report:
    """Runs the artifact of `report` in its runtime and fills in the comparison figures."""
    start = time.perf_counter()
    run = RUNNERS[report.format](pathlib.Path(report.path), traced, report.details)
    name = next(n for n in ("logits", "output", "probabilities") if n in traced.output_names)
    diffs, agree, total, scale = [], 0, 0, 1.0
    offset = 0
    for batch in BATCH_SIZES:
        x = inputs[offset : offset + batch]
        offset += batch
        # The compared output is the Keras model's own output (its logits where it has them).
        reference = np.asarray(traced.model(x, training=False), dtype="float32")
        got = run(x)
        if name not in got:
            raise RuntimeError(f"{report.format} artifact has outputs {sorted(got)}; expected {name!r}")
        actual = got[name]
        if actual.shape != reference.shape:
            raise RuntimeError(f"{report.format} artifact returned {name} of shape {actual.shape}; Keras gives {reference.shape}")
        diffs.append(np.abs(actual - reference).ravel())
        agree += int((actual.argmax(-1) == reference.argmax(-1)).sum())
        total += len(x)
        scale = max(scale, float(np.abs(reference).max()))
    diff = np.concatenate(diffs)
    report.output = name
    report.max_abs_diff = float(diff.max())
    report.mean_abs_diff = float(diff.mean())
    report.relative_diff = report.max_abs_diff / scale
    report.top1_agreement = agree / total
    # A QAT model's graph rounds to int8 grids: a float difference of 1e-7 between two TensorFlow
    # kernels can flip one rounding and move the logits by a quantization step, so even its
    # SavedModel is held to the int8 tolerance.
    report.tolerance = TOLERANCES["int8" if getattr(traced, "quantization_aware", False) else report.precision]
    report.verified = report.relative_diff <= report.tolerance[0] and report.top1_agreement >= report.tolerance[1]
    report.verify_seconds = time.perf_counter() - start
    if raise_on_failure and not report.verified:
        raise VerificationError(report)
    return report
