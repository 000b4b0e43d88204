"""The loaders of `keras_resnet.data`: scikit-learn's digits, image folders (listed, as arrays or
as ``tf.data``), CIFAR-10/100 and TFRecord shards. `keras_resnet.data` re-exports them."""

from __future__ import annotations

import os
import pathlib
import typing
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from keras_resnet import _checks, downloads
from keras_resnet import images as images_lib
from keras_resnet import preprocessing as preprocessing_lib

DIGITS_CLASSES = tuple(str(d) for d in range(10))

#: ``(images, labels)`` arrays
_Arrays = tuple[np.ndarray, np.ndarray]


def digits(
    image_size: int = 32, *, channels: int = 3, test_fraction: float = 0.2, seed: int = 0
) -> tuple[_Arrays, _Arrays]:
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
    from PIL import Image
    from sklearn.datasets import load_digits

    loaded = load_digits()
    # Pillow's bilinear upscaling (half-pixel centres, edges clamped) equals tf.image.resize's to
    # the bit, without TensorFlow: the JAX and PyTorch backends load the same images.
    x = np.stack(
        [
            np.asarray(
                Image.fromarray(image, mode="F").resize(
                    (image_size, image_size), Image.Resampling.BILINEAR
                )
            )
            for image in loaded.images.astype("float32") / 16.0
        ]
    )[..., None]
    x = np.clip(x, 0.0, 1.0)
    if channels == 3:
        x = np.repeat(x, 3, axis=-1)
    y = loaded.target.astype("int64")
    order = np.random.default_rng(seed).permutation(len(x))
    x, y = x[order], y[order]
    split = len(x) - int(round(len(x) * test_fraction))
    return (x[:split], y[:split]), (x[split:], y[split:])


#: The image files `image_folder` and `image_folder_arrays` read: the extensions
#: ``keras.utils.image_dataset_from_directory`` accepts (`keras_resnet.images.IMAGE_EXTENSIONS`).
IMAGE_EXTENSIONS = images_lib.IMAGE_EXTENSIONS


def _image_size(image_size: Any) -> tuple[int, int]:
    """An int or ``(height, width)`` as a pair of ints >= 1."""
    pair = (
        (image_size, image_size)
        if isinstance(image_size, int) and not isinstance(image_size, bool)
        else image_size
    )
    try:
        height, width = pair
    except (TypeError, ValueError):
        raise TypeError(
            f"image_size must be an int or (height, width); received image_size={image_size!r}"
        ) from None
    return _checks.check_int("image_size", height, minimum=1), _checks.check_int(
        "image_size", width, minimum=1
    )


class FolderListing(typing.NamedTuple):
    """What `list_image_folder` found: the image files in class order, their labels, the class
    names (the subfolders, sorted) and the count of other files left aside."""

    files: tuple[str, ...]
    labels: np.ndarray
    class_names: tuple[str, ...]
    ignored: int


def list_image_folder(path: str | os.PathLike[str], *, argument: str = "data") -> FolderListing:
    """The image files of a folder with one subfolder per class (at any depth below each; the
    label is the subfolder's index in sorted order), listed without opening them; files of other
    kinds (no extension of `IMAGE_EXTENSIONS`) are counted and left aside.

    Args:
        path: the folder.
        argument: the name errors give `path`.

    Raises:
        ValueError: the path is not a folder, it has no class subfolders, or a class subfolder
            has no image file (naming it).
    """
    folder = pathlib.Path(path)
    if not folder.is_dir():
        raise ValueError(f"{argument}={str(path)!r} is not a folder")
    class_dirs = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not class_dirs:
        raise ValueError(
            f"{argument}={str(path)!r} has no class subfolders (one folder per class is expected)"
        )
    files: list[str] = []
    labels: list[int] = []
    ignored = 0
    for label, class_dir in enumerate(class_dirs):
        found = sorted(
            p for p in class_dir.rglob("*") if p.is_file() and not p.name.startswith(".")
        )
        images = [str(p) for p in found if p.suffix.lower() in IMAGE_EXTENSIONS]
        if not images:
            raise ValueError(
                f"{argument}={str(path)!r}: the class folder {class_dir.name!r} has no image "
                f"({', '.join(IMAGE_EXTENSIONS)}); remove it or add its images"
            )
        ignored += len(found) - len(images)
        files += images
        labels += [label] * len(images)
    return FolderListing(
        tuple(files), np.asarray(labels, dtype="int64"), tuple(p.name for p in class_dirs), ignored
    )


