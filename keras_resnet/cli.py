"""The ``keras-resnet`` command line.

keras-resnet demo [-o DIR]                 train on digits, export, verify, measure: report.md/json/png
keras-resnet benchmark MODEL [--batch N]   every format against Keras: latency, speed-up, agreement

keras-resnet list [PATTERN] [--details]    registered models (with parameters and MACs)
keras-resnet info MODEL [--input-size N]   one model: parameters, MACs, layers, input size
keras-resnet export MODEL --format ... --quantize ... --output DIR
                                           SavedModel / TFLite / ONNX, verified in their runtimes
keras-resnet optimize MODEL --method qat|prune --data DIR --output DIR
                                           QAT or pruning fine-tuning on an image folder, then export
keras-resnet convert-weights SOURCE --model NAME --output OUT.weights.h5
                                           torchvision/timm/keras.applications checkpoint -> Keras weights
keras-resnet train MODEL --recipe cifar --data digits|cifar10|cifar100|DIR --epochs N --output DIR
                                           a recipe with model.fit, resumable, on tf.distribute
keras-resnet lesion MODEL --weights W --data digits|cifar10|DIR|F.npz [--plot F.png]
                                           accuracy with each block removed in turn (Veit et al. 2016)
"""

from __future__ import annotations

import argparse
import errno
import functools
import json
import os
import pathlib
import re
import signal
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from keras_resnet import _console, _quiet, registry
from keras_resnet import presets as presets_lib


def _fmt_macs(macs: int) -> str:
    return f"{macs / 1e9:.2f} G" if macs >= 1e9 else f"{macs / 1e6:.1f} M"


def model_table(
    names: Sequence[str],
    *,
    details: bool = True,
    progress: Callable[[int, int, str], object] | None = None,
) -> str:
    """A Markdown table of registered models: name, summary and, with `details`, trainable
    parameters, MACs, default input size and presets with their published ImageNet top-1 (each
    model is built once to count them)."""
    if details:
        lines = [
            "| model | parameters | MACs | input | presets | description |",
            "|---|---:|---:|---|---|---|",
        ]
    else:
        lines = ["| model | input | description |", "|---|---|---|"]
    for i, name in enumerate(names):
        entry = registry.get_entry(name)
        size = f"{entry.default_size}x{entry.default_size}"
        if details:
            if progress:
                progress(i, len(names), name)
            info = registry.model_info(name)
            weights = (
                ", ".join(
                    f"`{p}` {presets_lib.PRESETS[p].top1:.1f}%"
                    for p in presets_lib.list_presets(name)
                )
                or "-"
            )
            lines.append(
                f"| `{name}` | {info.params:,} | {_fmt_macs(info.macs)} | {size} | {weights} | {entry.summary} |"
            )
        else:
            lines.append(f"| `{name}` | {size} | {entry.summary} |")
    return "\n".join(lines)


def _progress(i: int, n: int, name: str) -> None:
    _console.progress(i + 1, n, f"counting {name:<16}")


