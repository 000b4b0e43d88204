"""TFLite (LiteRT) through TensorFlow's converter, from the export's single trace.

Precisions: ``float32``; ``float16`` (float16 weights); ``dynamic`` (int8 weights, float
activations); ``int8`` (int8 weights and activations, calibrated; optional int8/uint8 input and
output); ``int16x8`` (int16 activations, int8 weights, calibrated). A quantization-aware (tfmot
QAT) model converts to ``int8`` from its learned ranges, without calibration.
``sparse_weights=True`` stores the weights of a pruned model in TFLite's sparse tensor format
(float32/float16; the runtime densifies them when it loads the model): a smaller file, and one
that compresses further.
"""

from __future__ import annotations

import json
import os
import pathlib
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import tensorflow as tf

from keras_resnet.export import calibration as calibration_lib
from keras_resnet.export import formats

if TYPE_CHECKING:
    from keras_resnet.export._trace import Traced

PRECISIONS = ("float32", "float16", "dynamic", "int8", "int16x8")
OPTIONS = ("inference_input_type", "inference_output_type", "sparse_weights")
SPARSE_PRECISIONS = ("float32", "float16")  # sparse int8 kernels fail to prepare in XNNPACK
CALIBRATED = ("int8", "int16x8")
METADATA_NAME = "keras_resnet_metadata"

_IO_TYPES = {"float32": tf.float32, "int8": tf.int8, "uint8": tf.uint8, "int16": tf.int16}
_ALLOWED_IO = {
    "float32": ("float32",),
    "float16": ("float32",),
    "dynamic": ("float32",),
    "int8": ("float32", "int8", "uint8"),
    "int16x8": ("float32", "int16"),
}


def _configure(
    converter: Any,
    precision: str,
    calibration: np.ndarray | None,
    quantization_aware: bool = False,
    sparse_weights: bool = False,
) -> None:
    converter.optimizations = [tf.lite.Optimize.EXPERIMENTAL_SPARSITY] if sparse_weights else []
    if precision == "float32":
        return
    converter.optimizations.append(tf.lite.Optimize.DEFAULT)
    if quantization_aware:  # the fake-quant ranges learned in training give every int8 scale
        return
    if precision == "float16":
        converter.target_spec.supported_types = [tf.float16]
    elif precision in CALIBRATED:
        if calibration is None:
            raise ValueError(f"tflite {precision} needs calibration images")
        converter.representative_dataset = lambda: (
            [x] for x in calibration_lib.iterate(calibration, f"calibrating tflite {precision}")
        )
        ops = tf.lite.OpsSet
        converter.target_spec.supported_ops = [
            ops.TFLITE_BUILTINS_INT8
            if precision == "int8"
            else ops.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8
        ]


def _signature(schema: Any, outputs: list[str]) -> Any:
    """The ``serving_default`` signature of subgraph 0: its one input ``image``, its outputs named
    in their order."""
    signature = schema.SignatureDefT()
    signature.signatureKey = "serving_default"
    signature.subgraphIndex = 0
    signature.inputs, signature.outputs = [], []
    for names, tensors in ((["image"], signature.inputs), (outputs, signature.outputs)):
        for index, name in enumerate(names):
            entry = schema.TensorMapT()
            entry.name, entry.tensorIndex = name, index  # resolved to tensor indices by the caller
            tensors.append(entry)
    return signature


