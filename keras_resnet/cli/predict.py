"""``keras-resnet predict``: the top ImageNet classes of image files, by a registry model with
its preset, a ``.keras`` file or an exported artifact."""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time
from typing import Any

from keras_resnet import registry
from keras_resnet.cli import _args


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet predict``."""
    p.add_argument(
        "model",
        help="a registry model, a .keras file, or an exported .tflite/.onnx/SavedModel folder",
    )
    p.add_argument(
        "images",
        nargs="*",
        help="image files (default: the three sample photographs shipped with the package)",
    )
    p.add_argument(
        "--weights",
        help="a preset (default: the model's 'imagenet' preset), hf-hub:timm/<name>, "
        "or a checkpoint file",
    )
    p.add_argument("--top", type=_args.count, default=5, help="classes per image (default 5)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")


def _classifier(args: argparse.Namespace) -> Any:
    """The model or artifact `predict` runs: arguments are checked (exit 2) before anything is
    built or downloaded (exit 1 on failure)."""
    from keras_resnet import predict, presets, weights

    if predict.is_artifact(args.model):
        if args.weights is not None:
            raise ValueError(
                f"--weights {args.weights!r} applies to a registry model, not the artifact "
                f"{args.model!r}"
            )
        _args.start_work(args)
        return predict.from_artifact(args.model)
    if args.model.endswith(".keras"):
        _args.start_work(args)
        return predict.from_model(_args.load_model(args.model, None, None, None))
    registry.get_entry(args.model)
    chosen = args.weights or "imagenet"
    spec = weights.check_weights_argument(chosen, args.model)
    size = spec.eval.size if isinstance(spec, presets.Preset) else None
    _args.start_work(args)
    return predict.from_model(_args.load_model(args.model, chosen, size, None))


def run(args: argparse.Namespace) -> int:
    """Prints each image's top classes (or them as JSON), and on stderr what ran them."""
    from keras_resnet import predict

    images = args.images or [str(p) for p in predict.sample_images()]
    missing = [i for i in images if not pathlib.Path(i).is_file()]
    if missing:
        raise ValueError(f"image {missing[0]!r} does not exist")
    classifier = _classifier(args)
    start = time.perf_counter()
    results = classifier.predict(images, top=args.top)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for result in results:
            print(result["image"])
            for rank, row in enumerate(result["top"], 1):
                print(f"  {rank}. {row['name']:<32} {row['probability']:7.2%}")
    t = classifier.transform
    print(
        f"{len(images)} images through {classifier.name} ({classifier.source}; resize {t.resize} "
        f"{t.interpolation}, crop {t.size}, {t.preprocessing.name}) "
        f"in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    return 0
