"""OpenVINO IR (``.xml`` graph + ``.bin`` weights, one artifact) through OpenVINO's TensorFlow
front end, run with OpenVINO Runtime on the CPU.

The IR is converted (``openvino.convert_model``) from the export's frozen graph, the one the
TFLite and ONNX conversions read (`Traced.frozen`), not from the ONNX artifact: the two give the
same graph and the same speed, and the frozen graph needs neither tf2onnx nor its conversion time.

Precisions (what the file holds, and what OpenVINO computes in when this library runs it):

* ``float32``: float32 weights, computed in float32 (``INFERENCE_PRECISION_HINT`` pinned to f32;
  OpenVINO's own default on a CPU with bf16 or fp16 units is to compute in those).
* ``float16``: float16 weights (half the file), computed in float32.
* ``bfloat16``: float16 weights, computed in bfloat16 where the CPU has it (AVX-512 BF16, AMX),
  else OpenVINO computes in float32; `inference_precision` tells which.
* ``int8``: NNCF post-training quantization (``nncf.quantize``, the calibration images of every
  int8 path) for the CPU `target` (see `INT8_TARGETS`); the layers NNCF leaves in float run in
  float32.

The keras_resnet metadata (model, preprocessing, input layout, outputs, precision, target) is
JSON in the model's ``rt_info`` (``rt_info/keras_resnet/metadata``); OpenVINO does not read its
inference precision from a file, so the one this library runs a precision with is recorded there
too (``inference_precision``) and applied by `load`.
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import sys
from typing import TYPE_CHECKING, Any

from keras_resnet import _checks, _machine
from keras_resnet._optional import require
from keras_resnet.export import formats

if TYPE_CHECKING:
    import numpy as np

    from keras_resnet.export._trace import Traced

PRECISIONS = ("float32", "float16", "bfloat16", "int8")
OPTIONS = ("target",)
CALIBRATED = ("int8",)
EXTRA = "openvino"
#: where the metadata lives in the model's rt_info
METADATA_KEY = ["keras_resnet", "metadata"]

#: the ``INFERENCE_PRECISION_HINT`` each precision runs with (OpenVINO's element type names)
INFERENCE_PRECISIONS = {"float32": "f32", "float16": "f32", "bfloat16": "bf16", "int8": "f32"}

#: NNCF's overflow fix per CPU target (`keras_resnet._machine.TARGETS`): without VNNI, AVX2's
#: VPMADDUBSW adds two uint8 x int8 products in int16 and may saturate, so NNCF's default keeps the
#: first layer's weights to 7 bits (ONNX Runtime's ``reduce_range`` for that layer); VNNI's
#: VPDPBUSD and ARM's SDOT sum in int32: full 8-bit weights everywhere
INT8_TARGETS = {"x86": "first_layer", "x86-vnni": "disable", "arm": "disable"}


def validate(precision: str, *, target: str | None = None) -> None:
    """Checks the options of one OpenVINO export before any work is done."""
    if target is not None:
        _checks.check_choice("target", target, INT8_TARGETS)


def _openvino() -> Any:
    return require("openvino", EXTRA)


def convert(traced: Traced) -> Any:
    """The float32 ``openvino.Model`` of `traced` (its frozen graph through OpenVINO's TensorFlow
    front end), input named ``image`` and outputs named as in the trace; cached per export."""
    if "openvino" not in traced.cache:
        ov = _openvino()
        function, graph_def = traced.frozen()
        model = ov.convert_model(graph_def)
        model.inputs[0].get_tensor().set_names({"image"})
        import tensorflow as tf

        # the frozen function's outputs come in the order of its flattened output dict
        names = tf.nest.flatten({name: name for name in traced.output_names})
        for output, name in zip(model.outputs, names, strict=True):
            output.get_tensor().set_names({name})
        traced.cache["openvino"] = model
    return traced.cache["openvino"]


def quantize(model: Any, calibration: np.ndarray, target: str) -> Any:
    """`model` quantized to int8 by NNCF on the `calibration` images (one at a time, all of
    them), for the CPU `target`."""
    nncf = require("nncf", EXTRA)
    dataset = nncf.Dataset([calibration[i : i + 1] for i in range(len(calibration))])
    overflow = nncf.OverflowFix(INT8_TARGETS[target])
    # NNCF's progress bars (rich) write to stdout, which is the command line's table: to stderr
    with contextlib.redirect_stdout(sys.stderr):
        return nncf.quantize(
            model,
            dataset,
            preset=nncf.QuantizationPreset.PERFORMANCE,
            target_device=nncf.TargetDevice.CPU,
            subset_size=len(calibration),
            advanced_parameters=nncf.AdvancedQuantizationParameters(overflow_fix=overflow),
        )


def write(
    traced: Traced,
    path: pathlib.Path,
    *,
    precision: str = "float32",
    calibration: np.ndarray | None = None,
    target: str | None = None,
) -> dict[str, Any]:
    """Writes the IR of `traced` at `path` (``.xml``) and its weights beside it (``.bin``)."""
    validate(precision, target=target)
    if path.suffix != ".xml":  # OpenVINO finds the weights by the name: <stem>.bin
        raise ValueError(
            "an OpenVINO IR is a .xml file with its .bin beside it; pass an output path ending "
            "in .xml, or a folder"
        )
    ov = _openvino()
    model = convert(traced).clone()
    details: dict[str, Any] = {"inference_precision": INFERENCE_PRECISIONS[precision]}
    if precision == "int8":
        if calibration is None:
            raise ValueError("openvino int8 needs calibration images")
        target = _machine.target() if target is None else target
        model = quantize(model, calibration, target)
        details["target"] = target
    metadata = traced.metadata(
        format="openvino", precision=precision, input_layout="NHWC", **details
    )
    model.set_rt_info(json.dumps(metadata), METADATA_KEY)
    ov.save_model(model, str(path), compress_to_fp16=precision in ("float16", "bfloat16"))
    return details


def read_metadata(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The keras_resnet metadata in an OpenVINO IR's rt_info, or None; a file OpenVINO cannot
    read is a ValueError naming it."""
    ov = _openvino()
    with formats.reading(path, "openvino"):
        model = ov.Core().read_model(str(path))
    if not model.has_rt_info(METADATA_KEY):
        return None
    return json.loads(model.get_rt_info(METADATA_KEY).astype(str))


