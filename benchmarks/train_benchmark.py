"""Training throughput: this library's ResNet-50 against keras.applications' ResNet50, same process.

    python benchmarks/train_benchmark.py                      # 224x224, batch 16, CPU or GPU
    python benchmarks/train_benchmark.py --batch 128 --mixed-precision   # a GPU run
    python benchmarks/train_benchmark.py --json out.json

Both models are the original ResNet-50 (stride in the first 1x1 convolution, 25.6M parameters),
compiled the same way (SGD with momentum, sparse cross-entropy on logits) and trained with
`model.fit` on the same synthetic batches (random images and labels, held in memory, so the
input pipeline costs nothing). Per configuration (plain, XLA, and with --mixed-precision the same
under mixed_float16), the two models alternate: warm-up steps, then timed runs of `--steps` steps;
the median over `--repeats` gives images/s. The goal is a ratio (keras_resnet / keras.applications)
of at least 1.0.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import _results  # noqa: E402  (benchmarks/, on sys.path when this script runs)


def log(text):
    print(text, file=sys.stderr, flush=True)


def build(kind, size, policy):
    import keras

    import keras_resnet

    keras.config.set_dtype_policy(policy)
    try:
        if kind == "keras_resnet":
            return keras_resnet.ResNet50(input_shape=(size, size, 3), classifier_activation=None)
        return keras.applications.ResNet50(
            weights=None, input_shape=(size, size, 3), classifier_activation=None
        )
    finally:
        keras.config.set_dtype_policy("float32")


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--steps", type=int, default=5, help="timed steps per run")
    parser.add_argument(
        "--warmup",
        type=int,
        default=2,
        help="untimed steps before the first run (tracing, XLA compile)",
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--mixed-precision", action="store_true", help="also mixed_float16 (GPUs)")
    parser.add_argument("--no-xla", action="store_true", help="skip the XLA configuration")
    parser.add_argument("--json", help="write the results here")
    _results.add_argument(parser)
    args = parser.parse_args(argv)

    import keras
    import numpy as np
    import tensorflow as tf

    device = tf.config.list_physical_devices("GPU")
    device_name = (
        tf.config.experimental.get_device_details(device[0]).get("device_name", "GPU")
        if device
        else f"CPU ({os.cpu_count()} cores)"
    )
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (args.batch, args.size, args.size, 3)).astype("float32")
    y = rng.integers(0, 1000, args.batch)
    dataset = tf.data.Dataset.from_tensors((x, y)).repeat().prefetch(2)

    configs = [("float32", False)]
    if not args.no_xla:
        configs.append(("float32", True))
    if args.mixed_precision:
        configs += [("mixed_float16", False)] + (
            [("mixed_float16", True)] if not args.no_xla else []
        )
    results = []
    log(
        f"ResNet-50 training throughput at {args.size}x{args.size}, batch {args.batch}, on "
        f"{device_name}"
    )
    for policy, xla in configs:
        models = {}
        for kind in ("keras_resnet", "keras.applications"):
            model = build(kind, args.size, policy)
            model.compile(
                optimizer=keras.optimizers.SGD(0.01, momentum=0.9),
                loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                jit_compile=xla,
            )
            start = time.perf_counter()
            model.fit(dataset, steps_per_epoch=args.warmup, epochs=1, verbose=0)
            log(
                f"  {policy}{' + XLA' if xla else ''} {kind}: warm-up "
                f"{time.perf_counter() - start:.1f} s"
            )
            models[kind] = model
        times = {kind: [] for kind in models}
        for repeat in range(args.repeats):
            for kind, model in models.items():  # alternate, so drift hits both
                start = time.perf_counter()
                model.fit(dataset, steps_per_epoch=args.steps, epochs=1, verbose=0)
                times[kind].append(time.perf_counter() - start)
            log(
                f"  run {repeat + 1}/{args.repeats}: "
                + ", ".join(f"{k} {t[-1]:.1f} s" for k, t in times.items())
            )
        rate = {kind: args.batch * args.steps / statistics.median(t) for kind, t in times.items()}
        results.append(
            {
                "policy": policy,
                "xla": xla,
                "keras_resnet_images_per_s": rate["keras_resnet"],
                "keras_applications_images_per_s": rate["keras.applications"],
                "ratio": rate["keras_resnet"] / rate["keras.applications"],
            }
        )
        del models
        keras.backend.clear_session()

    from keras_resnet import benchmark

    print(
        f"\nResNet-50 training, {args.size}x{args.size}, batch {args.batch}, {device_name}, median "
        f"of {args.repeats} runs of {args.steps} steps\n\nMachine: {benchmark.machine()}; "
        + ", ".join(f"{k} {v}" for k, v in benchmark.machine_info()["versions"].items())
        + "\n"
    )
    print("| precision | XLA | keras_resnet img/s | keras.applications img/s | ratio |")
    print("|---|---|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['policy']} | {'yes' if r['xla'] else 'no'} | "
            f"{r['keras_resnet_images_per_s']:.1f} | {r['keras_applications_images_per_s']:.1f} | "
            f"{r['ratio']:.2f} |"
        )
    if args.json:
        with open(args.json, "w") as f:
            json.dump(
                {
                    "device": device_name,
                    "batch": args.batch,
                    "size": args.size,
                    "results": results,
                    "machine": benchmark.machine_info(),
                },
                f,
                indent=2,
            )
    if args.record:
        _results.write_results(
            "train_benchmark",
            [{"size": args.size, "batch": args.batch, **r} for r in results],
            command=_results.command_line(),
            notes=f"ResNet-50 training on {device_name}, synthetic batches held in memory; "
            f"images/s: median of {args.repeats} runs of {args.steps} steps, the two models "
            "alternating",
            gpu=device_name if device else None,
            folder=args.record,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
