"""``keras-resnet train``: a registry model trained with a recipe: streamed, resumable, on the
JAX, TensorFlow or PyTorch backend, as one process or several."""

from __future__ import annotations

import argparse
import errno
import functools
import pathlib
from typing import Any

from keras_resnet import registry
from keras_resnet.cli import _args, _processes


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet train``."""
    _add_model_and_recipe(p)
    _add_devices_and_outputs(p)
    _add_data(p)
    _add_run(p)


def _add_model_and_recipe(p: argparse.ArgumentParser) -> None:
    """The model, its starting weights, the recipe, the data and the run's length."""
    p.add_argument("model", help="a registered model name, e.g. cifar_resnet56")
    p.add_argument(
        "--recipe",
        choices=["cifar", "bag_of_tricks", "finetune"],
        help="default: finetune with --weights, else cifar",
    )
    p.add_argument(
        "--weights",
        help="fine-tune from pretrained weights: a preset name or a checkpoint file (a new head "
        "for the data's classes; the preset's preprocessing)",
    )
    _args.add_allow_other_architecture(p)
    p.add_argument(
        "--data",
        default="digits",
        help=_args.DATA_HELP,
    )
    p.add_argument("--epochs", type=_args.count, help="default: the recipe's length")
    p.add_argument(
        "--batch-size",
        type=_args.count,
        help="global batch (default: the recipe's); the learning rate scales with it",
    )


def _add_devices_and_outputs(p: argparse.ArgumentParser) -> None:
    """The devices and precision, the output folder and its checkpoints, the augmentation."""
    p.add_argument(
        "--strategy",
        default="default",
        choices=["default", "mirrored", "multi_worker"],
        help="mirrored: every local device (TensorFlow MirroredStrategy, JAX "
        "keras.distribution.DataParallel)",
    )
    p.add_argument(
        "--mixed-precision",
        nargs="?",
        const=True,
        default=False,
        choices=[True, "mixed_bfloat16", "mixed_float16"],
        help="bfloat16 on JAX and CPUs, float16 on TensorFlow/PyTorch GPUs; or name the policy",
    )
    p.add_argument(
        "--jit-compile", action="store_true", help="XLA (TensorFlow; JAX always compiles)"
    )
    p.add_argument(
        "--output",
        "-o",
        required=True,
        help="a folder for checkpoints, logs and final weights; run again to resume",
    )
    p.add_argument(
        "--save-pretrained",
        metavar="FOLDER",
        help="at the end, also write the model as a folder timm, keras_resnet and the Hugging "
        "Face Hub read, its card filled from the run (then: keras-resnet push FOLDER USER/REPO)",
    )
    p.add_argument(
        "--save-freq",
        type=_args.save_freq,
        default="epoch",
        help="'epoch' or a step count between checkpoints",
    )
    p.add_argument(
        "--augment",
        choices=["none", "pad_crop", "pad_crop_flip", "random_resized_crop_flip"],
        help="default: the recipe's",
    )


def _add_data(p: argparse.ArgumentParser) -> None:
    """How the data are read: preprocessing, size, held-out share, decoding threads, counts."""
    p.add_argument(
        "--preprocessing",
        choices=_args.preprocessing_names(),
        help="default: the --weights preset's, else none for digits and .npz, unit for pixels",
    )
    p.add_argument(
        "--input-size",
        type=_args.count,
        help="image size for digits or an image folder (default 224)",
    )
    p.add_argument(
        "--validation-data",
        help="held out: data of the same kind as --data (default: the data's own test set, "
        "else --validation-split of --data)",
    )
    p.add_argument(
        "--validation-split",
        type=float,
        default=0.2,
        help="share of an image folder, the digits or an .npz held out (default 0.2)",
    )
    p.add_argument(
        "--workers",
        type=_args.count_or_zero,
        help="threads that decode and augment (default: the cores, at most 16)",
    )
    p.add_argument(
        "--limit", type=_args.count, help="use only the first N training images (arrays)"
    )
    p.add_argument(
        "--classes",
        type=_args.count,
        help="class count (needed for TFRecord shards; default: the data's)",
    )
    p.add_argument(
        "--steps-per-epoch",
        type=_args.count,
        help="steps per epoch (needed for TFRecord shards: records / batch)",
    )


