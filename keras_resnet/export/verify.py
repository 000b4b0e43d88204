"""Proves an exported artifact right: runs it in its own runtime (its format's `Format.load`:
TensorFlow for the SavedModel, LiteRT for TFLite, ONNX Runtime for ONNX) on the same inputs as
the Keras model, at two batch sizes, and compares.

Tolerances are per precision: the maximum absolute difference on the compared output (``logits``
where the model has them), relative to ``max(1, max |keras output|)``, and the minimum top-1
agreement with Keras. A failed check raises `VerificationError` with the figures.
"""

from __future__ import annotations

import dataclasses
import pathlib
import time
from typing import TYPE_CHECKING

import numpy as np

from keras_resnet.export import formats

if TYPE_CHECKING:
    from keras_resnet.export._trace import Traced

#: precision -> (max relative abs difference, min top-1 agreement)
TOLERANCES = {
    "float32": (1e-4, 1.0),
    "float16": (1e-2, 0.75),
    "dynamic": (0.1, 0.5),
    "int16x8": (0.1, 0.5),
    "int8": (0.25, 0.5),
}
BATCH_SIZES = (1, 3)


def tolerance(fmt: formats.Format, precision: str) -> tuple:
    """``(max relative abs difference, min top-1 agreement)`` for an artifact of the `Format`
    `fmt` at `precision`: the format's own where it sets one, else `TOLERANCES`."""
    if precision in fmt.tolerances:
        return tuple(fmt.tolerances[precision])
    if precision not in TOLERANCES:
        raise ValueError(
            f"format {fmt.name!r} writes precision {precision!r} but sets no tolerance for it "
            "(Format.tolerances)"
        )
    return TOLERANCES[precision]


class VerificationError(RuntimeError):
    """An exported artifact disagrees with the Keras model beyond its precision's tolerance."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(
            f"{report.format} {report.precision} artifact {report.path} disagrees with Keras: max "
            f"|diff| {report.max_abs_diff:.3g} (relative {report.relative_diff:.3g}, allowed "
            f"{report.tolerance[0]:g}), top-1 agreement {report.top1_agreement:.0%} (required "
            f"{report.tolerance[1]:.0%})"
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


def predict(report: Report, images: np.ndarray, *, batch_size: int = 50) -> np.ndarray:
    """Runs the artifact of `report` in its runtime on `images`; returns its compared output
    (``logits`` where the model has them, else ``output`` or ``probabilities``)."""
    run = formats.get_format(report.format).load(pathlib.Path(report.path), report.details)
    outputs = []
    for start in range(0, len(images), batch_size):
        result = run(np.asarray(images[start : start + batch_size], dtype="float32"))
        name = next(n for n in ("logits", "output", "probabilities", *result) if n in result)
        outputs.append(result[name])
    return np.concatenate(outputs)


def accuracy(
    report: Report, images: np.ndarray, labels: np.ndarray, *, batch_size: int = 50
) -> float:
    """Top-1 accuracy of the artifact of `report` on labelled images, run in its own runtime."""
    predicted = predict(report, images, batch_size=batch_size).argmax(-1)
    return float((predicted == np.asarray(labels).reshape(-1)).mean())


def verification_inputs(
    traced: Traced, calibration: np.ndarray | None = None, count: int = sum(BATCH_SIZES)
) -> np.ndarray:
    """Calibration images where given, else seeded random pixels through the preprocessing."""
    if calibration is not None and len(calibration) >= count:
        return calibration[:count]
    shape = traced.input_shape
    if not traced.static:
        shape = (64, 64, shape[-1])
    pixels = np.random.default_rng(0).uniform(0, 255, size=(count, *shape)).astype("float32")
    return traced.preprocessing(pixels)


def compared_outputs(traced: Traced) -> list[str]:
    """The outputs verification compares with Keras: the logits (or the one output), or every
    feature map of a backbone, in the model's order."""
    if traced.output_kind == "features":
        return list(traced.model.output_names)
    return [next(n for n in ("logits", "output", "probabilities") if n in traced.output_names)]


def keras_outputs(traced: Traced, inputs: np.ndarray) -> list[list[np.ndarray]]:
    """The Keras model's own outputs on `inputs`, one list per batch of `BATCH_SIZES`: its logits
    where it has them, every feature map of a backbone. Computed once per export and shared by
    the verification of every artifact (an eager pass of a large model is slow on a CPU)."""
    cached = traced.cache.get("keras_outputs")
    if cached is not None and cached[0] is inputs:
        return cached[1]
    outputs, offset = [], 0
    for batch in BATCH_SIZES:
        references = traced.model(inputs[offset : offset + batch], training=False)
        references = references if isinstance(references, (list, tuple)) else [references]
        outputs.append([np.asarray(r, dtype="float32") for r in references])
        offset += batch
    traced.cache["keras_outputs"] = (inputs, outputs)
    return outputs


def verify(
    report: Report, traced: Traced, inputs: np.ndarray, *, raise_on_failure: bool = True
) -> Report:
    """Runs the artifact of `report` in its runtime and fills in the comparison figures."""
    start = time.perf_counter()
    fmt = formats.get_format(report.format)
    run = fmt.load(pathlib.Path(report.path), report.details)
    names = compared_outputs(traced)
    diffs, agree, total, scale = [], 0, 0, 1.0
    offset = 0
    for batch, references in zip(BATCH_SIZES, keras_outputs(traced, inputs), strict=True):
        x = inputs[offset : offset + batch]
        offset += batch
        # Top-1 of a backbone's feature map is the argmax over channels at each position.
        got = run(x)
        for name, reference in zip(names, references, strict=True):
            if name not in got:
                raise RuntimeError(
                    f"{report.format} artifact has outputs {sorted(got)}; expected {name!r}"
                )
            actual = got[name]
            if actual.shape != reference.shape:
                raise RuntimeError(
                    f"{report.format} artifact returned {name} of shape {actual.shape}; Keras "
                    f"gives {reference.shape}"
                )
            diffs.append(np.abs(actual - reference).ravel())
            agree += int((actual.argmax(-1) == reference.argmax(-1)).sum())
            total += reference[..., 0].size
            scale = max(scale, float(np.abs(reference).max()))
    diff = np.concatenate(diffs)
    report.output = "+".join(names)
    report.max_abs_diff = float(diff.max())
    report.mean_abs_diff = float(diff.mean())
    report.relative_diff = report.max_abs_diff / scale
    report.top1_agreement = agree / total
    # A QAT model's graph rounds to int8 grids: a float difference of 1e-7 between two TensorFlow
    # kernels can flip one rounding and move the logits by a quantization step, so even its
    # SavedModel is held to the int8 tolerance.
    report.tolerance = tolerance(
        fmt, "int8" if getattr(traced, "quantization_aware", False) else report.precision
    )
    report.verified = (
        report.relative_diff <= report.tolerance[0] and report.top1_agreement >= report.tolerance[1]
    )
    report.verify_seconds = time.perf_counter() - start
    if raise_on_failure and not report.verified:
        raise VerificationError(report)
    return report
