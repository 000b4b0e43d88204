"""Training in one process against two local processes of one cluster (Keras on JAX,
keras.distribution.DataParallel, Gloo collectives on CPU), and the scaling plan for 8 and 64 GPUs.

    python benchmarks/train_processes.py

1. ``keras-resnet train cifar_resnet20 --data digits --batch-size 64 --epochs 3`` as one process
   and with ``--processes 2``: images/s of the last epoch (Keras' time per step), held-out
   accuracy. On a 2-core CPU two processes are not faster (each has one core, and every step
   all-reduces the gradients through Gloo): the point is that the run is the same run.
2. The plan for 8 and 64 H100s, on paper: the single-GPU rate of ResNet-50 training
   (`SINGLE_GPU_IMAGES_PER_SECOND`: batch 256 per GPU, bf16, Keras on JAX, data on the device,
   as ../shared/GPU.md records it) plus a ring
   all-reduce of the float32 gradients (25.6 M parameters; mixed precision keeps float32
   variables) at published bandwidths, assumed not to
   overlap the backward pass (a floor on the rate; XLA overlaps part of it).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile

import _results

PARAMETERS = 25_557_032  # ResNet-50 (torchvision; tests/models/test_registry.py)
SINGLE_GPU_IMAGES_PER_SECOND = 4662  # ../shared/GPU.md, H100, batch 256, bf16, data on the device
PER_GPU_BATCH = 256
#: published bandwidths per GPU, GB/s: NVLink 4 within an H100 SXM node (900 GB/s total, 450 each
#: way; NCCL's all-reduce bus bandwidth on 8 H100s measures about 360-450), and one 400 Gb/s NDR
#: InfiniBand adapter per GPU between nodes (50 GB/s each way), as in a DGX H100.
LINKS = {8: ("NVLink 4, one node", 450.0), 64: ("8 nodes, NDR InfiniBand 400 Gb/s per GPU", 50.0)}


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run(processes: int, work: str, epochs: int, batch: int) -> dict:
    command = [
        sys.executable,
        "-m",
        "keras_resnet.cli",
        "train",
        "cifar_resnet20",
        "--data",
        "digits",
        "--batch-size",
        str(batch),
        "--epochs",
        str(epochs),
        "--augment",
        "pad_crop",
        "--quiet",
        "--output",
        f"{work}/p{processes}",
    ]
    if processes > 1:
        command += ["--processes", str(processes)]
    env = {**os.environ, "KERAS_BACKEND": "jax"}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    text = done.stdout + done.stderr
    step = re.findall(r"- (\d+)(ms|s)/step", text)[-1]
    seconds = float(step[0]) / (1000 if step[1] == "ms" else 1)
    accuracy = float(re.search(r"held-out accuracy ([\d.]+)%", text).group(1))
    log(
        f"  {processes} process(es): {batch / seconds:,.0f} img/s in the last epoch, held-out "
        f"accuracy {accuracy:.2f}%"
    )
    return {"images_per_second": batch / seconds, "accuracy": accuracy}


def plan_rows() -> list[dict]:
    """The plan's rows: per GPU count, the link, the step and all-reduce times and the floor on
    the rate."""
    step = PER_GPU_BATCH / SINGLE_GPU_IMAGES_PER_SECOND
    # float32: mixed precision keeps float32 variables, so float32 gradients
    gradient_bytes = 4 * PARAMETERS
    rows = [
        dict(
            table="plan",
            gpus=1,
            link="-",
            step_ms=step * 1e3,
            all_reduce_ms=0.0,
            images_per_second=float(SINGLE_GPU_IMAGES_PER_SECOND),
            efficiency=1.0,
        )
    ]
    for gpus, (link, bandwidth) in LINKS.items():
        # ring: each GPU sends and receives this
        all_reduce = 2 * (gpus - 1) / gpus * gradient_bytes / (bandwidth * 1e9)
        rate = gpus * PER_GPU_BATCH / (step + all_reduce)
        rows.append(
            dict(
                table="plan",
                gpus=gpus,
                link=link,
                step_ms=step * 1e3,
                all_reduce_ms=all_reduce * 1e3,
                images_per_second=rate,
                efficiency=rate / (gpus * SINGLE_GPU_IMAGES_PER_SECOND),
            )
        )
    return rows


def plan() -> str:
    rows = [
        f"| {r['gpus']} | {r['link']} | {r['step_ms']:.1f} | "
        + ("0" if r["gpus"] == 1 else f"{r['all_reduce_ms']:.2f}")
        + f" | {r['images_per_second']:,.0f} | {r['efficiency']:.0%} |"
        for r in plan_rows()
    ]
    return (
        "| GPUs | link | step ms | all-reduce ms | img/s (floor) | efficiency "
        "|\n|---:|---|---:|---:|---:|---:|\n" + "\n".join(rows)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    _results.add_argument(parser)
    args = parser.parse_args()
    import jax
    import keras

    from keras_resnet import benchmark

    log(f"machine: {benchmark.machine()}; Keras {keras.__version__}, JAX {jax.__version__}")
    with tempfile.TemporaryDirectory() as work:
        one, two = (run(n, work, args.epochs, args.batch_size) for n in (1, 2))
    print(
        "| processes | img/s | held-out accuracy |\n|---:|---:|---:|\n| 1 | "
        f"{one['images_per_second']:,.0f} | {one['accuracy']:.2f}% |\n| 2 | "
        f"{two['images_per_second']:,.0f} "
        f"({two['images_per_second'] / one['images_per_second']:.2f}x) | {two['accuracy']:.2f}% "
        f"|\n\n{benchmark.machine()}; Keras {keras.__version__}, JAX {jax.__version__}\n\nScaling "
        f"plan, ResNet-50 at 224 px, {PER_GPU_BATCH} images per GPU, bf16 (on paper):\n\n{plan()}"
    )
    if args.record:
        measured = [
            dict(table="measured", processes=n, **figures) for n, figures in ((1, one), (2, two))
        ]
        _results.write_results(
            "train_processes",
            measured + plan_rows(),
            command=_results.command_line(),
            notes=f"cifar_resnet20 on digits, batch {args.batch_size}, {args.epochs} epochs, Keras "
            f"on JAX, Gloo on CPU; images/s of the last epoch. The plan rows are on paper: "
            f"{SINGLE_GPU_IMAGES_PER_SECOND} img/s on one H100 (../shared/GPU.md) plus a ring "
            "all-reduce at published bandwidths",
            versions_of=(*_results.RUNTIMES, "jax", "jaxlib"),
            folder=args.record,
        )


if __name__ == "__main__":
    main()