def _add_run(p: argparse.ArgumentParser) -> None:
    """Profiling instead of training, the processes of the run, seeding and output."""
    p.add_argument(
        "--profile",
        nargs="?",
        type=_args.count,
        const=20,
        metavar="STEPS",
        help="measure the input stream alone against the training step alone (20 steps each), "
        "instead of training",
    )
    p.add_argument(
        "--processes",
        type=_args.count,
        help="train as N local processes of one cluster (Keras on JAX, CPU "
        "devices): a multi-process run on one machine, without a cluster",
    )
    p.add_argument(
        "--coordinator",
        help="HOST:PORT of process 0 in a multi-process run (Keras on JAX), or auto "
        "(Slurm, Open MPI, Cloud TPU); default: KERAS_DISTRIBUTION_JOB_ADDRESSES",
    )
    p.add_argument(
        "--num-processes",
        type=_args.count,
        help="processes in the run (default: KERAS_DISTRIBUTION_NUM_PROCESSES)",
    )
    p.add_argument(
        "--process-id",
        type=_args.count_or_zero,
        help="this process, 0..N-1; 0 writes the outputs (default: KERAS_DISTRIBUTION_PROCESS_ID)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--deterministic",
        action="store_true",
        help="deterministic kernels (TensorFlow: bit-exact resumes)",
    )
    p.add_argument(
        "--quiet", action="store_true", help="one line per epoch instead of a progress bar"
    )


def _check_output(args: argparse.Namespace) -> None:
    """--output: a folder (or none yet) that can be written and holds no run of another model,
    before any work."""
    from keras_resnet import atomic
    from keras_resnet.training import plan

    if not args.profile:  # a profile writes nothing there
        plan.check_output(args.model, args.output)

    output = pathlib.Path(args.output)
    if output.exists() and not output.is_dir():
        raise NotADirectoryError(
            errno.ENOTDIR,
            "is a file; --output is a folder for checkpoints, logs and weights",
            str(output),
        )
    atomic.check_writable(output)


def _check_weights(args: argparse.Namespace) -> None:
    """--weights: a preset or a file that fits the model (one recording another architecture
    only with --allow-other-architecture), before any work."""
    if args.weights is None:
        return
    from keras_resnet import weights

    weights.check_weights_argument(
        args.weights, args.model, allow_other_architecture=args.allow_other_architecture
    )


def _source(args: argparse.Namespace) -> Any:
    """--data and --validation-data as one `keras_resnet.data.Source`, with the counts TFRecord
    shards need checked: all usage errors, before any work."""
    split = args.validation_split if args.validation_data is None else None
    found = _args.data_source(
        args, image_size=args.input_size, validation_split=split, limit=args.limit
    )
    for flag, value in (("--classes", args.classes), ("--steps-per-epoch", args.steps_per_epoch)):
        if found.kind == "tfrecords" and value is None:
            raise ValueError(
                f"{flag} is needed with TFRecord shards (their records are not counted); "
                f"received --data {args.data}"
            )
    return found


def _settings(args: argparse.Namespace, found: Any) -> dict[str, Any]:
    """The keyword arguments of `keras_resnet.training.train` (and of the profile) the flags
    give; the recipe and the preprocessing default there (`training.recipes.default_recipe`,
    `training.config.default_preprocessing`)."""
    files = found.kind != "arrays"
    return dict(
        recipe=args.recipe,
        weights=args.weights,
        allow_other_architecture=args.allow_other_architecture,
        epochs=args.epochs,
        batch_size=args.batch_size,
        mixed_precision=args.mixed_precision,
        jit_compile=args.jit_compile,
        output_dir=args.output,
        save_freq=args.save_freq,
        augment=args.augment,
        preprocessing=args.preprocessing,
        image_size=args.input_size if files or args.augment == "random_resized_crop_flip" else None,
        workers=args.workers,
        classes=args.classes,
        steps_per_epoch=args.steps_per_epoch,
        seed=args.seed,
        deterministic=args.deterministic,
        verbose=2 if args.quiet else 1,
    )


