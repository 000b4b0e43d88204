"""CPU inference of ResNet-50 at 224x224, batch 1: keras_resnet's TFLite, ONNX and OpenVINO
artifacts (float32, bfloat16, int8) against the routes a user takes without it, measured in the
same interleaved rounds at each thread count, with its speed targets checked, the fastest artifact
named for this CPU, and float32 set against the CPU's FMA peak.

    python benchmarks/cpu_inference.py --record  # 1 thread, then every core; docs/results/
    python benchmarks/cpu_inference.py --threads 1 --repeats 30  # steadier on a busy machine
    python benchmarks/cpu_inference.py --json out.json --profile  # + OpenVINO per-layer profiles

The peer route (`keras_resnet.benchmark.PEER_ROUTE`): keras.applications ResNet50 (random
weights, the same architecture as keras_resnet's ``resnet50``) -> Keras' ``model.export(format=
"onnx")`` -> ONNX Runtime float32, and that ONNX through ONNX Runtime's ``quantize_static``
(QDQ, uint8 activations, per-channel int8 weights) on the same calibration images; and
OpenVINO's own route (`keras_resnet.benchmark.PEER_OPENVINO`): that ONNX -> ``openvino.
convert_model`` -> OpenVINO Runtime with its defaults, and ``nncf.quantize`` of it.

The FMA peak is a large float32 matrix product in NumPy (OpenBLAS, 3072x3072, best of 10) on as
many threads as the runtimes use; ResNet-50's work is 2 x its multiply-accumulates
(`keras_resnet.model_info`). The report names the machine, the runtime versions and the load.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import _results  # benchmarks/, on sys.path when this script runs

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

JOBS = [
    ("tflite", "float32"),
    ("tflite", "int8"),
    ("onnx", "float32"),
    ("onnx", "int8"),
    ("openvino", "float32"),
    ("openvino", "bfloat16"),
    ("openvino", "int8"),
]
PEAK = """
import time, numpy as np
n = 3072
a = np.random.rand(n, n).astype(np.float32)
b = np.random.rand(n, n).astype(np.float32)
a @ b


def seconds():
    start = time.perf_counter()
    a @ b
    return time.perf_counter() - start


print(2 * n**3 / min(seconds() for _ in range(10)) / 1e9)
"""


def log(text):
    print(text, file=sys.stderr, flush=True)


def fma_peak(threads):
    """Float32 GFLOP/s of a large NumPy matrix product on `threads` threads (a fresh process, so
    OpenBLAS reads its thread count)."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    done = subprocess.run(
        [sys.executable, "-c", PEAK], env=env, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip())


def _fastest(result, precisions):
    return min(
        (r for r in result.rows if r.route != "peer" and r.precision in precisions),
        key=lambda r: r.latency_ms,
    )


def _peer(result, fmt, precision):
    return next(
        r for r in result.rows if r.route == "peer" and r.format == fmt and r.precision == precision
    )


def natural_crops(count, seed):
    """`count` 224x224 float32 pixel crops (40-100% of the area, some mirrored) of the shipped
    sample photographs (a cat, an espresso, a rocket)."""
    import numpy as np
    from PIL import Image

    from keras_resnet import predict

    photos = [Image.open(p).convert("RGB") for p in predict.sample_images()]
    rng = np.random.default_rng(seed)
    crops = []
    for i in range(count):
        photo = photos[i % len(photos)]
        width, height = photo.size
        side = int(min(width, height) * np.sqrt(rng.uniform(0.4, 1.0)))
        left, top = rng.integers(0, width - side + 1), rng.integers(0, height - side + 1)
        crop = photo.crop((left, top, left + side, top + side)).resize((224, 224), Image.BICUBIC)
        if rng.random() < 0.5:
            crop = crop.transpose(Image.FLIP_LEFT_RIGHT)
        crops.append(np.asarray(crop, dtype="float32"))
    return np.stack(crops)


def keras_logits(model, images, batch=8):
    import numpy as np

    return np.concatenate(
        [
            np.asarray(model(images[i : i + batch], training=False))
            for i in range(0, len(images), batch)
        ]
    )


def measure_agreement(result, images, reference, threads):
    """{artifact path: top-1 agreement with Keras on `images`} for keras_resnet's rows."""
    import numpy as np

    from keras_resnet import export

    found = {}
    for row in result.rows:
        if row.route == "peer":
            continue
        run = export.load_runner(row.path, row.format, {"threads": threads})
        name = "logits" if "logits" in run(images[:1]) else "output"
        got = np.concatenate([run(images[i : i + 8])[name] for i in range(0, len(images), 8)])
        found[row.path] = float((got.argmax(-1) == reference.argmax(-1)).mean())
    return found