def _decoded(path: Any) -> Any:
    """A file's image as a uint8 RGB tensor ``(H, W, 3)``, decoded by `keras_resnet.images.decode`
    (inside ``tf.numpy_function``: every path that reads image files decodes them alike, 16-bit,
    CMYK, palette and EXIF-rotated files included, which TensorFlow's own decoders do not all
    handle); a file that does not decode fails this element of the dataset."""
    import tensorflow as tf

    def decode(file: bytes) -> np.ndarray:
        return images_lib.decode(os.fsdecode(file))

    image = tf.numpy_function(decode, [path], tf.uint8, stateful=False)
    image.set_shape((None, None, 3))
    return image


def _load_image(path: Any, image_size: tuple[int, int]) -> Any:
    """A file's image decoded to RGB and resized (bilinear, as Keras): float32 in [0, 255]."""
    import tensorflow as tf

    image = tf.image.resize(_decoded(path), image_size, method="bilinear")
    image.set_shape((*image_size, 3))
    return image


def _decode_error(path: pathlib.Path) -> str:
    """Why the image file at `path` does not decode, in one short line."""
    try:
        images_lib.decode(path)
    except images_lib.ImageError as error:
        return error.reason
    except OSError as error:
        return error.strerror or type(error).__name__
    return "unreadable"


def _readable(
    folder: pathlib.Path, files: list[pathlib.Path], load: Callable[[Any], Any]
) -> dict[int, Any]:
    """``{index: load(file)}`` for the files that decode, read in parallel; the others are
    named in one warning, and none at all is an error."""
    import warnings

    import tensorflow as tf

    paths = tf.constant([str(f) for f in files]) if files else tf.constant([], tf.string)
    dataset = tf.data.Dataset.range(len(files)).map(
        lambda i: (i, load(paths[i])), num_parallel_calls=tf.data.AUTOTUNE
    )
    found = {int(i): value.numpy() for i, value in dataset.ignore_errors()}
    bad = [f for i, f in enumerate(files) if i not in found]
    if not found:
        raise ValueError(
            f"data={str(folder)!r} has no readable image ({', '.join(IMAGE_EXTENSIONS)}) in its "
            "class subfolders" + (f"; {len(bad)} could not be decoded" if bad else "")
        )
    if bad:
        shown = [f"{f.relative_to(folder).as_posix()} ({_decode_error(f)})" for f in bad[:10]]
        more = f" and {len(bad) - 10} more" if len(bad) > 10 else ""
        warnings.warn(
            f"skipped {len(bad)} unreadable image{'s' if len(bad) > 1 else ''} of {len(files)} in "
            f"{folder}: {', '.join(shown)}{more}",
            stacklevel=4,
        )
    return found


def _split(
    count: int, validation_split: float | None, seed: int
) -> tuple[np.ndarray, np.ndarray | None]:
    """``(train, validation)`` index arrays of a seeded shuffle; validation None without a split."""
    order = np.random.default_rng(seed).permutation(count)
    if validation_split is None:
        return order, None
    held_out = int(validation_split * count)
    if held_out == 0 or held_out == count:
        raise ValueError(
            f"validation_split={validation_split} of {count} readable images leaves "
            f"{'no validation' if held_out == 0 else 'no training'} image"
        )
    return order[held_out:], order[:held_out]


