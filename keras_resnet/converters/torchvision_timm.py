"""torchvision / timm ResNet state dicts -> this library's layers.

torchvision's and timm's ``resnet18/34/50/101/152`` are our B form (for 18/34, B equals the
original); timm's ``resnet*c`` (deep stem) and ``resnet*d`` (deep stem, average-pool shortcut) are
our C and D. Keys map by position: ``conv1``/``bn1`` (or the deep stem ``conv1.0/.1/.3/.4/.6`` and
``bn1``), ``layer{s}.{i}.conv{k}``/``bn{k}``, ``downsample.{0,1}`` (D: ``.1``/``.2`` after the
pool), ``fc``. The rest of the family adds timm's ``layer{s}.{i}.se.fc1``/``fc2`` (SE) or
``se.conv`` (ECA, a Conv1d) and ResNet-RS's ``maxpool.0``/``maxpool.1`` (the stem's conv pool);
ResNeXt's grouped kernels keep PyTorch's (out, in / groups, h, w) meaning. Convolution kernels go
from OIHW to HWIO (Conv1d: OIK to KIO), Dense from (out, in) to (in, out).

timm's pre-activation ``resnetv2_{18,34,50,101}`` (``d``: deep stem, average-pool shortcut) are our
V2 models in their default layout (``v2_layout="timm"``: stride in a stage's first block, 3x3
conv for bottlenecks; no norm after the stem conv; ``MaxPool2d(3, 2, padding=1)``; a final
BatchNorm-ReLU). Their keys: ``stem.conv`` (deep: ``stem.conv1/norm1/conv2/norm2/conv3``),
``stages.{s}.blocks.{i}.norm1`` (the pre-activation), ``conv{k}``/``norm{k+1}`` along the branch,
``downsample.conv``, ``norm`` (our ``post_bn``) and ``head.fc``, a 1x1 convolution that becomes
the Dense classifier.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from keras_resnet.converters.naming import Naming

if TYPE_CHECKING:
    import keras

BN_FIELDS = (
    "weight",
    "bias",
    "running_mean",
    "running_var",
)  # -> gamma, beta, moving mean/variance
IGNORED = re.compile(r"(^|\.)num_batches_tracked$")
#: layers outside the blocks -> their state-dict prefix: single or deep stem, ResNet-RS's conv
#: stem pool, the classifier
_FIXED = {
    "conv1_conv": "conv1",
    "conv1_bn": "bn1",
    "conv1_1_conv": "conv1.0",
    "conv1_1_bn": "conv1.1",
    "conv1_2_conv": "conv1.3",
    "conv1_2_bn": "conv1.4",
    "conv1_3_conv": "conv1.6",
    "conv1_3_bn": "bn1",
    "pool1_conv": "maxpool.0",
    "pool1_bn": "maxpool.1",
    "predictions": "fc",
}
_BLOCK = re.compile(r"^conv(\d+)_block(\d+)_(\d)_(conv|bn)$")
#: timm's pre-activation ResNets (``ResNetV2``): the layers outside the blocks, and within a block
#: the layer kind and index -> the key (``_1_bn`` normalizes the first conv's output: ``norm2``)
_V2_FIXED = {
    "conv1_conv": "stem.conv",
    "conv1_1_conv": "stem.conv1",
    "conv1_1_bn": "stem.norm1",
    "conv1_2_conv": "stem.conv2",
    "conv1_2_bn": "stem.norm2",
    "conv1_3_conv": "stem.conv3",
    "post_bn": "norm",
    "predictions": "head.fc",
}
_V2_BLOCK = re.compile(r"^conv(\d+)_block(\d+)_(preact_bn|\d_conv|\d_bn)$")
_ATTENTION = re.compile(r"^conv(\d+)_block(\d+)_(se_reduce|se_expand|eca_conv)$")
_ATTENTION_KEYS = {"se_reduce": "se.fc1", "se_expand": "se.fc2", "eca_conv": "se.conv"}


def describe(tensors: Iterable[str]) -> str:
    """What a torchvision/timm state dict looks like, from its keys (and shapes, given the
    tensors), for error messages."""
    keys = set(tensors)
    if any(k.startswith("stages.") for k in keys):
        return _describe_v2(keys)
    deep = "conv1.0.weight" in keys
    avg_down = any(k.endswith("downsample.2.weight") for k in keys)
    bottleneck = any(".conv3." in k for k in keys)
    stages = [
        sum(1 for k in keys if re.match(rf"^layer{s}\.\d+\.conv1\.weight$", k)) for s in range(1, 5)
    ]
    form = (
        "D (deep stem, average-pool shortcut)"
        if avg_down
        else "C (deep stem)"
        if deep
        else "B (plain stem)"
    )
    extras = [
        text
        for marker, text in (
            (".se.fc1.", "SE attention"),
            (".se.conv.", "ECA attention"),
            ("maxpool.0.", "a conv stem pool"),
        )
        if any(marker in k for k in keys)
    ]
    if (
        isinstance(tensors, Mapping) and "layer1.0.conv2.weight" in tensors
    ):  # ResNeXt/Wide: groups and width
        out, per_group = tensors["layer1.0.conv2.weight"].shape[:2]
        extras.append(f"first block's 3x3 conv {out} wide in {out // per_group} groups")
    detail = (", " + ", ".join(extras)) if extras else ""
    kind = "bottleneck" if bottleneck else "basic-block"
    return f"a {kind} ResNet with blocks {stages}, form {form}{detail}"


def _describe_v2(keys: set[str]) -> str:
    """What a timm ``ResNetV2`` state dict looks like, from its keys."""
    stages = [
        len({k.split(".")[3] for k in keys if re.match(rf"^stages\.{s}\.blocks\.\d+\.", k)})
        for s in range(4)
    ]
    bottleneck = any(k.startswith("stages.") and ".conv3." in k for k in keys)
    stem = "deep stem" if "stem.conv1.weight" in keys else "7x7 stem"
    kind = "bottleneck" if bottleneck else "basic-block"
    return f"a timm pre-activation (ResNetV2) {kind} network with blocks {stages}, {stem}"


def _prefix(name: str, avg_down: bool) -> str | None:
    if name in _FIXED:
        return _FIXED[name]
    match = _ATTENTION.match(name)
    if match:
        return f"layer{int(match[1]) - 1}.{int(match[2]) - 1}.{_ATTENTION_KEYS[match[3]]}"
    match = _BLOCK.match(name)
    if not match:
        return None
    stage, block, index, kind = int(match[1]), int(match[2]), int(match[3]), match[4]
    base = f"layer{stage - 1}.{block - 1}"
    if index == 0:  # the projection shortcut
        offset = 1 if avg_down else 0
        return f"{base}.downsample.{offset + (0 if kind == 'conv' else 1)}"
    return f"{base}.{kind}{index}"


def _v2_prefix(name: str) -> str | None:
    """The key prefix of layer `name` in timm's ``ResNetV2``, or None."""
    if name in _V2_FIXED:
        return _V2_FIXED[name]
    match = _V2_BLOCK.match(name)
    if not match:
        return None
    base = f"stages.{int(match[1]) - 2}.blocks.{int(match[2]) - 1}"
    part = match[3]
    if part == "preact_bn":
        return f"{base}.norm1"
    index, kind = int(part[0]), part[2:]
    if index == 0:
        return f"{base}.downsample.conv" if kind == "conv" else None
    return f"{base}.conv{index}" if kind == "conv" else f"{base}.norm{index + 1}"


