"""Parameter and MAC counts of Keras models, from layer shapes alone (no forward pass).

MACs (multiply-accumulates) count convolutions and dense layers, as torchvision's and timm's
published figures do; BatchNorm, activations, pooling and additions are not counted (together
they add well under 1% to a ResNet).
"""

from __future__ import annotations

import math

import keras


def count_params(model: keras.Model, *, trainable_only: bool = True) -> int:
    """Trainable parameters (default), or all weights including BatchNorm moving statistics.

    Example:
        >>> import keras_resnet
        >>> count_params(keras_resnet.CifarResNet20())
        269722
    """
    weights = model.trainable_weights if trainable_only else model.weights
    return int(sum(math.prod(w.shape) for w in weights))


def _static(shape, layer):
    dims = tuple(shape)[1:]
    if any(d is None for d in dims):
        raise ValueError(
            f"count_macs needs static shapes, but layer {layer.name!r} has shape {tuple(shape)}; "
            "build the model with a fixed input_shape=(height, width, channels)"
        )
    return dims


def _conv_macs(layer):
    out = _static(layer.output.shape, layer)
    cin = _static(layer.input.shape, layer)[-1]
    return math.prod(out[:-1]) * out[-1] * math.prod(layer.kernel_size) * cin // layer.groups


def _depthwise_macs(layer):
    out = _static(layer.output.shape, layer)
    return math.prod(out) * math.prod(layer.kernel_size)


def _separable_macs(layer):
    out = _static(layer.output.shape, layer)
    cin = _static(layer.input.shape, layer)[-1]
    spatial = math.prod(out[:-1])
    return spatial * cin * layer.depth_multiplier * (math.prod(layer.kernel_size) + out[-1])


def _dense_macs(layer):
    inp = _static(layer.input.shape, layer)
    return math.prod(inp) * layer.units


# Ordered: subclasses before their bases.
_MAC_RULES = (
    (keras.layers.DepthwiseConv2D, _depthwise_macs),
    (keras.layers.SeparableConv2D, _separable_macs),
    ((keras.layers.Conv1D, keras.layers.Conv2D, keras.layers.Conv3D), _conv_macs),
    (keras.layers.Dense, _dense_macs),
)


def count_macs(model: keras.Model) -> int:
    """Multiply-accumulates of one input through `model` (batch size 1), from its layer shapes.

    Nested models are walked. The model must have a static input shape.

    Example:
        >>> import keras_resnet
        >>> round(count_macs(keras_resnet.ResNet18()) / 1e9, 2)
        1.81
    """
    total = 0
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            total += count_macs(layer)
            continue
        for kinds, rule in _MAC_RULES:
            if isinstance(layer, kinds):
                total += rule(layer)
                break
    return int(total)
