"""ONNX through tf2onnx (``from_function`` on the export's traced function).

Precisions: ``float32``; ``float16`` (onnxconverter-common, float32 inputs/outputs kept);
``int8`` (ONNX Runtime static quantization: QDQ, per-channel int8 weights, activations calibrated
with MinMax, as uint8 or int8 for the CPU it will run on: ``target``, see `INT8_TARGETS`);
``dynamic`` (ONNX Runtime dynamic quantization: int8 weights).
A quantization-aware (tfmot QAT) model becomes ``int8`` through its int8 TFLite, which tf2onnx
converts to QDQ ONNX with the learned scales (tf2onnx cannot convert tfmot's per-channel,
narrow-range fake-quant ops directly). ``nchw=True`` makes the input
``[batch, channels, height, width]`` (TensorRT, OpenCV, PyTorch-style pipelines).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import logging
import os
import pathlib
import tempfile
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from keras_resnet import _checks, _machine
from keras_resnet._optional import require
from keras_resnet.export import formats

if TYPE_CHECKING:
    import numpy as np

    from keras_resnet.export._trace import Traced

PRECISIONS = ("float32", "float16", "dynamic", "int8")
OPTIONS = ("opset", "nchw", "per_channel", "target")
CALIBRATED = ("int8",)
DEFAULT_OPSET = 17


@dataclasses.dataclass(frozen=True)
class Int8Settings:
    """How ``int8`` is quantized for one CPU target (ONNX Runtime ``quantize_static``, QDQ)."""

    activations: str  # "uint8" or "int8" (QuantType.QUInt8 / QInt8); weights are always int8
    reduce_range: bool  # 7-bit weights (ONNX Runtime's remedy for AVX2's VPMADDUBSW saturation)


#: int8 settings per CPU target (`keras_resnet._machine.TARGETS`; ``target=None`` detects this
#: machine's). ONNX Runtime's x86 kernels multiply uint8 activations by int8 weights; int8
#: activations take a slower path there (some convolutions stay float32). Without VNNI, AVX2's
#: VPMADDUBSW adds two uint8 x int8 products in int16 and saturates; 7-bit weights
#: (``reduce_range``) keep the sum in range, so the artifact stays closer to float32 at the same
#: speed. VNNI's VPDPBUSD sums in int32, so full 8-bit weights. On ARM64, int8 activations, as
#: ONNX Runtime recommends (SDOT multiplies int8 by int8).
INT8_TARGETS = {
    "x86": Int8Settings(
        activations="uint8", reduce_range=True
    ),  # uint8 x 7-bit int8: AVX2 VPMADDUBSW, no saturation
    "x86-vnni": Int8Settings(
        activations="uint8", reduce_range=False
    ),  # uint8 x int8: VNNI VPDPBUSD
    "arm": Int8Settings(activations="int8", reduce_range=False),  # int8 x int8: ARM64 SDOT
}


def int8_settings(target: str | None = None) -> tuple[str, Int8Settings]:
    """``(target, settings)`` for `target`, or for this machine's CPU when it is None."""
    target = _machine.target() if target is None else target
    return target, INT8_TARGETS[target]


def validate(
    precision: str,
    *,
    opset: int = DEFAULT_OPSET,
    nchw: bool = False,
    per_channel: bool = True,
    target: str | None = None,
) -> None:
    """Checks the options of one ONNX export before any work is done."""
    if isinstance(opset, bool) or not isinstance(opset, int) or not 13 <= opset <= 18:
        raise ValueError(
            f"opset must be an int from 13 to 18 (tf2onnx 1.17); received opset={opset!r}"
        )
    for argument, value in (("nchw", nchw), ("per_channel", per_channel)):
        if not isinstance(value, bool):
            raise TypeError(f"{argument} must be True or False; received {argument}={value!r}")
    if target is not None:
        _checks.check_choice("target", target, INT8_TARGETS)