def add_metadata(model_bytes: bytes, metadata: dict, outputs: list[str] | None = None) -> bytes:
    """Stores `metadata` as JSON in the flatbuffer's metadata table (name
    ``keras_resnet_metadata``), and, for a model converted without one, the ``serving_default``
    signature with the `outputs` named in their order (in one pass over the flatbuffer, since each
    pass over a large model's flatbuffer is slow)."""
    from tensorflow.lite.python import schema_py_generated as schema
    from tensorflow.lite.tools import flatbuffer_utils

    model = flatbuffer_utils.convert_bytearray_to_object(bytearray(model_bytes))
    if outputs is not None and not model.signatureDefs:
        signature = _signature(schema, outputs)
        subgraph = model.subgraphs[0]
        for entry, tensors in (
            (signature.inputs, subgraph.inputs),
            (signature.outputs, subgraph.outputs),
        ):
            for item in entry:
                item.tensorIndex = int(tensors[item.tensorIndex])
        model.signatureDefs = [signature]
    buffer = schema.BufferT()
    buffer.data = list(json.dumps(metadata).encode())
    model.buffers.append(buffer)
    entry = schema.MetadataT()
    entry.name = METADATA_NAME
    entry.buffer = len(model.buffers) - 1
    model.metadata = (model.metadata or []) + [entry]
    return bytes(flatbuffer_utils.convert_object_to_bytearray(model))


