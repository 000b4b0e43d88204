"""Export time and inference latency: keras_resnet.export against Keras' own `model.export`.

    python benchmarks/export_benchmark.py                 # ResNet-50 at 224x224
    python benchmarks/export_benchmark.py --model cifar_resnet20 --input-size 32 --repeats 50

Both exporters write SavedModel, TFLite and ONNX (float32) for the same model in the same process,
after a warm-up export of a tiny model through both paths (so neither pays the one-time library
loading). The goal is a time ratio of at most 0.6: keras_resnet traces once and derives the
formats from that trace, Keras traces per format. Verification is timed separately.

Then every artifact's batch-1 latency (median over `--repeats` runs after warm-up) is compared
with Keras' inference (the faster of ``model(x)`` and ``model.predict_on_batch(x)``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pathlib
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def log(text):
    print(text, file=sys.stderr, flush=True)


def timed(label, fn):
    gc.collect()  # neither exporter pays for the other's garbage
    start = time.perf_counter()
    log(f"  {label} ...")
    result = fn()
    seconds = time.perf_counter() - start
    log(f"  {label}: {seconds:.1f} s")
    return seconds, result


def keras_export_all(model, folder):
    model.export(str(folder / "keras_saved_model"), format="tf_saved_model", verbose=False)
    model.export(str(folder / "keras.tflite"), format="litert", verbose=False)
    model.export(str(folder / "keras.onnx"), format="onnx", verbose=False)


def main():
    parser = argparse.ArgumentParser(description=(__doc__ or "\n").splitlines()[0])
    parser.add_argument("--model", default="resnet50")
    parser.add_argument("--input-size", type=int, default=224)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()

    import keras

    import keras_resnet
    from keras_resnet import export
    from keras_resnet.benchmark import median_latency
    from keras_resnet.export import verify

    shape = (args.input_size, args.input_size, 3)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        log("warm-up: a tiny model through both exporters")
        tiny = keras_resnet.CifarResNet20()
        export.export(tiny, tmp / "warm", format="all", verbose=False, verify_artifacts=False)
        keras_export_all(tiny, tmp / "warm")

        model = keras_resnet.create_model(args.model, input_shape=shape, classifier_activation=None)
        log(f"{args.model} at {shape}: {keras_resnet.count_params(model):,} parameters")
        ours, reports = timed(
            "keras_resnet.export (saved_model + tflite + onnx)",
            lambda: export.export(model, tmp / "ours", format="all", preprocessing="torch", verify_artifacts=False, verbose=False),
        )
        theirs, _ = timed("keras model.export x3 (tf_saved_model, litert, onnx)", lambda: keras_export_all(model, tmp))
        traced = export.trace(model, preprocessing="torch")  # ImageNet-normalized inputs, as deployed
        inputs = verify.verification_inputs(traced)
        verify_seconds, _ = timed("verification of the 3 artifacts", lambda: [verify.verify(r, traced, inputs) for r in reports])

        x = inputs[:1]
        eager = median_latency(lambda v: model(v, training=False), x, repeats=args.repeats)
        predict = median_latency(model.predict_on_batch, x, repeats=args.repeats)
        baseline = min(eager, predict)
        rows = []
        for r in reports:
            run = export.load_runner(r.path, r.format, r.details)
            latency = median_latency(run, x, repeats=args.repeats)
            rows.append(dict(format=r.format, precision=r.precision, size_mib=r.size_bytes / 2**20, export_seconds=r.export_seconds,
                             latency_ms=latency * 1e3, speedup_vs_keras=baseline / latency,
                             max_abs_diff=r.max_abs_diff, top1_agreement=r.top1_agreement))

    print(f"\n## Export: {args.model} at {args.input_size}x{args.input_size}, float32, {os.cpu_count()} CPU cores\n")
    print("| exporter | formats | seconds |\n|---|---|---:|")
    print(f"| keras_resnet.export (one trace) | saved_model, tflite, onnx | {ours:.1f} |")
    print(f"| keras `model.export` x3 | tf_saved_model, litert, onnx | {theirs:.1f} |")
    print("\nkeras_resnet per artifact: " + ", ".join(f"{r['format']} {r['export_seconds']:.1f} s" for r in rows))
    print(f"\n**time ratio keras_resnet / keras = {ours / theirs:.2f}** (goal <= 0.6); verification adds {verify_seconds:.1f} s")
    print(f"\n## Batch-1 latency (median of {args.repeats})\n")
    print(f"Keras: model(x) {eager * 1e3:.1f} ms, predict_on_batch {predict * 1e3:.1f} ms; baseline = the faster.\n")
    print("| artifact | size MiB | latency ms | speed-up vs Keras | max abs diff | top-1 agreement |\n|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['format']} {row['precision']} | {row['size_mib']:.1f} | {row['latency_ms']:.1f} | "
              f"{row['speedup_vs_keras']:.2f}x | {row['max_abs_diff']:.1e} | {row['top1_agreement']:.0%} |")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(dict(
            model=args.model, input_size=args.input_size, export_seconds=ours, keras_export_seconds=theirs,
            ratio=ours / theirs, verify_seconds=verify_seconds, keras_latency_ms=dict(eager=eager * 1e3, predict_on_batch=predict * 1e3),
            artifacts=rows, keras_version=keras.__version__), indent=2))


if __name__ == "__main__":
    main()
