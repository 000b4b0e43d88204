"""`source`: every form a data argument takes (a data set's name, a CIFAR binary folder, an image
folder, TFRecord shards, an ``.npz`` file) resolved into one `Source`, which
`keras_resnet.training.train`, the command line and the benchmarks take.

Arrays (digits, CIFAR, ``.npz``) are loaded whole; an image folder is listed, not opened (the
trainer streams its files); TFRecord shards are only globbed (the trainer reads them with
``tf.data``).
"""

from __future__ import annotations

import dataclasses
import glob
import os
import pathlib
from typing import Any

import numpy as np

from keras_resnet import _checks
from keras_resnet.data import loaders

#: The forms `source` accepts, as its errors list them.
FORMS = (
    "'digits' (scikit-learn's 8x8 digits, offline)",
    "'cifar10' or 'cifar100' (keras.datasets, downloaded once)",
    "a CIFAR binary folder (data_batch_1.bin ... test_batch.bin, or train.bin and test.bin)",
    "a folder of class subfolders of images",
    "TFRecord shards (a glob such as 'train-*')",
    "an .npz file with arrays 'images' and 'labels'",
)

#: What a `Source` holds: arrays in memory, an image folder's path, or a glob of TFRecord shards.
KINDS = ("arrays", "folder", "tfrecords")

CIFAR10_CLASSES = (
    "airplane",
    "automobile",
    "bird",
    "cat",
    "deer",
    "dog",
    "frog",
    "horse",
    "ship",
    "truck",
)

#: The digits' side before upscaling.
_DIGITS_SIDE = 8
#: The share of the digits held out when `validation_split` is None (`loaders.digits`' default).
_DIGITS_HELD_OUT = 0.2


@dataclasses.dataclass(frozen=True, kw_only=True, eq=False)
class Source:
    """A data argument resolved: what to train on, what to hold out, and the data's defaults.

    Attributes:
        kind: ``"arrays"``, ``"folder"`` or ``"tfrecords"`` (`KINDS`).
        name: the form: ``"digits"``, ``"cifar10"``, ``"cifar100"``, ``"cifar_folder"``,
            ``"npz"``, ``"image_folder"`` or ``"tfrecords"``.
        train: ``(images, labels)`` arrays, an image folder's path, or a glob of TFRecord shards.
        validation: the held-out part in the same form, or None (a folder may instead hold out
            `validation_split` of its files when it is trained).
        classes: the class names when known, else the class count (None: unknown, as for shards).
        preprocessing: the data's default `keras_resnet.preprocessing` preset: ``"none"`` for the
            digits and ``.npz`` arrays (already model input), ``"unit"`` for the pixels of CIFAR,
            image folders and shards.
        title: a short name (``"digits 32x32"``, ``"CIFAR-10"``, the folder's name).
        description: one line for a plan (``"digits 8x8 -> 32 px, 1437 train / 360 held out"``).
        validation_split: a folder's share held out when it is trained (None: none).
        image_size: the side the trainer resizes a folder's or the shards' images to (None: its
            default).
        listing: an image folder's files as listed (the trainer does not list them again).
    """

    kind: str
    name: str
    train: Any = dataclasses.field(repr=False)
    validation: Any = dataclasses.field(default=None, repr=False)
    classes: tuple[str, ...] | int | None = None
    preprocessing: str = "none"
    title: str = ""
    description: str = ""
    validation_split: float | None = None
    image_size: int | None = None
    listing: loaders.FolderListing | None = dataclasses.field(default=None, repr=False)

    def __post_init__(self) -> None:
        _checks.check_choice("kind", self.kind, KINDS)
        if not self.description:  # said once, from the parts
            object.__setattr__(self, "description", _describe(self))

    @property
    def class_count(self) -> int | None:
        """The number of classes (None: unknown)."""
        return len(self.classes) if isinstance(self.classes, tuple) else self.classes

    @property
    def class_names(self) -> tuple[str, ...] | None:
        """The class names (None: not known)."""
        return self.classes if isinstance(self.classes, tuple) else None


