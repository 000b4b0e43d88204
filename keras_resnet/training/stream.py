"""The training input stream: labelled images (an image folder's files or in-memory arrays) as
batches that are decoded, augmented and prefetched by Grain's worker threads, on every Keras
backend.

Why Grain, and threads: Keras 3's ``fit`` takes a ``grain`` dataset directly on JAX, TensorFlow
and PyTorch, and Grain's ``MapDataset`` is random access, so the batch at any global step is a
pure function of the step: a run resumed mid-epoch starts the stream at its checkpoint's step and
sees the very batches an uninterrupted run saw. Decoding is Pillow's, through
`keras_resnet.images.decode` (the decoder of every path that reads image files; Pillow releases
the GIL while it decodes and resizes), so worker threads scale over the cores without the
start-up and copying of worker processes; on JPEG photos with random resized crops and flips they
keep up with ``tf.data``'s AUTOTUNE pipeline of the same work (``decode_jpeg``,
``sample_distorted_bounding_box``, ``resize``), without needing TensorFlow.

What a batch is: global step ``s`` is batch ``b = s % steps_per_epoch`` of epoch
``e = s // steps_per_epoch``; the epoch's order is a permutation seeded with ``(seed, e)`` and
the batch's draws (crops, flips, mixup) come from a generator seeded with ``(seed, e, b)``. A
file that does not decode is replaced by the next one of the epoch's order, and counted with
its path and reason (`Skipped`).
"""

from __future__ import annotations

import dataclasses
import math
import os
import threading
from typing import Any

import numpy as np

from keras_resnet import _optional
from keras_resnet import images as images_lib
from keras_resnet import preprocessing as preprocessing_lib
from keras_resnet.training import augment as augment_lib

#: How many files in a row may fail to decode before the stream stops with an error.
_MAX_FAILURES = 64


@dataclasses.dataclass(frozen=True)
class Examples:
    """Random-access labelled images: the files of an image folder, or in-memory arrays.

    Attributes:
        labels: integer labels, one per example.
        files: image file paths (None for arrays).
        images: ``(N, H, W, C)`` arrays (None for files).
        origin: where they come from, for messages (a folder, ``"arrays"``).
        class_names: the classes' names when known (an image folder's subfolders).
        ignored: files of the folder left aside for not being images.
    """

    labels: np.ndarray
    files: tuple[str, ...] | None = None
    images: np.ndarray | None = None
    origin: str = "arrays"
    class_names: tuple[str, ...] | None = None
    ignored: int = 0

    def __len__(self) -> int:
        return len(self.labels)

    def subset(self, indices: np.ndarray) -> Examples:
        files = None if self.files is None else tuple(self.files[i] for i in indices)
        images = None if self.images is None else self.images[indices]
        return dataclasses.replace(self, labels=self.labels[indices], files=files, images=images)

    def split(self, fraction: float, seed: int) -> tuple[Examples, Examples]:
        """``(train, held out)``: a seeded random `fraction` held out (at least one of each)."""
        order = np.random.default_rng([seed, 7]).permutation(len(self))
        held_out = int(round(fraction * len(self)))
        if not 0 < held_out < len(self):
            raise ValueError(
                f"validation_split={fraction} of {len(self)} images leaves "
                f"{'no validation' if held_out == 0 else 'no training'} image"
            )
        validation = dataclasses.replace(
            self.subset(np.sort(order[:held_out])), origin=f"held out of {self.origin}", ignored=0
        )
        return self.subset(np.sort(order[held_out:])), validation

    def describe(self) -> str:
        classes = len(self.class_names) if self.class_names else int(self.labels.max()) + 1
        ignored = (
            f", {self.ignored} non-image file{'s' if self.ignored != 1 else ''} ignored"
            if self.ignored
            else ""
        )
        return f"{len(self):,} images of {classes} classes ({self.origin}{ignored})"


