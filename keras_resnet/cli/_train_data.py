"""The data ``keras-resnet train`` (and ``lesion``) reads from --data: digits, CIFAR arrays, a
folder of class subfolders, or TFRecord shards streamed with tf.data."""

from __future__ import annotations

import argparse
import functools
import glob
import pathlib
from typing import Any

NAMED = ("digits", "cifar10", "cifar100")


def arrays_or_folder(spec: str, image_size: int | None) -> tuple[Any, Any, str]:
    """``(train, validation, preprocessing)`` for --data: digits, cifar10, cifar100 or a CIFAR
    binary folder (arrays), or a folder of class subfolders (its path: `train` streams it, and
    holds out --validation-split of it unless --validation-data names another folder)."""
    from keras_resnet import data

    if spec == "digits":
        train, test = data.digits(32 if image_size is None else image_size)
        return train, test, "none"
    if spec in ("cifar10", "cifar100"):
        return (*data.cifar(int(spec[5:])), "unit")
    folder = pathlib.Path(spec)
    if (folder / "data_batch_1.bin").is_file():
        return (*data.cifar(10, folder=folder), "unit")
    if (folder / "train.bin").is_file():
        return (*data.cifar(100, folder=folder), "unit")
    return str(folder), None, "unit"


def is_shards(spec: str | None) -> bool:
    """--data / --validation-data naming TFRecord shards: a glob or file that is not a folder."""
    return spec is not None and not pathlib.Path(spec).is_dir() and bool(glob.glob(spec))


def check(args: argparse.Namespace) -> bool:
    """Usage errors of --data and --validation-data (and the counts shards need), before any
    work; whether --data names TFRecord shards."""
    sharded = is_shards(args.data)
    if args.data not in NAMED and not pathlib.Path(args.data).is_dir() and not sharded:
        raise ValueError(
            "--data must be digits, cifar10, cifar100, a folder or TFRecord shards ('train-*'); "
            f"received {args.data!r}"
        )
    if args.validation_data is not None and not (
        is_shards(args.validation_data) if sharded else pathlib.Path(args.validation_data).is_dir()
    ):
        kind = "TFRecord shards like --data" if sharded else "a folder of class subfolders"
        raise ValueError(f"--validation-data must be {kind}; received {args.validation_data!r}")
    for flag, value in (("--classes", args.classes), ("--steps-per-epoch", args.steps_per_epoch)):
        if sharded and value is None:
            raise ValueError(
                f"{flag} is needed with TFRecord shards (their records are not counted); "
                f"received --data {args.data}"
            )
    return sharded


def shards(args: argparse.Namespace, process: int = 0, processes: int = 1) -> tuple[Any, Any, str]:
    """``(train, validation, preprocessing)`` for TFRecord shards: the training stream as a
    function of the global step (tf.data: endless, reshuffled, the recipe's augmentation; a
    resumed run starts it at its checkpoint's step) and the held-out shards in order; with several
    processes, this process's share of each (every `processes`-th record)."""
    from keras_resnet import data, weights
    from keras_resnet.training import augment, recipes

    source = weights.check_weights_argument(args.weights, args.model) if args.weights else None
    preprocessing = args.preprocessing or (
        (weights.preprocessing_of(source) or "none") if source is not None else "unit"
    )
    recipe = recipes.get(args.recipe or ("finetune" if args.weights else "cifar"))
    crop = (args.augment or recipe.augmentation) == "random_resized_crop_flip"
    labels = args.classes if recipes.one_hot(recipe) else None
    batch = args.batch_size or recipe.batch_size
    if batch % processes:
        raise ValueError(f"--batch-size {batch} must divide evenly over the {processes} processes")
    common: dict[str, Any] = dict(
        image_size=args.input_size or 224,
        batch_size=batch // processes,
        preprocessing=preprocessing,
        one_hot=labels,
        shard=(process, processes),
    )
    train = functools.partial(
        data.tfrecords,
        args.data,
        shuffle=True,
        seed=args.seed,
        repeat=True,
        augment=augment.tf_random_resized_crop_flip if crop else None,
        **common,
    )

    def from_step(step: int) -> Any:
        return train(start=step)

    from_step.__name__ = f"TFRecord shards {args.data}"
    validation = (
        data.tfrecords(args.validation_data, shuffle=False, count=True, **common)
        if args.validation_data
        else None
    )
    return from_step, validation, preprocessing
