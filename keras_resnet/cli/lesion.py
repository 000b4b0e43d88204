"""``keras-resnet lesion``: a model's held-out accuracy with each block removed in turn
(Veit et al. 2016), as a table, a plot and JSON."""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from typing import Any

from keras_resnet import registry
from keras_resnet.cli import _args, _train_data


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet lesion``."""
    p.add_argument("model", help="a registered model name (with --weights) or a saved .keras file")
    _args.add_model_source(p)
    p.add_argument(
        "--data",
        default="digits",
        help="held-out images: digits (offline default), cifar10, cifar100, a CIFAR "
        "binary folder (its test set), or a .npz file with arrays 'images' and 'labels'",
    )
    p.add_argument(
        "--preprocessing",
        choices=_args.preprocessing_names(),
        help="default: none for digits and .npz, unit for CIFAR",
    )
    p.add_argument("--limit", type=_args.count, help="use only the first N held-out images")
    p.add_argument("--batch-size", type=_args.count, default=256)
    p.add_argument("--plot", help="write the lesion plot here (PNG; needs matplotlib)")
    p.add_argument("--json", help="write the rows as JSON")


def _npz(spec: str) -> tuple[Any, Any]:
    """The arrays ``images`` and ``labels`` of a .npz file."""
    import numpy as np

    if not pathlib.Path(spec).is_file():
        raise ValueError(
            f"--data {spec!r} does not exist (a .npz file with arrays 'images' and 'labels')"
        )
    with np.load(spec) as arrays:
        if not {"images", "labels"} <= set(arrays.files):
            raise ValueError(
                f"--data {spec!r} must hold arrays 'images' and 'labels'; it holds "
                f"{', '.join(arrays.files)}"
            )
        return arrays["images"], arrays["labels"]


def _data(args: argparse.Namespace) -> tuple[Any, Any]:
    """The held-out ``(images, labels)`` --data names, preprocessed (--preprocessing, else the
    data's own: none for digits and .npz files, unit for CIFAR), the first --limit of them."""
    from keras_resnet import preprocessing

    spec = args.data
    if spec.endswith(".npz"):
        (images, labels), default = _npz(spec), "none"
    elif (
        spec in _train_data.NAMED
        or pathlib.Path(spec, "data_batch_1.bin").is_file()
        or pathlib.Path(spec, "train.bin").is_file()
    ):
        _, (images, labels), default = _train_data.arrays_or_folder(spec, args.input_size)
    else:
        raise ValueError(
            "--data must be digits, cifar10, cifar100, a CIFAR binary folder or a .npz file; "
            f"received {spec!r}"
        )
    images, labels = images[: args.limit], labels[: args.limit]
    return preprocessing.get(args.preprocessing or default)(images), labels


def run(args: argparse.Namespace) -> int:
    """Evaluates the intact and each lesioned model; prints the table, writes --plot and --json."""
    from keras_resnet import analysis, atomic

    for path in (args.plot, args.json):
        if path is not None:
            atomic.check_writable(pathlib.Path(path).parent)
    if args.plot:
        from keras_resnet import _optional

        _optional.require("matplotlib", "demo")
    if not args.model.endswith(".keras"):
        registry.get_entry(args.model)  # an unknown name before the data are read
    images, labels = _data(args)
    model = _args.load_model(args.model, args.weights, args.input_size, args.classes)
    _args.start_work(args)
    if args.weights is None and not args.model.endswith(".keras"):
        print(f"note: no --weights: {model.name} has random weights", file=sys.stderr)
    study = analysis.lesion_study(model, (images, labels), batch_size=args.batch_size, verbose=1)
    print(study.table())
    print(
        f"(intact and {len(study.rows)} lesioned models evaluated on {study.images} images "
        f"in {study.seconds:.1f} s)",
        file=sys.stderr,
    )
    if args.plot:
        study.plot(args.plot)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(study.as_dict(), indent=2))
    return 0