def _cmd_list(args: argparse.Namespace) -> int:
    names = registry.list_models(args.pattern)
    if not names:
        print(f"no registered model matches {args.pattern!r}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    print(model_table(names, details=args.details, progress=_progress if args.details else None))
    if args.details:
        print(
            f"\n{len(names)} models, counted in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    info = registry.model_info(args.model, args.input_size)
    if args.json:
        print(json.dumps(info.as_dict(), indent=2))
        return 0
    h, w, c = info.input_shape
    rows = [
        ("model", info.name),
        ("description", info.summary),
        ("input", f"{h}x{w}x{c}"),
        ("classes", f"{info.classes}"),
        ("trainable parameters", f"{info.params:,}"),
        ("all weights (incl. BN statistics)", f"{info.total_params:,}"),
        ("MACs per image", f"{info.macs:,} ({_fmt_macs(info.macs)})"),
        ("layers", f"{info.layers}"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    print(f"(built and counted in {time.perf_counter() - start:.1f} s)", file=sys.stderr)
    return 0


def presets_table(model: str | None = None) -> str:
    """The presets (of one registry model, or all) as a Markdown table."""
    from keras_resnet import presets as presets_lib

    rows = [
        "| preset | model | source | top-1 | top-5 | eval (size, crop, interpolation) | license | MB | recipe |",
        "|---|---|---|---:|---:|---|---|---:|---|",
    ]
    for name in presets_lib.list_presets(model):
        p = presets_lib.PRESETS[name]
        source = (
            f"{p.library} `{p.model_id}`" if p.library != "timm" else f"timm (hf-hub:{p.hub_repo})"
        )
        size = f"{p.file_size_mb:.1f}" if p.file_size_mb else ""
        top1, top5 = (f"{v:.2f}%" if v is not None else "" for v in (p.top1, p.top5))
        rows.append(
            f"| {name} | {p.model} | {source} | {top1} | {top5} | {p.eval.size}, {p.eval.crop_pct:.3g}, "
            f"{p.eval.interpolation} | {p.license} | {size} | {p.recipe} |"
        )
    return "\n".join(rows)


def _cmd_presets(args: argparse.Namespace) -> int:
    from keras_resnet import presets as presets_lib

    if args.model is not None:
        registry.get_entry(args.model)  # a clear error for an unknown model
        if not presets_lib.list_presets(args.model):
            count = len({p.model for p in presets_lib.PRESETS.values()})
            raise ValueError(
                f"--model {args.model!r} has no presets; `keras-resnet presets` lists the {count} models that have them"
            )
    if args.json:
        chosen = presets_lib.list_presets(args.model)
        print(json.dumps({n: presets_lib.PRESETS[n].config() for n in chosen}, indent=2))
        return 0
    print(presets_table(args.model))
    return 0


def _classifier(args: argparse.Namespace) -> Any:
    """The model or artifact `predict` runs: arguments are checked (exit 2) before anything is
    built or downloaded (exit 1 on failure)."""
    from keras_resnet import predict, weights
    from keras_resnet import presets as presets_lib

    if predict.is_artifact(args.model):
        if args.weights is not None:
            raise ValueError(
                f"--weights {args.weights!r} applies to a registry model, not the artifact {args.model!r}"
            )
        _start_work(args)
        return predict.from_artifact(args.model)
    if args.model.endswith(".keras"):
        _start_work(args)
        return predict.from_model(_load_model(args.model, None, None, None))
    registry.get_entry(args.model)
    chosen = args.weights or "imagenet"
    spec = weights.check_weights_argument(chosen, args.model)
    size = spec.eval.size if isinstance(spec, presets_lib.Preset) else None
    _start_work(args)
    return predict.from_model(_load_model(args.model, chosen, size, None))


def _cmd_predict(args: argparse.Namespace) -> int:
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
        f"{t.interpolation}, crop {t.size}, {t.preprocessing.name}) in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    return 0


def _load_model(spec: str, weights: str | None, input_size: int | None, classes: int | None) -> Any:
    """A registry name (random or `weights` initialization) or a saved `.keras` file."""
    if spec.endswith(".keras"):
        from keras_resnet import saving

        return saving.load_model(spec)
    kwargs: dict[str, Any] = {"weights": weights}
    if input_size is not None:
        kwargs["input_shape"] = (input_size, input_size, 3)
    if classes is not None:
        kwargs["classes"] = classes
    return registry.create_model(spec, **kwargs)


def _start_work(args: argparse.Namespace) -> None:
    """Marks the end of argument checking: failures from here on exit 1, not 2."""
    args.started = True


def _calibration(path: str | None) -> Any:
    if path is None or not path.endswith(".npy"):
        return path
    import numpy as np

    return np.load(path)


def _cmd_export(args: argparse.Namespace) -> int:
    from keras_resnet import export

    model = _load_model(args.model, args.weights, args.input_size, args.classes)
    options = {}
    if args.opset is not None:
        options["opset"] = args.opset
    if args.nchw:
        options["nchw"] = True
    if args.target is not None:
        options["target"] = args.target
    if args.image_bytes_signature:
        options["image_bytes_signature"] = True
    if args.calibration_data is not None and not pathlib.Path(args.calibration_data).exists():
        raise ValueError(
            f"--calibration-data {args.calibration_data!r} does not exist (a folder of images or a .npy file)"
        )
    export.check_outputs(
        args.output,
        model.name,
        args.format,
        args.quantize,
        overwrite=args.overwrite,
        calibration_data=args.calibration_data,
        **options,
    )
    _start_work(args)
    reports = export.export(
        model,
        args.output,
        format=args.format,
        quantize=args.quantize,
        calibration_data=_calibration(args.calibration_data),
        calibration_size=args.calibration_size,
        preprocessing=args.preprocessing,
        overwrite=args.overwrite,
        verify_artifacts=not args.no_verify,
        **options,
    )
    print(reports.table())
    return 0


def _cmd_optimize(args: argparse.Namespace) -> int:
    from keras_resnet import atomic, export

    model = _load_model(args.model, args.weights, args.input_size, args.classes)
    output = pathlib.Path(args.output)
    saved = output / f"{model.name}_pruned.keras"
    if args.method == "prune":
        atomic.check_target(saved, overwrite=args.overwrite)
    atomic.check_writable(output)
    quantize = args.quantize or (["int8"] if args.method == "qat" else ["float32"])
    formats = args.format or ["tflite", "onnx"]
    options = {"sparse_weights": True} if args.sparse_weights else {}
    export.plan(
        formats, quantize, quantization_aware=args.method == "qat", **options
    )  # fail before training
    from keras_resnet import optimize  # tfmot and tf_keras, only now

    _start_work(args)
    train, validation, class_names = _optimize_data(args, model)
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
    reports = export.export(
        result.model,
        output,
        format=formats,
        quantize=quantize,
        calibration_data=train if args.method == "prune" else None,
        preprocessing=args.preprocessing,
        class_names=class_names,
        overwrite=args.overwrite,
        compressed_size=True,
        **options,
    )
    summary = _optimize_summary(args, model, result, reports)
    if args.method == "prune":
        with atomic.atomic_path(saved, overwrite=args.overwrite) as tmp:
            result.model.save(tmp)
        summary["keras_model"] = str(saved)
    if validation is not None:
        print(
            f"held-out accuracy: {result.baseline_accuracy:.2%} before, {result.accuracy:.2%} after {args.method}"
        )
    if result.sparsity is not None:
        print(f"sparsity of the pruned kernels: {result.sparsity:.1%}; Keras model: {saved}")
    print(reports.table())
    with atomic.atomic_path(
        output / f"{model.name}_{args.method}_report.json", overwrite=True
    ) as tmp:
        tmp.write_text(json.dumps(summary, indent=2, default=str))
    return 0


def _optimize_data(args: argparse.Namespace, model: Any) -> tuple[Any, Any, tuple[str, ...]]:
    """``(train, validation, class names)`` from the image folder, sized for `model`, whose head
    must have one output per class."""
    from keras_resnet import data

    train, validation, class_names = data.image_folder(
        args.data,
        tuple(model.input_shape[1:3]),
        batch_size=args.batch_size,
        preprocessing=args.preprocessing,
        validation_split=args.validation_split or None,
        seed=args.seed,
    )
    if len(class_names) != model.output_shape[-1]:
        raise ValueError(
            f"data={args.data!r} has {len(class_names)} classes but model {model.name!r} has "
            f"{model.output_shape[-1]} outputs; pass --classes {len(class_names)} or a model with that head"
        )
    return train, validation, class_names


def _optimize_summary(
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


def _cmd_convert_weights(args: argparse.Namespace) -> int:
    from keras_resnet import atomic

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
    _start_work(args)
    model = registry.create_model(args.model, weights=args.source, **kwargs)
    with atomic.atomic_path(output, overwrite=args.overwrite) as tmp:
        model.save_weights(tmp)
    print(
        f"converted {args.source} into {model.name} ({model.count_params():,} weights) -> {output} "
        f"in {time.perf_counter() - start:.1f} s; load it with keras_resnet.create_model({model.name!r}, weights={str(output)!r})"
    )
    return 0


def _training_data(spec: str, image_size: int | None) -> tuple[Any, Any, str]:
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


def _is_shards(spec: str | None) -> bool:
    """--data / --validation-data naming TFRecord shards: a glob or file that is not a folder."""
    import glob

    return spec is not None and not pathlib.Path(spec).is_dir() and bool(glob.glob(spec))


def _shards(args: argparse.Namespace, process: int = 0, processes: int = 1) -> tuple[Any, Any, str]:
    """``(train, validation, preprocessing)`` for TFRecord shards: the training stream as a function of the
    global step (tf.data: endless, reshuffled, the recipe's augmentation; a resumed run starts
    it at its checkpoint's step) and the held-out shards in order; with several processes, this
    process's share of each (every `processes`-th record)."""
    from keras_resnet import data, weights
    from keras_resnet.training import augment, recipes, trainer

    source = weights.check_weights_argument(args.weights, args.model) if args.weights else None
    preprocessing = args.preprocessing or (
        (weights.preprocessing_of(source) or "none") if source is not None else "unit"
    )
    recipe = recipes.get(args.recipe or ("finetune" if args.weights else "cifar"))
    crop = (args.augment or recipe.augmentation) == "random_resized_crop_flip"
    labels = args.classes if trainer._one_hot(recipe) else None
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


def _without_processes(argv: Sequence[str]) -> list[str]:
    """`argv` without ``--processes N`` / ``--processes=N``."""
    out, skip = [], False
    for item in argv:
        if skip:
            skip = False
        elif item == "--processes":
            skip = True
        elif not item.startswith("--processes="):
            out.append(item)
    return out


def _cluster(args: argparse.Namespace) -> Any:
    """Joins the cluster that --coordinator/--num-processes/--process-id (or Keras' environment
    variables) describe, before any JAX work; None when the run is one process."""
    from keras_resnet.training import cluster

    flags = (args.coordinator, args.num_processes, args.process_id)
    if all(v is None for v in flags) and not any(
        os.environ.get(v) for v in (cluster.ENV_ADDRESS, cluster.ENV_PROCESSES)
    ):
        return None
    if args.coordinator == "auto":  # JAX detects Slurm, Open MPI, Cloud TPU
        if args.num_processes is not None or args.process_id is not None:
            raise ValueError(
                "--coordinator auto takes the process count and id from the cluster; leave out "
                "--num-processes and --process-id"
            )
        return cluster.initialize()
    cluster.Cluster.of(*flags)  # usage errors (exit 2) before joining
    _start_work(args)
    return cluster.initialize(*flags)


def _check_train_paths(args: argparse.Namespace) -> bool:
    """Usage errors of --data, --validation-data and --output, before any work; whether --data
    names TFRecord shards."""
    from keras_resnet import atomic

    shards = _is_shards(args.data)
    if (
        args.data not in ("digits", "cifar10", "cifar100")
        and not pathlib.Path(args.data).is_dir()
        and not shards
    ):
        raise ValueError(
            f"--data must be digits, cifar10, cifar100, a folder or TFRecord shards ('train-*'); received {args.data!r}"
        )
    if args.validation_data is not None and not (
        _is_shards(args.validation_data) if shards else pathlib.Path(args.validation_data).is_dir()
    ):
        kind = "TFRecord shards like --data" if shards else "a folder of class subfolders"
        raise ValueError(f"--validation-data must be {kind}; received {args.validation_data!r}")
    for flag, value in (("--classes", args.classes), ("--steps-per-epoch", args.steps_per_epoch)):
        if shards and value is None:
            raise ValueError(
                f"{flag} is needed with TFRecord shards (their records are not counted); received --data {args.data}"
            )
    output = pathlib.Path(args.output)
    if output.exists() and not output.is_dir():
        raise NotADirectoryError(
            errno.ENOTDIR,
            "is a file; --output is a folder for checkpoints, logs and weights",
            str(output),
        )
    atomic.check_writable(output)
    return shards


def _launch_local(args: argparse.Namespace) -> int:
    """--processes N: the same command as N local processes of one cluster."""
    if any(v is not None for v in (args.coordinator, args.num_processes, args.process_id)):
        raise ValueError(
            "--processes starts its own local cluster; leave out --coordinator, --num-processes and --process-id"
        )
    if args.batch_size is not None and args.batch_size % args.processes:
        raise ValueError(
            f"--batch-size {args.batch_size} must divide evenly over the {args.processes} processes"
        )
    if os.environ.get("KERAS_BACKEND", "jax") != "jax":
        raise ValueError(
            f"--processes runs Keras on JAX (keras.distribution); KERAS_BACKEND is {os.environ['KERAS_BACKEND']!r}"
        )
    from keras_resnet.training import cluster as cluster_lib

    _start_work(args)
    return cluster_lib.launch(
        [sys.executable, "-m", "keras_resnet.cli", *_without_processes(args.argv)], args.processes
    )


def _cmd_train(args: argparse.Namespace) -> int:
    from keras_resnet import training
    from keras_resnet.training import engines

    registry.get_entry(args.model)  # a clear error for an unknown name before loading data
    shards = _check_train_paths(args)
    if args.processes is not None:
        return _launch_local(args)
    joined = _cluster(args)
    if joined is not None and args.strategy == "default":
        args.strategy = "mirrored"  # one model over the devices of every process
    strategy = args.strategy
    if strategy == "multi_worker" and engines.backend() == "tensorflow":
        strategy = training.make_strategy(strategy)  # before any other TensorFlow op
    _start_work(args)
    if shards:
        train, validation, preprocessing = _shards(
            args, *((joined.process_id, joined.num_processes) if joined else (0, 1))
        )
        args.validation_data = None
    else:
        train, validation, preprocessing = _training_data(args.data, args.input_size)
    if args.limit is not None:
        if not isinstance(train, tuple):
            raise ValueError(
                f"--limit applies to digits and CIFAR arrays, not to files; received --data {args.data}"
            )
        train = (train[0][: args.limit], train[1][: args.limit])
    folder = isinstance(train, str)
    run: Any = training.train
    if args.profile:  # the same settings, measured instead of trained: nothing is written
        from keras_resnet.training import profile

        run = functools.partial(profile.profile, steps=args.profile)
        validation = args.validation_data = None
    result: Any = run(
        args.model,
        train,
        validation_data=args.validation_data or validation,
        recipe=args.recipe or ("finetune" if args.weights else "cifar"),
        weights=args.weights,
        epochs=args.epochs,
        batch_size=args.batch_size,
        strategy=strategy,
        mixed_precision=args.mixed_precision,
        jit_compile=args.jit_compile,
        output_dir=args.output,
        save_freq=args.save_freq,
        augment=args.augment,
        preprocessing=args.preprocessing
        or (None if args.weights and not shards else preprocessing),
        image_size=args.input_size
        if folder or args.augment == "random_resized_crop_flip"
        else None,
        validation_split=args.validation_split if folder and args.validation_data is None else None,
        workers=args.workers,
        classes=args.classes,
        steps_per_epoch=args.steps_per_epoch,
        seed=args.seed,
        deterministic=args.deterministic,
        verbose=2 if args.quiet else 1,
    )
    if joined is None or joined.process_id == 0:  # one process speaks for the run
        print(
            result.describe() if args.profile else _train_summary(args.model, result, args.output)
        )
    return 0


def _train_summary(model: str, result: Any, output: str) -> str:
    """The closing line of `train`: what ran (or that the run was already complete) and its final figures."""
    if result.already_complete:
        ran = f"already complete at epoch {result.start_epoch}"
    else:
        ran = (
            f"{result.epochs_run} epoch{'' if result.epochs_run == 1 else 's'} from epoch {result.start_epoch} "
            f"in {result.seconds:.0f} s on {result.replicas} replica(s)"
        )
    figures = [
        f"{label} {result.history[key][-1]:.2%}"
        for key, label in (("accuracy", "training accuracy"), ("val_accuracy", "held-out accuracy"))
        if result.history.get(key)
    ]
    return f"{model}: {ran}; {', '.join(figures + [f'weights: {output}/final.weights.h5'])}"


def _cmd_demo(args: argparse.Namespace) -> int:
    from keras_resnet import atomic, benchmark, demo

    jobs = (
        benchmark.DEMO_JOBS
        if not args.formats
        else [j for j in benchmark.DEMO_JOBS if j[0] in args.formats]
    )
    if not jobs:
        demo_formats = ", ".join(dict.fromkeys(f for f, _ in benchmark.DEMO_JOBS))
        raise ValueError(f"--formats must name some of {demo_formats}; received {args.formats}")
    atomic.check_writable(args.output)  # before the training, not after it
    _start_work(args)
    demo.run(args.output, epochs=args.epochs, jobs=jobs, repeats=args.repeats, seed=args.seed)
    return 0


def _cmd_benchmark(args: argparse.Namespace) -> int:
    import tempfile

    import numpy as np

    from keras_resnet import benchmark, export

    formats = list(export.FORMATS) if args.formats == ["all"] else args.formats
    for fmt in formats:
        if fmt not in export.FORMATS:
            raise ValueError(
                f"--formats must be among {', '.join(export.FORMATS)} or all; received {fmt!r}"
            )
    jobs = [(f, p) for f in formats for p in args.quantize if p in export.FORMATS[f].precisions]
    if not jobs:
        raise ValueError(f"no format in {formats} offers {args.quantize}")
    if args.peer is not None and args.peer not in benchmark.PEERS:
        raise ValueError(
            f"--peer must be one of {', '.join(benchmark.PEERS)} (keras.applications); received --peer {args.peer!r}"
        )
    if args.output is not None:
        from keras_resnet import atomic

        atomic.check_writable(args.output)
    model = _load_model(args.model, args.weights, args.input_size, None)
    _start_work(args)
    images = np.load(args.data) if args.data else None
    labels = np.load(args.labels) if args.labels else None
    if images is None:
        h, w, c = (d or 224 for d in model.input_shape[1:])
        pixels = (
            np.random.default_rng(0)
            .uniform(0, 255, (max(8, args.batch), h, w, c))
            .astype("float32")
        )
        from keras_resnet import preprocessing as preprocessing_lib

        images = preprocessing_lib.get(args.preprocessing)(pixels)
    options = {"target": args.target} if args.target else {}
    with tempfile.TemporaryDirectory() as tmp:
        result = benchmark.benchmark(
            model,
            args.output or tmp,
            jobs=jobs,
            images=images,
            labels=labels,
            batch=args.batch,
            repeats=args.repeats,
            preprocessing=args.preprocessing,
            peer=args.peer,
            options=options,
            threads=args.threads,
        )
    print(result.markdown())
    if args.json:
        import json

        pathlib.Path(args.json).write_text(json.dumps(result.as_dict(), indent=2))
    return 0


def _lesion_data(args: argparse.Namespace) -> tuple[Any, Any]:
    """The held-out ``(images, labels)`` --data names, preprocessed (--preprocessing, else the data's
    own: none for digits and .npz files, unit for CIFAR), the first --limit of them."""
    import numpy as np

    from keras_resnet import preprocessing as preprocessing_lib

    spec = args.data
    if spec.endswith(".npz"):
        if not pathlib.Path(spec).is_file():
            raise ValueError(
                f"--data {spec!r} does not exist (a .npz file with arrays 'images' and 'labels')"
            )
        with np.load(spec) as arrays:
            if not {"images", "labels"} <= set(arrays.files):
                raise ValueError(
                    f"--data {spec!r} must hold arrays 'images' and 'labels'; it holds {', '.join(arrays.files)}"
                )
            images, labels, default = arrays["images"], arrays["labels"], "none"
    elif (
        spec in ("digits", "cifar10", "cifar100")
        or pathlib.Path(spec, "data_batch_1.bin").is_file()
        or pathlib.Path(spec, "train.bin").is_file()
    ):
        _, (images, labels), default = _training_data(spec, args.input_size)
    else:
        raise ValueError(
            f"--data must be digits, cifar10, cifar100, a CIFAR binary folder or a .npz file; received {spec!r}"
        )
    images, labels = images[: args.limit], labels[: args.limit]
    return preprocessing_lib.get(args.preprocessing or default)(images), labels


def _cmd_lesion(args: argparse.Namespace) -> int:
    from keras_resnet import analysis, atomic

    for path in (args.plot, args.json):
        if path is not None:
            atomic.check_writable(pathlib.Path(path).parent)
    if args.plot:
        from keras_resnet import _optional

        _optional.require("matplotlib", "demo")
    if not args.model.endswith(".keras"):
        registry.get_entry(args.model)  # an unknown name before the data are read
    images, labels = _lesion_data(args)
    model = _load_model(args.model, args.weights, args.input_size, args.classes)
    _start_work(args)
    if args.weights is None and not args.model.endswith(".keras"):
        print(f"note: no --weights: {model.name} has random weights", file=sys.stderr)
    study = analysis.lesion_study(model, (images, labels), batch_size=args.batch_size, verbose=1)
    print(study.table())
    print(
        f"(intact and {len(study.rows)} lesioned models evaluated on {study.images} images in {study.seconds:.1f} s)",
        file=sys.stderr,
    )
    if args.plot:
        study.plot(args.plot)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(study.as_dict(), indent=2))
    return 0


EXIT_CODES = """exit status:
  0    success
  1    a failure during the work (a file that cannot be written or read, a full disk,
       a corrupt input met on the way, an artifact that fails verification)
  2    a usage error: a bad flag or value, an unknown model, an output that exists;
       found before any work starts
  130  interrupted (Ctrl-C); nothing half-written is left behind
"""


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error (no usage dump), and help that names the registered export
    formats and precisions (``{formats}``, ``{precisions}`` in an argument's help, filled in from
    `keras_resnet.export.FORMATS` only when help is shown: TensorFlow is not imported to parse)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    def format_help(self) -> str:
        marked = [
            a
            for a in self._actions
            if a.help and ("{formats}" in a.help or "{precisions}" in a.help)
        ]
        if marked:
            from keras_resnet import export

            names = {
                "formats": ", ".join(export.FORMATS),
                "precisions": " ".join(export.formats.precisions()),
            }
            for action in marked:
                text = action.help or ""  # every marked action has help
                action.help = text.replace("{formats}", names["formats"]).replace(
                    "{precisions}", names["precisions"]
                )
        return super().format_help()


def _count(text: str, minimum: int = 1) -> int:
    """An argparse type: an integer >= `minimum`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an integer; received {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}; received {text!r}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number; received {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be > 0; received {text!r}")
    return value


def _fraction(text: str, *, zero_ok: bool) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number; received {text!r}") from None
    if not ((0 <= value if zero_ok else 0 < value) and value < 1):
        raise argparse.ArgumentTypeError(
            f"must be in {'[' if zero_ok else '('}0, 1); received {text!r}"
        )
    return value


def _save_freq(text: str) -> str | int:
    return text if text == "epoch" else _count(text)


def _add_list_and_info(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[common], help="list registered models")
    p.add_argument("pattern", nargs="?", default="*", help="shell-style pattern, e.g. 'resnet50*'")
    p.add_argument(
        "--details", action="store_true", help="also count parameters and MACs (builds each model)"
    )
    p.set_defaults(func=_cmd_list)
    p = sub.add_parser("info", parents=[common], help="parameters, MACs and layers of one model")
    p.add_argument("model", help="a registered model name (see 'keras-resnet list')")
    p.add_argument(
        "--input-size", type=_count, default=None, help="square input size (default: the model's)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_cmd_info)


def _add_model_source(p: argparse.ArgumentParser, *, classes: bool = True) -> None:
    p.add_argument(
        "--weights", help="a .weights.h5 file (or checkpoint, or preset) for a registry model"
    )
    p.add_argument("--input-size", type=_count, help="square input size for a registry model")
    if classes:
        p.add_argument("--classes", type=_count, help="class count for a registry model")


def _add_export(sub: Any, common: argparse.ArgumentParser, presets: list[str]) -> None:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="export to SavedModel / TFLite / ONNX and verify each artifact",
    )
    p.add_argument("model", help="a registered model name or a saved .keras file")
    p.add_argument("--format", nargs="+", default=["all"], help="{formats} (several) or all")
    p.add_argument("--quantize", nargs="+", default=["float32"], help="{precisions} (several)")
    p.add_argument(
        "--calibration-data",
        help="for int8: a folder of images or a .npy array of model-ready images",
    )
    p.add_argument(
        "--calibration-size", type=_count, default=200, help="calibration images used (default 200)"
    )
    p.add_argument(
        "--output",
        "-o",
        required=True,
        help="the file to write (one artifact), or a folder: an existing one receives <model><suffix>",
    )
    _add_model_source(p)
    p.add_argument(
        "--preprocessing",
        choices=presets,
        help="how raw pixels become model input (default: the --weights preset's, else none)",
    )
    p.add_argument("--opset", type=int, help="ONNX opset (13-18)")
    p.add_argument("--nchw", action="store_true", help="ONNX input as NCHW")
    _add_target(p)
    p.add_argument(
        "--image-bytes-signature",
        action="store_true",
        help="SavedModel: add a signature taking encoded images",
    )
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="replace outputs this export wrote before (never a folder of other files)",
    )
    p.add_argument(
        "--no-verify", action="store_true", help="skip running each artifact against Keras"
    )
    p.set_defaults(func=_cmd_export)


def _add_optimize(sub: Any, common: argparse.ArgumentParser, presets: list[str]) -> None:
    p = sub.add_parser(
        "optimize",
        parents=[common],
        help="quantization-aware training or pruning on an image folder, then export (needs keras-resnet[optimize])",
    )
    p.add_argument(
        "model", help="a trained .keras file (or a registered model name with --weights)"
    )
    p.add_argument(
        "--method",
        required=True,
        choices=["qat", "prune"],
        help="qat: quantization-aware training; prune: 50%% magnitude pruning",
    )
    p.add_argument("--data", required=True, help="image folder with one subfolder per class")
    p.add_argument("--output", "-o", required=True, help="output folder")
    p.add_argument("--epochs", type=_count, default=2, help="fine-tuning epochs (default 2)")
    p.add_argument("--learning-rate", type=_positive_float, default=1e-4, help="default 1e-4")
    p.add_argument("--optimizer", default="adam", choices=["adam", "sgd"])
    p.add_argument("--batch-size", type=_count, default=32)
    p.add_argument(
        "--validation-split",
        type=lambda t: _fraction(t, zero_ok=True),
        default=0.2,
        help="share of the folder held out (0: none)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--sparsity",
        type=lambda t: _fraction(t, zero_ok=False),
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
        default="unit",
        choices=presets,
        help="how pixels become model input (default unit: /255)",
    )
    _add_model_source(p)
    p.add_argument("--overwrite", action="store_true", help="replace existing outputs")
    p.set_defaults(func=_cmd_optimize)


def _add_convert_weights(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "convert-weights",
        parents=[common],
        help="convert a torchvision/timm/keras.applications checkpoint to .weights.h5",
    )
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
        type=_count,
        help="a classifier of another size: the checkpoint's head is left out",
    )
    p.add_argument("--no-top", action="store_true", help="backbone only (include_top=False)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing output")
    p.set_defaults(func=_cmd_convert_weights)


def _add_train(sub: Any, common: argparse.ArgumentParser, presets: list[str]) -> None:
    p = sub.add_parser(
        "train",
        parents=[common],
        help="train a registry model with a recipe: streamed, resumable, on the JAX, TensorFlow or PyTorch backend",
    )
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
    p.add_argument(
        "--data",
        default="digits",
        help="digits (offline default), cifar10, cifar100, a CIFAR binary folder, a folder "
        "of class subfolders, or TFRecord shards ('train-*': image/encoded, image/class/label)",
    )
    p.add_argument("--epochs", type=_count, help="default: the recipe's length")
    p.add_argument(
        "--batch-size",
        type=_count,
        help="global batch (default: the recipe's); the learning rate scales with it",
    )
    p.add_argument(
        "--strategy",
        default="default",
        choices=["default", "mirrored", "multi_worker"],
        help="mirrored: every local device (TensorFlow MirroredStrategy, JAX keras.distribution.DataParallel)",
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
        "--save-freq",
        type=_save_freq,
        default="epoch",
        help="'epoch' or a step count between checkpoints",
    )
    p.add_argument(
        "--augment",
        choices=["none", "pad_crop", "pad_crop_flip", "random_resized_crop_flip"],
        help="default: the recipe's",
    )
    p.add_argument(
        "--preprocessing", choices=presets, help="default: none for digits, unit for pixels"
    )
    p.add_argument(
        "--input-size", type=_count, help="image size for digits or an image folder (default 224)"
    )
    p.add_argument(
        "--validation-data",
        help="a folder of class subfolders held out (default: --validation-split of --data)",
    )
    p.add_argument(
        "--validation-split",
        type=float,
        default=0.2,
        help="share of an image folder held out (default 0.2)",
    )
    p.add_argument(
        "--workers",
        type=lambda text: _count(text, 0),
        help="threads that decode and augment (default: the cores, at most 16)",
    )
    p.add_argument(
        "--limit", type=_count, help="use only the first N training images (digits, CIFAR)"
    )
    p.add_argument(
        "--classes",
        type=_count,
        help="class count (needed for TFRecord shards; default: the data's)",
    )
    p.add_argument(
        "--steps-per-epoch",
        type=_count,
        help="steps per epoch (needed for TFRecord shards: records / batch)",
    )
    p.add_argument(
        "--profile",
        nargs="?",
        type=_count,
        const=20,
        metavar="STEPS",
        help="measure the input stream alone against the training step alone (20 steps each), instead of training",
    )
    p.add_argument(
        "--processes",
        type=_count,
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
        type=_count,
        help="processes in the run (default: KERAS_DISTRIBUTION_NUM_PROCESSES)",
    )
    p.add_argument(
        "--process-id",
        type=lambda text: _count(text, 0),
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
    p.set_defaults(func=_cmd_train)


def _add_demo_and_benchmark(sub: Any, common: argparse.ArgumentParser, presets: list[str]) -> None:
    p = sub.add_parser(
        "demo",
        parents=[common],
        help="train on digits, export to every format, verify and measure (offline, about 1 min on 2 cores)",
    )
    p.add_argument(
        "--output",
        "-o",
        default="keras_resnet_demo",
        help="report.md, report.json, chart.png and artifacts/",
    )
    p.add_argument("--epochs", type=_count, default=6)
    p.add_argument(
        "--formats", nargs="+", help="a subset of saved_model tflite onnx (default: all)"
    )
    p.add_argument("--repeats", type=_count, default=50, help="timed runs per artifact (median)")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser(
        "benchmark",
        parents=[common],
        help="latency of every format against Keras for any model (median, warm-up)",
    )
    p.add_argument("model", help="a registered model name or a saved .keras file")
    _add_model_source(p, classes=False)
    p.add_argument("--batch", type=_count, default=1)
    p.add_argument("--formats", nargs="+", default=["all"], help="{formats} (several), or all")
    p.add_argument(
        "--quantize",
        nargs="+",
        default=["float32", "int8"],
        help="precisions (default: float32 int8)",
    )
    p.add_argument("--repeats", type=_count, default=20)
    p.add_argument(
        "--data", help="a .npy of model-ready images (default: random pixels, preprocessed)"
    )
    p.add_argument("--labels", help="a .npy of their labels: adds accuracy")
    p.add_argument("--preprocessing", default="torch", choices=presets)
    p.add_argument("--output", "-o", help="keep the artifacts here")
    p.add_argument("--json", help="write the results as JSON (for tracking over time)")
    p.add_argument(
        "--peer",
        nargs="?",
        const="ResNet50",
        help="also measure the route without this library: keras.applications PEER (ResNet50, ResNet101, ResNet152, "
        "ResNet50V2, ...; default ResNet50) at the model's input size and classes -> Keras' "
        "model.export(format='onnx') -> ONNX Runtime, and quantize_static u8s8 for int8",
    )
    p.add_argument(
        "--threads",
        type=_count,
        help="CPU threads of LiteRT and ONNX Runtime, the peer's too (default: "
        "each runtime's own, all cores; 1 gives steadier ratios on a busy machine)",
    )
    _add_target(p)
    p.set_defaults(func=_cmd_benchmark)


def _add_presets_and_predict(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "presets",
        parents=[common],
        help="pretrained weights: source, license, ImageNet accuracy, preprocessing",
    )
    p.add_argument("--model", help="only the presets of this registry model")
    p.add_argument("--json", action="store_true", help="print each preset's full config as JSON")
    p.set_defaults(func=_cmd_presets)
    p = sub.add_parser(
        "predict",
        parents=[common],
        help="top-5 ImageNet classes of image files, by a model with its preset or an exported artifact",
    )
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
        help="a preset (default: the model's 'imagenet' preset), hf-hub:timm/<name>, or a checkpoint file",
    )
    p.add_argument("--top", type=_count, default=5, help="classes per image (default 5)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.set_defaults(func=_cmd_predict)


def _add_lesion(sub: Any, common: argparse.ArgumentParser, presets: list[str]) -> None:
    p = sub.add_parser(
        "lesion",
        parents=[common],
        help="accuracy with each block removed in turn (residual: its branch; "
        "plain: the whole block), Veit et al. 2016",
    )
    p.add_argument("model", help="a registered model name (with --weights) or a saved .keras file")
    _add_model_source(p)
    p.add_argument(
        "--data",
        default="digits",
        help="held-out images: digits (offline default), cifar10, cifar100, a CIFAR "
        "binary folder (its test set), or a .npz file with arrays 'images' and 'labels'",
    )
    p.add_argument(
        "--preprocessing", choices=presets, help="default: none for digits and .npz, unit for CIFAR"
    )
    p.add_argument("--limit", type=_count, help="use only the first N held-out images")
    p.add_argument("--batch-size", type=_count, default=256)
    p.add_argument("--plot", help="write the lesion plot here (PNG; needs matplotlib)")
    p.add_argument("--json", help="write the rows as JSON")
    p.set_defaults(func=_cmd_lesion)


def _add_target(p: argparse.ArgumentParser) -> None:
    from keras_resnet import _machine

    p.add_argument(
        "--target",
        choices=_machine.TARGETS,
        help="the CPU the ONNX int8 artifact will run on: x86 (AVX2, no VNNI: uint8 activations, 7-bit weights), "
        "x86-vnni (uint8 activations), arm (int8 activations); default: this machine's",
    )


def build_parser() -> argparse.ArgumentParser:
    from keras_resnet import preprocessing

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show TensorFlow's and the converters' own log lines",
    )
    parser = _Parser(
        prog="keras-resnet",
        description="The ResNet family for Keras 3.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        default=False,
        help="show TensorFlow's and the converters' own log lines",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    presets = list(preprocessing.PRESETS)
    _add_list_and_info(sub, common)
    _add_export(sub, common, presets)
    _add_optimize(sub, common, presets)
    _add_convert_weights(sub, common)
    _add_presets_and_predict(sub, common)
    _add_train(sub, common, presets)
    _add_demo_and_benchmark(sub, common, presets)
    _add_lesion(sub, common, presets)
    for command in sub.choices.values():
        command.set_defaults(parser=command)  # for errors in the command's own flag words
    return parser


def _flag_words(message: str, parser: argparse.ArgumentParser) -> str:
    """Rewrites the library's argument names in `message` as the command's flags:
    ``pass overwrite=True`` -> ``pass --overwrite``, ``calibration_data`` -> ``--calibration-data``."""
    for action in parser._actions:
        flags = [f for f in action.option_strings if f.startswith("--")]
        if not flags or action.dest in ("help", "verbose"):
            continue
        flag, dest = flags[0], re.escape(action.dest)
        message = re.sub(rf"\b{dest}=True\b", flag, message)
        message = re.sub(rf"(?<![\w-]){dest}=", f"{flag}=", message)
        if "_" in action.dest:
            message = re.sub(rf"(?<![\w-]){dest}\b", flag, message)
    return message


def _one_line(error: BaseException) -> str:
    """An exception as one line: an OSError names its path and cause; others their first line."""
    if isinstance(error, OSError) and error.strerror:
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror}"
    text = str(getattr(error, "message", None) or error).strip().splitlines()
    first = text[0] if text else type(error).__name__
    if not isinstance(error, (ValueError, TypeError)):
        first = f"{type(error).__name__}: {first}"
    return first if len(first) <= 600 else first[:597] + "..."


def _exit_code(error: BaseException, started: bool) -> int:
    if isinstance(error, KeyboardInterrupt):
        return 130
    usage = isinstance(
        error, (ValueError, TypeError, ImportError)
    )  # OutputExistsError too; other OSErrors are not
    return 2 if usage and not started else 1


def _remember_interrupts() -> list:
    """Records each Ctrl-C (and raises KeyboardInterrupt as Python does); the list is non-empty
    once one arrived. Left alone where SIGINT is ignored or handled by someone else."""
    interrupted: list = []
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:

        def handler(signum: int, frame: object) -> NoReturn:
            interrupted.append(signum)
            raise KeyboardInterrupt

        signal.signal(signal.SIGINT, handler)
    return interrupted


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status (see `EXIT_CODES`).

    Called with the process's own arguments (``argv=None``, as the ``keras-resnet`` script does),
    it also keeps TensorFlow's and the converters' native log lines off the terminal
    (`keras_resnet._quiet`)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        _quiet.install(args.verbose)
    else:
        _quiet.quiet_python_loggers(_quiet.level(args.verbose))
    args.started = False
    previous_handler = signal.getsignal(signal.SIGINT)
    interrupted = _remember_interrupts()
    try:
        code = args.func(args)
        if not interrupted:
            return code
        raise KeyboardInterrupt  # a Ctrl-C that third-party code swallowed (a broad except) still counts
    except (KeyboardInterrupt, Exception) as error:  # noqa: BLE001 - every failure becomes one line
        code = _exit_code(error, args.started)
        text = "interrupted" if code == 130 else _flag_words(_one_line(error), args.parser)
        print(
            f"keras-resnet {args.command}: {'error: ' if code != 130 else ''}{text}",
            file=sys.stderr,
        )
        return code
    finally:
        signal.signal(signal.SIGINT, previous_handler)


if __name__ == "__main__":
    sys.exit(main())