def run(args: argparse.Namespace) -> int:
    """Trains (or profiles) and prints the closing line; with --processes, starts the processes."""
    from keras_resnet import training
    from keras_resnet.training import engines

    registry.get_entry(args.model)  # a clear error for an unknown name before loading data
    _check_output(args)
    _check_save_pretrained(args)
    _check_weights(args)
    found = _source(args)
    if args.processes is not None:
        del found  # each process reads the data itself
        return _processes.launch_local(args)
    joined = _processes.join(args)
    if joined is not None and args.strategy == "default":
        args.strategy = "mirrored"  # one model over the devices of every process
    strategy = args.strategy
    if strategy == "multi_worker" and engines.backend() == "tensorflow":
        strategy = training.make_strategy(strategy)  # before any other TensorFlow op
    _args.start_work(args)
    fit: Any = training.train
    if args.profile:  # the same settings, measured instead of trained: nothing is written
        from keras_resnet.training import profile

        fit = functools.partial(profile.profile, steps=args.profile)
    result: Any = fit(args.model, found, strategy=strategy, **_settings(args, found))
    if joined is None or joined.process_id == 0:  # one process speaks for the run
        if args.save_pretrained and not args.profile:
            _save_pretrained(args, result)
        print(result.describe() if args.profile else _summary(args.model, result, args.output))
    return 0


def _check_save_pretrained(args: argparse.Namespace) -> None:
    """--save-pretrained: a folder that does not exist yet, where files can be written; not with
    --profile (which trains nothing)."""
    if args.save_pretrained is None:
        return
    if args.profile:
        raise ValueError("--save-pretrained writes the trained model; --profile trains nothing")
    from keras_resnet import atomic

    atomic.check_target(args.save_pretrained, overwrite=False)
    atomic.check_writable(pathlib.Path(args.save_pretrained).parent)


def _save_pretrained(args: argparse.Namespace, result: Any) -> None:
    """The run's model as a shared folder, its card filled from the run: the base weights, the
    data, the recipe, the epochs and the last held-out accuracy."""
    from keras_resnet import sharing
    from keras_resnet.training import recipes

    held_out = result.history.get("val_accuracy")
    info = sharing.CardInfo(
        base=args.weights,
        dataset=args.data,
        recipe=args.recipe or recipes.default_recipe(args.weights),
        epochs=args.epochs or (result.start_epoch + result.epochs_run),
        accuracy=float(held_out[-1]) if held_out else None,
    )
    sharing.save_pretrained(
        result.model,
        args.save_pretrained,
        class_names=result.class_names,
        preprocessing=result.preprocessing,
        info=info,
    )


def _summary(model: str, result: Any, output: str) -> str:
    """The closing line: what ran (or that the run was already complete) and its final figures."""
    if result.already_complete:
        ran = f"already complete at epoch {result.start_epoch}"
    else:
        ran = (
            f"{result.epochs_run} epoch{'' if result.epochs_run == 1 else 's'} "
            f"from epoch {result.start_epoch} in {result.seconds:.0f} s "
            f"on {result.replicas} replica(s)"
        )
    figures = [
        f"{label} {result.history[key][-1]:.2%}"
        for key, label in (("accuracy", "training accuracy"), ("val_accuracy", "held-out accuracy"))
        if result.history.get(key)
    ]
    return f"{model}: {ran}; {', '.join(figures + [f'weights: {output}/final.weights.h5'])}"
