"""Training throughput of both image layouts, channels_first against channels_last, per backend.

    python benchmarks/layouts.py                       # torch and jax, ResNet-50 at 64 px
    python benchmarks/layouts.py --size 128 --batch 16 --record

For each backend (a child process each, with ``KERAS_BACKEND`` set) and each model (ResNet-50 at
``--size`` px, the CIFAR ResNet-20 at 32 px), the two layouts are built with the same weights
and compiled the same way (SGD with momentum, sparse cross-entropy on logits); after warm-up
steps (JAX compiles there) they alternate, ``--repeats`` rounds of ``--steps`` steps of
``train_on_batch`` on one synthetic batch held in memory (so the input pipeline costs nothing).
The median round gives images/s; ``vs_channels_last`` is the median over the rounds of
channels_first's images/s over channels_last's in the same round (a pair measured back to back,
so a change in the machine's load between rounds moves both), and each row keeps its rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import _results  # noqa: E402  (benchmarks/, on sys.path when this script runs)

LAYOUTS = ("channels_last", "channels_first")


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _models(model: str, size: int) -> dict:
    import keras_resnet
    from keras_resnet import layouts

    built = {}
    for data_format in LAYOUTS:
        built[data_format] = keras_resnet.create_model(
            model,
            input_shape=layouts.image_shape(size, size, 3, data_format),
            classes=10 if model.startswith("cifar") else 1000,
            classifier_activation=None,
            data_format=data_format,
        )
    built["channels_first"].set_weights(built["channels_last"].get_weights())
    return built


def measure(model: str, size: int, batch: int, steps: int, repeats: int, warmup: int) -> list:
    """Images/s of `model` in both layouts: the median round of each, in one process."""
    import keras
    import numpy as np

    from keras_resnet import layouts

    keras.utils.set_random_seed(0)
    built = _models(model, size)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(batch, size, size, 3)).astype("float32")
    classes = built["channels_last"].output_shape[-1]
    y = rng.integers(0, classes, size=batch)
    for data_format, net in built.items():
        net.compile(
            optimizer=keras.optimizers.SGD(0.01, momentum=0.9),
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        )
        started = time.perf_counter()
        for _ in range(warmup):
            net.train_on_batch(layouts.transpose(x, data_format), y)
        log(f"  {model} {data_format}: warm-up {time.perf_counter() - started:.1f} s")
    rounds: dict[str, list[float]] = {f: [] for f in LAYOUTS}
    for _ in range(repeats):
        for data_format, net in built.items():
            images = layouts.transpose(x, data_format)
            started = time.perf_counter()
            for _ in range(steps):
                net.train_on_batch(images, y)
            rounds[data_format].append(steps * batch / (time.perf_counter() - started))
    ratios = [
        f / last for f, last in zip(rounds["channels_first"], rounds["channels_last"], strict=True)
    ]
    return [
        dict(
            model=model,
            px=size,
            batch=batch,
            data_format=f,
            images_per_s=round(statistics.median(r), 2),
            rounds=[round(v, 2) for v in r],
            vs_channels_last=round(statistics.median(ratios), 3) if f == "channels_first" else 1.0,
        )
        for f, r in rounds.items()
    ]


def child(args: argparse.Namespace) -> None:
    """Measures both models on this process's backend; prints the rows as JSON."""
    import keras

    rows = measure("resnet50", args.size, args.batch, args.steps, args.repeats, args.warmup)
    rows += measure("cifar_resnet20", 32, args.cifar_batch, args.steps, args.repeats, args.warmup)
    for row in rows:
        row["backend"] = keras.backend.backend()
    print(json.dumps(rows))


def run_backend(backend: str, argv: list[str]) -> list[dict]:
    log(f"{backend}:")
    env = {**os.environ, "KERAS_BACKEND": backend}
    result = subprocess.run(
        [sys.executable, __file__, "--child", *argv],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--backends", nargs="+", default=["torch", "jax"])
    parser.add_argument("--size", type=int, default=64, help="ResNet-50's input (px)")
    parser.add_argument("--batch", type=int, default=8, help="ResNet-50's batch")
    parser.add_argument("--cifar-batch", type=int, default=32)
    parser.add_argument("--steps", type=int, default=3, help="steps per timed round")
    parser.add_argument("--repeats", type=int, default=3, help="timed rounds per layout")
    parser.add_argument("--warmup", type=int, default=2, help="untimed steps first")
    parser.add_argument("--notes", default="", help="recorded with the figures")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    _results.add_argument(parser)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    passed = [
        f"--{k.replace('_', '-')}={getattr(args, k)}"
        for k in ("size", "batch", "cifar_batch", "steps", "repeats", "warmup")
    ]
    rows = [row for b in args.backends for row in run_backend(b, passed)]
    print("| backend | model | px | batch | layout | images/s | vs channels_last |")
    print("|---|---|---:|---:|---|---:|---:|")
    for r in rows:
        print(
            f"| {r['backend']} | {r['model']} | {r['px']} | {r['batch']} | {r['data_format']} "
            f"| {r['images_per_s']:.1f} | {r['vs_channels_last']:.2f} |"
        )
    if args.record:
        path = _results.write_results(
            "layouts",
            rows,
            command=_results.command_line(),
            notes=args.notes,
            versions_of=(*_results.RUNTIMES, "torch", "jax", "jaxlib"),
            folder=args.record,
        )
        log(f"wrote {path}")


if __name__ == "__main__":
    main()
