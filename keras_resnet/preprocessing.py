"""Input preprocessing presets: how raw RGB pixels (0-255) become a model's input.

Every preset is ``y = (x[..., order] * scale - mean) / std``, written once (`Preprocessing.apply`)
and run in three array libraries: NumPy (`Preprocessing.numpy`, or calling the preset: calibration
folders, `keras_resnet.imagenet.preprocess_input`, the benchmark's inputs), Keras ops
(`Preprocessing.keras_ops`, any backend, symbolic tensors included) and TensorFlow graphs
(`Preprocessing.tf`: the ``tf.data`` pipelines of `keras_resnet.data` and the trainer, and the
image-bytes signature of an exported SavedModel). The same numbers are written as metadata into
each exported artifact.

This module imports NumPy only; Keras and TensorFlow are imported by the methods that use them.
"""

from __future__ import annotations

import dataclasses
import types
from typing import Any

import numpy as np


def _numpy_ops() -> types.SimpleNamespace:
    return types.SimpleNamespace(
        cast=lambda x: np.asarray(x, dtype="float32"),
        flip=lambda x: x[..., ::-1],
        constant=np.float32,
    )


def _keras_ops() -> types.SimpleNamespace:
    from keras import ops

    return types.SimpleNamespace(
        cast=lambda x: ops.cast(x, "float32"),
        flip=lambda x: ops.flip(x, axis=-1),
        constant=lambda value: ops.convert_to_tensor(np.float32(value)),
    )


def _tf_ops() -> types.SimpleNamespace:
    import tensorflow as tf

    return types.SimpleNamespace(
        cast=lambda x: tf.cast(x, tf.float32),
        flip=lambda x: tf.reverse(x, axis=[-1]),
        constant=lambda value: tf.constant(value, tf.float32),
    )


@dataclasses.dataclass(frozen=True)
class Preprocessing:
    """``y = (x[..., order] * scale - mean) / std`` on RGB pixels in [0, 255]."""

    name: str
    scale: float = 1.0
    mean: tuple[float, ...] = (0.0,)
    std: tuple[float, ...] = (1.0,)
    bgr: bool = False
    description: str = ""

    def apply(self, images: Any, ops: Any) -> Any:
        """The formula, once: ``(x[..., order] * scale - mean) / std`` in float32 with the array
        functions of `ops` (a namespace of ``cast(x)`` to float32, ``flip(x)`` of the channel
        axis and ``constant(value)`` as a float32 array); `numpy`, `keras_ops` and `tf` call it."""
        x = ops.cast(images)
        self.check_channels(x.shape[-1])
        if self.bgr:
            x = ops.flip(x)
        return (x * ops.constant(self.scale) - ops.constant(self.mean)) / ops.constant(self.std)

    def numpy(self, images: Any) -> np.ndarray:
        """The preset on a NumPy (or array-like) batch of shape (..., channels): float32."""
        return np.asarray(self.apply(images, _numpy_ops()), dtype="float32")

    def __call__(self, images: Any) -> np.ndarray:
        """Applies the preset to a float or uint8 array of shape (..., channels) (`numpy`)."""
        return self.numpy(images)

    def keras_ops(self, images: Any) -> Any:
        """The preset with ``keras.ops`` (any backend; a symbolic `KerasTensor` too, so it can sit
        in a functional model): float32."""
        return self.apply(images, _keras_ops())

    def tf(self, images: Any) -> Any:
        """The preset as TensorFlow ops (``tf.data`` maps, ``tf.function`` graphs): float32."""
        return self.apply(images, _tf_ops())

    def check_channels(self, channels: int | None) -> None:
        """Refuses a channel count the preset is not defined for (an unknown count passes)."""
        if channels is None:
            return
        if len(self.mean) > 1 and channels != len(self.mean):
            raise ValueError(
                f"preprocessing={self.name!r} is defined for {len(self.mean)}-channel images; "
                f"the model takes {channels} channels (use 'none', 'unit' or 'tf')"
            )
        if self.bgr and channels != 3:
            raise ValueError(
                f"preprocessing={self.name!r} reorders RGB to BGR and needs 3 channels; "
                f"received {channels}"
            )

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> Preprocessing:
        """The preset an `as_dict` describes (the ``preprocessing`` of an exported artifact's
        metadata, its lists read back as tuples)."""
        fields: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in values.items()
        }
        return cls(**fields)


PRESETS = {
    p.name: p
    for p in (
        Preprocessing("none", description="raw pixels, 0-255"),
        Preprocessing("unit", scale=1 / 255.0, description="pixels / 255, in [0, 1]"),
        Preprocessing(
            "tf", scale=1 / 127.5, mean=(1.0,), description="pixels / 127.5 - 1, in [-1, 1]"
        ),
        Preprocessing(
            "torch",
            scale=1 / 255.0,
            mean=(0.485, 0.456, 0.406),
            std=(0.229, 0.224, 0.225),
            description="pixels / 255, then ImageNet mean/std (torchvision, timm)",
        ),
        Preprocessing(
            "caffe",
            mean=(103.939, 116.779, 123.68),
            bgr=True,
            description="RGB -> BGR, then ImageNet mean subtraction (keras.applications ResNet50)",
        ),
    )
}


def get(preprocessing: str | Preprocessing) -> Preprocessing:
    """A preset by name (or a `Preprocessing` passed through).

    Example:
        >>> [round(float(v), 3) for v in get("unit")([255.0, 0.0, 51.0])]
        [1.0, 0.0, 0.2]
    """
    if isinstance(preprocessing, Preprocessing):
        return preprocessing
    if preprocessing not in PRESETS:
        raise ValueError(
            f"preprocessing must be one of {', '.join(repr(p) for p in PRESETS)}; "
            f"received preprocessing={preprocessing!r}"
        )
    return PRESETS[preprocessing]
