"""CPU inference of ResNet-50 at 224x224, batch 1: keras_resnet's TFLite and ONNX artifacts
(float32, int8) against the route a user takes without it, measured in the same interleaved
rounds, with its speed targets checked and float32 set against the CPU's FMA peak.

    python benchmarks/cpu_inference.py  # every runtime on its default threads
    python benchmarks/cpu_inference.py --threads 1 --repeats 30  # steadier on a busy machine
    python benchmarks/cpu_inference.py --json out.json

The peer route (`keras_resnet.benchmark.PEER_ROUTE`): keras.applications ResNet50 (random
weights, the same architecture as keras_resnet's ``resnet50``) -> Keras' ``model.export(format=
"onnx")`` -> ONNX Runtime float32, and that ONNX through ONNX Runtime's ``quantize_static``
(QDQ, uint8 activations, per-channel int8 weights) on the same calibration images.

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

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

JOBS = [("tflite", "float32"), ("tflite", "int8"), ("onnx", "float32"), ("onnx", "int8")]
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


def targets(result, gflop, peak):
    """(name, measured, goal, met) for each speed target."""
    by = {(r.route, r.format, r.precision): r for r in result.rows}
    onnx_int8, tflite_int8 = (
        by["keras_resnet", "onnx", "int8"],
        by["keras_resnet", "tflite", "int8"],
    )
    tflite_f32, onnx_f32 = (
        by["keras_resnet", "tflite", "float32"],
        by["keras_resnet", "onnx", "float32"],
    )
    fastest = min(onnx_f32.latency_ms, tflite_f32.latency_ms)
    return [
        (
            "ONNX int8 vs the peer's quantize_static u8s8",
            onnx_int8.peer_speedup,
            ">= 1.0x (aim 1.2x)",
            onnx_int8.peer_speedup >= 1.0,
        ),
        (
            "ONNX float32 vs the peer's ORT float32",
            onnx_f32.peer_speedup,
            ">= 1.0x",
            onnx_f32.peer_speedup >= 1.0,
        ),
        (
            "TFLite float32 vs the peer's ORT float32",
            tflite_f32.peer_speedup,
            ">= 1.0x",
            tflite_f32.peer_speedup >= 1.0,
        ),
        (
            "TFLite int8 vs TFLite float32",
            tflite_f32.latency_ms / tflite_int8.latency_ms,
            "> 1.0x",
            tflite_f32.latency_ms > tflite_int8.latency_ms,
        ),
        (
            "fastest float32: share of the FMA peak",
            gflop / (fastest / 1e3) / peak,
            "reported",
            True,
        ),
    ]


def main():
    parser = argparse.ArgumentParser(description=(__doc__ or "\n").splitlines()[0])
    parser.add_argument(
        "--threads", type=int, help="LiteRT and ONNX Runtime threads (default: each runtime's own)"
    )
    parser.add_argument("--repeats", type=int, default=20, help="interleaved rounds (median)")
    parser.add_argument(
        "--calibration",
        type=int,
        default=16,
        help="calibration images (random pixels, torch-normalized)",
    )
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()

    import keras
    import numpy as np

    import keras_resnet
    from keras_resnet import benchmark, preprocessing

    peak = fma_peak(args.threads or os.cpu_count())
    log(
        f"machine: {benchmark.machine()}; FMA peak {peak:.0f} GFLOP/s on "
        f"{args.threads or os.cpu_count()} thread(s)"
    )
    keras.utils.set_random_seed(0)
    model = keras_resnet.create_model("resnet50", classifier_activation=None)
    pixels = (
        np.random.default_rng(0)
        .uniform(0, 255, (max(8, args.calibration), 224, 224, 3))
        .astype("float32")
    )
    images = preprocessing.get("torch")(pixels)
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
            threads=args.threads,
        )
    gflop = 2 * keras_resnet.model_info("resnet50").macs / 1e9
    checks = targets(result, gflop, peak)
    print(result.markdown())
    print(
        f"FMA peak (NumPy float32 matmul, {args.threads or os.cpu_count()} thread(s)): {peak:.0f} "
        f"GFLOP/s; ResNet-50 = {gflop:.2f} GFLOP per image.\n"
    )
    for name, value, goal, met in checks:
        shown = f"{value:.0%}" if "share" in name else f"{value:.2f}x"
        print(f"{'PASS' if met else 'MISS'}  {name}: {shown} (goal {goal})")
    if args.json:
        pathlib.Path(args.json).write_text(
            json.dumps(
                {
                    **result.as_dict(),
                    "fma_peak_gflops": peak,
                    "gflop_per_image": gflop,
                    "targets": [dict(name=n, value=v, goal=g, met=m) for n, v, g, m in checks],
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
