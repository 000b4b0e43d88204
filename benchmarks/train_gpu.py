"""Is the GPU fed? ResNet-50 training on Keras/JAX from JPEG files, against the same training with
the data already on the device, and against torchvision's resnet50 under torch.compile.

    bash benchmarks/gpu_wheels.sh            # once, here: the wheels the GPU machine lacks (.whl/)
    # on the GPU machine (no TensorFlow there; see ../shared/GPU.md):
    python3 -m pip install -q --no-index --no-deps --target "$HOME/site" .whl/*.whl && \
      PYTHONPATH="$HOME/site:$PWD" python3 benchmarks/train_gpu.py
    python benchmarks/train_gpu.py --model resnet18 --batch-size 8 --image-size 64 --steps 4 \
      --images 64 --no-compile              # a quick check of the script itself, on a CPU

Each path runs in its own process (JAX and PyTorch each take most of the GPU's memory) and is
timed the same way: warm-up steps (compilation), then the wall time of `--steps` training steps
between two synchronizations, as images per second.

* ``device``: ``keras-resnet train``'s model, optimizer and ``fit`` on one batch already on the
  device, fed again every step: the ceiling of the Keras/JAX path.
* ``numpy``: the same on one NumPy batch copied to the device every step.
* ``stream``: the same fed by the library's streamed input (`keras_resnet.training.stream`: JPEG
  files decoded, random-resized-cropped and flipped by Grain worker threads); the target is at
  least 95% of ``device``.
* ``torch``: torchvision's model of the same name (``resnet50``), channels-last, ``autocast``
  bfloat16, SGD with momentum, synthetic data on the device, under ``torch.compile``
  (``--no-compile``: eager).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import _results

PATHS = ("device", "numpy", "stream", "torch")


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def make_folder(root: pathlib.Path, count: int, classes: int = 1000) -> pathlib.Path:
    """`count` JPEGs of 500x375 (an ImageNet photo's typical size) in `classes` folders."""
    import numpy as np
    from PIL import Image

    def write(index: int) -> None:
        rng = np.random.default_rng(index)
        tile = rng.integers(0, 256, (47, 63, 3), dtype=np.uint8)
        folder = root / f"class{index % classes:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        Image.fromarray(tile).resize((500, 375), Image.Resampling.BICUBIC).save(
            folder / f"{index}.jpg", quality=90
        )

    with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
        list(pool.map(write, range(count)))
    return root


def timer(warmup: int, steps: int):
    """A Keras callback that times `steps` batches after `warmup` ones: the wall time between the
    ends of batches ``warmup - 1`` and ``warmup + steps - 1``, each end waiting for the device
    (the step's loss is read), the steps between left asynchronous."""
    import keras

    class Timer(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.marks: dict[int, float] = {}

        def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
            if logs is not None and batch in (warmup - 1, warmup + steps - 1):
                float(logs["loss"])
                self.marks[batch] = time.perf_counter()

        @property
        def seconds(self) -> float:
            return self.marks[warmup + steps - 1] - self.marks[warmup - 1]

    return Timer()


def keras_path(path: str, args: argparse.Namespace) -> dict:
    os.environ.setdefault("KERAS_BACKEND", "jax")
    import keras

    from keras_resnet.training import model_setup, plan, stream

    folder = pathlib.Path(args.work) / "images"
    run = plan.prepare(
        args.model,
        str(folder),
        recipe="bag_of_tricks",
        classes=1000,
        batch_size=args.batch_size,
        epochs=1,
        image_size=args.image_size,
        mixed_precision=args.precision == "bf16" and "mixed_bfloat16",
        verbose=0,
        workers=args.workers,
        preprocessing="none",
        tensorboard=False,
    )
    batches, _, _ = plan.streams(run)
    model = model_setup.set_up_model(run)
    steps = args.warmup + args.steps
    if path == "stream":
        data = stream.dataset(batches, 0, steps, workers=run.workers)
    else:
        batch = batches(0)
        if path == "device":
            import jax

            batch = jax.device_put(batch)
        data = (batch for _ in range(steps))  # a generator: fit does not take other iterators
    timing = timer(args.warmup, args.steps)
    model.fit(data, epochs=1, steps_per_epoch=steps, callbacks=[timing], verbose=0, shuffle=False)
    import jax

    device = jax.devices()[0]
    return {
        "images_per_second": args.steps * args.batch_size / timing.seconds,
        "device": getattr(device, "device_kind", str(device)),
        "versions": f"Keras {keras.__version__}, JAX {jax.__version__}",
        "workers": run.workers,
    }


def torch_path(args: argparse.Namespace) -> dict:
    import torch
    import torchvision

    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.manual_seed(0)
    model = torchvision.models.get_model(args.model, num_classes=1000).to(
        device, memory_format=torch.channels_last
    )
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-5)
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    images = torch.randn(args.batch_size, 3, args.image_size, args.image_size, device=device).to(
        memory_format=torch.channels_last
    )
    labels = torch.randint(0, 1000, (args.batch_size,), device=device)

    def step() -> torch.Tensor:
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast(device, dtype=torch.bfloat16, enabled=args.precision == "bf16"):
            loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
        return loss

    run_step = step if args.no_compile else torch.compile(step)
    for _ in range(args.warmup):
        run_step().item()
    started = time.perf_counter()
    for _ in range(args.steps):
        loss = run_step()
    loss.item()  # waits for the last step
    name = torch.cuda.get_device_name() if device == "cuda" else "CPU"
    return {
        "images_per_second": args.steps * args.batch_size / (time.perf_counter() - started),
        "device": name,
        "versions": f"PyTorch {torch.__version__}, torchvision {torchvision.__version__}",
    }


