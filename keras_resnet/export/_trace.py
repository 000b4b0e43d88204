"""One trace of a Keras model per export call, shared by every format.

The serving function takes ``image`` (float32, ``[batch, height, width, channels]``, dynamic
batch) and returns named outputs: ``logits`` and ``probabilities`` for a model that ends in a
linear Dense layer, ``probabilities`` for one that ends in softmax, ``output`` otherwise, and one
output per feature map, named by its layer (``conv2_block3_out``, ...), for a backbone built with
``features=True``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.metadata
from collections.abc import Iterable, Sequence
from typing import Any

import keras
import tensorflow as tf

from keras_resnet import _kinds
from keras_resnet import preprocessing as preprocessing_lib


@dataclasses.dataclass
class Traced:
    model: keras.Model
    name: str
    input_shape: tuple  # (height, width, channels); height/width may be None
    output_kind: str  # "logits", "probabilities", "output" or "features"
    output_names: tuple[str, ...]
    preprocessing: preprocessing_lib.Preprocessing
    class_names: tuple[str, ...] | None
    spec: tf.TensorSpec
    function: Any  # the tf.function
    concrete: Any  # its one concrete function
    module: tf.Module  # tracks the model's tf.Variables, so converters can freeze them
    quantization_aware: bool = False  # a tfmot QAT model: int8 ranges are learned, not calibrated
    data_format: str = "channels_last"  # the exported model's own layout (traced channels_last)
    cache: dict = dataclasses.field(default_factory=dict)  # conversions shared between precisions

    @property
    def static(self) -> bool:
        return None not in self.input_shape[:2]

    def require_static(self, why: str) -> None:
        if not self.static:
            raise ValueError(
                f"{why} needs a fixed input size, but model {self.name!r} takes input_shape="
                f"{self.input_shape}; pass input_size=(height, width) (or an int)"
            )

    def frozen(self) -> tuple[Any, Any]:
        """The trace with its variables frozen into constants, ``(function, graph_def)``: computed
        once per export and shared by the TFLite and ONNX conversions, which otherwise freeze it
        each on their own (a slow step for a large model)."""
        if "frozen" not in self.cache:
            # What both converters call themselves (tf2onnx with aggressive inlining, so do we).
            from tensorflow.python.framework import convert_to_constants

            self.cache["frozen"] = convert_to_constants.convert_variables_to_constants_v2_as_graph(
                self.concrete, lower_control_flow=False, aggressive_inlining=True
            )
        return self.cache["frozen"]

    def metadata(self, **extra: Any) -> dict[str, Any]:
        versions = {}
        for package in ("keras-resnet", "keras", "tensorflow"):
            try:
                versions[package] = importlib.metadata.version(package)
            except importlib.metadata.PackageNotFoundError:
                versions[package] = "unknown"
        return {
            "model_name": self.name,
            "input_name": "image",
            "input_shape": list(self.input_shape),
            "input_layout": "NHWC",
            "model_data_format": self.data_format,
            "outputs": list(self.output_names),
            "classes": None if self.output_kind == "features" else int(self.model.output_shape[-1]),
            "class_names": list(self.class_names) if self.class_names else None,
            "preprocessing": self.preprocessing.as_dict(),
            "pretrained": getattr(self.model, "pretrained_cfg", None),
            "versions": versions,
            **extra,
        }


def model_preprocessing(model: Any) -> preprocessing_lib.Preprocessing:
    """The normalization of the weights `model` was built with (its ``pretrained_cfg``, set by a
    preset), else ``"none"``."""
    config = getattr(model, "pretrained_cfg", None)
    if config and config.get("preprocessing"):
        return preprocessing_lib.Preprocessing.from_dict(config["preprocessing"])
    return preprocessing_lib.get("none")


def output_kind(model: Any) -> str:
    """``logits`` (a linear Dense head), ``probabilities`` (softmax), ``features`` (several
    outputs: a backbone's feature maps) or ``output``."""
    if len(model.outputs) > 1:
        return "features"
    layer = model.layers[-1]
    layer = getattr(layer, "layer", layer)  # a tfmot wrapper holds the layer
    activation = getattr(layer, "activation", None)
    activation = getattr(activation, "activation", activation)  # tfmot's QuantizeAwareActivation
    name = getattr(activation, "__name__", "")
    if name == "softmax":
        return "probabilities"
    if type(layer).__name__ == "Dense" and name == "linear":
        return "logits"
    return "output"


def check_model(model: Any) -> None:
    """A Keras 3 model, or a tf_keras one (a twin, a QAT or pruned model from
    keras_resnet.optimize)."""
    if not (isinstance(model, keras.Model) or _kinds.is_tf_keras_model(model)):
        raise TypeError(
            f"model must be a keras.Model (or a tf_keras.Model); received model={model!r}"
        )
    if _kinds.is_pruning_wrapped(model):
        raise ValueError(
            f"model {model.name!r} still has pruning wrappers; strip them first with "
            "keras_resnet.optimize.strip_pruning(model)"
        )


def _input_shape(model: Any, input_size: int | Sequence[int] | None) -> tuple:
    check_model(model)
    if len(model.inputs) != 1:
        raise ValueError(
            f"model must take one image input; {model.name!r} takes {len(model.inputs)}"
        )
    shape = tuple(model.inputs[0].shape)
    if len(shape) != 4:
        raise ValueError(
            f"model must take 4-D images (batch, height, width, channels); {model.name!r} takes "
            f"{shape}"
        )
    height, width, channels = shape[1:]
    if input_size is not None:
        if isinstance(input_size, int) and not isinstance(input_size, bool):
            input_size = (input_size, input_size)
        if (
            not isinstance(input_size, (tuple, list))
            or len(input_size) != 2
            or not all(isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in input_size)
        ):
            raise ValueError(
                f"input_size must be an int or (height, width); received input_size={input_size!r}"
            )
        for built, wanted in zip((height, width), input_size, strict=True):
            if built is not None and built != wanted:
                raise ValueError(
                    f"input_size={tuple(input_size)} disagrees with the model's fixed input shape "
                    f"{shape[1:]}"
                )
        height, width = input_size
    return (height, width, channels)


@contextlib.contextmanager
def plain_grouped_convolutions() -> Any:
    """While tracing, grouped convolutions (ResNeXt) become one plain ``Conv2D`` op.

    Keras' TensorFlow backend wraps every grouped convolution in its own XLA-compiled function
    (``keras/src/backend/tensorflow/nn.py``: "grouped convolutions are broken on CPU without XLA"),
    which neither tf2onnx nor the TFLite converter reads (tf2onnx stops at the nested
    ``StatefulPartitionedCall``). TensorFlow itself has run grouped ``Conv2D`` on CPU for several
    releases (eagerly and in graphs), and both converters map it to a grouped ``Conv``
    / ``CONV_2D``, so the trace calls ``tf.nn.convolution`` directly for them.
    """
    from keras.src.backend.tensorflow import nn as tf_backend_nn

    keras_conv = tf_backend_nn.conv

    def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
        grouped = data_format in (None, "channels_last") and inputs.shape[-1] != kernel.shape[-2]
        if not grouped or len(inputs.shape) != 4:
            return keras_conv(inputs, kernel, strides, padding, data_format, dilation_rate)
        return tf.nn.convolution(
            inputs, kernel, strides, padding.upper(), data_format="NHWC", dilations=dilation_rate
        )

    tf_backend_nn.conv = conv
    try:
        yield
    finally:
        tf_backend_nn.conv = keras_conv


def trace(
    model: Any,
    *,
    input_size: int | Sequence[int] | None = None,
    preprocessing: str | preprocessing_lib.Preprocessing = "none",
    class_names: Iterable[object] | None = None,
) -> Traced:
    """Traces `model` once into a serving `tf.function` with named input and outputs."""
    input_shape = _input_shape(model, input_size)
    preset = preprocessing_lib.get(preprocessing)
    preset.check_channels(input_shape[-1])
    kind = output_kind(model)
    names = None if class_names is None else tuple(str(c) for c in class_names)
    if names is not None and (kind == "features" or len(names) != model.output_shape[-1]):
        raise ValueError(
            f"class_names has {len(names)} names but the model has {model.output_shape[-1]} outputs"
        )
    spec = tf.TensorSpec([None, *input_shape], tf.float32, name="image")

    if kind == "features":
        feature_names = list(model.output_names)  # the layer of each feature map

        def serve(image):
            outputs = model(image, training=False)
            return {n: tf.cast(o, tf.float32) for n, o in zip(feature_names, outputs, strict=True)}

    elif kind == "logits":

        def serve(image):
            logits = tf.cast(model(image, training=False), tf.float32)
            return {"logits": logits, "probabilities": tf.nn.softmax(logits)}

    else:

        def serve(image):
            return {kind: tf.cast(model(image, training=False), tf.float32)}

    function = tf.function(serve, input_signature=[spec], autograph=False)
    with plain_grouped_convolutions():
        concrete = function.get_concrete_function()
    module = tf.Module()
    # Keras 3 variables wrap tf.Variables; the converters freeze what the module tracks.
    module.model_variables = [
        v.value if isinstance(v, keras.Variable) else v for v in model.variables
    ]
    module.serve = function
    return Traced(
        model=model,
        name=model.name,
        input_shape=input_shape,
        output_kind=kind,
        output_names=tuple(concrete.structured_outputs),
        preprocessing=preset,
        class_names=names,
        spec=spec,
        function=function,
        concrete=concrete,
        module=module,
        quantization_aware=_kinds.is_quantization_aware(model),
    )