class _Folder(typing.NamedTuple):
    files: list  # every image file listed
    labels: np.ndarray  # their labels
    class_names: tuple
    decoded: dict  # {index in files: what `load` returned} for the files that decode
    train: list  # indices in files
    validation: list | None


def _readable_folder(
    path: str | os.PathLike[str],
    load: Callable[[Any], Any],
    validation_split: float | None,
    seed: int,
) -> _Folder:
    """The listing, decode check and split shared by `image_folder` and `image_folder_arrays`."""
    if validation_split is not None:
        validation_split = _checks.check_fraction(
            "validation_split", validation_split, low_inclusive=False
        )
    seed = _checks.check_int("seed", seed)
    listing = list_image_folder(path)
    files, labels, class_names = (
        [pathlib.Path(f) for f in listing.files],
        listing.labels,
        listing.class_names,
    )
    decoded = _readable(pathlib.Path(path), files, load)
    good = sorted(decoded)
    train, held_out = _split(len(good), validation_split, seed)
    validation = None if held_out is None else [good[i] for i in held_out]
    return _Folder(files, labels, class_names, decoded, [good[i] for i in train], validation)


def image_folder_arrays(
    path: str | os.PathLike[str],
    image_size: int | Sequence[int],
    *,
    validation_split: float | None = 0.2,
    seed: int = 0,
) -> tuple[tuple[_Arrays, _Arrays | None], tuple[str, ...]]:
    """A small folder with one subfolder per class as in-memory arrays, unreadable files skipped.

    Every file with an image extension (`IMAGE_EXTENSIONS`, at any depth below the class
    subfolders) is decoded and resized; those that do not decode (truncated, not an image) are
    counted and named in one warning.

    Args:
        path: the folder.
        image_size: an int or ``(height, width)``: images are resized to it (bilinear).
        validation_split: the share held out for validation (None: no split).
        seed: the seed of the split (and of the order of the images).

    Returns:
        ``((x_train, y_train), (x_val, y_val)), class_names``: uint8 images ``(N, H, W, 3)``,
        int64 labels (the subfolders' indices in sorted order), the subfolder names;
        ``(x_val, y_val)`` is None without a split.

    Raises:
        ValueError: the folder has no class subfolders or no readable image.
    """
    import tensorflow as tf

    image_size = _image_size(image_size)

    def load(file: Any) -> Any:
        return tf.cast(tf.round(tf.clip_by_value(_load_image(file, image_size), 0, 255)), tf.uint8)

    folder = _readable_folder(path, load, validation_split, seed)

    def arrays(indices: list[int]) -> _Arrays:
        return np.stack([folder.decoded[i] for i in indices]), folder.labels[indices]

    validation = None if folder.validation is None else arrays(folder.validation)
    return (arrays(folder.train), validation), folder.class_names


def image_folder(
    path: str | os.PathLike[str],
    image_size: int | Sequence[int],
    *,
    batch_size: int = 32,
    preprocessing: str | preprocessing_lib.Preprocessing = "unit",
    validation_split: float | None = 0.2,
    seed: int = 0,
    shuffle: bool = True,
) -> tuple[Any, Any, tuple[str, ...]]:
    """Batched ``(images, labels)`` datasets from a folder with one subfolder per class.

    Images are decoded, resized to `image_size` (bilinear, as Keras'
    ``image_dataset_from_directory``) and preprocessed with the `preprocessing` preset (see
    `keras_resnet.preprocessing`); labels are the subfolders' indices in sorted order. Every file
    is decoded once first: those that do not decode are left out and named in one warning.

    Args:
        path: the folder.
        image_size: an int or ``(height, width)``.
        batch_size: images per batch.
        preprocessing: a preset name or `Preprocessing`.
        validation_split: the share held out for validation (None: no split).
        seed: the seed of the shuffle and the split.
        shuffle: shuffle the training files (again each epoch).

    Returns:
        ``(train, validation, class_names)``; `validation` is None without a split.
    """
    import tensorflow as tf

    image_size = _image_size(image_size)
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    preset = preprocessing_lib.get(preprocessing)

    def check(file):
        return tf.shape(_decoded(file))

    folder = _readable_folder(path, check, validation_split, seed)

    def prepare(file, label):
        return preset.tf(_load_image(file, image_size)), label

    def dataset(indices, shuffled):
        if indices is None:
            return None
        result = tf.data.Dataset.from_tensor_slices(
            ([str(folder.files[i]) for i in indices], folder.labels[indices])
        )
        if shuffled:
            result = result.shuffle(len(indices), seed=seed)
        result = result.map(prepare, num_parallel_calls=tf.data.AUTOTUNE)
        return result.batch(batch_size).prefetch(tf.data.AUTOTUNE)

    return dataset(folder.train, shuffle), dataset(folder.validation, False), folder.class_names


