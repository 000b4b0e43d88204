"""keras.applications ResNet50/101/152 weights -> this library's original-form models.

keras.applications' convolutions carry a bias and its BatchNormalization uses epsilon 1.001e-5;
ours have no bias (BatchNorm follows every convolution) and epsilon 1e-5. Each bias is folded into
the next BatchNorm's moving mean, and the epsilon difference into its moving variance::

    BN(conv(x) + b; mean, var, eps_k) = BN(conv(x); mean - b, var + eps_k - eps, eps)

so the bias-free model computes the same function, up to float rounding. The layer names are the
same in both libraries.
"""

from __future__ import annotations

import numpy as np

#: keras.applications' BatchNormalization epsilon in its ResNets
SOURCE_EPSILON = 1.001e-5
_BN = ("gamma", "beta", "moving_mean", "moving_variance")


def describe(keys) -> str:
    layers = {k.split("/")[0] for k in keys}
    blocks = [len({n.split("_")[1] for n in layers if n.startswith(f"conv{s}_block")}) for s in range(2, 6)]
    form = "V2 (pre-activation)" if "post_bn" in layers else "V1"
    return f"a keras.applications ResNet {form} with blocks {blocks}"


def check_model(model):
    names = {layer.name for layer in model.layers}
    if any(name.endswith("_preact_bn") for name in names):
        raise ValueError(f"model {model.name!r} is pre-activation (V2); only keras.applications ResNet50/101/152 (V1) convert")
    if "conv1_1_conv" in names or any(name.endswith("_0_pool") for name in names):
        raise ValueError(f"model {model.name!r} has a deep stem or an average-pool shortcut (C/D); keras.applications weights fit the original form ('resnet50')")
    if "conv3_block1_3_conv" in names and tuple(model.get_layer("conv3_block1_1_conv").strides) == (1, 1):
        raise ValueError(
            f"model {model.name!r} strides in the 3x3 convolution (B form); keras.applications ResNets "
            "stride in the first 1x1: use the original form (e.g. 'resnet50')"
        )


def plan(model, tensors: dict, *, source_epsilon: float = SOURCE_EPSILON) -> tuple[dict, set, set]:
    """``({layer name: [arrays]}, used keys, expected keys)``, biases folded into BatchNorm."""
    check_model(model)
    result, used, expected = {}, set(), set()
    for layer in model.layers:
        if not layer.weights:
            continue
        kind, name = type(layer).__name__, layer.name
        if kind == "Conv2D":
            keys = [f"{name}/kernel"]
            bias_key = f"{name}/bias"
            if layer.use_bias:
                keys.append(bias_key)
        elif kind == "BatchNormalization":
            keys = [f"{name}/{field}" for field in _BN]
        elif kind == "Dense":
            keys = [f"{name}/kernel", f"{name}/bias"]
        else:
            raise ValueError(f"layer {name!r} ({kind}) has no keras.applications counterpart")
        expected.update(keys)
        if not all(k in tensors for k in keys):
            continue
        used.update(keys)
        arrays = [np.asarray(tensors[k], dtype="float64") for k in keys]
        if kind == "BatchNormalization":
            conv = name[: -len("_bn")] + "_conv"
            bias = tensors.get(f"{conv}/bias")
            if bias is not None and not model.get_layer(conv).use_bias:
                used.add(f"{conv}/bias")
                expected.add(f"{conv}/bias")
                arrays[2] = arrays[2] - bias  # moving mean absorbs the convolution's bias
            arrays[3] = arrays[3] + source_epsilon - layer.epsilon  # same sqrt(var + eps)
        result[name] = [a.astype("float32") for a in arrays]
        result.setdefault("__keys__", {})[name] = keys
    for key in tensors:  # a conv bias in the file whose conv has no BatchNorm to take it
        if key.endswith("/bias") and key not in used and key.split("/")[0] in result:
            raise ValueError(f"checkpoint bias {key!r} has no BatchNormalization to fold into")
    return result, used, expected
