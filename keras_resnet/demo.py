"""``keras-resnet demo``: the whole library in one command, offline.

A CIFAR ResNet-20 is trained on scikit-learn's digits (real handwritten digits shipped with
scikit-learn, upscaled to 32x32), exported to SavedModel, TFLite (float32, float16, int8) and ONNX
(float32, int8), every artifact verified in its own runtime, then measured on the held-out
images: file size, accuracy, latency per image, speed-up over Keras, difference from Keras. The
table is printed and written as ``report.md``, ``report.json`` and ``chart.png``.
"""

from __future__ import annotations

import os
import pathlib
import sys
import time
from collections.abc import Sequence

from keras_resnet import benchmark as benchmark_lib


def run(
    output: str | os.PathLike[str] = "keras_resnet_demo",
    *,
    epochs: int = 6,
    jobs: Sequence[tuple[str, str]] = benchmark_lib.DEMO_JOBS,
    repeats: int = 50,
    seed: int = 0,
    verbose: bool = True,
) -> tuple[benchmark_lib.BenchmarkResult, dict[str, pathlib.Path]]:
    """Trains, exports, verifies and measures; returns ``(BenchmarkResult, report paths)``."""
    import keras

    import keras_resnet
    from keras_resnet import data

    start = time.perf_counter()
    output = pathlib.Path(output)
    (x_train, y_train), (x_test, y_test) = data.digits(seed=seed)
    keras.utils.set_random_seed(seed)
    model = keras_resnet.CifarResNet20(classifier_activation=None, name="cifar_resnet20_digits")
    model.compile(
        optimizer=keras.optimizers.Adam(2e-3),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    if verbose:
        print(
            f"[1/3] training {model.name} on digits ({len(x_train)} images, {epochs} epochs)",
            file=sys.stderr,
            flush=True,
        )
    model.fit(
        x_train,
        y_train,
        batch_size=64,
        epochs=epochs,
        verbose=(1 if sys.stdout.isatty() else 2) if verbose else 0,
    )
    if verbose:
        print(f"[2/3] exporting and verifying {len(jobs)} artifacts", file=sys.stderr, flush=True)
    result = benchmark_lib.benchmark(
        model,
        output / "artifacts",
        jobs=jobs,
        images=x_test,
        labels=y_test,
        calibration_data=x_train[:200],
        batch=1,
        repeats=repeats,
        preprocessing="unit",
        verbose=verbose,
    )
    if verbose:
        print("[3/3] writing the reports", file=sys.stderr, flush=True)
    paths = benchmark_lib.write_reports(result, output)
    if verbose:
        print(
            f"\n{result.table()}\n\nreports: {', '.join(str(p) for p in paths.values())} "
            f"(demo took {time.perf_counter() - start:.0f} s)"
        )
    return result, paths


__all__ = ["run"]