def _is_preact(model: keras.Model) -> bool:
    return any(layer.name.endswith("_preact_bn") for layer in model.layers)


def check_model(model: keras.Model) -> None:
    """torchvision/timm bottleneck ResNets stride in the 3x3 convolution; refuse our original
    (stride in the first 1x1), whose weights have the same shapes but other meaning."""
    names = {layer.name for layer in model.layers}
    if "conv3_block1_3_conv" in names:
        first = model.get_layer("conv3_block1_1_conv")
        if tuple(first.strides) != (1, 1):
            raise ValueError(
                f"model {model.name!r} strides in the first 1x1 convolution (the original "
                "ResNet, like keras.applications); torchvision/timm checkpoints stride in the 3x3 "
                "convolution: use the B form (e.g. 'resnet50b'), C or D"
            )
    if any(name.endswith("_preact_bn") for name in names):
        stem = "conv1_conv" if "conv1_conv" in names else "conv1_3_conv"
        if model.get_layer(stem).use_bias:
            raise ValueError(
                f"model {model.name!r} is laid out as keras.applications' ResNet V2 "
                "(v2_layout='keras'); timm's resnetv2 checkpoints fit the default layout "
                "(v2_layout='timm', e.g. 'resnet50v2')"
            )


NAMING = Naming(".", "weight", "bias", BN_FIELDS)
#: layer kind -> how its first tensor's axes go from PyTorch's order to Keras' (kernels: OIHW ->
#: HWIO, OIK -> KIO, (out, in) -> (in, out)); `keras_resnet.converters.inverse` inverts them
KERNEL_AXES: dict[str, tuple[int, ...]] = {
    "Conv2D": (2, 3, 1, 0),
    "Conv1D": (2, 1, 0),
    "Dense": (1, 0),
}


def _kernel(axes: tuple[int, ...]) -> Callable[[np.ndarray], np.ndarray]:
    return lambda kernel: kernel.transpose(axes) if kernel.ndim == len(axes) else kernel


_KERNEL = {kind: _kernel(axes) for kind, axes in KERNEL_AXES.items()}
#: the classifier's keys: torchvision's and timm's ``ResNet``, timm's ``ResNetV2``
HEAD_PREFIX: tuple[str, ...] = ("fc.", "head.fc.")


def layer_keys(model: keras.Model, layer: keras.layers.Layer) -> list[str]:
    """The state-dict keys of `layer`'s weights, in Keras' order."""
    if _is_preact(model):
        prefix = _v2_prefix(layer.name)
    else:
        avg_down = any(other.name.endswith("_0_pool") for other in model.layers)
        prefix = _prefix(layer.name, avg_down)
    keys = None if prefix is None else NAMING.keys(prefix, layer)
    if keys is None:
        raise ValueError(
            f"layer {layer.name!r} ({type(layer).__name__}) of {model.name!r} has no "
            "torchvision/timm counterpart"
        )
    return keys


def convert(
    model: keras.Model,
    layer: keras.layers.Layer,
    arrays: list[np.ndarray],
    tensors: dict[str, np.ndarray],
) -> tuple[list[np.ndarray], list[str]]:
    """``(arrays in Keras' layout, further keys consumed)`` for one layer."""
    if type(layer).__name__ == "Dense" and arrays[0].ndim == 4:  # timm's 1x1 conv classifier
        arrays = [arrays[0].reshape(arrays[0].shape[:2]), *arrays[1:]]
    convert_kernel = _KERNEL.get(type(layer).__name__)
    if convert_kernel is not None:
        arrays = [convert_kernel(arrays[0]), *arrays[1:]]
    return arrays, []
