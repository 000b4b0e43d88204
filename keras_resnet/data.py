"""Data for demos, tests and fine-tuning.

* `digits`: scikit-learn's 8x8 handwritten digits (1,797 real images that ship with
  scikit-learn, so they need no download), upscaled to CIFAR's 32x32x3, split into train and test:
  the embedded default data of the demo, the examples and the tests.
* `image_folder`: an ImageNet-style folder (one subfolder per class) as batched
  ``tf.data.Dataset``s of preprocessed images and integer labels.

Example:
    >>> from keras_resnet import data
    >>> (x_train, y_train), (x_test, y_test) = data.digits()
    >>> x_train.shape, x_test.shape, int(y_train.max())
    ((1438, 32, 32, 3), (359, 32, 32, 3), 9)
"""

from __future__ import annotations

import pathlib

import numpy as np

from keras_resnet import _checks
from keras_resnet import preprocessing as preprocessing_lib

DIGITS_CLASSES = tuple(str(d) for d in range(10))


def digits(image_size: int = 32, *, channels: int = 3, test_fraction: float = 0.2, seed: int = 0):
    """scikit-learn's digits as float32 images in [0, 1], shuffled with `seed` and split.

    Args:
        image_size: the side of the square images (bilinear upscaling from 8x8).
        channels: 1, or 3 (the gray image repeated, for models that take RGB).
        test_fraction: the share of images held out for testing.
        seed: the shuffling seed (the split is the same for the same seed).

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: images ``(N, image_size, image_size, channels)``
        and int64 labels 0-9.
    """
    image_size = _checks.check_int("image_size", image_size, minimum=8)
    _checks.check_choice("channels", channels, (1, 3))
    test_fraction = _checks.check_fraction("test_fraction", test_fraction, low_inclusive=False)
    from sklearn.datasets import load_digits

    import tensorflow as tf

    loaded = load_digits()
    x = loaded.images.astype("float32")[..., None] / 16.0
    x = tf.image.resize(x, (image_size, image_size), method="bilinear").numpy()
    x = np.clip(x, 0.0, 1.0)
    if channels == 3:
        x = np.repeat(x, 3, axis=-1)
    y = loaded.target.astype("int64")
    order = np.random.default_rng(seed).permutation(len(x))
    x, y = x[order], y[order]
    split = len(x) - int(round(len(x) * test_fraction))
    return (x[:split], y[:split]), (x[split:], y[split:])


def image_folder(
    path,
    image_size,
    *,
    batch_size: int = 32,
    preprocessing="unit",
    validation_split: float | None = 0.2,
    seed: int = 0,
    shuffle: bool = True,
):
    """Batched ``(images, labels)`` datasets from a folder with one subfolder per class.

    Images are decoded, resized to `image_size` and preprocessed with the `preprocessing` preset
    (see `keras_resnet.preprocessing`); labels are the subfolders' indices in sorted order.

    Args:
        path: the folder.
        image_size: an int or ``(height, width)``.
        batch_size: images per batch.
        preprocessing: a preset name or `Preprocessing`.
        validation_split: the share held out for validation (None: no split).
        seed: the seed of the shuffle and the split.
        shuffle: shuffle the training files.

    Returns:
        ``(train, validation, class_names)``; `validation` is None without a split.
    """
    folder = pathlib.Path(path)
    if not folder.is_dir():
        raise ValueError(f"data={str(path)!r} is not a folder")
    if not any(p.is_dir() for p in folder.iterdir()):
        raise ValueError(f"data={str(path)!r} has no class subfolders (one folder per class is expected)")
    if isinstance(image_size, int):
        image_size = (image_size, image_size)
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    if validation_split is not None:
        validation_split = _checks.check_fraction("validation_split", validation_split, low_inclusive=False)
    preset = preprocessing_lib.get(preprocessing)
    import keras
    import tensorflow as tf

    common = dict(image_size=tuple(image_size), batch_size=batch_size, seed=seed, label_mode="int")
    if validation_split:
        train, validation = keras.utils.image_dataset_from_directory(
            str(folder), validation_split=validation_split, subset="both", shuffle=shuffle, **common
        )
    else:
        train, validation = keras.utils.image_dataset_from_directory(str(folder), shuffle=shuffle, **common), None
    class_names = tuple(train.class_names)
    scale = tf.constant(preset.scale, tf.float32)
    mean = tf.constant(preset.mean, tf.float32)
    std = tf.constant(preset.std, tf.float32)

    def prepare(images, labels):
        if preset.bgr:
            images = images[..., ::-1]
        return (images * scale - mean) / std, labels

    def finish(dataset):
        if dataset is None:
            return None
        return dataset.map(prepare, num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)

    return finish(train), finish(validation), class_names


__all__ = ["DIGITS_CLASSES", "digits", "image_folder"]