def source(
    spec: str | os.PathLike[str] | Source,
    *,
    image_size: int | None = None,
    validation: str | os.PathLike[str] | None = None,
    validation_split: float | None = None,
    limit: int | None = None,
    seed: int = 0,
    argument: str = "data",
    validation_argument: str = "validation",
) -> Source:
    """Resolves a data argument into a `Source` (a `Source` is taken as it is, then given
    `validation` and `limit`).

    Args:
        spec: ``"digits"``, ``"cifar10"``, ``"cifar100"``, a CIFAR binary folder, a folder of
            class subfolders, a glob of TFRecord shards or an ``.npz`` file with arrays
            ``images`` and ``labels`` (`FORMS`).
        image_size: the side the digits are upscaled to (None: 32); for an image folder or
            shards, the side the trainer resizes their images to (None: its default). CIFAR and
            ``.npz`` arrays keep their own size.
        validation: the held-out data instead of the default part: a folder of class subfolders
            (for a folder), shards (for shards), or for arrays any form of arrays (its held-out
            part; all of an ``.npz``).
        validation_split: the share held out of the digits (None: 0.2), of an ``.npz`` (None:
            none) or, when it is trained, of an image folder (None: none); CIFAR holds out its
            test set and shards hold out nothing.
        limit: keep only the first `limit` training images (arrays only).
        seed: the seed of the digits' shuffle and of a share held out of an ``.npz``.
        argument: the name errors give `spec` (``"train_data"``, ``"--data"``).
        validation_argument: the name errors give `validation`.

    Raises:
        ValueError: an unknown form (the error lists `FORMS`), a folder of one class, a limit on
            files, a validation of another kind; each error names the argument and its value.
    """
    options = _Options.of(image_size, validation_split, limit, seed, argument)
    if isinstance(spec, Source):
        found, text = spec, spec.title
    else:
        text = _text(argument, spec)
        found = _resolve(text, options)
    if validation is not None:
        found = _with_validation(found, validation, options, validation_argument)
    if limit is not None:
        found = _limited(found, limit, argument, text)
    return found


@dataclasses.dataclass(frozen=True)
class _Options:
    image_size: int | None
    validation_split: float | None
    limit: int | None
    seed: int
    argument: str

    @classmethod
    def of(
        cls,
        image_size: Any,
        validation_split: Any,
        limit: Any,
        seed: Any,
        argument: str,
    ) -> _Options:
        if image_size is not None:
            image_size = _checks.check_int("image_size", image_size, minimum=1)
        if validation_split is not None:
            validation_split = _checks.check_fraction(
                "validation_split", validation_split, low_inclusive=False
            )
        if limit is not None:
            limit = _checks.check_int("limit", limit, minimum=1)
        return cls(image_size, validation_split, limit, _checks.check_int("seed", seed), argument)


def _text(argument: str, spec: Any) -> str:
    if not isinstance(spec, (str, os.PathLike)):
        raise TypeError(
            f"{argument} must be a data name or a path ({'; '.join(FORMS)}); received "
            f"{type(spec).__name__}"
        )
    return os.fspath(spec)


def _unknown(argument: str, text: str) -> ValueError:
    return ValueError(
        f"{argument}={text!r} is not a folder, a file or a data set name; the accepted forms: "
        + "; ".join(FORMS)
    )


def _resolve(text: str, options: _Options) -> Source:
    """The `Source` of one spec, without a separate validation or a limit."""
    if text == "digits":
        return _digits(options)
    if text in ("cifar10", "cifar100"):
        return _cifar(int(text[5:]), None, options)
    path = pathlib.Path(text)
    if path.is_dir():
        if (path / "data_batch_1.bin").is_file():
            return _cifar(10, path, options)
        if (path / "train.bin").is_file():
            return _cifar(100, path, options)
        return _image_folder(path, options)
    if text.endswith(".npz"):
        return _npz(path, options)
    if glob.glob(text):
        return _shards(text, options)
    raise _unknown(options.argument, text)


def _digits(options: _Options) -> Source:
    size = 32 if options.image_size is None else options.image_size
    held_out = _DIGITS_HELD_OUT if options.validation_split is None else options.validation_split
    train, test = loaders.digits(size, test_fraction=held_out, seed=options.seed)
    return Source(
        kind="arrays",
        name="digits",
        train=train,
        validation=test,
        classes=loaders.DIGITS_CLASSES,
        preprocessing="none",
        title=f"digits {_DIGITS_SIDE}x{_DIGITS_SIDE} -> {size} px",
    )


