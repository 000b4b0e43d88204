"""Input preprocessing presets: how raw RGB pixels (0-255) become a model's input.

Every preset is ``y = (x[..., order] * scale - mean) / std``, so the same numbers drive NumPy
calibration pipelines, the in-graph preprocessing of an exported SavedModel's image-bytes
signature, and the metadata written into each exported artifact.

This module is NumPy only (no Keras import).
"""

from __future__ import annotations

import dataclasses

import numpy as np


@dataclasses.dataclass(frozen=True)
class Preprocessing:
    """``y = (x[..., order] * scale - mean) / std`` on RGB pixels in [0, 255]."""

    name: str
    scale: float = 1.0
    mean: tuple[float, ...] = (0.0,)
    std: tuple[float, ...] = (1.0,)
    bgr: bool = False
    description: str = ""

    def __call__(self, images):
        """Applies the preset to a float or uint8 array of shape (..., channels)."""
        x = np.asarray(images, dtype="float32")
        self.check_channels(x.shape[-1])
        if self.bgr:
            x = x[..., ::-1]
        return ((x * self.scale - np.float32(self.mean)) / np.float32(self.std)).astype("float32")

    def check_channels(self, channels: int):
        if len(self.mean) > 1 and channels != len(self.mean):
            raise ValueError(
                f"preprocessing={self.name!r} is defined for {len(self.mean)}-channel images; "
                f"the model takes {channels} channels (use 'none', 'unit' or 'tf')"
            )
        if self.bgr and channels != 3:
            raise ValueError(f"preprocessing={self.name!r} reorders RGB to BGR and needs 3 channels; received {channels}")

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


PRESETS = {
    p.name: p
    for p in (
        Preprocessing("none", description="raw pixels, 0-255"),
        Preprocessing("unit", scale=1 / 255.0, description="pixels / 255, in [0, 1]"),
        Preprocessing("tf", scale=1 / 127.5, mean=(1.0,), description="pixels / 127.5 - 1, in [-1, 1]"),
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


def get(preprocessing) -> Preprocessing:
    """A preset by name (or a `Preprocessing` passed through).

    Example:
        >>> [round(float(v), 3) for v in get("unit")([255.0, 0.0, 51.0])]
        [1.0, 0.0, 0.2]
    """
    if isinstance(preprocessing, Preprocessing):
        return preprocessing
    if preprocessing not in PRESETS:
        raise ValueError(
            f"preprocessing must be one of {', '.join(repr(p) for p in PRESETS)}; received preprocessing={preprocessing!r}"
        )
    return PRESETS[preprocessing]