def read_metadata(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The keras_resnet metadata stored in a .tflite file, or None; a file that is not a TFLite
    flatbuffer is a ValueError naming it."""
    from tensorflow.lite.tools import flatbuffer_utils

    with formats.reading(path, "tflite"):
        model = flatbuffer_utils.read_model(str(path))
        for entry in model.metadata or []:
            name = entry.name.decode() if isinstance(entry.name, bytes) else entry.name
            if name == METADATA_NAME:
                return json.loads(bytes(model.buffers[entry.buffer].data).decode())
    return None


def validate(
    precision: str,
    *,
    inference_input_type: str = "float32",
    inference_output_type: str = "float32",
    sparse_weights: bool = False,
) -> None:
    """Checks the options of one TFLite export before any work is done."""
    if not isinstance(sparse_weights, bool):
        raise TypeError(
            f"sparse_weights must be True or False; received sparse_weights={sparse_weights!r}"
        )
    if sparse_weights and precision not in SPARSE_PRECISIONS:
        raise ValueError(
            f"sparse_weights=True is offered for tflite {' and '.join(SPARSE_PRECISIONS)}; "
            f"received quantize={precision!r}"
        )
    for argument, value in (
        ("inference_input_type", inference_input_type),
        ("inference_output_type", inference_output_type),
    ):
        if value not in _ALLOWED_IO[precision]:
            raise ValueError(
                f"{argument} for tflite {precision} must be one of "
                f"{', '.join(repr(v) for v in _ALLOWED_IO[precision])}; received "
                f"{argument}={value!r}"
            )


def convert(
    traced: Traced,
    precision: str,
    calibration: np.ndarray | None = None,
    inference_input_type: str = "float32",
    inference_output_type: str = "float32",
    sparse_weights: bool = False,
) -> bytes:
    """The .tflite bytes of `traced` (without metadata); cached per export call."""
    key = ("tflite", precision, inference_input_type, inference_output_type, sparse_weights)
    if key not in traced.cache:
        traced.require_static("TFLite export")
        converter = tf.lite.TFLiteConverter.from_concrete_functions(
            [traced.concrete], traced.module
        )
        if not traced.quantization_aware:
            _share_frozen_graph(converter, traced)
        _configure(converter, precision, calibration, traced.quantization_aware, sparse_weights)
        if precision in CALIBRATED:
            converter.inference_input_type = _IO_TYPES[inference_input_type]
            converter.inference_output_type = _IO_TYPES[inference_output_type]
        with warnings.catch_warnings():
            # The graph path asks for input statistics the calibration supplies anyway.
            warnings.filterwarnings(
                "ignore",
                message="Statistics for quantized inputs were expected",
                category=UserWarning,
            )
            traced.cache[key] = converter.convert()
    return traced.cache[key]


def _share_frozen_graph(converter: Any, traced: Traced) -> None:
    """Makes `converter` convert the export's one frozen graph (`Traced.frozen`, shared with ONNX).

    By default TensorFlow's converter saves the trace as a temporary SavedModel, loads it back and
    freezes it, which takes about as long again as converting the frozen graph. The hook is
    the converter's own freezing step (`_freeze_concrete_function`, private: where a TensorFlow
    release lacks it, its default path runs). A quantization-aware model keeps the default path,
    which reads the fake-quant ranges from the SavedModel.
    """
    if not callable(getattr(converter, "_freeze_concrete_function", None)):
        return
    function, graph_def = traced.frozen()
    inputs = [t for t in function.inputs if t.dtype != tf.resource]
    converter.experimental_lower_to_saved_model = False
    converter._freeze_concrete_function = lambda: (graph_def, inputs, function.outputs, function)


def write(
    traced: Traced,
    path: pathlib.Path,
    *,
    precision: str = "float32",
    calibration: np.ndarray | None = None,
    inference_input_type: str = "float32",
    inference_output_type: str = "float32",
    sparse_weights: bool = False,
) -> dict[str, Any]:
    """Converts `traced` to a .tflite file at `path`."""
    validate(
        precision,
        inference_input_type=inference_input_type,
        inference_output_type=inference_output_type,
        sparse_weights=sparse_weights,
    )
    model_bytes = convert(
        traced, precision, calibration, inference_input_type, inference_output_type, sparse_weights
    )
    details = {
        "inference_input_type": inference_input_type,
        "inference_output_type": inference_output_type,
        "sparse_weights": sparse_weights,
    }
    metadata = traced.metadata(format="tflite", precision=precision, **details)
    outputs = tf.nest.flatten(
        {name: name for name in traced.output_names}
    )  # the order of the converted outputs
    path.write_bytes(add_metadata(model_bytes, metadata, outputs))
    return details


def tflite_interpreter(path: str | os.PathLike[str], num_threads: int | None = None) -> Any:
    """A LiteRT interpreter for the .tflite file at `path` (TensorFlow's own if LiteRT is absent),
    using `num_threads` CPU threads (default: all cores, as ONNX Runtime does)."""
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError:  # TensorFlow's own interpreter as a fallback
        Interpreter = tf.lite.Interpreter
    return Interpreter(model_path=str(path), num_threads=num_threads or os.cpu_count())


def _quantize_input(x: np.ndarray, detail: dict[str, Any]) -> np.ndarray:
    scale, zero = detail["quantization"]
    if detail["dtype"] == np.float32 or not scale:
        return x.astype(detail["dtype"])
    info = np.iinfo(detail["dtype"])
    return np.clip(np.round(x / scale + zero), info.min, info.max).astype(detail["dtype"])


def _dequantize_output(y: np.ndarray, detail: dict[str, Any]) -> np.ndarray:
    scale, zero = detail["quantization"]
    if detail["dtype"] == np.float32 or not scale:
        return y.astype("float32")
    return ((y.astype("float32") - zero) * scale).astype("float32")


def load(path: str | os.PathLike[str], details: dict | None = None) -> formats.Runner:
    """The .tflite file at `path` in LiteRT: ``images -> {output name: array}``, float32 in and
    out (an int8/uint8/int16 input or output is quantized and dequantized with its own scale);
    ``details["threads"]`` sets its threads (default: every core). A file LiteRT cannot load is
    a ValueError naming it."""
    with formats.reading(path, "tflite"):
        runner = tflite_interpreter(
            path, (details or {}).get(formats.THREADS_KEY)
        ).get_signature_runner("serving_default")
        inputs = runner.get_input_details()["image"]
        outputs = runner.get_output_details()

    def run(x: np.ndarray) -> dict[str, np.ndarray]:
        result = runner(image=_quantize_input(x, inputs))
        return {name: _dequantize_output(value, outputs[name]) for name, value in result.items()}

    return run


FORMAT = formats.register_format(
    formats.Format(
        name="tflite",
        write=write,
        load=load,
        suffix=".tflite",
        precisions=PRECISIONS,
        options=OPTIONS,
        calibrated=CALIBRATED,
        quantization_aware=("int8",),
        validate=validate,
        description="TFLite (LiteRT) flatbuffer, run with LiteRT",
    )
)