def targets(result, gflop, peak, agreements):
    """(name, measured, goal, met) for each speed target at the result's thread count."""
    int8, best_float = _fastest(result, ("int8",)), _fastest(result, ("float32", "bfloat16"))
    ort_int8, ort_f32 = _peer(result, "onnx", "int8"), _peer(result, "onnx", "float32")
    f32 = _fastest(result, ("float32",))
    threads = result.threads
    return [
        (
            f"{threads} thread(s): fastest int8 ({int8.format}) vs the peer's ORT u8s8",
            ort_int8.latency_ms / int8.latency_ms,
            ">= 1.2x with top-1 agreement >= 99%",
            ort_int8.latency_ms / int8.latency_ms >= 1.2 and agreements[int8.path] >= 0.99,
        ),
        (
            f"{threads} thread(s): fastest int8 ({int8.format}): top-1 agreement with Keras",
            agreements[int8.path],
            ">= 0.99",
            agreements[int8.path] >= 0.99,
        ),
        (
            f"{threads} thread(s): fastest float ({best_float.format}): top-1 agreement with Keras",
            agreements[best_float.path],
            "reported",
            True,
        ),
        (
            f"{threads} thread(s): fastest float ({best_float.format} "
            f"{benchmark_lib().shown_precision(best_float)}) vs the peer's ORT float32",
            ort_f32.latency_ms / best_float.latency_ms,
            ">= 1.5x",
            ort_f32.latency_ms / best_float.latency_ms >= 1.5,
        ),
        (
            f"{threads} thread(s): fastest float32: share of the FMA peak",
            gflop / (f32.latency_ms / 1e3) / peak,
            "reported",
            True,
        ),
    ]


def benchmark_lib():
    from keras_resnet import benchmark

    return benchmark


def profiles(models, threads, repeats=15):
    """OpenVINO's per-layer profiles (PERF_COUNT) of the IRs `models` (``{label: (path,
    precision hint or None)}``), run in turn in the same rounds: for each, milliseconds per layer
    type and execution kernel, summed over its layers, median over the rounds, largest first."""
    import numpy as np
    import openvino as ov

    x = np.random.default_rng(0).standard_normal((1, 224, 224, 3)).astype("float32")
    requests = {}
    for label, (path, hint) in models.items():
        config = {"PERFORMANCE_HINT": "LATENCY", "PERF_COUNT": True}
        config["INFERENCE_NUM_THREADS"] = threads
        if hint:
            config["INFERENCE_PRECISION_HINT"] = hint
        requests[label] = ov.Core().compile_model(str(path), "CPU", config).create_infer_request()
    runs = {label: [] for label in models}
    for _ in range(repeats):
        for label, request in requests.items():
            request.infer({0: x})
            totals = {}
            for info in request.get_profiling_info():
                key = f"{info.node_type} [{info.exec_type}]"
                totals[key] = totals.get(key, 0.0) + info.real_time.total_seconds() * 1e3
            runs[label].append(totals)
    found = {}
    for label, totals in runs.items():
        keys = totals[-1]
        medians = ((k, float(np.median([t.get(k, 0.0) for t in totals]))) for k in keys)
        found[label] = sorted(medians, key=lambda item: -item[1])
    return found


