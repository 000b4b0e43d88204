"""Export time and inference latency: keras_resnet.export against Keras' own `model.export`.

    python benchmarks/export_benchmark.py                 # ResNet-50 at 224x224, 3 rounds
    python benchmarks/export_benchmark.py --model cifar_resnet20 --input-size 32 --rounds 1

Both exporters write SavedModel, TFLite and ONNX (float32) for the same model in the same process,
after a warm-up export of a tiny model through both paths (so neither pays the one-time library
loading), in alternating rounds (keras_resnet first in odd rounds, Keras first in even ones); the
figures are medians over the rounds. The goal is a time ratio of at most 0.6: keras_resnet traces
once, freezes once and derives the formats from that; Keras traces and freezes per format.
Verification is timed separately.

Then every artifact's batch-1 latency is compared with Keras' inference (the faster of
``model(x)`` and ``model.predict_on_batch(x)``), all measured interleaved in the same rounds.
Every report names the machine (CPU, cores, ISA extensions), the runtime versions and the load.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import pathlib
import statistics
import sys
import tempfile
import time

import _results

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def log(text):
    print(text, file=sys.stderr, flush=True)


def load():
    return (
        " ".join(open("/proc/loadavg").read().split()[:3])
        if os.path.exists("/proc/loadavg")
        else "n/a"
    )


def timed(label, fn):
    gc.collect()  # neither exporter pays for the other's garbage
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    log(f"  {label}: {seconds:.1f} s (load {load()})")
    return seconds, result


def keras_export_all(model, folder):
    model.export(str(folder / "keras_saved_model"), format="tf_saved_model", verbose=False)
    model.export(str(folder / "keras.tflite"), format="litert", verbose=False)
    model.export(str(folder / "keras.onnx"), format="onnx", verbose=False)


def export_rounds(model, tmp, rounds):
    """(our seconds per round, Keras' seconds per round, our last reports), alternating who goes
    first."""
    from keras_resnet import export

    ours, theirs, reports = [], [], None
    for i in range(rounds):
        folder = tmp / f"round{i}"
        folder.mkdir()
        ours_job = functools.partial(
            export.export,
            model,
            folder / "ours",
            format="all",
            preprocessing="torch",
            verify_artifacts=False,
            verbose=False,
        )
        theirs_job = functools.partial(keras_export_all, model, folder)
        log(f"round {i + 1}/{rounds}")
        order = [
            ("keras_resnet.export", ours_job, ours),
            ("keras model.export x3", theirs_job, theirs),
        ]
        for label, job, seconds in order if i % 2 == 0 else order[::-1]:
            elapsed, result = timed(label, job)
            seconds.append(elapsed)
            if label == "keras_resnet.export":
                reports = result
    return ours, theirs, reports


def latencies(model, reports, x, repeats):
    """Keras (model(x), predict_on_batch) and every artifact, interleaved."""
    from keras_resnet import benchmark, export

    runners = {
        "model(x)": lambda v: model(v, training=False),
        "predict_on_batch": model.predict_on_batch,
    }
    runners.update(
        {(r.format, r.precision): export.load_runner(r.path, r.format, r.details) for r in reports}
    )
    return benchmark.interleaved_latencies(runners, x, repeats=repeats, verbose=True)


def report(args, ours, theirs, verify_seconds, seconds, reports, machine):
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"\n## Export: {args.model} at {args.input_size}x{args.input_size}, float32\n")
    print(
        f"Machine: {machine['describe']}; load average {machine['load_before']} before, "
        f"{machine['load_after']} after.\n"
    )
    print(f"| exporter | formats | seconds (median of {len(ours)}) | rounds |\n|---|---|---:|---|")
    print(
        "| keras_resnet.export (one trace, one freeze) | saved_model, tflite, onnx | "
        f"{statistics.median(ours):.1f} | {', '.join(f'{s:.1f}' for s in ours)} |"
    )
    print(
        "| keras `model.export` x3 | tf_saved_model, litert, onnx | "
        f"{statistics.median(theirs):.1f} | {', '.join(f'{s:.1f}' for s in theirs)} |"
    )
    print(
        "\nkeras_resnet per artifact (last round): "
        + ", ".join(f"{r.format} {r.export_seconds:.1f} s" for r in reports)
    )
    per_round = ", ".join(f"{o / t:.2f}" for o, t in zip(ours, theirs, strict=True))
    print(
        f"\n**time ratio keras_resnet / keras = {ratio:.2f}** (goal <= 0.6; per round "
        f"{per_round}); verification adds {verify_seconds:.1f} s"
    )
    keras_s = min(seconds["model(x)"], seconds["predict_on_batch"])
    print(f"\n## Batch-1 latency (median of {args.repeats} interleaved rounds)\n")
    print(
        f"Keras: model(x) {seconds['model(x)'] * 1e3:.1f} ms, predict_on_batch "
        f"{seconds['predict_on_batch'] * 1e3:.1f} ms; baseline = the faster.\n"
    )
    print(
        "| artifact | size MiB | latency ms | speed-up vs Keras | max abs diff "
        "| top-1 agreement |\n|---|---:|---:|---:|---:|---:|"
    )
    for r in reports:
        latency = seconds[r.format, r.precision]
        print(
            f"| {r.format} {r.precision} | {r.size_bytes / 2**20:.1f} | {latency * 1e3:.1f} | "
            f"{keras_s / latency:.2f}x | {r.max_abs_diff:.1e} | {r.top1_agreement:.0%} |"
        )
    return ratio


def main():
    parser = argparse.ArgumentParser(description=(__doc__ or "\n").splitlines()[0])
    parser.add_argument("--model", default="resnet50")
    parser.add_argument("--input-size", type=int, default=224)
    parser.add_argument("--rounds", type=int, default=3, help="alternating export rounds (median)")
    parser.add_argument(
        "--repeats", type=int, default=20, help="interleaved latency rounds (median)"
    )
    parser.add_argument("--json", help="also write the figures to this JSON file")
    _results.add_argument(parser)
    args = parser.parse_args()

    import keras_resnet
    from keras_resnet import benchmark, export
    from keras_resnet.export import verify

    machine = {"describe": benchmark.machine(), **benchmark.machine_info(), "load_before": load()}
    log(f"machine: {machine['describe']}")
    shape = (args.input_size, args.input_size, 3)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        log("warm-up: a tiny model through both exporters")
        tiny = keras_resnet.CifarResNet20()
        export.export(tiny, tmp / "warm", format="all", verbose=False, verify_artifacts=False)
        keras_export_all(tiny, tmp / "warm")

        model = keras_resnet.create_model(args.model, input_shape=shape, classifier_activation=None)
        # Keras exports only a model that has been called
        model(keras_resnet.preprocessing.get("torch")(tiny_batch(shape)))
        log(f"{args.model} at {shape}: {keras_resnet.count_params(model):,} parameters")
        ours, theirs, reports = export_rounds(model, tmp, args.rounds)
        # ImageNet-normalized inputs, as deployed
        traced = export.trace(model, preprocessing="torch")
        inputs = verify.verification_inputs(traced)
        verify_seconds, _ = timed(
            "verification of the 3 artifacts",
            lambda: [verify.verify(r, traced, inputs) for r in reports],
        )
        seconds = latencies(model, reports, inputs[:1], args.repeats)
    machine["load_after"] = load()
    ratio = report(args, ours, theirs, verify_seconds, seconds, reports, machine)
    if args.record:
        record(args, ours, theirs, verify_seconds, seconds, reports)
    if args.json:
        pathlib.Path(args.json).write_text(
            json.dumps(
                dict(
                    model=args.model,
                    input_size=args.input_size,
                    export_seconds=ours,
                    keras_export_seconds=theirs,
                    ratio=ratio,
                    verify_seconds=verify_seconds,
                    latency_ms={
                        " ".join(k) if isinstance(k, tuple) else k: v * 1e3
                        for k, v in seconds.items()
                    },
                    machine=machine,
                ),
                indent=2,
            )
        )


def record(args, ours, theirs, verify_seconds, seconds, reports):
    """docs/results/export_benchmark.json: the export times (``table: "export"``) and the batch-1
    latencies (``table: "latency"``)."""
    keras_s = min(seconds["model(x)"], seconds["predict_on_batch"])
    rows = [
        dict(
            table="export",
            exporter=name,
            formats=formats,
            median_s=statistics.median(rounds),
            rounds_s=rounds,
            ratio=statistics.median(ours) / statistics.median(theirs),
        )
        for name, formats, rounds in (
            ("keras_resnet.export", "saved_model, tflite, onnx", ours),
            ("keras model.export x3", "tf_saved_model, litert, onnx", theirs),
        )
    ]
    rows.append(
        dict(table="latency", format="keras", precision="float32", latency_ms=keras_s * 1e3)
    )
    rows += [
        dict(
            table="latency",
            format=r.format,
            precision=r.precision,
            size_bytes=r.size_bytes,
            latency_ms=seconds[r.format, r.precision] * 1e3,
            speedup=keras_s / seconds[r.format, r.precision],
            max_abs_diff=r.max_abs_diff,
            top1_agreement=r.top1_agreement,
        )
        for r in reports
    ]
    _results.write_results(
        "export_benchmark",
        rows,
        command=_results.command_line(),
        notes=f"{args.model} at {args.input_size}x{args.input_size}, float32; verification of "
        f"the three artifacts adds {verify_seconds:.1f} s; latency: median of {args.repeats} "
        "interleaved rounds",
        folder=args.record,
    )


def tiny_batch(shape):
    import numpy as np

    return np.random.default_rng(0).uniform(0, 255, (1, *shape)).astype("float32")


if __name__ == "__main__":
    main()
