"""Training augmentation in NumPy, run by the input pipeline's worker threads on every Keras
backend.

Every draw comes from a `numpy.random.Generator` that the pipeline seeds with ``(seed, epoch,
batch)``: a resumed run draws exactly what an uninterrupted one drew, whatever the number of
worker threads, and nothing depends on TensorFlow (the JAX and PyTorch backends train without it);
the one exception, `tf_random_resized_crop_flip`, serves TFRecord shards, which tf.data reads.

* ``pad_crop_flip``: the CIFAR paper's 4-pixel zero padding, random crop back to size (one offset
  per image) and random horizontal flip;
* ``pad_crop``: the same without the flip (for data where a mirror changes the class: digits);
* ``random_resized_crop_flip``: Inception-style random resized crop (8%-100% of the area, aspect
  3/4-4/3, as torchvision's ``RandomResizedCrop``) and flip, the ImageNet recipe's; the crop is
  taken from the decoded image before it is resized (`crop_box`), as torchvision and timm do;
* ``none``.

Why NumPy and not Keras' ``RandomCrop`` / ``RandomFlip`` / ``MixUp`` layers: those run on the
accelerator inside the step or in ``tf.data``, draw from a `keras.random.SeedGenerator` whose
state advances with each call (so a resumed run cannot replay a batch), and ``RandomCrop`` draws
one offset per batch. Here the draws are a pure function of the batch's seed, on the host's
cores, overlapping the device's step.

Example:
    >>> import numpy as np
    >>> from keras_resnet.training import augment
    >>> images = np.arange(2 * 8 * 8 * 1, dtype="float32").reshape(2, 8, 8, 1)
    >>> out = augment.apply("pad_crop_flip", images, np.random.default_rng(0))
    >>> again = augment.apply("pad_crop_flip", images, np.random.default_rng(0))
    >>> out.shape, bool((again == out).all())
    ((2, 8, 8, 1), True)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

NAMES = ("none", "pad_crop", "pad_crop_flip", "random_resized_crop_flip")

#: torchvision's RandomResizedCrop defaults: the share of the area and the aspect ratio range.
AREA, RATIO = (0.08, 1.0), (3 / 4, 4 / 3)


def pad_crop(images: np.ndarray, rng: np.random.Generator, padding: int = 4) -> np.ndarray:
    """Zero-pads a batch ``(N, H, W, C)`` by `padding` and crops each image back to size at its
    own offset."""
    count, height, width = images.shape[:3]
    padded = np.pad(images, [(0, 0), (padding, padding), (padding, padding), (0, 0)])
    offsets = rng.integers(0, 2 * padding + 1, size=(count, 2))
    rows = offsets[:, :1] + np.arange(height)[None, :]
    cols = offsets[:, 1:] + np.arange(width)[None, :]
    return padded[np.arange(count)[:, None, None], rows[:, :, None], cols[:, None, :]]


def flip(images: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Mirrors each image of a batch left-right with probability 1/2."""
    mirrored = rng.random(len(images)) < 0.5
    out = images.copy()
    out[mirrored] = images[mirrored, :, ::-1]
    return out


def crop_box(width: int, height: int, rng: np.random.Generator) -> tuple[int, int, int, int]:
    """A random resized crop's ``(left, top, right, bottom)`` in an image of that size: 10 tries
    at a random area share and log-uniform aspect ratio, then the central crop at the nearest
    allowed ratio (torchvision's ``RandomResizedCrop.get_params``)."""
    area = width * height
    log_ratio = (math.log(RATIO[0]), math.log(RATIO[1]))
    for _ in range(10):
        target = area * rng.uniform(*AREA)
        ratio = math.exp(rng.uniform(*log_ratio))
        w, h = int(round(math.sqrt(target * ratio))), int(round(math.sqrt(target / ratio)))
        if 0 < w <= width and 0 < h <= height:
            left, top = int(rng.integers(0, width - w + 1)), int(rng.integers(0, height - h + 1))
            return left, top, left + w, top + h
    w, h = width, height  # the whole image, cut down to the nearest allowed aspect ratio
    if width / height < RATIO[0]:
        h = min(height, int(round(width / RATIO[0])))
    elif width / height > RATIO[1]:
        w = min(width, int(round(height * RATIO[1])))
    left, top = (width - w) // 2, (height - h) // 2
    return left, top, left + w, top + h


def tf_random_resized_crop_flip(image: Any, seed: Any) -> Any:
    """A random resized crop's region (area 8-100%, aspect 3/4-4/3, 10 tries, else the whole
    image) and a random horizontal flip, as stateless TensorFlow ops seeded by `seed`."""
    import tensorflow as tf

    begin, size, _ = tf.image.stateless_sample_distorted_bounding_box(
        tf.shape(image),
        tf.constant([[[0.0, 0.0, 1.0, 1.0]]]),
        seed=seed,
        area_range=AREA,
        aspect_ratio_range=RATIO,
        max_attempts=10,
        use_image_if_no_bounding_boxes=True,
    )
    image = tf.slice(image, begin, size)
    return tf.image.stateless_random_flip_left_right(
        image, seed=seed + tf.constant([0, 1 << 40], tf.int64)
    )


def apply(name: str, images: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The batch-level part of augmentation `name` on ``(N, H, W, C)`` images (the random resized
    crop happens per image, before, in the pipeline's decode step; its flip happens here)."""
    if name in ("pad_crop", "pad_crop_flip"):
        images = pad_crop(images, rng)
    if name in ("pad_crop_flip", "random_resized_crop_flip"):
        images = flip(images, rng)
    return images


def mixup(
    images: np.ndarray, labels: np.ndarray, *, alpha: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Mixup (Zhang et al. 2018) of a batch with a permutation of itself: a weight per image
    drawn from Beta(alpha, alpha), applied to the float images and the one-hot labels."""
    order = rng.permutation(len(images))
    weight = rng.beta(alpha, alpha, size=len(images)).astype(images.dtype)
    image_weight, label_weight = (
        weight.reshape(-1, 1, 1, 1),
        weight.reshape(-1, 1).astype(labels.dtype),
    )
    return (
        image_weight * images + (1 - image_weight) * images[order],
        label_weight * labels + (1 - label_weight) * labels[order],
    )


__all__ = ["AREA", "NAMES", "RATIO", "apply", "crop_box", "flip", "mixup", "pad_crop"]
