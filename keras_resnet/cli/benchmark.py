"""``keras-resnet benchmark``: the latency of every export format against Keras for any model,
with the speed-up and the agreement of each artifact."""

from __future__ import annotations

import argparse
import errno
import json
import pathlib
from typing import Any

from keras_resnet.cli import _args


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet benchmark``."""
    p.add_argument("model", help="a registered model name or a saved .keras file")
    _args.add_model_source(p, classes=False)
    p.add_argument("--batch", type=_args.count, default=1)
    p.add_argument("--formats", nargs="+", default=["all"], help="{formats} (several), or all")
    p.add_argument(
        "--quantize",
        nargs="+",
        default=["float32", "int8"],
        help="precisions (default: float32 int8)",
    )
    p.add_argument("--repeats", type=_args.count, default=20)
    p.add_argument(
        "--data", help="a .npy of model-ready images (default: random pixels, preprocessed)"
    )
    p.add_argument("--labels", help="a .npy of their labels: adds accuracy")
    p.add_argument("--preprocessing", default="torch", choices=_args.preprocessing_names())
    p.add_argument("--output", "-o", help="keep the artifacts here")
    p.add_argument("--json", help="write the results as JSON (for tracking over time)")
    p.add_argument(
        "--peer",
        nargs="?",
        const="ResNet50",
        help="also measure the route without this library: keras.applications PEER (ResNet50, "
        "ResNet101, ResNet152, ResNet50V2, ...; default ResNet50) at the model's input size and "
        "classes -> Keras' model.export(format='onnx') -> ONNX Runtime, and quantize_static u8s8 "
        "for int8",
    )
    p.add_argument(
        "--threads",
        type=_args.count,
        help="CPU threads of LiteRT and ONNX Runtime, the peer's too (default: "
        "each runtime's own, all cores; 1 gives steadier ratios on a busy machine)",
    )
    _args.add_target(p)
    p.add_argument(
        "--recommend",
        type=_agreement,
        nargs="?",
        const=0.99,
        metavar="MIN_AGREEMENT",
        help="print the fastest artifact for this CPU at --threads whose top-1 agreement with "
        "Keras is at least MIN_AGREEMENT (default 0.99) as the last line",
    )


def _agreement(text: str) -> float:
    """An argparse type: a top-1 agreement from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a number from 0 to 1; received {text!r}"
        ) from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1; received {text!r}")
    return value


def _jobs(args: argparse.Namespace) -> list[tuple[str, str]]:
    """The ``(format, precision)`` pairs to measure; --formats, --quantize and --peer checked."""
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
            f"--peer must be one of {', '.join(benchmark.PEERS)} (keras.applications); "
            f"received --peer {args.peer!r}"
        )
    return jobs


def _array(flag: str, path: str) -> Any:
    """The .npy file of `flag`: there, and an array (a usage error otherwise, before any work)."""
    import numpy as np

    if not pathlib.Path(path).is_file():
        raise FileNotFoundError(errno.ENOENT, f"no such file ({flag}: a .npy array)", path)
    try:
        return np.load(path)
    except (ValueError, OSError, EOFError):  # not a .npy file (NumPy's reason names its API)
        raise ValueError(f"{flag} {path!r} is not a .npy array file") from None


def _images(args: argparse.Namespace, model: Any) -> Any:
    """--data's images, else random pixels at the model's input size through --preprocessing."""
    import numpy as np

    if args.data:
        return _array("--data", args.data)
    h, w, c = (d or 224 for d in model.input_shape[1:])
    pixels = (
        np.random.default_rng(0).uniform(0, 255, (max(8, args.batch), h, w, c)).astype("float32")
    )
    from keras_resnet import preprocessing

    return preprocessing.get(args.preprocessing)(pixels)


def _check_outputs(args: argparse.Namespace) -> None:
    """--output (a folder) and --json (a file, replaced) can be written: before any work."""
    from keras_resnet import atomic

    if args.output is not None:
        atomic.check_writable(args.output)
    if args.json is not None:
        atomic.check_output(args.json, overwrite=True)


def run(args: argparse.Namespace) -> int:
    """Measures every job and prints the Markdown table (and writes --json); the flags, the
    outputs, the model and the input arrays are checked first."""
    import tempfile

    from keras_resnet import atomic, benchmark

    jobs = _jobs(args)
    _check_outputs(args)
    model = _args.model_of(args)
    images = _images(args, model)
    labels = _array("--labels", args.labels) if args.labels else None
    _args.start_work(args)
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
    if args.recommend is not None:
        best = result.recommend(args.recommend)
        print(
            f"recommended: {best.path} ({best.format} {benchmark.shown_precision(best)}, "
            f"{best.latency_ms / result.batch:.2f} ms per image, top-1 agreement "
            f"{best.top1_agreement:.1%})"
            if best
            else f"recommended: none (no artifact reaches top-1 agreement {args.recommend:.0%})"
        )
    if args.json:
        with atomic.atomic_path(args.json, overwrite=True) as written:
            written.write_text(json.dumps(result.as_dict(), indent=2))
    return 0