def run_one(path: str, args: argparse.Namespace) -> dict:
    """`path` measured in a child process (its own GPU memory)."""
    command = (
        [sys.executable, __file__, "--only", path, "--work", args.work]
        + [
            item
            for key in (
                "model",
                "batch_size",
                "image_size",
                "steps",
                "warmup",
                "workers",
                "precision",
            )
            for item in (f"--{key.replace('_', '-')}", str(getattr(args, key)))
        ]
        + (["--no-compile"] if args.no_compile else [])
    )
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        log(f"  {path}: failed\n{done.stderr[-3000:]}")
        return {
            "error": (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1][:120]
        }
    figure = json.loads(done.stdout.strip().splitlines()[-1])
    log(
        f"  {path:>6}: {figure['images_per_second']:,.0f} img/s "
        f"({time.perf_counter() - started:.0f} s)"
    )
    return figure


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--model", default="resnet50")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--image-size", type=int, default=224)
    parser.add_argument("--steps", type=int, default=60, help="timed steps per path (default 60)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed steps first (default 5)")
    parser.add_argument(
        "--images", type=int, default=8192, help="JPEGs in the generated folder (default 8192)"
    )
    parser.add_argument(
        "--workers", type=int, default=min(os.cpu_count() or 1, 16), help="decoding threads"
    )
    parser.add_argument("--precision", choices=("bf16", "fp32"), default="bf16")
    parser.add_argument(
        "--paths", default=",".join(PATHS), help=f"a comma-separated subset of {','.join(PATHS)}"
    )
    parser.add_argument(
        "--no-compile", action="store_true", help="PyTorch eager instead of torch.compile"
    )
    parser.add_argument("--json", help="also write the figures to this file")
    _results.add_argument(parser)
    parser.add_argument("--only", choices=PATHS, help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        print(json.dumps(torch_path(args) if args.only == "torch" else keras_path(args.only, args)))
        return
    from keras_resnet import benchmark

    paths = [p for p in args.paths.split(",") if p]
    with tempfile.TemporaryDirectory() as work:
        args.work = work
        started = time.perf_counter()
        make_folder(pathlib.Path(work) / "images", args.images)
        log(
            f"{args.images:,} JPEGs written in {time.perf_counter() - started:.0f} s; "
            f"{args.model}, batch {args.batch_size}, {args.image_size} px, {args.precision}, "
            f"{args.steps} timed steps per path:"
        )
        figures = {path: run_one(path, args) for path in paths}
    rows = [
        f"| {path} | {f['images_per_second']:,.0f} | "
        f"{f['images_per_second'] / figures['device']['images_per_second']:.0%} |"
        if "images_per_second" in f and "images_per_second" in figures.get("device", {})
        else f"| {path} | {f.get('images_per_second', f.get('error'))} | |"
        for path, f in figures.items()
    ]
    devices = sorted({f["device"] for f in figures.values() if "device" in f})
    versions = "; ".join(sorted({f["versions"] for f in figures.values() if "versions" in f}))
    print(
        "| path | img/s | of device |\n|---|---:|---:|\n"
        + "\n".join(rows)
        + f"\n\n{', '.join(devices)}; host {benchmark.machine()}; {versions}"
    )
    if args.json:
        pathlib.Path(args.json).write_text(
            json.dumps(
                {
                    "figures": figures,
                    "machine": benchmark.machine(),
                    "environment": benchmark.machine_info(),
                },
                indent=1,
            )
        )
    if args.record:
        record(args, figures, devices, versions)


def record(args: argparse.Namespace, figures: dict, devices: list, versions: str) -> None:
    """docs/results/train_gpu.json: one row per path (images/s, and its share of ``device``)."""
    ceiling = figures.get("device", {}).get("images_per_second")
    rows = [
        dict(
            path=path,
            images_per_second=f.get("images_per_second"),
            of_device=f["images_per_second"] / ceiling
            if ceiling and "images_per_second" in f
            else None,
            error=f.get("error"),
        )
        for path, f in figures.items()
    ]
    _results.write_results(
        "train_gpu",
        rows,
        command=_results.command_line(),
        notes=f"{args.model}, batch {args.batch_size}, {args.image_size} px, {args.precision}, "
        f"{args.steps} timed steps per path after {args.warmup}; {versions}",
        gpu=", ".join(devices) or None,
        versions_of=(*_results.RUNTIMES, "jax", "jaxlib", "torch", "torchvision", "grain"),
        folder=args.record,
    )


if __name__ == "__main__":
    main()
