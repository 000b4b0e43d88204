"""The streamed training input: memory that does not grow with the image count, and an input
stream that keeps up with the training step.

    python benchmarks/train_input.py                 # both measurements
    python benchmarks/train_input.py --json out.json

1. Peak RSS of ``keras-resnet train cifar_resnet20 --data DIR --input-size 160 --epochs 1`` on a
   folder of 100 JPEGs and on one of 1,000 (500x375, the size of a typical ImageNet photo), each
   run in its own process; the target is less than 150 MiB of growth.
2. ``keras-resnet train resnet50 --data DIR --input-size 224 --batch-size 16 --profile``: images/s
   of the input stream alone (decode, random resized crop, flip) against ResNet-50 training steps
   alone on the same machine; the target is an input at least as fast as the training.

Every figure is printed with the machine (CPU model, cores, ISA extensions) and library versions.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

import _results


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def make_folder(root: pathlib.Path, count: int) -> pathlib.Path:
    """`count` JPEGs of 500x375 (smooth random content, about 60 KB each) in 10 class folders."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    for index in range(count):
        folder = root / f"class{index % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        tile = rng.integers(0, 256, (47, 63, 3), dtype=np.uint8)
        Image.fromarray(tile).resize((500, 375), Image.Resampling.BICUBIC).save(
            folder / f"{index}.jpg", quality=90
        )
    return root


def peak_rss_mib(command: list[str]) -> tuple[float, float]:
    """(peak RSS in MiB, seconds) of a child process run to its end."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"{' '.join(command)} "
            f"failed:\n{process.stderr.read().decode()[-3000:] if process.stderr else ''}"
        )
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def memory(work: pathlib.Path) -> dict:
    peaks = {}
    for count in (100, 1000):
        folder = make_folder(work / f"images{count}", count)
        command = [
            sys.executable,
            "-m",
            "keras_resnet.cli",
            "train",
            "cifar_resnet20",
            "--data",
            str(folder),
            "--input-size",
            "160",
            "--epochs",
            "1",
            "--batch-size",
            "32",
            "--quiet",
            "--output",
            str(work / f"run{count}"),
        ]
        peak, seconds = peak_rss_mib(command)
        log(f"  {count:>5} JPEGs: peak RSS {peak:,.0f} MiB ({seconds:.0f} s)")
        peaks[count] = peak
    return {"peak_rss_mib": peaks, "growth_mib": peaks[1000] - peaks[100], "target_mib": 150}


def profile(work: pathlib.Path) -> dict:
    folder = work / "images1000"
    command = [
        sys.executable,
        "-m",
        "keras_resnet.cli",
        "train",
        "resnet50",
        "--data",
        str(folder),
        "--input-size",
        "224",
        "--batch-size",
        "16",
        "--recipe",
        "bag_of_tricks",
        "--output",
        str(work / "profile"),
        "--profile",
        "10",
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rates = [float(v.replace(",", "")) for v in re.findall(r"([\d,]+) img/s", out)]
    log("  " + out.strip())
    return {
        "input_images_per_second": rates[0],
        "train_images_per_second": rates[1],
        "ratio": rates[0] / rates[1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--json", help="also write the figures to this file")
    _results.add_argument(parser)
    args = parser.parse_args()
    import grain
    import keras
    import PIL

    from keras_resnet import benchmark

    grain_version = getattr(grain, "__version__", "?")
    versions = (
        f"Keras {keras.__version__} on {keras.backend.backend()}, Grain {grain_version}, "
        f"Pillow {PIL.__version__}"
    )
    log(f"machine: {benchmark.machine()}; {versions}")
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        log("1. peak RSS of a one-epoch folder run:")
        figures = {
            "machine": benchmark.machine(),
            "versions": versions,
            "environment": benchmark.machine_info(),
            "memory": memory(work),
        }
        log("2. input stream alone against ResNet-50 training steps alone:")
        figures["profile"] = profile(work)
    m, p = figures["memory"], figures["profile"]
    print(
        "| measurement | figure | target |\n|---|---:|---:|\n| peak RSS, 100 -> 1,000 JPEGs | "
        f"{m['peak_rss_mib'][100]:,.0f} -> {m['peak_rss_mib'][1000]:,.0f} MiB "
        f"(+{m['growth_mib']:,.0f}) | < +150 MiB |\n| input / ResNet-50 training (img/s) | "
        f"{p['input_images_per_second']:,.0f} / {p['train_images_per_second']:,.1f} = "
        f"{p['ratio']:.1f}x | >= 1x |\n\n{figures['machine']}; {versions}"
    )
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(figures, indent=1))
    if args.record:
        _results.write_results(
            "train_input",
            [
                dict(
                    measurement="peak RSS, 100 -> 1,000 JPEGs (MiB)",
                    before=m["peak_rss_mib"][100],
                    after=m["peak_rss_mib"][1000],
                    figure=m["growth_mib"],
                    target="< +150 MiB",
                ),
                dict(
                    measurement="input / ResNet-50 training (img/s)",
                    before=p["input_images_per_second"],
                    after=p["train_images_per_second"],
                    figure=p["ratio"],
                    target=">= 1x",
                ),
            ],
            command=_results.command_line(),
            notes=versions,
            versions_of=(*_results.RUNTIMES, "grain", "pillow"),
            folder=args.record,
        )


if __name__ == "__main__":
    main()
