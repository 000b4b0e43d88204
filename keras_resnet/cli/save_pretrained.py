"""``keras-resnet save-pretrained``: a trained model as one folder that timm, keras_resnet and the
Hugging Face Hub read (`keras_resnet.sharing.save_pretrained`), from a training run's folder, a
``.keras`` file, or a registry model with its ``--weights``."""

from __future__ import annotations

import argparse
import csv
import pathlib
from typing import Any

from keras_resnet.cli import _args


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet save-pretrained``."""
    p.add_argument(
        "source",
        metavar="RUN_OR_MODEL",
        help="a `keras-resnet train` --output folder, a .keras file, or a registry model name "
        "(with --weights)",
    )
    p.add_argument("folder", help="the folder to write (config.json, model.safetensors, ...)")
    _args.add_model_source(p)
    p.add_argument(
        "--preprocessing",
        choices=_args.preprocessing_names(),
        help="how the model's images were preprocessed (default: its preset's or folder's; a "
        "training run does not record it)",
    )
    p.add_argument(
        "--class-names", help="a text file with the class names, one a line, in label order"
    )
    p.add_argument("--base", help="for the card: the weights it was fine-tuned from")
    p.add_argument("--dataset", help="for the card: the data it was trained on")
    p.add_argument("--recipe", help="for the card: the training recipe")
    p.add_argument("--license", help="for the card: a Hub license id (default: the base's)")
    p.add_argument("--repo-id", help="the Hub repository the card's instructions name")
    p.add_argument("--overwrite", action="store_true", help="replace a folder this wrote")


def _history(run: pathlib.Path) -> tuple[int | None, float | None]:
    """``(epochs, last held-out accuracy)`` from a run folder's ``log.csv`` files (a fine-tuning
    run's head phase in ``head/log.csv`` included)."""
    rows: list[dict[str, str]] = []
    for log in (run / "head" / "log.csv", run / "log.csv"):
        if log.is_file():
            with open(log, newline="") as f:
                rows += list(csv.DictReader(f))
    if not rows:
        return None, None
    accuracy = rows[-1].get("val_accuracy")
    return len(rows), float(accuracy) if accuracy else None


def _from_run(run: pathlib.Path, args: argparse.Namespace) -> Any:
    """The final model of a training run's folder: ``final.keras`` (fine-tuning writes it), else
    the registry model its ``final.weights.h5`` records."""
    from keras_resnet import registry, saving, weights

    if (run / "final.keras").is_file():
        return saving.load_model(run / "final.keras")
    final = run / "final.weights.h5"
    stored = weights.read_record(final) if final.is_file() else None
    if stored is None:
        raise ValueError(
            f"RUN_OR_MODEL {str(run)!r} is a folder without final.keras or a final.weights.h5 "
            "that records its model (not a finished `keras-resnet train` run)"
        )
    kwargs: dict[str, Any] = {"weights": str(final), "classifier_activation": None}
    if args.input_size is not None:
        kwargs["input_shape"] = (args.input_size, args.input_size, 3)
    classes = weights.head_classes(str(final))
    if classes is not None:
        kwargs["classes"] = classes
    return registry.create_model(stored.model, **kwargs)


def _class_names(path: str | None) -> list[str] | None:
    if path is None:
        return None
    names = [line.strip() for line in pathlib.Path(path).read_text().splitlines() if line.strip()]
    if not names:
        raise ValueError(f"--class-names {path!r} holds no names")
    return names


def run(args: argparse.Namespace) -> int:
    """Loads the model, writes the folder atomically, prints where it went."""
    from keras_resnet import sharing

    source = pathlib.Path(args.source)
    sharing.check_folder(args.folder, args.overwrite)  # before the model is loaded
    epochs = accuracy = None
    if source.is_dir():
        model = _from_run(source, args)
        epochs, accuracy = _history(source)
    else:
        model = _args.load_model(
            args.source,
            args.weights,
            args.input_size,
            args.classes,
            allow_other_architecture=args.allow_other_architecture,
        )
    info = sharing.CardInfo(
        base=args.base or args.weights,
        dataset=args.dataset,
        recipe=args.recipe,
        epochs=epochs,
        accuracy=accuracy,
        license=args.license,
    )
    names = _class_names(args.class_names)
    sharing.check_folder(args.folder, args.overwrite)
    sharing.model_preprocessing(model, args.preprocessing)
    _args.start_work(args)
    folder = sharing.save_pretrained(
        model,
        args.folder,
        class_names=names,
        preprocessing=args.preprocessing,
        info=info,
        repo_id=args.repo_id,
        overwrite=args.overwrite,
    )
    print(f"{folder}: push it with `keras-resnet push {folder} <user>/<repo>`")
    return 0
