"""``keras-resnet optimize``: quantization-aware training or pruning on an image folder, then
export (tfmot and tf_keras, imported only when the work starts)."""

from __future__ import annotations

import argparse
import json
import os
import pathlib
from collections.abc import Sequence
from typing import Any

from keras_resnet.cli import _args


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet optimize``."""
    p.add_argument(
        "model", help="a trained .keras file (or a registered model name with --weights)"
    )
    p.add_argument(
        "--method",
        required=True,
        choices=["qat", "prune"],
        help="qat: quantization-aware training; prune: 50%% magnitude pruning",
    )
    p.add_argument("--data", required=True, help=_args.DATA_HELP)
    p.add_argument("--output", "-o", required=True, help="output folder")
    p.add_argument("--epochs", type=_args.count, default=2, help="fine-tuning epochs (default 2)")
    p.add_argument("--learning-rate", type=_args.positive_float, default=1e-4, help="default 1e-4")
    p.add_argument("--optimizer", default="adam", choices=["adam", "sgd"])
    p.add_argument("--batch-size", type=_args.count, default=32)
    p.add_argument(
        "--validation-split",
        type=lambda t: _args.fraction(t, zero_ok=True),
        default=0.2,
        help="share of an image folder, the digits or an .npz held out (0: none; CIFAR holds "
        "out its test set)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--sparsity",
        type=lambda t: _args.fraction(t, zero_ok=False),
        default=0.5,
        help="prune: target sparsity (default 0.5)",
    )
    p.add_argument(
        "--sparse-weights",
        action="store_true",
        help="prune: TFLite sparse tensor encoding (float32/float16)",
    )
    p.add_argument(
        "--format", nargs="+", help="export formats among {formats} (default: tflite onnx)"
    )
    p.add_argument(
        "--quantize", nargs="+", help="export precisions (default: int8 for qat, float32 for prune)"
    )
    p.add_argument(
        "--preprocessing",
        choices=_args.preprocessing_names(),
        help="how pixels become model input (default: none for digits and .npz, unit for pixels)",
    )
    _args.add_model_source(p)
    p.add_argument("--overwrite", action="store_true", help="replace existing outputs")


def run(args: argparse.Namespace) -> int:
    """Fine-tunes, exports, and writes ``<model>_<method>_report.json`` (and, pruned, the
    ``.keras`` model); the outputs and the export plan are checked before training."""
    from keras_resnet import atomic, export, identity, saving

    model = _args.model_of(args)
    output = pathlib.Path(args.output)
    saved = output / f"{model.name}_pruned.keras"
    if args.method == "prune":
        atomic.check_target(saved, overwrite=args.overwrite)
    atomic.check_writable(output)
    quantize = args.quantize or (["int8"] if args.method == "qat" else ["float32"])
    formats = args.format or ["tflite", "onnx"]
    options = {"sparse_weights": True} if args.sparse_weights else {}
    # the export's plan and artifacts, before training: a pruned model calibrates on the
    # training data (read below)
    export.check_outputs(
        output if output.is_dir() else f"{output}{os.sep}",
        model.name,
        formats,
        quantize,
        overwrite=args.overwrite,
        quantization_aware=args.method == "qat",
        calibration_data=[] if args.method == "prune" else None,
        **options,
    )
    from keras_resnet import optimize  # tfmot and tf_keras, only now

    train, validation, class_names, preprocessing = _data(args, model)
    _args.start_work(args)
    result = optimize.fine_tune(
        model,
        train,
        method=args.method,
        validation=validation,
        epochs=args.epochs,
        learning_rate=args.learning_rate,
        optimizer=args.optimizer,
        target_sparsity=args.sparsity,
    )
    output.mkdir(parents=True, exist_ok=True)  # a folder even when one artifact is asked for
    reports = export.export(
        result.model,
        output,
        format=formats,
        quantize=quantize,
        calibration_data=train if args.method == "prune" else None,
        preprocessing=preprocessing,
        class_names=class_names or None,
        overwrite=args.overwrite,
        compressed_size=True,
        **options,
    )
    summary = _summary(args, model, result, reports)
    if args.method == "prune":
        with atomic.atomic_path(saved, overwrite=args.overwrite) as tmp:
            saving.save_model(result.model, tmp, identity=identity.of_model(model))
        summary["keras_model"] = str(saved)
    _print_results(args, result, saved, validated=validation is not None)
    print(reports.table())
    with atomic.atomic_path(
        output / f"{model.name}_{args.method}_report.json", overwrite=True
    ) as tmp:
        tmp.write_text(json.dumps(summary, indent=2, default=str))
    return 0


def _print_results(
    args: argparse.Namespace, result: Any, saved: pathlib.Path, *, validated: bool
) -> None:
    """The held-out accuracy before and after (with a held-out share), and the sparsity reached."""
    if validated:
        print(
            f"held-out accuracy: {result.baseline_accuracy:.2%} before, "
            f"{result.accuracy:.2%} after {args.method}"
        )
    if result.sparsity is not None:
        print(f"sparsity of the pruned kernels: {result.sparsity:.1%}; Keras model: {saved}")


def _data(args: argparse.Namespace, model: Any) -> tuple[Any, Any, tuple[str, ...], str]:
    """``(train, validation, class names, preprocessing)`` of --data, sized for `model` and
    preprocessed (--preprocessing, else the data's own): an image folder streamed with tf.data,
    other forms read into arrays; the model's head must have one output per class."""
    from keras_resnet import data

    size = model.input_shape[1]
    found = _args.data_source(args, image_size=size, validation_split=args.validation_split or None)
    name = args.preprocessing or found.preprocessing
    if found.kind == "folder" and found.validation is None:
        train, validation, class_names = data.image_folder(
            found.train,
            tuple(model.input_shape[1:3]),
            batch_size=args.batch_size,
            preprocessing=name,
            validation_split=found.validation_split,
            seed=args.seed,
        )
        classes: int | None = len(class_names)
    else:
        parts = data.arrays(found, image_size=size)
        _args.check_image_size(args, parts[0][0], model)
        train, validation = _preprocessed(parts, name)
        class_names, classes = found.class_names or (), found.class_count
    if classes is not None and classes != model.output_shape[-1]:
        raise ValueError(
            f"--data {args.data!r} has {classes} classes but model {model.name!r} has "
            f"{model.output_shape[-1]} outputs; pass --classes {classes} or a model with that head"
        )
    return train, validation, tuple(class_names), name


def _preprocessed(parts: tuple[Any, Any], name: str) -> tuple[Any, Any]:
    """``(train, validation)`` arrays with their images through the preprocessing `name`."""
    from keras_resnet import preprocessing

    apply = preprocessing.get(name)
    train, held = parts
    return (apply(train[0]), train[1]), None if held is None else (apply(held[0]), held[1])


def _summary(
    args: argparse.Namespace, model: Any, result: Any, reports: Sequence[Any]
) -> dict[str, Any]:
    """The ``<model>_<method>_report.json`` contents."""
    return {
        "method": args.method,
        "model": model.name,
        "epochs": args.epochs,
        "baseline_accuracy": result.baseline_accuracy,
        "accuracy": result.accuracy,
        "sparsity": result.sparsity,
        "seconds": round(result.seconds, 1),
        "artifacts": [r.as_dict() for r in reports],
    }
