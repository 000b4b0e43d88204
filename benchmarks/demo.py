"""The demo's table as data: runs ``keras-resnet demo`` (`keras_resnet.demo.run`) and records
its rows, so the README's and the docs' demo table is rendered from a measurement.

    python benchmarks/demo.py --record    # docs/results/demo.json, then:
    python scripts/render_results.py      # the tables in README.md and docs/

The demo trains a CIFAR ResNet-20 on scikit-learn's digits, exports it to every format, verifies
each artifact in its own runtime and times them all in interleaved rounds (batch 1); its reports
and chart go to ``--output`` as ``keras-resnet demo`` writes them.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import _results  # noqa: E402  (benchmarks/, on sys.path when this script runs)


def rows(result) -> list[dict]:
    """Keras first, then one row per artifact: size, held-out accuracy, latency per image,
    speed-up over Keras, difference from Keras."""
    keras_row = dict(
        format="keras",
        precision="float32",
        size_bytes=None,
        accuracy=result.keras_accuracy,
        latency_ms=result.keras_ms / result.batch,
        speedup=1.0,
        max_abs_diff=0.0,
        top1_agreement=1.0,
    )
    return [keras_row] + [
        dict(
            format=r.format,
            precision=r.precision,
            size_bytes=r.size_bytes,
            accuracy=r.accuracy,
            latency_ms=r.latency_ms / result.batch,
            speedup=r.speedup,
            max_abs_diff=r.max_abs_diff,
            top1_agreement=r.top1_agreement,
        )
        for r in result.rows
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--output", "-o", default="keras_resnet_demo")
    parser.add_argument("--repeats", type=int, default=50, help="timed runs per artifact")
    _results.add_argument(parser)
    args = parser.parse_args(argv)
    from keras_resnet import demo

    result, _ = demo.run(args.output, repeats=args.repeats)
    if args.record:
        _results.write_results(
            "demo",
            rows(result),
            command=_results.command_line(),
            notes=f"latency per image at batch {result.batch}, median of {result.repeats} runs "
            f"interleaved across the formats; held-out accuracy on the digits' held-out images",
            folder=args.record,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
