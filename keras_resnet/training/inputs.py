"""The data of a `train` run, listed and checked before anything is built (`Data`).

`train` takes an image folder's files (listed, not opened), ``(images, labels)`` arrays, a dataset
object `fit` reads as it is, a function of the global step that returns one, and any form
`keras_resnet.data.source` resolves (``"digits"``, ``"cifar10"``, a CIFAR binary folder, an
``.npz`` file, TFRecord shards) or the `keras_resnet.data.Source` it returns. TFRecord shards
become a function of the step here: ``tf.data`` from the run's seed, recipe and process share.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from typing import Any

import numpy as np

from keras_resnet import _checks
from keras_resnet.training import engines, stream
from keras_resnet.training import recipes as recipes_lib
from keras_resnet.training.config import TrainConfig


def is_path(value: Any) -> bool:
    return isinstance(value, (str, os.PathLike))


def is_dataset(value: Any) -> bool:
    """A dataset object `fit` takes as it is: tf.data, keras.utils.PyDataset, Grain."""
    module = type(value).__module__
    if module.startswith(("tensorflow.", "grain.")):
        return True
    import keras

    return isinstance(value, keras.utils.PyDataset)


def is_step_function(value: Any) -> bool:
    """A function ``global step -> dataset object`` (an endless stream from that step)."""
    return callable(value) and not is_dataset(value) and not isinstance(value, type)


def is_source(value: Any) -> bool:
    """A `keras_resnet.data.Source`."""
    from keras_resnet import data

    return isinstance(value, data.Source)


def resolve(train_data: Any, validation_data: Any, config: TrainConfig) -> tuple[Any, Any]:
    """``(train_data, validation_data)`` with `train_data` as a `keras_resnet.data.Source` when
    it names one of its forms (a path or a data set's name) or is one; a `validation_data`
    path is then part of the source (and None is returned in its place). Other data as they are.
    """
    if not (is_path(train_data) or is_source(train_data)):
        return train_data, validation_data
    from keras_resnet import data

    folded = is_path(validation_data)
    source = data.source(
        train_data,
        image_size=config.image_size,
        validation=validation_data if folded else None,
        validation_split=config.validation_split,
        seed=config.seed,
        argument="train_data",
        validation_argument="validation_data",
    )
    return source, None if folded else validation_data


def _check_arrays(argument: str, data: Any) -> tuple[np.ndarray, np.ndarray]:
    """``(images (N, H, W, C), integer labels (N,))`` as NumPy arrays."""
    try:
        x, y = (np.asarray(a) for a in data)
    except (TypeError, ValueError):
        raise TypeError(
            f"{argument} must be a pair (images, labels); received {type(data).__name__}"
        ) from None
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if x.ndim != 4 or y.ndim != 1 or len(x) != len(y):
        raise ValueError(
            f"{argument} must be (images (N, H, W, C), labels (N,)); received shapes {x.shape} and "
            f"{y.shape}"
        )
    if len(y) == 0:
        raise ValueError(f"{argument} has no images; received shapes {x.shape} and {y.shape}")
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0:
        raise ValueError(
            f"{argument} labels must be integers >= 0; received dtype {y.dtype}, smallest {y.min()}"
        )
    return x, y


def _check_classes(classes: int | None, labels: np.ndarray) -> int:
    largest = int(labels.max())
    if classes is None:
        return largest + 1
    classes = _checks.check_int("classes", classes, minimum=1)
    if classes <= largest:
        raise ValueError(
            f"classes must exceed the largest label ({largest}); received classes={classes}"
        )
    return classes


def _examples(argument: str, value: Any) -> stream.Examples:
    """An image folder (listed) or ``(images, labels)`` arrays as `stream.Examples`."""
    if is_path(value):
        if not os.path.isdir(value):
            raise ValueError(
                f"{argument}={os.fspath(value)!r} is not a folder (one subfolder of images per "
                "class)"
            )
        return stream.from_folder(value, argument=argument)
    return stream.from_arrays(*_check_arrays(argument, value))


def _peek(dataset: Any) -> tuple[Any, Any]:
    """The first batch of a dataset object (its shapes: the model's input, the batch size)."""
    first = dataset[0] if hasattr(dataset, "__getitem__") else next(iter(dataset))
    return np.asarray(first[0]), np.asarray(first[1])


@dataclasses.dataclass
class Data:
    """The training and validation data of a run, listed and checked, nothing decoded yet.

    Attributes:
        train: the training examples (None: `dataset` instead).
        validation: the held-out examples, or None.
        dataset: a dataset object fit takes as it is, or a function of the first global step.
        validation_dataset: the held-out dataset object with `dataset`.
        first: the dataset object's first batch (its shapes).
        class_count: the data's class count when its class names are not known (CIFAR-100, an
            ``.npz`` file without them).
    """

    train: stream.Examples | None
    validation: stream.Examples | None = None
    dataset: Any = None
    validation_dataset: Any = None
    first: tuple[Any, Any] | None = None
    class_count: int | None = None

    @classmethod
    def of(cls, train_data: Any, validation_data: Any, config: TrainConfig) -> Data:
        """The data `train` takes (its `train_data` and `validation_data`), checked."""
        train_data, validation_data = resolve(train_data, validation_data, config)
        if is_dataset(train_data) or is_step_function(train_data):
            return cls._of_dataset(train_data, validation_data, config)
        if is_source(train_data):
            return cls._of_source(train_data, validation_data, config)
        examples = _examples("train_data", train_data)
        if validation_data is not None:
            return cls(examples, _examples("validation_data", validation_data))
        if config.validation_split is not None:
            return cls(*examples.split(config.validation_split, config.seed))
        return cls(examples)

    @classmethod
    def _of_dataset(cls, train_data: Any, validation_data: Any, config: TrainConfig) -> Data:
        validation = (
            validation_data if validation_data is None or is_dataset(validation_data) else None
        )
        if validation is None and validation_data is not None:
            raise TypeError(
                "validation_data must be a dataset object too when train_data is one; received "
                f"{type(validation_data).__name__}"
            )
        if is_step_function(train_data) and config.steps_per_epoch is None:
            raise ValueError(
                "steps_per_epoch is needed when train_data is a function of the step (its stream "
                "does not end)"
            )
        first = _peek(train_data(0) if is_step_function(train_data) else train_data)
        return cls(None, dataset=train_data, validation_dataset=validation, first=first)

    @classmethod
    def _of_source(cls, source: Any, validation_data: Any, config: TrainConfig) -> Data:
        """The data of a `keras_resnet.data.Source`; `validation_data` (not a path) replaces
        its held-out part."""
        if source.kind == "tfrecords":
            return cls._of_dataset(*_shard_stream(source, validation_data, config), config)
        if source.kind == "folder":
            examples = (
                stream.from_folder(source.train, argument="train_data")
                if source.listing is None
                else stream.from_listing(source.listing, source.train)
            )
            held = (
                None
                if source.validation is None
                else _examples("validation_data", source.validation)
            )
            split = source.validation_split
        else:
            examples = _source_arrays("train_data", source.train, source.title, source)
            held = None
            if source.validation is not None:
                origin = f"{source.title}, held out"
                held = _source_arrays("validation_data", source.validation, origin, source)
            split = None
        count = None if source.class_names is not None else source.class_count
        if validation_data is not None:
            held = _examples("validation_data", validation_data)
        fraction = config.validation_split if split is None else split
        if held is None and fraction is not None:
            examples, held = examples.split(fraction, config.seed)
        return cls(examples, held, class_count=count)

    def classes(self, config: TrainConfig) -> int:
        if self.train is None:
            if config.classes is None:
                raise ValueError(
                    "classes is needed when train_data is a dataset object (its labels are not "
                    "listed)"
                )
            return config.classes
        if self.train.class_names is not None and config.classes is None:
            return len(self.train.class_names)
        classes = self.class_count if config.classes is None else config.classes
        return _check_classes(classes, self.train.labels)

    def input_shape(self, config: TrainConfig, augment: str) -> tuple[int, ...]:
        if self.train is None:
            assert self.first is not None  # `of` peeks every dataset object
            return tuple(self.first[0].shape[1:])
        if self.train.images is None:
            size = config.image_size or 224
            return (size, size, 3)
        shape = self.train.images.shape[1:]
        if config.image_size and augment == "random_resized_crop_flip":
            return (config.image_size, config.image_size, shape[-1])
        return tuple(shape)

    def steps(self, config: TrainConfig) -> int:
        """Batches per epoch of the dataset object: `config.steps_per_epoch`, else its length."""
        if config.steps_per_epoch is not None:
            return config.steps_per_epoch
        length = None
        if hasattr(self.dataset, "cardinality"):
            length = int(self.dataset.cardinality())
        elif hasattr(self.dataset, "__len__"):
            try:
                length = len(self.dataset)
            except TypeError:
                length = None
        if length is None or length <= 0:
            raise ValueError(
                "steps_per_epoch is needed: the length of train_data "
                f"({type(self.dataset).__name__}) is unknown"
            )
        return length

    def stream(self, step: int) -> Any:
        """The dataset object fit reads from global step `step` on (a function of the step is
        called with it; any other dataset object is taken as it is, from its start)."""
        return self.dataset(step) if is_step_function(self.dataset) else self.dataset

    def describe(self) -> str:
        if self.train is None:
            name = getattr(self.dataset, "__name__", None) or type(self.dataset).__name__
            return f"data: {name} (batches as it yields them)"
        held_out = (
            f"; validation: {self.validation.describe()}"
            if self.validation is not None
            else "; no validation"
        )
        return f"data: {self.train.describe()}{held_out}"


def _source_arrays(argument: str, arrays: Any, origin: str, source: Any) -> stream.Examples:
    """A source's ``(images, labels)`` as examples named for messages, with its class names."""
    examples = stream.from_arrays(*_check_arrays(argument, arrays))
    return dataclasses.replace(examples, origin=origin, class_names=source.class_names)


def _shard_stream(source: Any, validation_data: Any, config: TrainConfig) -> tuple[Any, Any]:
    """TFRecord shards as ``(a function of the global step, the held-out dataset)``: endless,
    reshuffled ``tf.data`` with the recipe's augmentation from the step on (a resumed run starts
    at its checkpoint's step), and the held-out shards in order; with several processes, this
    process's share of each (every `processes`-th record)."""
    from keras_resnet import data
    from keras_resnet.training import augment as augment_lib

    for argument, value in (
        ("classes", config.classes),
        ("steps_per_epoch", config.steps_per_epoch),
    ):
        if value is None:
            raise ValueError(
                f"{argument} is needed with TFRecord shards (their records are not counted); "
                f"received train_data={source.train!r}"
            )
    spec = config.spec
    process, processes = engines.process_share()
    batch = config.batch_size or spec.batch_size
    if batch % processes:
        raise ValueError(f"batch_size={batch} must divide evenly over the {processes} processes")
    common: dict[str, Any] = dict(
        image_size=config.image_size or source.image_size or 224,
        batch_size=batch // processes,
        preprocessing=config.preprocessing or source.preprocessing,
        one_hot=config.classes if recipes_lib.one_hot(spec) else None,
        shard=(process, processes),
    )
    crop = (config.augment or spec.augmentation) == "random_resized_crop_flip"
    read = functools.partial(
        data.tfrecords,
        source.train,
        shuffle=True,
        seed=config.seed,
        repeat=True,
        augment=augment_lib.tf_random_resized_crop_flip if crop else None,
        **common,
    )

    def from_step(step: int) -> Any:
        return read(start=step)

    from_step.__name__ = source.title
    if validation_data is None and source.validation is not None:
        validation_data = data.tfrecords(source.validation, shuffle=False, count=True, **common)
    return from_step, validation_data


__all__ = ["Data", "is_dataset", "is_path", "is_source", "is_step_function", "resolve"]
