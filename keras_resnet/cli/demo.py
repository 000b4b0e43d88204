"""``keras-resnet demo``: train on digits, export to every format, verify and measure, and
write the report."""

from __future__ import annotations

import argparse

from keras_resnet.cli import _args


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet demo``."""
    p.add_argument(
        "--output",
        "-o",
        default="keras_resnet_demo",
        help="report.md, report.json, chart.png and artifacts/",
    )
    p.add_argument("--epochs", type=_args.count, default=6)
    p.add_argument(
        "--formats", nargs="+", help="a subset of saved_model tflite onnx (default: all)"
    )
    p.add_argument(
        "--repeats", type=_args.count, default=50, help="timed runs per artifact (median)"
    )
    p.add_argument("--seed", type=int, default=0)


def run(args: argparse.Namespace) -> int:
    """Runs the demo into --output, which is checked to be writable before the training."""
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
    _args.start_work(args)
    demo.run(args.output, epochs=args.epochs, jobs=jobs, repeats=args.repeats, seed=args.seed)
    return 0
