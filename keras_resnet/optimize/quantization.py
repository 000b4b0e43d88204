"""Quantization-aware training (QAT) with tensorflow-model-optimization's default 8-bit scheme.

`quantize_aware` takes any model of this library (Keras 3, or its tf_keras twin) and returns a
tfmot QAT model ready for ``compile``/``fit``. Two layer kinds that tfmot's registry does not
know get an explicit configuration:

* a BatchNormalization that does not fold into a convolution before it (the pre-activation
  blocks of ResNet V2 and their final ``post_bn``): its output is quantized, so the int8 TFLite
  has ranges for the multiply-add it becomes;
* the ``Rescaling(0)`` that makes option A's zero channels: its output (all zeros) is quantized
  over a fixed range, since a learned range of a constant collapses to nothing.

With ``calibration_data``, every quantizer's range starts at the range measured on those images
(weights: their own min/max; activations: the float model's), so the model is as good as
post-training quantization before the first step; tfmot starts activation ranges at [-6, 6]
and moves them with a 0.999 moving average, which takes thousands of steps.

Export the trained QAT model with `keras_resnet.export.export(qat_model, ..., quantize="int8")`:
the TFLite converter turns the learned ranges into a full-int8 model (no calibration needed),
and the ONNX model is converted from that int8 TFLite by tf2onnx, as QDQ.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from keras_resnet._kinds import is_quantization_aware
from keras_resnet._optional import require, require_tfmot
from keras_resnet.optimize import twin as twin_lib

tfmot = require_tfmot()
tfk = require("tf_keras", "optimize")
_qk = tfmot.quantization.keras
_QuantizeConfig: Any = _qk.QuantizeConfig  # tfmot has no type information

#: the range of the fixed quantizer for constant outputs (zero is exact in it)
_FIXED_RANGE = (-1.0, 1.0)
_FOLLOWS_WEIGHTED = ("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Dense")


@tfk.utils.register_keras_serializable(package="keras_resnet")
class OutputQuantizeConfig(_QuantizeConfig):
    """Quantizes only a layer's output: 8-bit, per tensor, asymmetric; over a moving-average
    range, or over `fixed_range` for a layer whose output is constant."""

    def __init__(self, fixed_range: Sequence[float] | None = None) -> None:
        self.fixed_range = tuple(fixed_range) if fixed_range is not None else None

    def get_weights_and_quantizers(self, layer: Any) -> list:
        return []

    def get_activations_and_quantizers(self, layer: Any) -> list:
        return []

    def set_quantize_weights(self, layer: Any, quantize_weights: list) -> None:
        pass

    def set_quantize_activations(self, layer: Any, quantize_activations: list) -> None:
        pass

    def get_output_quantizers(self, layer: Any) -> list:
        if self.fixed_range is not None:
            low, high = self.fixed_range
            return [
                _qk.quantizers.FixedQuantizer(
                    num_bits=8, init_min=low, init_max=high, narrow_range=False
                )
            ]
        return [
            _qk.quantizers.MovingAverageQuantizer(
                num_bits=8, per_axis=False, symmetric=False, narrow_range=False
            )
        ]

    def get_config(self) -> dict[str, Any]:
        return {"fixed_range": list(self.fixed_range) if self.fixed_range is not None else None}


CUSTOM_OBJECTS = {"OutputQuantizeConfig": OutputQuantizeConfig}


def quantize_scope() -> Any:
    """The scope in which saved QAT models load:
    ``with quantize_scope(): tf_keras.models.load_model(p)``."""
    return _qk.quantize_scope(CUSTOM_OBJECTS)


def _folds(bn: Any) -> bool:
    """True when tfmot folds this BatchNormalization into the layer before it: a linear
    convolution or Dense whose only consumer it is (tfmot's Conv2DBatchNormQuantize pattern)."""
    sources = [
        layer for node in bn.inbound_nodes for layer in twin_lib.as_list(node.inbound_layers)
    ]
    return (
        len(sources) == 1
        and type(sources[0]).__name__ in _FOLLOWS_WEIGHTED
        and getattr(sources[0].activation, "__name__", "") == "linear"
        and len(sources[0].outbound_nodes) == 1
    )


def _explicit_config(layer: Any) -> OutputQuantizeConfig | None:
    """The QuantizeConfig for a layer tfmot's registry does not cover, else None."""
    kind = type(layer).__name__
    if kind == "Rescaling":
        if float(layer.scale) == 0.0 and float(layer.offset) == 0.0:
            return OutputQuantizeConfig(fixed_range=_FIXED_RANGE)
        return OutputQuantizeConfig()
    if kind == "BatchNormalization" and not _folds(layer):
        return OutputQuantizeConfig()
    return None


def _annotate(model: Any) -> Any:
    def annotate(layer: Any) -> Any:
        if isinstance(layer, tfk.layers.InputLayer):
            return layer
        if isinstance(layer, tfk.Model):
            raise ValueError(
                f"layer {layer.name!r} is a nested model; tfmot quantizes flat models only. "
                "Build the model as one functional graph (e.g. input_tensor=...)"
            )
        return _qk.quantize_annotate_layer(layer, quantize_config=_explicit_config(layer))

    return tfk.models.clone_model(model, clone_function=annotate)


def _images(data: Any, model: Any, size: int) -> np.ndarray:
    from keras_resnet import preprocessing
    from keras_resnet.export import calibration as calibration_lib

    shape = tuple(model.input_shape[1:])
    return calibration_lib.load(
        data, input_shape=shape, preprocessing=preprocessing.get("none"), limit=size
    )


def _observed_ranges(
    float_model: Any, images: np.ndarray, batch_size: int = 32
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """min/max of every layer's output (and of a Dense/Conv's pre-activation) of the float twin."""
    layers = [layer for layer in float_model.layers if not isinstance(layer, tfk.layers.InputLayer)]
    probe = tfk.Model(float_model.inputs, [layer.output for layer in layers])
    ranges: dict[str, list[float]] = {}
    pre_activation: dict[str, list[float]] = {}
    for start in range(0, len(images), batch_size):
        outputs = probe(images[start : start + batch_size], training=False)
        by_name = dict(zip([layer.name for layer in layers], outputs, strict=True))
        for layer, value in zip(layers, outputs, strict=True):
            value = value.numpy()
            low, high = ranges.get(layer.name, (np.inf, -np.inf))
            ranges[layer.name] = [min(low, float(value.min())), max(high, float(value.max()))]
            activation = getattr(layer, "activation", None)
            if activation is not None and getattr(activation, "__name__", "") != "linear":
                source = _inbound_layer(layer)
                x = (
                    by_name[source.name]
                    if source.name in by_name
                    else images[start : start + batch_size]
                )
                pre = _linear_call(layer, x).numpy()
                low, high = pre_activation.get(layer.name, (np.inf, -np.inf))
                pre_activation[layer.name] = [
                    min(low, float(pre.min())),
                    max(high, float(pre.max())),
                ]
    return ranges, pre_activation


def _inbound_layer(layer: Any) -> Any:
    return twin_lib.as_list(layer.inbound_nodes[0].inbound_layers)[0]


def _linear_call(layer: Any, x: Any) -> Any:
    activation = layer.activation
    layer.activation = tfk.activations.linear
    try:
        return layer(x)
    finally:
        layer.activation = activation


def initialize_ranges(
    qat_model: Any, float_model: Any, images: np.ndarray, *, batch_size: int = 32
) -> int:
    """Sets every quantizer's range from data: weight ranges from the weights themselves (one
    forward pass in training mode with BatchNormalization frozen), activation ranges from the
    float model's outputs on `images`. Returns the number of activation ranges set."""
    frozen = []
    for wrapper in qat_model.layers:
        inner = getattr(wrapper, "layer", None)
        if isinstance(inner, tfk.layers.BatchNormalization) and inner.trainable:
            inner.trainable = False  # inference-mode BN even under training=True
            frozen.append(inner)
    try:
        qat_model(
            images[:batch_size], training=True
        )  # LastValue (weights) and AllValues (input) ranges
    finally:
        for layer in frozen:
            layer.trainable = True
    ranges, pre_activation = _observed_ranges(float_model, images, batch_size)
    count = 0
    for wrapper in qat_model.layers:
        inner = getattr(wrapper, "layer", None)
        if inner is None:
            continue
        for variable in wrapper.non_trainable_weights:
            short = variable.name.split("/")[-1].split(":")[0]
            kind, _, bound = short.rpartition("_")
            source = {
                "output": ranges,
                "post_activation": ranges,
                "pre_activation": pre_activation,
            }.get(kind)
            if source is None or bound not in ("min", "max") or inner.name not in source:
                continue
            low, high = source[inner.name]
            value = (
                min(low, 0.0) if bound == "min" else max(high, 0.0)
            )  # zero must be representable
            variable.assign(np.full(variable.shape, value, dtype="float32"))
            count += 1
    return count


def quantize_aware(model: Any, *, calibration_data: Any = None, calibration_size: int = 256) -> Any:
    """A quantization-aware training (QAT) model of `model`, ready for ``compile``/``fit``.

    Args:
        model: a model built by this library (Keras 3) or its tf_keras twin; flat (no nested
            models).
        calibration_data: optional model-ready images (array or ``tf.data.Dataset``) from which the
            quantization ranges start (see `initialize_ranges`); without it, tfmot's defaults.
        calibration_size: at most this many calibration images are used.

    Returns:
        A tf_keras model with tfmot's fake-quantization wrappers (the default 8-bit scheme:
        per-channel symmetric int8 weights, per-tensor asymmetric int8 activations, BatchNorm
        folded into the preceding convolution's quantized output).

    Example:
        >>> import numpy as np, keras_resnet
        >>> from keras_resnet.optimize import quantize_aware
        >>> model = keras_resnet.CifarResNet20(input_shape=(16, 16, 3), classes=4)
        >>> x = np.random.default_rng(0).random((8, 16, 16, 3), dtype="float32")
        >>> qat = quantize_aware(model, calibration_data=x)
        >>> qat.compile("sgd", "sparse_categorical_crossentropy")
        >>> bool(np.argmax(qat(x).numpy(), -1).shape == (8,))
        True
    """
    twin = twin_lib.to_tf_keras(model)
    if is_quantization_aware(twin):
        raise ValueError(f"model {twin.name!r} is already quantization-aware")
    annotated = _annotate(twin)
    with quantize_scope():
        qat = _qk.quantize_apply(annotated)
    if calibration_data is not None:
        images = _images(calibration_data, twin, calibration_size)
        initialize_ranges(qat, twin, images)
    return qat


__all__ = [
    "CUSTOM_OBJECTS",
    "OutputQuantizeConfig",
    "initialize_ranges",
    "is_quantization_aware",
    "quantize_aware",
    "quantize_scope",
]
