"""What the commands share: argument types, the model-source and CPU-target flags, model loading,
and the mark between argument checking (exit 2) and work (exit 1).

Nothing here imports a framework: a command's parser is built, and its help printed, without
TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
from typing import Any

from keras_resnet import _machine, registry


def count(text: str, minimum: int = 1) -> int:
    """An argparse type: an integer >= `minimum`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an integer; received {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}; received {text!r}")
    return value


def count_or_zero(text: str) -> int:
    """An argparse type: an integer >= 0."""
    return count(text, 0)


def positive_float(text: str) -> float:
    """An argparse type: a number > 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number; received {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be > 0; received {text!r}")
    return value


def fraction(text: str, *, zero_ok: bool) -> float:
    """An argparse type: a number in [0, 1) with `zero_ok`, else in (0, 1)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number; received {text!r}") from None
    if not ((0 <= value if zero_ok else 0 < value) and value < 1):
        raise argparse.ArgumentTypeError(
            f"must be in {'[' if zero_ok else '('}0, 1); received {text!r}"
        )
    return value


def save_freq(text: str) -> str | int:
    """An argparse type: ``epoch`` or a step count."""
    return text if text == "epoch" else count(text)


def preprocessing_names() -> list[str]:
    """The preprocessing presets, the choices of ``--preprocessing``."""
    from keras_resnet import preprocessing  # NumPy only

    return list(preprocessing.PRESETS)


def add_model_source(p: argparse.ArgumentParser, *, classes: bool = True) -> None:
    """``--weights``, ``--allow-other-architecture``, ``--input-size`` and (with `classes`)
    ``--classes`` of a registry model."""
    p.add_argument(
        "--weights", help="a .weights.h5 file (or checkpoint, or preset) for a registry model"
    )
    add_allow_other_architecture(p)
    p.add_argument("--input-size", type=count, help="square input size for a registry model")
    if classes:
        p.add_argument("--classes", type=count, help="class count for a registry model")


def add_allow_other_architecture(p: argparse.ArgumentParser) -> None:
    """``--allow-other-architecture``: the flag of every command that takes ``--weights``."""
    p.add_argument(
        "--allow-other-architecture",
        action="store_true",
        help="load --weights that record another architecture than the model's (a deliberate "
        "transfer, where the shapes fit); by default such a file is refused",
    )


def add_target(p: argparse.ArgumentParser) -> None:
    """``--target``: the CPU an ONNX int8 artifact is made for."""
    p.add_argument(
        "--target",
        choices=_machine.TARGETS,
        help="the CPU the ONNX int8 artifact will run on: x86 (AVX2, no VNNI: uint8 activations, "
        "7-bit weights), x86-vnni (uint8 activations), arm (int8 activations); "
        "default: this machine's",
    )


def load_model(
    spec: str,
    weights: str | None,
    input_size: int | None,
    classes: int | None,
    *,
    allow_other_architecture: bool = False,
) -> Any:
    """A registry name (random or `weights` initialization; weights that record another
    architecture only with `allow_other_architecture`) or a saved `.keras` file."""
    if spec.endswith(".keras"):
        from keras_resnet import saving

        return saving.load_model(spec)
    kwargs: dict[str, Any] = {"weights": weights}
    if allow_other_architecture:
        kwargs["allow_other_architecture"] = True
    if input_size is not None:
        kwargs["input_shape"] = (input_size, input_size, 3)
    if classes is not None:
        kwargs["classes"] = classes
    return registry.create_model(spec, **kwargs)


def model_of(args: argparse.Namespace) -> Any:
    """`load_model` of a command's positional ``model`` and the flags `add_model_source` adds
    (--weights, --allow-other-architecture, --input-size and, where the command has it,
    --classes)."""
    return load_model(
        args.model,
        args.weights,
        args.input_size,
        getattr(args, "classes", None),
        allow_other_architecture=args.allow_other_architecture,
    )


def start_work(args: argparse.Namespace) -> None:
    """Marks the end of argument checking: failures from here on exit 1, not 2."""
    args.started = True


#: The --data forms every command that reads data accepts (`keras_resnet.data.source`).
DATA_HELP = (
    "digits (offline default), cifar10, cifar100, a CIFAR binary folder, a folder of class "
    "subfolders, TFRecord shards ('train-*': image/encoded, image/class/label), or an .npz file "
    "with arrays 'images' and 'labels'"
)


def data_source(
    args: argparse.Namespace,
    *,
    image_size: int | None = None,
    validation_split: float | None = None,
    limit: int | None = None,
) -> Any:
    """--data (with --validation-data where the command has it) as a `keras_resnet.data.Source`;
    an unknown form is a usage error that lists the accepted ones. The digits' held-out part does
    not depend on --seed."""
    from keras_resnet import data

    return data.source(
        args.data,
        image_size=image_size,
        validation=getattr(args, "validation_data", None),
        validation_split=validation_split,
        limit=limit,
        seed=0,
        argument="--data",
        validation_argument="--validation-data",
    )


def check_image_size(args: argparse.Namespace, images: Any, model: Any) -> None:
    """Arrays of --data whose images are not the size `model` takes: a usage error naming both."""
    have, want = tuple(images.shape[1:3]), tuple(model.input_shape[1:3])
    if None not in want and have != want:
        raise ValueError(
            f"--data {args.data!r} holds {have[0]}x{have[1]} images but model {model.name!r} takes "
            f"{want[0]}x{want[1]}; pass --input-size {have[0]} or data of that size"
        )