def compile(  # noqa: A001 - OpenVINO's word for it
    path: str | os.PathLike[str], details: dict | None = None
) -> Any:
    """The IR at `path` compiled for the CPU: latency hint, the inference precision recorded in
    `details` or the file (float32 where neither says), ``details["threads"]`` threads (default:
    OpenVINO's, one per physical core)."""
    ov = _openvino()
    core = ov.Core()
    with formats.reading(path, "openvino"):
        model = core.read_model(str(path))
    details = details or {}
    precision = details.get("inference_precision")
    if precision is None and model.has_rt_info(METADATA_KEY):
        precision = json.loads(model.get_rt_info(METADATA_KEY).astype(str)).get(
            "inference_precision"
        )
    config: dict[str, Any] = {
        "PERFORMANCE_HINT": "LATENCY",
        "INFERENCE_PRECISION_HINT": precision or "f32",
    }
    if details.get(formats.THREADS_KEY):
        config["INFERENCE_NUM_THREADS"] = int(details[formats.THREADS_KEY])
    return core.compile_model(model, "CPU", config)


def inference_precision(compiled: Any) -> str:
    """The precision a compiled model computes its float layers in (``"float32"``,
    ``"bfloat16"``, ``"float16"``): what the CPU made of the hint."""
    name = compiled.get_property("INFERENCE_PRECISION_HINT").get_type_name()
    return {"f32": "float32", "bf16": "bfloat16", "f16": "float16"}.get(name, name)


def load(path: str | os.PathLike[str], details: dict | None = None) -> formats.Runner:
    """The IR at `path` in OpenVINO Runtime (CPU, see `compile`): ``images -> {output name:
    array}``. The runner's ``inference_precision`` attribute is what the CPU computes in. A file
    OpenVINO cannot load is a ValueError naming it."""
    with formats.reading(path, "openvino"):
        compiled = compile(path, details)
    request = compiled.create_infer_request()
    names = [output.get_any_name() for output in compiled.outputs]

    def run(x: np.ndarray) -> dict[str, np.ndarray]:
        result = request.infer({0: x})
        return {
            name: result[output].copy()
            for name, output in zip(names, compiled.outputs, strict=True)
        }

    run.inference_precision = inference_precision(compiled)  # type: ignore[attr-defined]
    return run


FORMAT = formats.register_format(
    formats.Format(
        name="openvino",
        write=write,
        load=load,
        suffix=".xml",
        companions=(".bin",),
        precisions=PRECISIONS,
        options=OPTIONS,
        calibrated=CALIBRATED,
        validate=validate,
        tolerances={"bfloat16": (5e-2, 0.75)},
        description="OpenVINO IR (.xml + .bin) through its TensorFlow front end, run with "
        "OpenVINO Runtime",
    )
)
