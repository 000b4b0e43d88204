"""Post-training int8 vs quantization-aware training vs 50% pruning, on real data, side by side.

    python benchmarks/optimize_digits.py                 # a few minutes on a CPU
    python benchmarks/optimize_digits.py --json out.json

A CIFAR ResNet-20 is trained on scikit-learn's digits at 32x32 (1,438 training and 359 held-out
images, `keras_resnet.data.digits`), then:

* PTQ: exported to TFLite float32 and full-int8 (calibrated on 500 training images);
* QAT: fine-tuned quantization-aware (`keras_resnet.optimize.fine_tune(method="qat")`) and
  exported to int8 TFLite and int8 (QDQ) ONNX from the learned ranges;
* pruning: pruned to 50% sparsity with fine-tuning and exported to TFLite float32, plainly and with
  TFLite's sparse tensor encoding (``sparse_weights=True``).

Every accuracy is measured by running the artifact in its own runtime (LiteRT, ONNX Runtime) on the
held-out images. The table gives accuracy, file size and deflate-compressed size; the checks are
its goals: QAT int8 >= PTQ int8 - 0.5 point and within 1 point of float32; pruned within
2 points of float32, compressed to at most 0.6 of the unpruned TFLite's compressed size.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import _results  # noqa: E402  (benchmarks/, on sys.path when this script runs)

#: a results row's fields (a row without a file leaves the sizes None)
_FIELDS = ("model", "format", "precision", "accuracy", "size_bytes", "compressed_bytes", "sparsity")


def log(text):
    print(text, file=sys.stderr, flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=10, help="float32 training epochs")
    parser.add_argument("--qat-epochs", type=int, default=2)
    parser.add_argument("--prune-epochs", type=int, default=4)
    parser.add_argument("--sparsity", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", help="also write the results here")
    _results.add_argument(parser)
    parser.add_argument(
        "--out", help="keep the artifacts in this folder (default: a temporary one)"
    )
    args = parser.parse_args(argv)

    import keras

    import keras_resnet
    from keras_resnet import data, export
    from keras_resnet.export import verify
    from keras_resnet.optimize import fine_tune

    start = time.perf_counter()
    (x_train, y_train), (x_test, y_test) = data.digits(seed=args.seed)
    keras.utils.set_random_seed(args.seed)
    model = keras_resnet.CifarResNet20(classifier_activation=None)
    model.compile(
        optimizer=keras.optimizers.Adam(2e-3),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    log(f"training {model.name} on digits for {args.epochs} epochs")
    model.fit(x_train, y_train, batch_size=64, epochs=args.epochs, verbose=2)

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or tmp

        def record(stage, reports, **extra):
            for r in reports:
                rows.append(
                    {
                        "model": stage,
                        "format": r.format,
                        "precision": r.precision,
                        "accuracy": verify.accuracy(r, x_test, y_test),
                        "size_bytes": r.size_bytes,
                        "compressed_bytes": r.compressed_bytes,
                        **extra,
                    }
                )

        common = dict(preprocessing="unit", overwrite=True, compressed_size=True)
        rows.append(
            {
                "model": "float32",
                "format": "keras",
                "precision": "float32",
                "accuracy": float((model.predict(x_test, verbose=0).argmax(-1) == y_test).mean()),
            }
        )
        record(
            "float32 / PTQ",
            export.export(
                model,
                f"{out}/ptq",
                format="tflite",
                quantize=["float32", "int8"],
                calibration_data=x_train,
                calibration_size=500,
                **common,
            ),
        )

        qat = fine_tune(
            model,
            (x_train, y_train),
            method="qat",
            validation=(x_test, y_test),
            epochs=args.qat_epochs,
            learning_rate=1e-4,
            batch_size=64,
            verbose=2,
        )
        rows.append(
            {
                "model": "QAT",
                "format": "keras (fake-quant)",
                "precision": "int8",
                "accuracy": qat.accuracy,
            }
        )
        record(
            "QAT",
            export.export(
                qat.model, f"{out}/qat", format=["tflite", "onnx"], quantize="int8", **common
            ),
        )

        pruned = fine_tune(
            model,
            (x_train, y_train),
            method="prune",
            validation=(x_test, y_test),
            epochs=args.prune_epochs,
            learning_rate=5e-4,
            batch_size=64,
            target_sparsity=args.sparsity,
            verbose=2,
        )
        stage = f"pruned {pruned.sparsity:.0%}"
        record(
            stage,
            export.export(pruned.model, f"{out}/pruned.tflite", format="tflite", **common),
            sparsity=pruned.sparsity,
        )
        record(
            stage + ", sparse encoding",
            export.export(
                pruned.model,
                f"{out}/pruned_sparse.tflite",
                format="tflite",
                sparse_weights=True,
                **common,
            ),
            sparsity=pruned.sparsity,
        )

    def find(model_prefix, fmt, precision):
        return next(
            r
            for r in rows
            if r["model"].startswith(model_prefix)
            and r["format"] == fmt
            and r["precision"] == precision
        )

    fp32 = find("float32", "keras", "float32")["accuracy"]
    ptq = find("float32 / PTQ", "tflite", "int8")["accuracy"]
    qat_int8 = find("QAT", "tflite", "int8")["accuracy"]
    pruned_row = find("pruned", "tflite", "float32")
    sparse_row = find(f"pruned {pruned.sparsity:.0%}, sparse", "tflite", "float32")
    dense_row = find("float32 / PTQ", "tflite", "float32")
    plain_ratio = pruned_row["compressed_bytes"] / dense_row["compressed_bytes"]
    ratio = sparse_row["compressed_bytes"] / dense_row["compressed_bytes"]
    checks = {
        "QAT int8 >= PTQ int8 - 0.5 point": qat_int8 >= ptq - 0.005,
        "QAT int8 within 1 point of float32": abs(qat_int8 - fp32) <= 0.01,
        "pruned within 2 points of float32": abs(sparse_row["accuracy"] - fp32) <= 0.02,
        "pruned compressed <= 0.6 of unpruned": ratio <= 0.6,
    }

    print("\n| model | artifact | precision | held-out accuracy | size | compressed |")
    print("|---|---|---|---:|---:|---:|")
    for r in rows:
        size = f"{r['size_bytes'] / 1024:.0f} KiB" if r.get("size_bytes") else ""
        packed = f"{r['compressed_bytes'] / 1024:.0f} KiB" if r.get("compressed_bytes") else ""
        print(
            f"| {r['model']} | {r['format']} | {r['precision']} | {r['accuracy']:.2%} | {size} | "
            f"{packed} |"
        )
    print(
        f"\npruned/unpruned compressed float32 TFLite size: {ratio:.2f} with sparse encoding "
        f"(sparse_weights=True), {plain_ratio:.2f} without"
    )
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    from keras_resnet import benchmark

    machine = benchmark.machine_info()
    print(
        f"\nMachine: {benchmark.machine()}; "
        + ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
    )
    log(f"done in {time.perf_counter() - start:.0f} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(
                {
                    "rows": rows,
                    "compressed_ratio": ratio,
                    "plain_compressed_ratio": plain_ratio,
                    "checks": checks,
                    "machine": machine,
                },
                f,
                indent=2,
            )
    if args.record:
        _results.write_results(
            "optimize_digits",
            [{k: r.get(k) for k in _FIELDS} for r in rows],
            command=_results.command_line(),
            notes=(
                f"pruned/unpruned compressed float32 TFLite size {ratio:.2f} with sparse encoding, "
                f"{plain_ratio:.2f} without; checks: "
                + "; ".join(f"{name}: {'pass' if ok else 'FAIL'}" for name, ok in checks.items())
            ),
            versions_of=(*_results.RUNTIMES, "tensorflow-model-optimization"),
            folder=args.record,
        )
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
