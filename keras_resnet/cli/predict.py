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
        help="a registry model, a .keras file, or an exported .tflite/.onnx/OpenVINO .xml/"
        "SavedModel folder",
    )
    p.add_argument(
        "images",
        nargs="*",
        help="image files, or folders (their image files, not their subfolders', in name order; "
        "default: the three sample photographs shipped with the package)",
    )
    p.add_argument(
        "--weights",
        help="a preset (default: the model's 'imagenet' preset), hf-hub:timm/<name>, "
        "or a checkpoint file",
    )
    _args.add_allow_other_architecture(p)
    p.add_argument("--top", type=_args.count, default=5, help="classes per image (default 5)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")


def _classifier(args: argparse.Namespace) -> Any:
    """The model or artifact `predict` runs, built and loaded before the work starts: a file
    that is no model, or weights that are no weights or do not fit, exit 2; a download that
    fails exits 1 (`keras_resnet.cli._exit_code`)."""
    from keras_resnet import predict, presets, weights

    a_file = predict.is_artifact(args.model) or args.model.endswith(".keras")
    if a_file and not pathlib.Path(args.model).exists():
        raise ValueError(f"model {args.model!r} does not exist")
    if predict.is_artifact(args.model):
        if args.weights is not None:
            raise ValueError(
                f"--weights {args.weights!r} applies to a registry model, not the artifact "
                f"{args.model!r}"
            )
        return predict.from_artifact(args.model)
    if args.model.endswith(".keras"):
        return predict.from_model(_args.load_model(args.model, None, None, None))
    registry.get_entry(args.model)
    chosen = args.weights or "imagenet"
    allow = args.allow_other_architecture
    spec = weights.check_weights_argument(chosen, args.model, allow_other_architecture=allow)
    size = spec.eval.size if isinstance(spec, presets.Preset) else None
    return predict.from_model(
        _args.load_model(args.model, chosen, size, None, allow_other_architecture=allow)
    )


def _images(given: list[str]) -> list[str]:
    """The image files to classify: each folder replaced by its image files (sorted, not
    recursive). A missing path or a folder without images is a usage error (exit 2); an image
    that does not decode is found during the work (exit 1)."""
    from keras_resnet import images, predict

    if not given:
        return [str(p) for p in predict.sample_images()]
    found: list[str] = []
    for text in given:
        path = pathlib.Path(text)
        if path.is_dir():
            files = predict.image_files(path)
            if not files:
                raise ValueError(
                    f"image {text!r} is a folder without images (no "
                    f"{', '.join(images.IMAGE_EXTENSIONS)} file directly in it)"
                )
            found += [str(f) for f in files]
        elif path.is_file():
            found.append(text)
        else:
            raise ValueError(f"image {text!r} does not exist")
    return found


def run(args: argparse.Namespace) -> int:
    """Prints each image's top classes (or them as JSON), and on stderr what ran them."""
    images = _images(args.images)
    classifier = _classifier(args)
    _args.start_work(args)
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
