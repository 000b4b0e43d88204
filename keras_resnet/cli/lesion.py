"""``keras-resnet lesion``: a model's held-out accuracy with each block removed in turn
(Veit et al. 2016), as a table, a plot and JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from keras_resnet import registry
from keras_resnet.cli import _args


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet lesion``."""
    p.add_argument("model", help="a registered model name (with --weights) or a saved .keras file")
    _args.add_model_source(p)
    p.add_argument(
        "--data",
        default="digits",
        help=f"held-out images (the test set of the digits and CIFAR, else all): {_args.DATA_HELP}",
    )
    p.add_argument(
        "--preprocessing",
        choices=_args.preprocessing_names(),
        help="default: none for digits and .npz, unit for pixels",
    )
    p.add_argument("--limit", type=_args.count, help="use only the first N held-out images")
    p.add_argument("--batch-size", type=_args.count, default=256)
    p.add_argument("--plot", help="write the lesion plot here (PNG; needs matplotlib)")
    p.add_argument("--json", help="write the rows as JSON")


def _data(args: argparse.Namespace, model: Any) -> tuple[Any, Any]:
    """The held-out ``(images, labels)`` of --data: its own held-out part (the test sets of the
    digits and CIFAR), else all of it (an .npz, a folder, shards), sized for `model`,
    preprocessed (--preprocessing, else the data's own), the first --limit of them."""
    from keras_resnet import data, preprocessing

    size = model.input_shape[1] or args.input_size
    found = _args.data_source(args, image_size=size)
    train, held = data.arrays(found, image_size=size)
    images, labels = held if held is not None else train
    _args.check_image_size(args, images, model)
    images, labels = images[: args.limit], labels[: args.limit]
    return preprocessing.get(args.preprocessing or found.preprocessing)(images), labels


def run(args: argparse.Namespace) -> int:
    """Evaluates the intact and each lesioned model; prints the table, writes --plot and --json."""
    from keras_resnet import analysis, atomic

    for path in (args.plot, args.json):
        if path is not None:  # a file replaced, its folder made: checked before the study
            atomic.check_output(path, overwrite=True)
    if args.plot:
        from keras_resnet import _optional

        _optional.require("matplotlib", "demo")
    if not args.model.endswith(".keras"):
        registry.get_entry(args.model)  # an unknown name before anything is built
    model = _args.model_of(args)
    images, labels = _data(args, model)
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
        with atomic.atomic_path(args.plot, overwrite=True) as written:
            study.plot(written)
    if args.json:
        with atomic.atomic_path(args.json, overwrite=True) as written:
            written.write_text(json.dumps(study.as_dict(), indent=2))
    return 0