def _cifar(classes: int, folder: pathlib.Path | None, options: _Options) -> Source:
    train, test = loaders.cifar(classes, folder=folder)
    return Source(
        kind="arrays",
        name=f"cifar{classes}" if folder is None else "cifar_folder",
        train=train,
        validation=test,
        classes=CIFAR10_CLASSES if classes == 10 else classes,
        preprocessing="unit",
        title=f"CIFAR-{classes}",
    )


def _checked_arrays(
    argument: str, text: str, images: Any, labels: Any
) -> tuple[np.ndarray, np.ndarray]:
    """``(images (N, H, W, C), integer labels (N,) >= 0)``, else a ValueError naming the file."""
    images, labels = np.asarray(images), np.asarray(labels)
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    if images.ndim != 4 or labels.ndim != 1 or len(images) != len(labels) or not len(labels):
        raise ValueError(
            f"{argument}={text!r} must hold images (N, H, W, C) and labels (N,) with N >= 1; it "
            f"holds shapes {images.shape} and {labels.shape}"
        )
    if not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0:
        raise ValueError(
            f"{argument}={text!r}: labels must be integers >= 0; it holds dtype {labels.dtype}, "
            f"smallest {labels.min()}"
        )
    return images, labels.astype("int64")


def _npz(path: pathlib.Path, options: _Options) -> Source:
    text = str(path)
    if not path.is_file():
        raise ValueError(
            f"{options.argument}={text!r} does not exist (an .npz file with arrays 'images' and "
            "'labels')"
        )
    with np.load(path) as arrays:
        if not {"images", "labels"} <= set(arrays.files):
            raise ValueError(
                f"{options.argument}={text!r} must hold arrays 'images' and 'labels'; it holds "
                f"{', '.join(arrays.files) or 'none'}"
            )
        images, labels = _checked_arrays(options.argument, text, arrays["images"], arrays["labels"])
        names = arrays["class_names"] if "class_names" in arrays.files else None
    classes = int(labels.max()) + 1 if names is None else tuple(str(n) for n in names)
    train, validation = (images, labels), None
    if options.validation_split is not None:
        order = np.random.default_rng(options.seed).permutation(len(labels))
        held = int(round(options.validation_split * len(labels)))
        if not 0 < held < len(labels):
            raise ValueError(
                f"validation_split={options.validation_split} of the {len(labels)} images of "
                f"{options.argument}={text!r} leaves "
                f"{'no validation' if held == 0 else 'no training'} image"
            )
        train = (images[order[held:]], labels[order[held:]])
        validation = (images[order[:held]], labels[order[:held]])
    return Source(
        kind="arrays",
        name="npz",
        train=train,
        validation=validation,
        classes=classes,
        preprocessing="none",
        title=path.name,
    )


def _image_folder(path: pathlib.Path, options: _Options) -> Source:
    listing = loaders.list_image_folder(path, argument=options.argument)
    if len(listing.class_names) < 2:
        raise ValueError(
            f"{options.argument}={str(path)!r} has one class folder ({listing.class_names[0]!r}): "
            "a classifier needs two classes or more"
        )
    return Source(
        kind="folder",
        name="image_folder",
        train=str(path),
        classes=listing.class_names,
        preprocessing="unit",
        title=f"image folder {path}",
        validation_split=options.validation_split,
        image_size=options.image_size,
        listing=listing,
    )


def _shards(pattern: str, options: _Options) -> Source:
    return Source(
        kind="tfrecords",
        name="tfrecords",
        train=pattern,
        preprocessing="unit",
        title=f"TFRecord shards {pattern}",
        image_size=options.image_size,
    )


_KIND_TEXT = {
    "arrays": "arrays (digits, CIFAR or an .npz file)",
    "folder": "a folder of class subfolders",
    "tfrecords": "TFRecord shards",
}