@contextlib.contextmanager
def _environ(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


class _NoDeprecationNotes(logging.Filter):
    """Drops TensorFlow's notes on the TF1 graph APIs that tf2onnx calls (not the user's to act
    on)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Instructions for updating" not in record.getMessage()


def _convert(traced: Traced, opset: int, nchw: bool) -> Any:
    """tf2onnx conversion of the trace's frozen graph (`Traced.frozen`, shared with TFLite).

    By default tf2onnx deep-copies the whole graph, weights included, before each of its optimizer
    passes so it can fall back if a pass fails, which takes most of a large model's conversion
    time. Its ``TF2ONNX_CATCH_ERRORS`` switch turns that off (same graph, same outputs); should a
    pass then fail, the conversion is run again with the safety net. Converting the frozen graph
    that the TFLite conversion also uses saves tf2onnx's own freezing of the graph.
    """
    tf2onnx = require("tf2onnx", "export")
    function, _ = traced.frozen()
    inputs = [t.name for t in function.inputs if t.dtype.name != "resource"]
    outputs = [t.name for t in function.outputs]
    graph_def = function.graph.as_graph_def(add_shapes=True)

    def convert() -> Any:
        proto, _ = tf2onnx.convert.from_graph_def(
            graph_def,
            name=traced.concrete.name,
            input_names=inputs,
            output_names=outputs,
            opset=opset,
            inputs_as_nchw=inputs if nchw else None,
            tensors_to_rename=tf2onnx.convert.tensor_names_from_structed(
                traced.concrete, inputs, outputs
            ),
        )
        return proto

    notes = _NoDeprecationNotes()
    logging.getLogger("tensorflow").addFilter(notes)
    gc.collect()  # garbage left by an earlier conversion slows tf2onnx down severalfold
    try:
        with _environ("TF2ONNX_CATCH_ERRORS", "FALSE"):
            return convert()
    except Exception as error:  # an optimizer pass failed without the safety net
        logging.getLogger(__name__).info(
            "tf2onnx fast path failed (%s); converting with error catching", error
        )
        return convert()
    finally:
        logging.getLogger("tensorflow").removeFilter(notes)


def _rename(proto: Any, mapping: dict[str, str]) -> None:
    """Renames graph inputs/outputs (and every reference to them)."""
    for value in [*proto.graph.input, *proto.graph.output]:
        value.name = mapping.get(value.name, value.name)
    for node in proto.graph.node:
        node.input[:] = [mapping.get(n, n) for n in node.input]
        node.output[:] = [mapping.get(n, n) for n in node.output]


def _from_qat_tflite(traced: Traced, opset: int, nchw: bool) -> Any:
    """QDQ ONNX from the QAT model's int8 TFLite (float32 input and outputs, named as in the
    trace)."""
    tf2onnx = require("tf2onnx", "export")
    from keras_resnet.export import tflite as tflite_format

    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "qat_int8.tflite"
        path.write_bytes(tflite_format.convert(traced, "int8"))
        interpreter = tflite_format.tflite_interpreter(path)
        runner = interpreter.get_signature_runner("serving_default")
        names = {d["index"]: d["name"] for d in interpreter.get_tensor_details()}
        mapping = {names[d["index"]]: key for key, d in runner.get_input_details().items()}
        mapping.update({names[d["index"]]: key for key, d in runner.get_output_details().items()})
        image = next(t for t, key in mapping.items() if key == "image")
        gc.collect()
        proto, _ = tf2onnx.convert.from_tflite(
            str(path), opset=opset, inputs_as_nchw=[image] if nchw else None
        )
    _rename(proto, mapping)
    return proto


def calibration_reader(
    images: np.ndarray, label: str, *, input_name: str = "image", nchw: bool = False
) -> Any:
    """ONNX Runtime's calibration reader (``quantize_static``) over `images` (NHWC, model-ready),
    one at a time, with a progress bar; `nchw` transposes them for an NCHW input."""
    from keras_resnet.export import calibration as calibration_lib

    quantization = require("onnxruntime.quantization", "export")
    reader_base: Any = quantization.CalibrationDataReader  # no type information

    class Reader(reader_base):
        def __init__(self) -> None:
            self._batches = iter(calibration_lib.iterate(images, label))

        def get_next(self) -> dict[str, np.ndarray] | None:
            batch = next(self._batches, None)
            if batch is None:
                return None
            return {input_name: batch.transpose(0, 3, 1, 2) if nchw else batch}

    return Reader()


def _quantize(
    proto: Any,
    precision: str,
    calibration: np.ndarray | None,
    nchw: bool,
    per_channel: bool,
    settings: Int8Settings,
) -> Any:
    onnx = require("onnx", "export")
    quantization = require("onnxruntime.quantization", "export")
    types = quantization.QuantType
    with tempfile.TemporaryDirectory() as tmp:
        source, target = pathlib.Path(tmp) / "float32.onnx", pathlib.Path(tmp) / "quantized.onnx"
        onnx.save(proto, source)
        if precision == "dynamic":
            quantization.quantize_dynamic(
                source, target, weight_type=types.QInt8, per_channel=per_channel
            )
        else:
            if calibration is None:
                raise ValueError(f"onnx {precision} needs calibration images")
            quantization.quantize_static(
                source,
                target,
                calibration_reader(calibration, f"calibrating onnx {precision}", nchw=nchw),
                quant_format=quantization.QuantFormat.QDQ,
                per_channel=per_channel,
                reduce_range=settings.reduce_range,
                activation_type=types.QUInt8 if settings.activations == "uint8" else types.QInt8,
                weight_type=types.QInt8,
            )
        return onnx.load(target)


def write(
    traced: Traced,
    path: pathlib.Path,
    *,
    precision: str = "float32",
    calibration: np.ndarray | None = None,
    opset: int = DEFAULT_OPSET,
    nchw: bool = False,
    per_channel: bool = True,
    target: str | None = None,
) -> dict[str, Any]:
    """Converts `traced` to an .onnx file at `path` (``int8`` quantized for the CPU `target`,
    default this machine's; see `INT8_TARGETS`)."""
    validate(precision, opset=opset, nchw=nchw, per_channel=per_channel, target=target)
    onnx = require("onnx", "export")
    if traced.quantization_aware:  # its int8 comes from its training, not from a target's settings
        proto = _from_qat_tflite(traced, opset, nchw)
        return _save(traced, proto, path, precision, opset, nchw)
    key = ("onnx", opset, nchw)
    if key not in traced.cache:  # one conversion per export call; every precision starts from it
        traced.cache[key] = _convert(traced, opset, nchw)
    proto = onnx.ModelProto()
    proto.CopyFrom(traced.cache[key])
    quantized: dict[str, Any] = {}
    if precision == "float16":
        proto = _float16(proto)
    elif precision in ("int8", "dynamic"):
        target, settings = int8_settings(target)
        proto = _quantize(proto, precision, calibration, nchw, per_channel, settings)
        if precision == "int8":
            quantized = {
                "target": target,
                "activations": settings.activations,
                "reduce_range": settings.reduce_range,
            }
    return _save(traced, proto, path, precision, opset, nchw, **quantized)


def _float16(proto: Any) -> Any:
    float16 = require("onnxconverter_common.float16", "export")
    # Softmax stays float32: with keep_io_types, onnxconverter-common mistypes a graph output
    # that Softmax produces directly ("Softmax_cast_to_probabilities"), and float32 is
    # what a softmax wants anyway.
    with warnings.catch_warnings():  # tiny weights flushed to +-1e-7: expected, one warning each
        warnings.filterwarnings(
            "ignore", message=r"the float32 number .* will be truncated", category=UserWarning
        )
        return float16.convert_float_to_float16(
            proto, keep_io_types=True, op_block_list=[*float16.DEFAULT_OP_BLOCK_LIST, "Softmax"]
        )


def _save(
    traced: Traced,
    proto: Any,
    path: pathlib.Path,
    precision: str,
    opset: int,
    nchw: bool,
    **quantized: Any,
) -> dict[str, Any]:
    onnx = require("onnx", "export")
    layout = "NCHW" if nchw else "NHWC"
    metadata = traced.metadata(
        format="onnx", precision=precision, opset=opset, input_layout=layout, **quantized
    )
    onnx.helper.set_model_props(proto, {"keras_resnet_metadata": json.dumps(metadata)})
    proto.producer_name = "keras_resnet"
    onnx.save(proto, path)
    return {"opset": opset, "layout": layout, **quantized}


def _layout(session: Any, details: dict | None) -> str:
    """``"NCHW"`` or ``"NHWC"``: from the export's details, else from the artifact's metadata."""
    if details and "layout" in details:
        return details["layout"]
    metadata = session.get_modelmeta().custom_metadata_map.get("keras_resnet_metadata")
    return json.loads(metadata).get("input_layout", "NHWC") if metadata else "NHWC"


def session_for(path: str | os.PathLike[str], threads: int | None = None) -> Any:
    """An ONNX Runtime CPU session for the .onnx file at `path`, with `threads` intra-op threads
    (default: ONNX Runtime's own choice)."""
    ort = require("onnxruntime", "export")
    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def load(path: str | os.PathLike[str], details: dict | None = None) -> formats.Runner:
    """The .onnx file at `path` in ONNX Runtime (CPU): ``images -> {output name: array}``, the
    images NHWC (transposed for an NCHW artifact); ``details["threads"]`` sets its intra-op
    threads (default: ONNX Runtime's, one per physical core). A file ONNX Runtime cannot load is a
    ValueError naming it."""
    with formats.reading(path, "onnx"):
        session = session_for(path, (details or {}).get(formats.THREADS_KEY))
        names = [o.name for o in session.get_outputs()]
        nchw = _layout(session, details) == "NCHW"

    def run(x: np.ndarray) -> dict[str, np.ndarray]:
        feed = {"image": x.transpose(0, 3, 1, 2) if nchw else x}
        return dict(zip(names, session.run(names, feed), strict=True))

    return run


FORMAT = formats.register_format(
    formats.Format(
        name="onnx",
        write=write,
        load=load,
        suffix=".onnx",
        precisions=PRECISIONS,
        options=OPTIONS,
        calibrated=CALIBRATED,
        quantization_aware=("int8",),
        validate=validate,
        description="ONNX through tf2onnx, run with ONNX Runtime",
    )
)
