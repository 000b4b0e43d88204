"""This library's weights as a torchvision/timm state dict: the inverse of `torchvision_timm`.

The keys are the ones the loader reads (`torchvision_timm.layer_keys`, one mapping used both
ways), each kernel goes back through the inverse of the loader's axis order
(`torchvision_timm.KERNEL_AXES`), and every BatchNorm gets the ``num_batches_tracked`` counter a
PyTorch state dict holds. The result is then converted forward again with the loader's own plan
(`keras_resnet.converters.plan`) and must give back every array bit for bit: a model the
loader's layout does not describe exactly is refused, never written in a layout timm would read
into another network.

Example:
    >>> import keras_resnet
    >>> from keras_resnet.converters import inverse
    >>> model = keras_resnet.create_model("resnet18d", input_shape=(32, 32, 3), classes=4)
    >>> tensors = inverse.state_dict(model)
    >>> tensors["conv1.0.weight"].shape, tensors["fc.weight"].shape
    ((32, 3, 3, 3), (4, 512))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from keras_resnet import converters
from keras_resnet.converters import torchvision_timm

if TYPE_CHECKING:
    import keras

#: the counter PyTorch's BatchNorm keeps beside its four tensors (the loader ignores it)
BATCHES_TRACKED = "num_batches_tracked"


def _to_torch(layer: keras.layers.Layer, arrays: list[np.ndarray]) -> list[np.ndarray]:
    """`layer`'s arrays in PyTorch's layout: the kernel's axes back in PyTorch's order."""
    axes = torchvision_timm.KERNEL_AXES.get(type(layer).__name__)
    if axes is not None and arrays and arrays[0].ndim == len(axes):
        arrays = [arrays[0].transpose(tuple(np.argsort(axes))), *arrays[1:]]
    return [np.ascontiguousarray(a, dtype="float32") for a in arrays]


def _check_round_trip(model: keras.Model, tensors: dict[str, np.ndarray]) -> None:
    """Converts `tensors` forward with the loader's plan; every layer must come back exactly."""
    loadable = {k: v for k, v in tensors.items() if not k.endswith(BATCHES_TRACKED)}
    planned, _, used, expected = converters.plan(torchvision_timm, model, loadable)
    weighted = [layer for layer in model.layers if layer.weights]
    lost = sorted(set(loadable) - used) + sorted(expected - set(loadable))
    if lost or len(planned) != len(weighted):
        raise ValueError(
            f"model {model.name!r} does not convert back from its torchvision/timm state dict "
            f"(keys {lost[:3]}, {len(planned)} of {len(weighted)} layers)"
        )
    for layer in weighted:
        for back, weight in zip(planned[layer.name], layer.get_weights(), strict=True):
            if not np.array_equal(back, np.asarray(weight, dtype="float32")):
                raise ValueError(
                    f"layer {layer.name!r} of {model.name!r} does not convert back exactly from "
                    "its torchvision/timm tensors"
                )


def state_dict(model: keras.Model) -> dict[str, np.ndarray]:
    """`model`'s weights as a torchvision/timm state dict (float32 tensors, PyTorch layouts).

    Raises:
        ValueError: the model has no torchvision/timm form (the original ResNet's stride in the
            first 1x1 convolution, a pre-activation model, a CIFAR stem, a layer the layout does
            not name), or its weights do not convert back exactly.
    """
    torchvision_timm.check_model(model)
    tensors: dict[str, np.ndarray] = {}
    for layer in model.layers:
        if not layer.weights:
            continue
        keys = torchvision_timm.layer_keys(model, layer)
        arrays = _to_torch(layer, [np.asarray(w) for w in layer.get_weights()])
        tensors.update(zip(keys, arrays, strict=True))
        if type(layer).__name__ == "BatchNormalization":
            prefix = keys[0].rsplit(torchvision_timm.NAMING.separator, 1)[0]
            tensors[f"{prefix}.{BATCHES_TRACKED}"] = np.zeros((), dtype="int64")
    _check_round_trip(model, tensors)
    return tensors


__all__ = ["BATCHES_TRACKED", "state_dict"]