def _with_validation(found: Source, validation: Any, options: _Options, argument: str) -> Source:
    """`found` holding out `validation` (resolved as a spec of the same kind) instead."""
    text = _text(argument, validation)
    held = _resolve(
        text, dataclasses.replace(options, validation_split=None, limit=None, argument=argument)
    )
    if held.kind != found.kind:
        raise ValueError(
            f"{argument}={text!r} is {_KIND_TEXT[held.kind]}, but {options.argument} is "
            f"{_KIND_TEXT[found.kind]}: {argument} must be {_KIND_TEXT[found.kind]} too"
        )
    if found.kind == "arrays":
        part = held.validation if held.validation is not None else held.train
        if part[0].shape[1:] != found.train[0].shape[1:]:
            raise ValueError(
                f"{argument}={text!r} holds images of shape {part[0].shape[1:]}; those of "
                f"{options.argument} are {found.train[0].shape[1:]}"
            )
        return dataclasses.replace(found, validation=part, description="")
    if found.kind == "folder" and held.class_names != found.class_names:
        raise ValueError(
            f"{argument}={text!r} has the class folders {held.class_names}, {options.argument} has "
            f"{found.class_names}: they must be the same"
        )
    return dataclasses.replace(found, validation=held.train, validation_split=None, description="")


def _limited(found: Source, limit: int, argument: str, text: str) -> Source:
    if found.kind != "arrays":
        raise ValueError(
            "a limit applies to arrays (digits, CIFAR, .npz), not to files; received "
            f"limit={limit} with {argument}={text!r}"
        )
    images, labels = found.train
    return dataclasses.replace(found, train=(images[:limit], labels[:limit]), description="")


def _describe(found: Source) -> str:
    """A `Source`'s description: what it is, and how many images it trains on and holds out."""
    if found.kind == "arrays":
        held = (
            "no held-out images"
            if found.validation is None
            else (f"{len(found.validation[1])} held out")
        )
        return f"{found.title}, {len(found.train[1])} train / {held}"
    if found.kind == "folder" and found.listing is not None:
        images, ignored = len(found.listing.files), found.listing.ignored
        text = f"{found.title}: {images} images of {len(found.listing.class_names)} classes"
        text += f", {ignored} other files ignored" if ignored else ""
    else:
        text = found.title
    if found.validation is not None:
        return f"{text}; validation: {found.validation}"
    if found.validation_split is not None:
        return f"{text}, {found.validation_split:.0%} held out"
    return text


def arrays(
    found: Source, *, image_size: int | None = None
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray] | None]:
    """A source's training and held-out parts as in-memory arrays of pixels (not preprocessed):
    ``((images, labels), (images, labels) or None)``.

    Arrays are returned as they are; an image folder's files (and a validation folder's, or the
    share `Source.validation_split` held out of it) and TFRecord shards are decoded and resized to
    `image_size` (default: the source's own). For data that fit in memory: evaluation, a lesion
    study, fine-tuning on a small set.

    Raises:
        ValueError: files to decode and no image size, or a folder without a readable image.
    """
    if found.kind == "arrays":
        return found.train, found.validation
    size = image_size or found.image_size
    if size is None:
        raise ValueError(
            f"image_size is needed to read {found.title} into arrays (the side images are resized "
            "to)"
        )
    if found.kind == "folder":
        split = None if found.validation is not None else found.validation_split
        (train, held), _ = loaders.image_folder_arrays(found.train, size, validation_split=split)
        if found.validation is not None:
            (held, _), _ = loaders.image_folder_arrays(
                found.validation, size, validation_split=None
            )
        return train, held
    held = None if found.validation is None else _shard_arrays(found.validation, size)
    return _shard_arrays(found.train, size), held


def _shard_arrays(pattern: str, image_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Every record of TFRecord shards, in file order, as ``(float32 pixels, int64 labels)``."""
    batches = loaders.tfrecords(
        pattern, image_size, batch_size=256, preprocessing="none", shuffle=False
    )
    parts = [(np.asarray(x), np.asarray(y)) for x, y in batches]
    return (
        np.concatenate([x for x, _ in parts]),
        np.concatenate([y for _, y in parts]).astype("int64"),
    )


__all__ = ["CIFAR10_CLASSES", "FORMS", "KINDS", "Source", "arrays", "source"]