def _rows(result, gflop, agreements):
    """The results file's rows: one per artifact at this thread count."""
    benchmark = benchmark_lib()
    rows = []
    for r in result.rows:
        ort = result.peer_row(r.precision)
        rows.append(
            {
                "threads": result.threads,
                "route": r.route,
                "runtime": r.format,
                "precision": r.precision,
                "runs_in": r.runs_in or r.precision,
                "shown": benchmark.shown_precision(r),
                "median_ms": round(r.latency_ms, 2),
                "vs_keras": round(r.speedup, 3),
                "vs_peer_ort": round(ort.latency_ms / r.latency_ms, 3) if ort else None,
                "gflops": round(gflop / (r.latency_ms / 1e3), 1),
                # on the held-out crops; a peer row: on the benchmark's 8 images against its model
                "top1_agreement": agreements.get(r.path, r.top1_agreement),
                "agreement_on": "held-out crops" if r.path in agreements else "8 images",
                "max_abs_diff": float(f"{r.max_abs_diff:.3g}"),
                "size_mib": round(r.size_bytes / 2**20, 2),
            }
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=(__doc__ or "\n").splitlines()[0])
    parser.add_argument(
        "--threads",
        type=int,
        nargs="+",
        help="runtime threads, one interleaved run each (default: 1, then every core)",
    )
    parser.add_argument("--repeats", type=int, default=20, help="interleaved rounds (median)")
    parser.add_argument(
        "--calibration",
        type=int,
        default=16,
        help="calibration images (crops of the shipped sample photographs, torch-normalized)",
    )
    parser.add_argument(
        "--agreement",
        type=int,
        default=64,
        help="images (other crops) on which each artifact's top-1 agreement with Keras is measured",
    )
    parser.add_argument("--json", help="also write the full figures here")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print OpenVINO's per-layer profile of keras_resnet's and the peer's int8 IR",
    )
    _results.add_argument(parser)
    parser.add_argument(
        "--notes", default="", help="what else ran on the machine, for the results file's notes"
    )
    args = parser.parse_args()

    import keras

    import keras_resnet
    from keras_resnet import benchmark, preprocessing

    thread_counts = args.threads or sorted({1, os.cpu_count() or 1})
    keras.utils.set_random_seed(0)
    model = keras_resnet.create_model("resnet50", classifier_activation=None)
    images = preprocessing.get("torch")(natural_crops(max(8, args.calibration), seed=0))
    held_out = preprocessing.get("torch")(natural_crops(args.agreement, seed=1))
    reference = keras_logits(model, held_out)
    gflop = 2 * keras_resnet.model_info("resnet50").macs / 1e9
    rows, checks, documents = [], [], []
    for threads in thread_counts:
        peak = fma_peak(threads)
        log(f"machine: {benchmark.machine()}; FMA peak {peak:.0f} GFLOP/s on {threads} thread(s)")
        with tempfile.TemporaryDirectory() as tmp:
            result = benchmark.benchmark(
                model,
                tmp,
                jobs=JOBS,
                images=images[:8],
                calibration_data=images,
                repeats=args.repeats,
                preprocessing="torch",
                peer="ResNet50",
                threads=threads,
            )
            agreements = measure_agreement(result, held_out, reference, threads)
            if args.profile:
                _print_profiles(result, threads)
        checks += targets(result, gflop, peak, agreements)
        rows += _rows(result, gflop, agreements)
        documents.append({**result.as_dict(), "fma_peak_gflops": peak})
        print(result.markdown())
        print(
            f"FMA peak (NumPy float32 matmul, {threads} thread(s)): {peak:.0f} GFLOP/s; "
            f"ResNet-50 = {gflop:.2f} GFLOP per image.\n"
        )
    for name, value, goal, met in checks:
        shown = f"{value:.0%}" if "share" in name or "agreement" in name else f"{value:.2f}x"
        print(f"{'PASS' if met else 'MISS'}  {name}: {shown} (goal {goal})")
    notes = (
        f"ResNet-50 (random weights, seed 0), 224x224, batch 1, median of {args.repeats} "
        "interleaved rounds per thread count; int8 calibrated on "
        f"{max(8, args.calibration)} crops of the shipped photographs; top-1 agreement of our "
        f"rows with the Keras model on {args.agreement} other crops (random weights: weak "
        "evidence of accuracy), of the peer rows with the peer's Keras model on 8 crops. "
        + (args.notes + " " if args.notes else "")
        + "; ".join(
            f"{'PASS' if met else 'MISS'} {name}: {value:.2f} (goal {goal})"
            for name, value, goal, met in checks
        )
    )
    if args.record:
        path = _results.write_results(
            "cpu_inference", rows, command=_results.command_line(), notes=notes, folder=args.record
        )
        log(f"wrote {path}")
    if args.json:
        pathlib.Path(args.json).write_text(
            json.dumps(
                {
                    "runs": documents,
                    "gflop_per_image": gflop,
                    "targets": [dict(name=n, value=v, goal=g, met=m) for n, v, g, m in checks],
                },
                indent=2,
            )
        )


def _print_profiles(result, threads):
    """OpenVINO's per-layer profiles of this library's int8 IR and the peer's, run in turn."""
    own = next(
        r
        for r in result.rows
        if r.route != "peer" and r.format == "openvino" and r.precision == "int8"
    )
    peer = next(
        r
        for r in result.rows
        if r.route == "peer" and r.format == "openvino" and r.precision == "int8"
    )
    models = {
        "keras_resnet": (own.path, "f32"),
        "peer (OpenVINO's route)": (peer.path, None),
    }
    for label, layers in profiles(models, threads).items():
        total = sum(ms for _, ms in layers)
        print(f"\nPERF_COUNT, {label} int8, {threads} thread(s): {total:.1f} ms in layers")
        for name, ms in layers[:12]:
            print(f"  {ms:7.2f} ms  {name}")


if __name__ == "__main__":
    main()