def from_folder(path: str | os.PathLike[str], *, argument: str = "data") -> Examples:
    """The image files of a folder with one subfolder per class (listed, not opened); errors
    name the folder as `argument`."""
    from keras_resnet import data

    return from_listing(data.list_image_folder(path, argument=argument), str(path))


def from_listing(listing: Any, origin: str) -> Examples:
    """The files of a `keras_resnet.data.FolderListing` of the folder `origin`."""
    return Examples(
        listing.labels,
        files=listing.files,
        origin=origin,
        class_names=listing.class_names,
        ignored=listing.ignored,
    )


def from_arrays(images: np.ndarray, labels: np.ndarray) -> Examples:
    return Examples(np.asarray(labels), images=np.asarray(images))


class Skipped:
    """The files that did not decode, with the reason, shared by the worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reasons: dict[str, str] = {}

    def add(self, file: str, reason: str) -> None:
        with self._lock:
            self.reasons.setdefault(file, reason)

    def __len__(self) -> int:
        return len(self.reasons)

    def summary(self, limit: int = 5) -> str:
        """One line: the count, and the first `limit` files (relative to the folder that holds
        them all, which it names) with their reasons."""
        with self._lock:
            reasons = sorted(self.reasons.items())
        if not reasons:
            return "skipped no image"
        root = os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f, _ in reasons])
        shown = [f"{os.path.relpath(os.path.abspath(f), root)} ({r})" for f, r in reasons[:limit]]
        more = f" and {len(reasons) - limit} more" if len(reasons) > limit else ""
        plural = "s" if len(reasons) != 1 else ""
        return (
            f"skipped {len(reasons)} unreadable image{plural} in {root}: {', '.join(shown)}{more}"
        )


def _decode(file: str, size: int, geometry: str, rng: np.random.Generator | None) -> np.ndarray:
    """A file's image as uint8 RGB ``(size, size, 3)``: resized whole (``"resize"``), a random
    resized crop (``"random_crop"``) or the central 87.5% resized (``"center_crop"``). Decoded by
    `keras_resnet.images.decode` (a JPEG resized whole at the smallest reduced scale still
    >= `size`)."""
    Image = _optional.require("PIL.Image", "train")

    pixels = images_lib.decode(file, draft=size if geometry == "resize" else None)
    image = Image.fromarray(pixels)
    width, height = image.size
    box: tuple[float, float, float, float]
    if geometry == "random_crop" and rng is not None:
        box = augment_lib.crop_box(width, height, rng)
    elif geometry == "center_crop":
        side = min(width, height) * 0.875
        box = ((width - side) / 2, (height - side) / 2, (width + side) / 2, (height + side) / 2)
    else:
        box = (0, 0, width, height)
    return np.asarray(image.resize((size, size), Image.Resampling.BILINEAR, box=box))


def _resize_array(image: np.ndarray, size: int, box: tuple) -> np.ndarray:
    """An in-memory image ``(H, W, C)`` cropped to `box` and resized with Pillow (bilinear, per
    channel in float for float images)."""
    from PIL import Image

    if image.dtype == np.uint8 and image.shape[-1] in (1, 3):
        mode_image = Image.fromarray(image[..., 0] if image.shape[-1] == 1 else image)
        out = np.asarray(mode_image.resize((size, size), Image.Resampling.BILINEAR, box=box))
        return out.reshape(size, size, image.shape[-1])
    channels = [
        np.asarray(
            Image.fromarray(image[..., c].astype("float32"), mode="F").resize(
                (size, size), Image.Resampling.BILINEAR, box=box
            )
        )
        for c in range(image.shape[-1])
    ]
    return np.stack(channels, axis=-1).astype(image.dtype)


@dataclasses.dataclass
class Batches:
    """``step -> (images, labels)``: the callable Grain maps over global steps (training) or
    batch indices (evaluation, `training=False`: the examples in order, no augmentation).

    Attributes:
        examples: what to read.
        batch_size: the global batch.
        image_size: the side of the model's square input (for image files; arrays keep theirs
            unless a random resized crop is asked for).
        seed: the run's seed.
        augment: an `augment.NAMES` entry.
        preprocessing: how pixels become model input.
        classes: the class count (for one-hot labels).
        one_hot: labels as one-hot float32 rows (label smoothing, mixup) instead of integers.
        mixup_alpha: mixup's Beta parameter (0: none).
        training: shuffle per epoch and augment (False: evaluation order, whole images).
        process: this process's index in a multi-process run: it takes slice `process` of
            `processes` equal slices of every global batch. From files, it decodes its own
            slice only (with its own draws); from arrays, it slices the one-process batch, so
            the run sees the very batches of a one-process run.
        processes: the processes of the run (1: the whole batch).
        pad: evaluation batches all full, the last one padded, with sample weights (0 for the
            padding): a batch split over several devices must divide evenly.
        data_format: the layout of the images it yields: ``"channels_last"`` (NHWC) or
            ``"channels_first"`` (NCHW, transposed after augmentation: the draws and pixels are
            the same in both).
    """

    examples: Examples
    batch_size: int
    image_size: int | None
    seed: int
    augment: str = "none"
    preprocessing: Any = "none"
    classes: int = 0
    one_hot: bool = False
    mixup_alpha: float = 0.0
    training: bool = True
    process: int = 0
    processes: int = 1
    pad: bool = False
    data_format: str = "channels_last"
    skipped: Skipped = dataclasses.field(default_factory=Skipped)

    def __post_init__(self) -> None:
        self._preset = preprocessing_lib.get(self.preprocessing)
        self._orders: dict[int, np.ndarray] = {}
        self._lock = threading.Lock()

    @property
    def steps_per_epoch(self) -> int:
        """Whole training batches per epoch (the remainder of each epoch's order is left out);
        evaluation: every example, the last batch smaller."""
        if self.training:
            return len(self.examples) // self.batch_size
        return math.ceil(len(self.examples) / self.batch_size)

    def order(self, epoch: int) -> np.ndarray:
        """The epoch's permutation of the examples, a function of (seed, epoch) only."""
        with self._lock:
            if epoch not in self._orders:
                if len(self._orders) > 2:  # the threads read at most two epochs at a time
                    self._orders.pop(min(self._orders))
                self._orders[epoch] = np.random.default_rng([self.seed, epoch]).permutation(
                    len(self.examples)
                )
            return self._orders[epoch]

    def __call__(self, step: int) -> tuple[np.ndarray, ...]:
        step = int(step)
        if not self.training:
            return self._evaluation_batch(step)
        epoch, batch = divmod(step, self.steps_per_epoch)
        local = self.batch_size // self.processes
        if (
            self.processes > 1 and self.examples.files is not None
        ):  # decode this process's files only
            start = batch * self.batch_size + self.process * local
            rng = np.random.default_rng([self.seed, epoch, batch, self.process])
            return self._finish(
                *self._read(self.order(epoch), np.arange(start, start + local), rng), rng
            )
        # arrays (in every process's memory anyway): the one-process batch, then this process's
        # slice
        rng = np.random.default_rng([self.seed, epoch, batch])
        positions = np.arange(batch * self.batch_size, (batch + 1) * self.batch_size)
        mine = slice(self.process * local, (self.process + 1) * local)
        return tuple(
            part[mine] for part in self._finish(*self._read(self.order(epoch), positions, rng), rng)
        )

    def _evaluation_batch(self, step: int) -> tuple[np.ndarray, ...]:
        """Batch `step` of the examples in order (the last one smaller); with `pad`, every batch
        full (the last one padded) with sample weights that leave the padding out, and with
        several processes this process's slice of it."""
        start, count = step * self.batch_size, len(self.examples)
        if not self.pad:
            return self._finish(
                *self._read(
                    np.arange(count), np.arange(start, min(start + self.batch_size, count)), None
                ),
                None,
            )
        local = self.batch_size // self.processes
        positions = np.arange(start + self.process * local, start + (self.process + 1) * local)
        weights = (positions < count).astype("float32")
        images, labels = self._finish(
            *self._read(np.arange(count), np.where(weights > 0, positions, 0), None), None
        )
        return images, labels, weights

    def _read(
        self, order: np.ndarray, positions: np.ndarray, rng: np.random.Generator | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The images and labels at `positions` of `order`: array rows, or decoded files."""
        examples = self.examples
        if examples.images is None:
            pairs = [self._decode_at(order, int(p), rng) for p in positions]
            return np.stack([image for _, image in pairs]), examples.labels[
                [index for index, _ in pairs]
            ]
        indices = order[positions]
        images = examples.images[indices]
        if rng is not None and self.augment == "random_resized_crop_flip":
            size = self.image_size or images.shape[1]
            images = np.stack(
                [
                    _resize_array(
                        image, size, augment_lib.crop_box(image.shape[1], image.shape[0], rng)
                    )
                    for image in images
                ]
            )
        return images, examples.labels[indices]

    def _decode_at(
        self, order: np.ndarray, position: int, rng: np.random.Generator | None
    ) -> tuple[int, np.ndarray]:
        """``(index, image)`` of the file at `position` of `order`, or of the first after it that
        decodes; the ones that do not are counted in `skipped`."""
        geometry = "resize"
        if self.augment == "random_resized_crop_flip":
            geometry = "random_crop" if rng is not None else "center_crop"
        size, files = self._size(), self.examples.files or ()
        for attempt in range(_MAX_FAILURES):
            index = int(order[(position + attempt) % len(order)])
            file = files[index]
            try:
                return index, _decode(file, size, geometry, rng)
            except images_lib.ImageError as error:  # content that does not decode
                self.skipped.add(file, error.reason)
            except OSError as error:  # a file that cannot be opened (removed since listed)
                self.skipped.add(file, error.strerror or type(error).__name__)
        raise ValueError(
            f"{_MAX_FAILURES} files in a row of {self.examples.origin} could not be decoded (last: "
            f"{file}); is it a folder of images?"
        )

    def _size(self) -> int:
        if self.image_size is None:
            raise ValueError("image_size is needed to read image files")
        return self.image_size

    def _finish(
        self, images: np.ndarray, labels: np.ndarray, rng: np.random.Generator | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Preprocessing, the batch-level augmentation, one-hot labels and mixup."""
        images = self._preset.numpy(images)
        if rng is not None:
            images = augment_lib.apply(self.augment, images, rng)
        targets = (
            np.eye(self.classes, dtype="float32")[labels]
            if self.one_hot
            else labels.astype("int64")
        )
        if rng is not None and self.mixup_alpha > 0:
            images, targets = augment_lib.mixup(images, targets, alpha=self.mixup_alpha, rng=rng)
        if self.data_format == "channels_first":
            images = images.transpose(0, 3, 1, 2)
        return np.ascontiguousarray(images, dtype="float32"), targets


def default_workers() -> int:
    """Worker threads for decoding: the cores this process may use, at most 16."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, min(cores, 16))


def dataset(batches: Batches, first: int, last: int, *, workers: int) -> Any:
    """A Grain ``IterDataset`` of ``batches(step)`` for steps ``first`` to ``last - 1``, made by
    `workers` threads (0: in the calling thread) and prefetched two batches per thread ahead."""
    grain = _optional.require("grain", "train")
    options = grain.ReadOptions(num_threads=workers, prefetch_buffer_size=2 * workers)
    return grain.MapDataset.range(first, last).map(batches).to_iter_dataset(options)


__all__ = [
    "Batches",
    "Examples",
    "Skipped",
    "dataset",
    "default_workers",
    "from_arrays",
    "from_folder",
]
