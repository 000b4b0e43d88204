"""``keras-resnet list`` and ``keras-resnet info``: the registered models, and one model's size
and cost."""

from __future__ import annotations

import argparse
import json
import sys
import time

from keras_resnet import registry
from keras_resnet.cli import _args


def add_list_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet list``."""
    p.add_argument("pattern", nargs="?", default="*", help="shell-style pattern, e.g. 'resnet50*'")
    p.add_argument(
        "--details", action="store_true", help="also count parameters and MACs (builds each model)"
    )


def run_list(args: argparse.Namespace) -> int:
    """Prints the table of the models matching the pattern (exit 1 when none does)."""
    names = registry.list_models(args.pattern)
    if not names:
        print(f"no registered model matches {args.pattern!r}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    progress = registry.progress_bar if args.details else None
    print(registry.model_table(names, details=args.details, progress=progress))
    if args.details:
        print(
            f"\n{len(names)} models, counted in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
    return 0


def add_info_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet info``."""
    p.add_argument("model", help="a registered model name (see 'keras-resnet list')")
    p.add_argument(
        "--input-size",
        type=_args.count,
        default=None,
        help="square input size (default: the model's)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")


def run_info(args: argparse.Namespace) -> int:
    """Prints one model's input, classes, parameters, MACs and layers (or them as JSON)."""
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
        ("MACs per image", f"{info.macs:,} ({registry.format_macs(info.macs)})"),
        ("layers", f"{info.layers}"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    print(f"(built and counted in {time.perf_counter() - start:.1f} s)", file=sys.stderr)
    return 0