#: CIFAR binary layout: label bytes per record (CIFAR-100 stores coarse then fine), image 3x32x32
_CIFAR_BINARY = {
    10: (1, ("data_batch_{}.bin", 5), "test_batch.bin"),
    100: (2, ("train.bin", 0), "test.bin"),
}


def _read_cifar_binary(folder: pathlib.Path, classes: int) -> tuple[_Arrays, _Arrays]:
    label_bytes, (train_pattern, train_files), test_name = _CIFAR_BINARY[classes]
    names = (
        [train_pattern.format(i) for i in range(1, train_files + 1)]
        if train_files
        else [train_pattern]
    )
    record = label_bytes + 3 * 32 * 32

    def load(files: list[str]) -> _Arrays:
        chunks = []
        for name in files:
            path = folder / name
            if not path.is_file():
                raise ValueError(
                    f"data={str(folder)!r} lacks {name}: expected the CIFAR-{classes} binary "
                    f"version ({', '.join(names)}, {test_name}) from "
                    "https://www.cs.toronto.edu/~kriz/cifar.html"
                )
            raw = np.fromfile(path, dtype=np.uint8)
            if raw.size % record:
                raise ValueError(
                    f"{str(path)!r} is not a CIFAR-{classes} binary batch (size {raw.size} is not "
                    f"a multiple of {record})"
                )
            chunks.append(raw.reshape(-1, record))
        data = np.concatenate(chunks)
        labels = data[:, label_bytes - 1].astype("int64")  # CIFAR-100: the fine label
        images = data[:, label_bytes:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
        return images, labels

    return load(names), load([test_name])


def cifar(
    classes: int = 10, *, folder: str | os.PathLike[str] | None = None
) -> tuple[_Arrays, _Arrays]:
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
        raise downloads.DownloadError(
            f"CIFAR-{classes} could not be downloaded ({type(error).__name__}: {error}); download "
            "the binary version from https://www.cs.toronto.edu/~kriz/cifar.html and pass "
            "folder=<its extracted folder>"
        ) from None
    return (x_train, y_train.reshape(-1).astype("int64")), (
        x_test,
        y_test.reshape(-1).astype("int64"),
    )


def tfrecords(
    pattern: str | os.PathLike[str],
    image_size: int | Sequence[int],
    *,
    batch_size: int = 32,
    preprocessing: str | preprocessing_lib.Preprocessing = "torch",
    shuffle: bool = True,
    seed: int = 0,
    image_key: str = "image/encoded",
    label_key: str = "image/class/label",
    label_offset: int = 0,
    augment: Callable[[Any, Any], Any] | None = None,
    one_hot: int | None = None,
    repeat: bool = False,
    start: int = 0,
    count: bool = False,
    shard: tuple[int, int] = (0, 1),
) -> Any:
    """Batched ``(images, labels)`` from TFRecord shards of encoded images (the ImageNet layout of
    the TF Model Garden and TFDS exports: ``image/encoded`` JPEG/PNG bytes, ``image/class/label``),
    read, decoded and augmented by ``tf.data`` with AUTOTUNE, in an order fixed by `seed`.

    Args:
        pattern: a glob of shard files (``"train-*"``).
        image_size: an int or ``(height, width)``: images are resized to it.
        label_offset: subtracted from the stored labels (the Model Garden stores 1..1000).
        augment: a function ``(uint8 image, seed) -> image`` of TensorFlow ops applied to each
            decoded image before the resize
            (`keras_resnet.training.augment.tf_random_resized_crop_flip`), its stateless seed a
            function of `seed` and the record's position in the stream.
        one_hot: a class count: labels as one-hot float32 rows (None: integers).
        repeat: endless, reshuffled each pass (training); batches are then all full.
        start: batches left out at the start (a run resumed at that global step sees the
            batches an uninterrupted one saw; the skipped records are read, not decoded).
        count: read the shards once first to count their records, so that the dataset has a
            known length (a progress bar's total; Keras' fit warns at the end of a validation
            set of unknown length; the processes of a run must see as many batches); without
            `repeat` only.
        shard: ``(index, count)``: this process's share of a multi-process run, every count-th
            record of the one seeded order from `index` on (`batch_size` and `start` are then
            this process's batch, and global steps).
    """
    import tensorflow as tf

    image_size = _image_size(image_size)
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    start = _checks.check_int("start", start, minimum=0)
    files = sorted(tf.io.gfile.glob(str(pattern)))
    if not files:
        raise ValueError(f"pattern={str(pattern)!r} matches no TFRecord files")
    preset = preprocessing_lib.get(preprocessing)
    features = {
        image_key: tf.io.FixedLenFeature([], tf.string),
        label_key: tf.io.FixedLenFeature([], tf.int64),
    }

    def parse(position, record):
        example = tf.io.parse_single_example(record, features)
        image = tf.io.decode_image(example[image_key], channels=3, expand_animations=False)
        if augment is not None:
            image = augment(image, tf.stack([tf.cast(seed, tf.int64), position]))
        image = tf.image.resize(tf.cast(image, tf.float32), image_size, antialias=True)
        image.set_shape((*image_size, 3))
        label = example[label_key] - label_offset
        return preset.tf(image), (label if one_hot is None else tf.one_hot(label, one_hot))

    dataset = tf.data.Dataset.from_tensor_slices(files)
    if shuffle:
        dataset = dataset.shuffle(len(files), seed=seed)
    dataset = dataset.interleave(
        tf.data.TFRecordDataset, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True
    )
    if shuffle:
        dataset = dataset.shuffle(10 * batch_size, seed=seed)
    if repeat:
        dataset = dataset.repeat()
    index, shards = shard
    dataset = dataset.enumerate().skip(start * batch_size * shards)
    if shards > 1:
        dataset = dataset.shard(shards, index)
    mine = None
    if (
        count and not repeat
    ):  # every shard gets as many records (the last few of the order may be left out)
        records = int(tf.data.TFRecordDataset(files).reduce(np.int64(0), lambda n, _: n + 1))
        mine = (
            max(records - start * batch_size * shards, 0) // shards
            if shards > 1
            else max(records - start * batch_size, 0)
        )
        dataset = dataset.take(mine)
    dataset = dataset.map(parse, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    dataset = dataset.batch(batch_size, drop_remainder=repeat)
    if mine is not None:
        dataset = dataset.apply(tf.data.experimental.assert_cardinality(-(-mine // batch_size)))
    return dataset.prefetch(tf.data.AUTOTUNE)


__all__ = [
    "DIGITS_CLASSES",
    "IMAGE_EXTENSIONS",
    "FolderListing",
    "cifar",
    "digits",
    "image_folder",
    "image_folder_arrays",
    "list_image_folder",
    "tfrecords",
]
