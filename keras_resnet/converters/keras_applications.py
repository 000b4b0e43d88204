"""keras.applications ResNet weights -> this library's models: ResNet50/101/152 into the original
form (``resnet50``), ResNet50V2/101V2/152V2 into the pre-activation models in keras.applications'
layout (``resnet50v2_keras``: ``v2_layout="keras"``).

keras.applications' convolutions carry a bias and its BatchNormalization uses epsilon 1.001e-5;
ours use epsilon 1e-5, and only the V2 layout's convolutions that no BatchNorm follows have a bias.
Every other bias is folded into the next BatchNorm's moving mean, and the epsilon difference into
each moving variance::

    BN(conv(x) + b; mean, var, eps_k) = BN(conv(x); mean - b, var + eps_k - eps, eps)

so the model computes the same function, up to float rounding. The layer names are the same in
both libraries (keras.applications' V2 leaves its 1x1 max-pool shortcuts unnamed; they have no
weights).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from keras_resnet.converters.naming import Naming

if TYPE_CHECKING:
    import keras

#: keras.applications' BatchNormalization epsilon in its ResNets
SOURCE_EPSILON = 1.001e-5


def describe(keys: Iterable[str]) -> str:
    layers = {k.split("/")[0] for k in keys}
    blocks = [
        len({n.split("_")[1] for n in layers if n.startswith(f"conv{s}_block")})
        for s in range(2, 6)
    ]
    form = "V2 (pre-activation)" if "post_bn" in layers else "V1"
    return f"a keras.applications ResNet {form} with blocks {blocks}"


def check_model(model: keras.Model) -> None:
    names = {layer.name for layer in model.layers}
    if any(name.endswith("_preact_bn") for name in names):
        _check_v2(model, names)
        return
    if "conv1_1_conv" in names or any(name.endswith("_0_pool") for name in names):
        raise ValueError(
            f"model {model.name!r} has a deep stem or an average-pool shortcut (C/D); "
            "keras.applications weights fit the original form ('resnet50')"
        )
    first = model.get_layer("conv3_block1_1_conv") if "conv3_block1_3_conv" in names else None
    if first is not None and tuple(first.strides) == (1, 1):
        raise ValueError(
            f"model {model.name!r} strides in the 3x3 convolution (B form); keras.applications "
            "ResNets stride in the first 1x1: use the original form (e.g. 'resnet50')"
        )


def _check_v2(model: keras.Model, names: set[str]) -> None:
    """keras.applications' V2 weights fit the V2 models in its own layout only: the same shapes
    mean another network in timm's layout (stride in the first block, no conv biases)."""
    if "conv1_1_conv" in names or any(
        type(layer).__name__ == "AveragePooling2D" for layer in model.layers
    ):
        raise ValueError(
            f"model {model.name!r} has a deep stem or an average-pool shortcut (V2-C/D); "
            "keras.applications' V2 weights fit 'resnet50v2_keras' (and 101/152)"
        )
    if not model.get_layer("conv1_conv").use_bias:
        raise ValueError(
            f"model {model.name!r} is a pre-activation ResNet in timm's layout (stride in the "
            "first block of a stage); keras.applications' ResNet V2 weights need "
            "v2_layout='keras' (e.g. 'resnet50v2_keras')"
        )


NAMING = Naming("/", "kernel", "bias", ("gamma", "beta", "moving_mean", "moving_variance"))
HEAD_PREFIX: tuple[str, ...] = ("predictions/",)


def layer_keys(model: keras.Model, layer: keras.layers.Layer) -> list[str]:
    """The file's keys of `layer`'s weights, in Keras' order (the layer names are shared)."""
    keys = NAMING.keys(layer.name, layer)
    if keys is None:
        raise ValueError(
            f"layer {layer.name!r} ({type(layer).__name__}) has no keras.applications counterpart"
        )
    return keys


def convert(
    model: keras.Model,
    layer: keras.layers.Layer,
    arrays: list[np.ndarray],
    tensors: dict[str, np.ndarray],
    *,
    source_epsilon: float = SOURCE_EPSILON,
) -> tuple[list[np.ndarray], list[str]]:
    """``(arrays, further keys consumed)``: a BatchNorm takes its convolution's bias into its
    moving mean (consuming that key) and the epsilon difference into its moving variance."""
    if type(layer).__name__ != "BatchNormalization":
        return arrays, []
    gamma, beta, mean, variance = (np.asarray(a, dtype="float64") for a in arrays)
    conv = layer.name[: -len("_bn")] + "_conv"
    bias_key = f"{conv}/bias"
    consumed: list[str] = []
    if bias_key in tensors and not model.get_layer(conv).use_bias:
        mean = mean - tensors[bias_key]  # the moving mean absorbs the convolution's bias
        consumed.append(bias_key)
    variance = variance + source_epsilon - layer.epsilon  # the same sqrt(var + eps)
    return [gamma, beta, mean, variance], consumed
