"""Training augmentation inside the ``tf.data`` pipeline, stateless: every draw is a function of
a seed tensor (derived from the run's seed, the epoch and the batch index), so a resumed run
draws exactly what an uninterrupted one drew, and the per-epoch seed can be a tensor computed in
the pipeline (the stream is built once, not once per epoch).

* ``pad_crop_flip``: the CIFAR paper's 4-pixel zero padding, random crop back to size (one offset
  per image) and random horizontal flip;
* ``pad_crop``: the same without the flip (for data where a mirror changes the class: digits);
* ``random_resized_crop_flip``: Inception-style random resized crop (8%-100% of the area, aspect
  3/4-4/3) and flip, the ImageNet recipe's;
* ``none``.

Why TF ops and not Keras' ``RandomCrop`` / ``RandomFlip`` / ``MixUp`` layers: those draw from a
`keras.random.SeedGenerator` (state that advances with each call, and ``draw_seed`` takes no
tensor seed), and ``RandomCrop`` draws one offset per batch. Inside ``tf.data`` the ops are
TensorFlow's on every Keras backend, as in Keras' own preprocessing layers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import tensorflow as tf

NAMES = ("none", "pad_crop", "pad_crop_flip", "random_resized_crop_flip")


def _fold(seed, value):
    import tensorflow as tf

    return tf.random.experimental.stateless_fold_in(seed, tf.cast(value, tf.int64))


def _pad_crop(images, seed, padding=4):
    """Zero-pads by `padding` and crops back to size at a random offset per image."""
    import tensorflow as tf

    shape = tf.shape(images)
    batch, height, width = shape[0], images.shape[1], images.shape[2]
    padded = tf.pad(images, [[0, 0], [padding, padding], [padding, padding], [0, 0]])
    offsets = tf.random.stateless_uniform([batch, 2], seed=seed, minval=0, maxval=2 * padding + 1, dtype=tf.int32)
    rows = offsets[:, :1] + tf.range(height)[None, :]
    cols = offsets[:, 1:] + tf.range(width)[None, :]
    cropped = tf.gather(padded, rows, axis=1, batch_dims=1)
    return tf.gather(cropped, cols, axis=2, batch_dims=1)


def _flip(images, seed):
    """Mirrors each image left-right with probability 1/2."""
    import tensorflow as tf

    return tf.image.stateless_random_flip_left_right(images, seed=seed)


def _random_resized_crop(images, seed):
    import tensorflow as tf

    height, width, channels = images.shape[1], images.shape[2], images.shape[3]

    def one(args):
        image, index = args
        image_seed = _fold(seed, index)
        begin, extent, _ = tf.image.stateless_sample_distorted_bounding_box(
            tf.shape(image), tf.zeros([0, 0, 4], tf.float32), seed=image_seed, min_object_covered=0.0,
            aspect_ratio_range=(3 / 4, 4 / 3), area_range=(0.08, 1.0), max_attempts=10, use_image_if_no_bounding_boxes=True,
        )
        patch = tf.image.resize(tf.slice(image, begin, extent), (height, width))
        return tf.image.stateless_random_flip_left_right(patch, _fold(image_seed, 1))

    indices = tf.range(tf.shape(images)[0], dtype=tf.int64)
    return tf.map_fn(one, (images, indices), fn_output_signature=tf.TensorSpec((height, width, channels), tf.float32))


def _pad_crop_flip(images, seed):
    return _flip(_pad_crop(images, _fold(seed, 0)), _fold(seed, 1))


_PIPELINES = {"none": None, "pad_crop": _pad_crop, "pad_crop_flip": _pad_crop_flip, "random_resized_crop_flip": _random_resized_crop}


def pipeline(name: str) -> Callable[[tf.Tensor, tf.Tensor], tf.Tensor] | None:
    """A callable ``(images, seed) -> augmented images`` for batched float images and a seed
    tensor of shape ``(2,)``, or None for ``"none"``. Everything it draws is a function of `seed`."""
    from keras_resnet import _checks

    _checks.check_choice("augment", name, NAMES)
    return _PIPELINES[name]


def mixup(images: tf.Tensor, labels: tf.Tensor, *, alpha: float, seed: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
    """Mixup (Zhang et al. 2018) of a batch with a permutation of itself: a weight per image
    drawn from Beta(alpha, alpha), applied to the images and the one-hot labels."""
    import tensorflow as tf

    batch = tf.shape(images)[0]
    order = tf.random.experimental.stateless_shuffle(tf.range(batch), seed=_fold(seed, 0))
    first = tf.random.stateless_gamma([batch], seed=_fold(seed, 1), alpha=alpha)
    second = tf.random.stateless_gamma([batch], seed=_fold(seed, 2), alpha=alpha)
    weight = first / (first + second)
    image_weight = tf.cast(tf.reshape(weight, [-1, 1, 1, 1]), images.dtype)
    label_weight = tf.cast(tf.reshape(weight, [-1, 1]), labels.dtype)
    images = image_weight * images + (1 - image_weight) * tf.gather(images, order)
    labels = label_weight * labels + (1 - label_weight) * tf.gather(labels, order)
    return images, labels


__all__ = ["NAMES", "mixup", "pipeline"]
