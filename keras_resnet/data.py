"""Data for demos, tests and fine-tuning.

* `digits`: scikit-learn's 8x8 handwritten digits (1,797 real images that ship with
  scikit-learn, so they need no download), upscaled to CIFAR's 32x32x3, split into train and test:
  the embedded default data of the demo, the examples and the tests.
* `image_folder`: an ImageNet-style folder (one subfolder per class) as batched
  ``tf.data.Dataset``s of preprocessed images and integer labels.
* `cifar`: CIFAR-10/100 from the original binary files in a local folder, or through
  ``keras.datasets`` (which downloads them once into the Keras cache).
* `tfrecords`: ImageNet-style TFRecord shards (``image/encoded``, ``image/class/label``).

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


#: CIFAR binary layout: label bytes per record (CIFAR-100 stores coarse then fine), image 3x32x32
_CIFAR_BINARY = {10: (1, ("data_batch_{}.bin", 5), "test_batch.bin"), 100: (2, ("train.bin", 0), "test.bin")}


def _read_cifar_binary(folder: pathlib.Path, classes: int):
    label_bytes, (train_pattern, train_files), test_name = _CIFAR_BINARY[classes]
    names = [train_pattern.format(i) for i in range(1, train_files + 1)] if train_files else [train_pattern]
    record = label_bytes + 3 * 32 * 32

    def load(files):
        chunks = []
        for name in files:
            path = folder / name
            if not path.is_file():
                raise ValueError(
                    f"data={str(folder)!r} lacks {name}: expected the CIFAR-{classes} binary version "
                    f"({', '.join(names)}, {test_name}) from https://www.cs.toronto.edu/~kriz/cifar.html"
                )
            raw = np.fromfile(path, dtype=np.uint8)
            if raw.size % record:
                raise ValueError(f"{str(path)!r} is not a CIFAR-{classes} binary batch (size {raw.size} is not a multiple of {record})")
            chunks.append(raw.reshape(-1, record))
        data = np.concatenate(chunks)
        labels = data[:, label_bytes - 1].astype("int64")  # CIFAR-100: the fine label
        images = data[:, label_bytes:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
        return images, labels

    return load(names), load([test_name])


def cifar(classes: int = 10, *, folder=None):
    """CIFAR-10 or CIFAR-100 as uint8 images ``(N, 32, 32, 3)`` and int64 labels.

    Args:
        classes: 10 or 100.
        folder: a folder with the original binary files (``cifar-10-batches-bin``:
            ``data_batch_1.bin`` ... ``test_batch.bin``; CIFAR-100: ``train.bin``, ``test.bin``).
            Without it, ``keras.datasets`` loads them (downloading once into the Keras cache).

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: 50,000 and 10,000 images.
    """
    _checks.check_choice("classes", classes, (10, 100))
    if folder is not None:
        folder = pathlib.Path(folder)
        if not folder.is_dir():
            raise ValueError(f"folder={str(folder)!r} is not a folder")
        return _read_cifar_binary(folder, classes)
    import keras

    loader = keras.datasets.cifar10 if classes == 10 else keras.datasets.cifar100
    try:
        (x_train, y_train), (x_test, y_test) = loader.load_data()
    except Exception as error:  # offline
        raise ValueError(
            f"CIFAR-{classes} could not be downloaded ({type(error).__name__}: {error}); download the binary "
            "version from https://www.cs.toronto.edu/~kriz/cifar.html and pass folder=<its extracted folder>"
        ) from None
    return (x_train, y_train.reshape(-1).astype("int64")), (x_test, y_test.reshape(-1).astype("int64"))


def tfrecords(pattern, image_size, *, batch_size: int = 32, preprocessing="torch", shuffle: bool = True, seed: int = 0,
              image_key: str = "image/encoded", label_key: str = "image/class/label", label_offset: int = 0):
    """Batched ``(images, labels)`` from TFRecord shards of encoded images (the ImageNet layout of
    the TF Model Garden and TFDS exports: ``image/encoded`` JPEG/PNG bytes, ``image/class/label``).

    Args:
        pattern: a glob of shard files (``"train-*"``).
        image_size: an int or ``(height, width)``: images are resized to it.
        label_offset: subtracted from the stored labels (the Model Garden stores 1..1000).
    """
    import tensorflow as tf

    files = sorted(tf.io.gfile.glob(str(pattern)))
    if not files:
        raise ValueError(f"pattern={str(pattern)!r} matches no TFRecord files")
    if isinstance(image_size, int):
        image_size = (image_size, image_size)
    preset = preprocessing_lib.get(preprocessing)
    features = {image_key: tf.io.FixedLenFeature([], tf.string), label_key: tf.io.FixedLenFeature([], tf.int64)}
    mean, std = tf.constant(preset.mean, tf.float32), tf.constant(preset.std, tf.float32)

    def parse(record):
        example = tf.io.parse_single_example(record, features)
        image = tf.io.decode_image(example[image_key], channels=3, expand_animations=False)
        image = tf.image.resize(tf.cast(image, tf.float32), image_size, antialias=True)
        image.set_shape((*image_size, 3))
        if preset.bgr:
            image = image[..., ::-1]
        return (image * preset.scale - mean) / std, example[label_key] - label_offset

    dataset = tf.data.Dataset.from_tensor_slices(files)
    if shuffle:
        dataset = dataset.shuffle(len(files), seed=seed)
    dataset = dataset.interleave(tf.data.TFRecordDataset, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    if shuffle:
        dataset = dataset.shuffle(10 * batch_size, seed=seed)
    return dataset.map(parse, num_parallel_calls=tf.data.AUTOTUNE).batch(batch_size).prefetch(tf.data.AUTOTUNE)


__all__ = ["DIGITS_CLASSES", "cifar", "digits", "image_folder", "tfrecords"]
