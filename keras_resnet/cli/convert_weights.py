"""``keras-resnet convert-weights``: a torchvision, timm or keras.applications checkpoint (or a
preset) as a Keras ``.weights.h5`` file of a registry model, recording the model it fits."""

from __future__ import annotations

import argparse
import pathlib
import time

from keras_resnet import registry
from keras_resnet.cli import _args


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet convert-weights``."""
    p.add_argument(
        "source", help="a .safetensors, .pth/.pt, keras.applications .h5 file, or a preset name"
    )
    p.add_argument(
        "--model",
        required=True,
        help="the registered model it fits (e.g. resnet50b, resnet50d, resnet50)",
    )
    p.add_argument("--output", "-o", required=True, help="the .weights.h5 file to write")
    p.add_argument(
        "--classes",
        type=_args.count,
        help="a classifier of another size: the checkpoint's head is left out",
    )
    p.add_argument("--no-top", action="store_true", help="backbone only (include_top=False)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing output")


def run(args: argparse.Namespace) -> int:
    """Builds the model with the converted weights and saves them, atomically, with the record
    of the model they fit (`keras_resnet.identity`)."""
    from keras_resnet import atomic, weights

    output = pathlib.Path(args.output)
    if not output.name.endswith(".weights.h5"):
        raise ValueError(
            f"--output must end in .weights.h5 (Keras' weights format); received {args.output!r}"
        )
    atomic.check_target(output, overwrite=args.overwrite)
    atomic.check_writable(output.parent)
    start = time.perf_counter()
    kwargs = {"include_top": not args.no_top}
    if args.classes is not None:
        kwargs["classes"] = args.classes
    registry.get_entry(args.model)
    # converting is checking: a source that is no checkpoint, or does not fit --model, exits 2
    model = registry.create_model(args.model, weights=args.source, **kwargs)
    _args.start_work(args)
    with atomic.atomic_path(output, overwrite=args.overwrite) as tmp:
        weights.save_weights(model, tmp)
    print(
        f"converted {args.source} into {model.name} ({model.count_params():,} weights) -> "
        f"{output} in {time.perf_counter() - start:.1f} s; load it with "
        f"keras_resnet.create_model({model.name!r}, weights={str(output)!r})"
    )
    return 0
