"""Export a trained Keras model to SavedModel (TF Serving), TFLite (LiteRT) and ONNX, and prove
each artifact right in its own runtime.

Example:
    >>> import keras_resnet
    >>> from keras_resnet import export
    >>> model = keras_resnet.CifarResNet20(classifier_activation=None)
    >>> reports = export.export(
    ...     model, "/tmp/kr_doctest", format=["tflite", "onnx"], overwrite=True, verbose=False
    ... )
    >>> [(r.format, r.precision, r.verified) for r in reports]
    [('tflite', 'float32', True), ('onnx', 'float32', True)]

One call traces the model once; every format is derived from that trace. Each artifact is written
to a temporary sibling path, verified there, then renamed into place: a failed conversion or
verification leaves nothing behind, and an existing output is only replaced with
``overwrite=True``.

Each format is a plug-in: a `Format` in the table `FORMATS` (`keras_resnet.export.formats`) names
its suffix or folder layout, precisions and options, and how to write an artifact from the trace
(`Traced`) and load one back as a runner; `register_format` adds one, and `export`, its
verification, the benchmark and the command line take it like the built-in ones.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import pathlib
import re
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from keras_resnet import _checks, _console, _kinds, atomic, layouts
from keras_resnet.export import _files, _trace, formats, verify
from keras_resnet.export import calibration as calibration_lib
from keras_resnet.export._trace import Traced, check_model, output_kind, trace
from keras_resnet.export.formats import (
    FORMATS,
    Format,
    format_of,
    get_format,
    load_runner,
    register_format,
    unregister_format,
)
from keras_resnet.export.verify import Report, VerificationError

# The built-in formats register themselves in this order (the order of ``format="all"``).
# isort: off
from keras_resnet.export import saved_model as saved_model_format  # noqa: F401
from keras_resnet.export import tflite as tflite_format  # noqa: F401
from keras_resnet.export import onnx as onnx_format  # noqa: F401
# isort: on

#: formats whose runtime (an extra) is not installed: format name -> extra
NOT_INSTALLED: dict[str, str] = {}
if importlib.util.find_spec("openvino") is not None:  # the [openvino] extra, imported when used
    from keras_resnet.export import openvino as openvino_format  # noqa: F401
else:
    NOT_INSTALLED["openvino"] = "openvino"

if TYPE_CHECKING:
    import numpy as np

    from keras_resnet.preprocessing import Preprocessing

#: the precisions of the built-in formats, from their table rows (a registered format may add
#: others: `plan` reads the live table)
PRECISIONS = formats.precisions()


class ExportResult(list[Report]):
    """The `Report` of every artifact written, in order; `table()` formats them."""

    def table(self) -> str:
        compressed = any(r.compressed_bytes is not None for r in self)
        lines = [
            "| format | precision | size |"
            + (" compressed |" if compressed else "")
            + " export s | max abs diff | top-1 agreement | path |",
            "|---|---|---:|" + ("---:|" if compressed else "") + "---:|---:|---:|---|",
        ]
        for r in self:
            size = f"{r.size_bytes / 2**20:.2f} MiB |"
            if compressed:
                size += (
                    f" {r.compressed_bytes / 2**20:.2f} MiB |"
                    if r.compressed_bytes is not None
                    else " |"
                )
            lines.append(
                f"| {r.format} | {r.precision} | {size} {r.export_seconds:.1f} | "
                f"{r.max_abs_diff:.2e} | {r.top1_agreement:.0%} | {r.path} |"
            )
        return "\n".join(lines)


def _as_list(argument: str, value: Any, allowed: Iterable[str]) -> list[str]:
    values = (
        [value]
        if isinstance(value, str)
        else list(value)
        if isinstance(value, (list, tuple))
        else None
    )
    if not values:
        raise TypeError(
            f"{argument} must be a name or a list of names; received {argument}={value!r}"
        )
    if argument == "format" and values == ["all"]:
        return list(allowed)
    for v in values:
        _checks.check_choice(argument, v, tuple(allowed))
    return list(dict.fromkeys(values))


def _plan(formats: list[str], precisions: list[str]) -> list[tuple[str, str]]:
    jobs = [(f, p) for f in formats for p in precisions if p in FORMATS[f].precisions]
    for p in precisions:
        if not any(p in FORMATS[f].precisions for f in formats):
            raise ValueError(
                f"quantize={p!r} is not offered by format {formats}; see "
                "keras_resnet.export.FORMATS"
            )
    return jobs


#: what a quantization-aware (tfmot QAT) model exports to with the built-in formats: its learned
#: int8, or the fake-quant graph as a SavedModel (each `Format.quantization_aware`)
QAT_JOBS = formats.quantization_aware_jobs()


def _qat_jobs(jobs: list[tuple[str, str]], names: list[str]) -> list[tuple[str, str]]:
    """The jobs a quantization-aware model can do; every requested format must keep one."""
    allowed = formats.quantization_aware_jobs()
    kept = [job for job in jobs if job in allowed]
    missing = [f for f in names if not any(job[0] == f for job in kept)]
    if missing:
        takes = ", ".join(f"quantize={p!r} for {f}" for f, p in allowed if f in missing)
        raise ValueError(
            f"a quantization-aware model exports as {', '.join(f'{f} {p}' for f, p in allowed)}; "
            f"nothing requested for {', '.join(missing)} fits" + (f" ({takes})" if takes else "")
        )
    return kept


def plan(
    format: str | Sequence[str] = "saved_model",
    quantize: str | Sequence[str] = "float32",
    *,
    quantization_aware: bool = False,
    **options: Any,
) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """Validates what an export would write, without a model or any work: returns the
    ``(format, precision)`` jobs with their options. `export` calls it first; callers that run
    something long before exporting (fine-tuning) call it to fail early."""
    for name in [format] if isinstance(format, str) else list(format):
        if name in NOT_INSTALLED:
            raise ImportError(
                f"format {name!r} needs the {NOT_INSTALLED[name]} extra, which is not installed; "
                f"install it with: pip install 'keras-resnet[{NOT_INSTALLED[name]}]'"
            )
    names = _as_list("format", format, FORMATS)
    precisions = _as_list("quantize", quantize, formats.precisions())
    accepted = {o for f in names for o in FORMATS[f].options}
    unknown = sorted(set(options) - accepted)
    if unknown:
        raise ValueError(
            f"option {', '.join(unknown)} is not accepted by format {', '.join(names)}; "
            f"accepted options: {', '.join(sorted(accepted)) or 'none'}"
        )
    every = format == "all" or (not isinstance(format, str) and list(format) == ["all"])
    if quantization_aware and every:  # "all": the formats that export such a model
        names = [f for f in names if FORMATS[f].quantization_aware]
    jobs = _plan(names, precisions)
    if quantization_aware:
        jobs = _qat_jobs(jobs, names)
    per_job = [{k: v for k, v in options.items() if k in FORMATS[f].options} for f, _ in jobs]
    for (fmt, precision), job_options in zip(jobs, per_job, strict=True):
        FORMATS[fmt].validate(precision, **job_options)
    return jobs, per_job


def _targets(
    path: str | os.PathLike[str], jobs: list[tuple[str, str]], name: str, version: int
) -> list[pathlib.Path]:
    """Where each job writes. One file artifact goes to `path`, or into it as
    ``<name><suffix>`` where `path` is an existing folder (or ends in a separator), as ``cp``
    does; a SavedModel goes to ``<path>/<name>/<version>``; several artifacts go into the
    folder `path`."""
    folder = pathlib.Path(path)
    if (
        len(jobs) == 1
        and _kind(jobs[0][0]) == "file"
        and not (folder.is_dir() or str(path).endswith(("/", os.sep)))
    ):
        return [folder]
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(
            errno.ENOTDIR,
            "is a file; several artifacts (or a SavedModel) need a folder",
            str(folder),
        )
    several = len(jobs) > 1
    return [
        FORMATS[fmt].target(folder, name, precision, version=version, several=several)
        for fmt, precision in jobs
    ]


def _artifact_name(model_name: str | None) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", model_name or "model")


def check_outputs(
    path: str | os.PathLike[str],
    model_name: str | None,
    format: str | Sequence[str] = "saved_model",
    quantize: str | Sequence[str] = "float32",
    *,
    version: int = 1,
    overwrite: bool = False,
    quantization_aware: bool = False,
    calibration_data: Any = None,
    **options: Any,
) -> tuple[list[tuple[str, str]], list[dict[str, Any]], list[pathlib.Path]]:
    """Validates an export of a model named `model_name` to `path` without doing it: the jobs
    (`plan`), calibration data where a precision needs it (a folder must hold an image file), and
    that every output may be written (absent, or replaceable with ``overwrite``; the folder
    writable). Returns ``(jobs, per_job_options, target_paths)``. `export` calls it first; a
    caller with long work before the export calls it to fail before that work."""
    if not os.fspath(path):
        raise ValueError("path='' is empty; pass the file or folder to write")
    jobs, per_job = plan(format, quantize, quantization_aware=quantization_aware, **options)
    needs = sorted({p for f, p in jobs if p in FORMATS[f].calibrated})
    if needs and calibration_data is None and not quantization_aware:
        raise ValueError(
            f"quantize={needs[0]!r} needs calibration_data (an array, a tf.data.Dataset or an "
            "image folder)"
        )
    if needs and isinstance(calibration_data, (str, os.PathLike)):
        _check_calibration_folder(calibration_data)
    targets = _targets(path, jobs, _artifact_name(model_name), version)
    for (fmt, _), target in zip(jobs, targets, strict=True):
        atomic.check_target(target, overwrite=overwrite, kind=_kind(fmt))
    for folder in dict.fromkeys(t.parent for t in targets):
        atomic.check_writable(folder)
    return jobs, per_job, targets


def _check_calibration_folder(path: str | os.PathLike[str]) -> None:
    """A folder of calibration images exists and holds an image file (its images are decoded
    during the export)."""
    from keras_resnet.data import IMAGE_EXTENSIONS

    folder = pathlib.Path(path)
    if not folder.is_dir():
        raise ValueError(f"calibration_data={str(path)!r} is not a folder of images")
    if not any(p.suffix.lower() in IMAGE_EXTENSIONS for p in folder.rglob("*") if p.is_file()):
        raise ValueError(
            f"calibration_data={str(path)!r} holds no image files ({', '.join(IMAGE_EXTENSIONS)})"
        )


def _kind(fmt: str) -> str:
    return FORMATS[fmt].kind


def export(
    model: Any,
    path: str | os.PathLike[str],
    format: str | Sequence[str] = "saved_model",
    *,
    quantize: str | Sequence[str] = "float32",
    calibration_data: Any = None,
    calibration_size: int = 200,
    input_size: int | Sequence[int] | None = None,
    preprocessing: str | Preprocessing | None = None,
    class_names: Iterable[object] | None = None,
    version: int = 1,
    overwrite: bool = False,
    verify_artifacts: bool = True,
    compressed_size: bool = False,
    verbose: bool = True,
    **options: Any,
) -> ExportResult:
    """Exports `model` to one or several formats and precisions, verifying each artifact.

    Args:
        model: any single-input image `keras.Model`, or a tf_keras model from
            `keras_resnet.optimize`: a quantization-aware model exports its learned int8
            (``quantize="int8"``, no calibration data) to TFLite and ONNX, or its fake-quant graph
            as a float32 SavedModel; a pruned model must be stripped first. A channels_first
            model exports as its channels_last twin (`keras_resnet.layouts.twin`, the same
            weights): SavedModel and TFLite take NHWC, ONNX takes NCHW (``nchw=False`` for
            NHWC); the metadata records ``model_data_format`` and ``input_layout``.
        path: with one artifact, its path (a ``.tflite``/``.onnx`` file, or the SavedModel base
            folder that receives ``<model.name>/<version>/``); with several, a folder receiving
            ``<name>[_<precision>].tflite``, ``<name>[_<precision>].onnx`` and
            ``saved_model/<name>/<version>/``.
        format: a registered format (`FORMATS`: ``"saved_model"``, ``"tflite"``, ``"onnx"`` and any
            added with `register_format`), a list of them, or ``"all"``.
        quantize: a precision or a list: ``"float32"``, ``"float16"``, ``"dynamic"``, ``"int8"``,
            ``"int16x8"`` (TFLite only). Each format writes the precisions it offers.
        calibration_data: for int8/int16x8: a NumPy array or ``tf.data.Dataset`` of model-ready
            images, or a folder of image files (resized and preprocessed with `preprocessing`).
        calibration_size: at most this many calibration images are used.
        input_size: ``(height, width)`` for a model built with undefined spatial dimensions.
        preprocessing: how raw pixels become model input (see `keras_resnet.preprocessing`);
            used for image folders and the image-bytes signature, and recorded as metadata.
            Default: the normalization of the preset the model was built with
            (``model.pretrained_cfg``), else ``"none"``.
        class_names: optional class names, recorded as metadata.
        version: the SavedModel version folder.
        overwrite: replace existing outputs.
        verify_artifacts: run each artifact in its runtime and compare with Keras (on by default).
        compressed_size: also measure each artifact's deflate (gzip) compressed size, which is what
            pruning shrinks.
        verbose: print progress and timing to stderr.
        **options: per-format options: ``image_bytes_signature`` (saved_model),
            ``inference_input_type``/``inference_output_type`` (tflite int8/int16x8),
            ``sparse_weights`` (tflite float32/float16: sparse tensor format for pruned models),
            ``opset``/``nchw``/``per_channel``/``target`` (onnx; ``target`` is the CPU the int8
            artifact is quantized for: ``"x86"``, ``"x86-vnni"``, ``"arm"``, default this
            machine's).

    Returns:
        An `ExportResult`: one `Report` per artifact (path, size, time, max/mean absolute
        difference from Keras, top-1 agreement).

    Raises:
        ValueError / TypeError: bad arguments (an empty `path`, a calibration folder without an
            image), before anything is written.
        VerificationError: an artifact disagrees with Keras beyond its tolerance (it is removed).
    """
    start = time.perf_counter()
    version, calibration_size = _check_settings(
        overwrite, verify_artifacts, compressed_size, version, calibration_size
    )
    _trace.check_model(model)
    quantization_aware = _kinds.is_quantization_aware(model)
    name = _artifact_name(getattr(model, "name", None))
    jobs, per_job, targets = check_outputs(
        path,
        name,
        format,
        quantize,
        version=version,
        overwrite=overwrite,
        quantization_aware=quantization_aware,
        calibration_data=calibration_data,
        **options,
    )
    model, data_format = _channels_last(model, jobs, per_job)
    # The converters' temporaries: removed afterwards, or by the next run after a kill.
    with atomic.scratch():
        preprocessing = (
            _trace.model_preprocessing(model) if preprocessing is None else preprocessing
        )
        traced = _trace.trace(
            model, input_size=input_size, preprocessing=preprocessing, class_names=class_names
        )
        traced.data_format = data_format
        calibration = None
        if not quantization_aware:
            calibration = _calibration(traced, jobs, calibration_data, calibration_size)
        inputs = verify.verification_inputs(traced, calibration) if verify_artifacts else None
        _console.log(
            verbose,
            f"exporting {name} (input {traced.input_shape}, traced in "
            f"{time.perf_counter() - start:.1f} s)",
        )
        result = _write_all(
            traced,
            list(zip(jobs, targets, per_job, strict=True)),
            calibration,
            inputs,
            overwrite=overwrite,
            compressed_size=compressed_size,
            verbose=verbose,
        )
    _console.log(
        verbose, f"exported {len(result)} artifact(s) in {time.perf_counter() - start:.1f} s"
    )
    return result


def _channels_last(
    model: Any, jobs: list[tuple[str, str]], per_job: list[dict[str, Any]]
) -> tuple[Any, str]:
    """The model to trace and the layout `model` itself takes. A channels_first model exports as
    its channels_last twin, with the same weights (TensorFlow's converters and runtimes take
    NHWC), and its artifacts take NCHW where their format offers it (ONNX's ``nchw``, unless the
    caller set it): ``(twin, "channels_first")``."""
    if _kinds.is_tf_keras_model(model) or layouts.of_model(model) == "channels_last":
        return model, "channels_last"
    for (fmt, _), job_options in zip(jobs, per_job, strict=True):
        if "nchw" in FORMATS[fmt].options:
            job_options.setdefault("nchw", True)
    return layouts.twin(model, "channels_last"), "channels_first"


def _check_settings(
    overwrite: bool,
    verify_artifacts: bool,
    compressed_size: bool,
    version: int,
    calibration_size: int,
) -> tuple[int, int]:
    """Checks `export`'s flags and counts; returns ``(version, calibration_size)``."""
    _checks.check_bool("overwrite", overwrite)
    _checks.check_bool("verify_artifacts", verify_artifacts)
    _checks.check_bool("compressed_size", compressed_size)
    version = _checks.check_int("version", version, minimum=1)
    calibration_size = _checks.check_int("calibration_size", calibration_size, minimum=1)
    return version, calibration_size


def _calibration(
    traced: Traced, jobs: list[tuple[str, str]], calibration_data: Any, calibration_size: int
) -> np.ndarray | None:
    """The calibration images, loaded and checked against the trace, where a job's precision is
    calibrated; else None."""
    if not any(p in FORMATS[f].calibrated for f, p in jobs):
        return None
    traced.require_static("int8 calibration")
    return calibration_lib.load(
        calibration_data,
        input_shape=traced.input_shape,
        preprocessing=traced.preprocessing,
        limit=calibration_size,
    )


def _write_all(
    traced: Traced,
    work: list[tuple[tuple[str, str], pathlib.Path, dict[str, Any]]],
    calibration: np.ndarray | None,
    inputs: np.ndarray | None,
    *,
    overwrite: bool,
    compressed_size: bool,
    verbose: bool,
) -> ExportResult:
    """Writes (and verifies) each ``(job, target, job_options)`` of `work` in turn, with
    progress."""
    result = ExportResult()
    for i, (job, target, job_options) in enumerate(work, 1):
        _console.log(verbose, f"[{i}/{len(work)}] {job[0]} {job[1]} -> {target}")
        report = _write(
            traced,
            job,
            target,
            job_options,
            calibration,
            inputs,
            overwrite=overwrite,
            compressed_size=compressed_size,
        )
        result.append(report)
        _console.log(verbose, f"      {_describe(report)}")
    return result


def _write(
    traced: Traced,
    job: tuple[str, str],
    target: pathlib.Path,
    job_options: dict[str, Any],
    calibration: np.ndarray | None,
    inputs: np.ndarray | None,
    *,
    overwrite: bool,
    compressed_size: bool,
) -> Report:
    """Writes one artifact to a temporary path, verifies it there (unless `inputs` is None), then
    publishes it under `target`."""
    fmt, precision = job
    t0 = time.perf_counter()
    companions = FORMATS[fmt].companions
    with atomic.atomic_path(
        target, overwrite=overwrite, kind=_kind(fmt), companions=companions
    ) as tmp:
        details = FORMATS[fmt].write(
            traced, tmp, precision=precision, calibration=calibration, **job_options
        )
        files = [tmp, *atomic.companion_paths(tmp, companions)]
        report = Report(
            format=fmt,
            precision=precision,
            path=str(tmp),
            size_bytes=sum(_files.size_of(f) for f in files),
            export_seconds=time.perf_counter() - t0,
            details=details or {},
            compressed_bytes=(
                sum(_files.compressed_size_of(f) for f in files) if compressed_size else None
            ),
        )
        if inputs is not None:
            verify.verify(report, traced, inputs)
    report.path = str(target)
    return report


def _describe(report: Report) -> str:
    size = f"{report.size_bytes / 2**20:.2f} MiB"
    if report.compressed_bytes is not None:
        size += f" ({report.compressed_bytes / 2**20:.2f} MiB compressed)"
    check = (
        f"max |diff| {report.max_abs_diff:.2e}, top-1 agreement {report.top1_agreement:.0%}"
        if report.verified
        else "not verified"
    )
    return f"{size} in {report.export_seconds:.1f} s; {check}"


__all__ = [
    "check_outputs",
    "check_model",
    "export",
    "format_of",
    "get_format",
    "load_runner",
    "output_kind",
    "plan",
    "register_format",
    "trace",
    "unregister_format",
    "ExportResult",
    "FORMATS",
    "Format",
    "PRECISIONS",
    "QAT_JOBS",
    "Report",
    "Traced",
    "VerificationError",
]
