"""The degradation problem and the lesion study: plain against residual CIFAR nets of growing depth.

    python benchmarks/degradation.py                 # digits (offline), the recipe shortened
    python benchmarks/degradation.py --data cifar10  # the paper's recipe: 64k iterations (a GPU)
    python benchmarks/degradation.py --quick         # CI: plain-20 against ResNet-20, tiny

He et al. 2015 (section 4.2, Figure 6) train plain nets of 20, 32, 44 and 56 layers and the
ResNets of the same depths (and 110) on CIFAR-10: a deeper plain net trains to a *higher* training
error than a shallower one (the degradation problem), while a deeper ResNet trains lower. Veit,
Wilber and Belongie 2016 (Figure 3) then remove single blocks of the trained nets: a ResNet loses
little from any one block but its downsampling ones; a plain net breaks
(`keras_resnet.analysis.lesion_study`; a plain block is replaced by the parameter-free map its
ResNet twin's option-A shortcut computes).

The recipe is the library's ``cifar`` recipe (`keras_resnet.training`): SGD with momentum 0.9,
weight decay 1e-4, batch 128, learning rate 0.1 divided by 10 at 50% and 75% of training (32k and
48k of 64k iterations), 4-pixel padding + random crop (+ horizontal flip on CIFAR; digits are not
flipped: a mirrored digit is another glyph), trained on 90% of the training images (CIFAR-10's
45k/5k split) and tested on the test set after every epoch. The 10% held out are evaluated at the
end. ``--iterations`` shortens the run (the drops stay at the same fractions). Writes
``degradation.png`` (training error dashed, test error bold; plain left, residual right, as the
paper's Figure 6), ``lesion.png``, ``results.md``, ``results.json`` and each net's
``weights/<name>.weights.h5`` into ``--output`` (``keras-resnet lesion cifar_plain20 --weights
<output>/weights/cifar_plain20.weights.h5 --input-size 8`` studies one again).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pathlib
import sys
import time

# benchmarks/ (for _results) is on sys.path when this runs as a script, not when a test loads it
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import _results  # noqa: E402

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

#: He et al. 2015, Table 6: CIFAR-10 test error (%) of the ResNets (best of 5 runs for 110).
PAPER_ERROR = {20: 8.75, 32: 7.51, 44: 7.17, 56: 6.97, 110: 6.43}
#: The nets lesioned: Veit et al.'s ResNet-56/110 and the plain net of 56 layers, the deepest
#: ones compared, and the shallowest plain net trained (plain-20): a short run leaves plain-56
#: near chance, where removing a block cannot cost much, so the contrast with a plain net that did
#: learn needs it.
LESIONED = ("cifar_resnet56", "cifar_resnet110", "cifar_plain56")
#: --quick (CI): plain-20 and ResNet-20, 2 epochs of 18 steps on 600 digits at their native 8x8 (no
#: shifts: 4 pixels are half a digit there); it checks that everything runs, not the result.
QUICK = dict(
    depths=[20],
    plain_depths=[20],
    iterations=36,
    limit=600,
    image_size=8,
    batch_size=32,
    augment="none",
)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@dataclasses.dataclass
class Split:
    """Training (90%), held-out (10%) and test images, as the trainer takes them."""

    name: str
    train: tuple
    val: tuple
    test: tuple
    preprocessing: str
    augment: str


def load(
    spec: str, *, image_size: int, limit: int | None, seed: int, augment_arg: str | None = None
) -> Split:
    """The arrays `keras_resnet.data.source` resolves `spec` into (digits, offline; cifar10 or
    cifar100 through keras.datasets; a CIFAR binary folder; an .npz file with a held-out part),
    its training images split 90/10 (CIFAR-10: 45k/5k) with `seed`; `limit` keeps the first
    training images; `augment_arg` replaces the data's default (pad_crop_flip; digits: pad_crop,
    a mirrored digit being another glyph)."""
    import numpy as np

    from keras_resnet import data

    try:
        source = data.source(spec, image_size=image_size, seed=seed, argument="--data")
    except ValueError as error:
        raise SystemExit(str(error)) from None
    if source.kind != "arrays" or source.validation is None:
        raise SystemExit(
            "--data must be images in memory with a held-out part (digits, cifar10, cifar100, a "
            f"CIFAR binary folder); received {spec!r}: {source.description}"
        )
    digits = source.name == "digits"
    name = f"digits {image_size}x{image_size}" if digits else source.title
    (x, y), test = source.train, source.validation
    order = np.random.default_rng(seed).permutation(len(x))
    held = len(x) // 10
    val, train = order[:held], order[held:][:limit]
    augment = augment_arg or ("pad_crop" if digits else "pad_crop_flip")
    return Split(name, (x[train], y[train]), (x[val], y[val]), test, source.preprocessing, augment)


@dataclasses.dataclass
class Run:
    """One trained net: per-epoch training error (augmented batches, as the paper plots it) and
    test error, the final held-out error, and the trained model."""

    name: str
    depth: int
    plain: bool
    epochs: int
    iterations: int
    train_error: list
    test_error: list
    val_error: float
    seconds: float
    model: object = dataclasses.field(repr=False, default=None)

    def as_dict(self) -> dict:
        return {k: v for k, v in dataclasses.asdict(self).items() if k != "model"}


def error(model, images, labels, preprocessing: str) -> float:
    """Top-1 error, eagerly in batches of 256 (no `predict` graph to trace for one evaluation)."""
    import keras
    import numpy as np

    from keras_resnet import preprocessing as preprocessing_lib

    x = preprocessing_lib.get(preprocessing)(images)
    logits = [
        keras.ops.convert_to_numpy(model(x[i : i + 256], training=False))
        for i in range(0, len(x), 256)
    ]
    return float((np.concatenate(logits).argmax(-1) != labels).mean())


def train(name: str, split: Split, args: argparse.Namespace) -> Run:
    """The ``cifar`` recipe shortened to about `args.iterations` steps (whole epochs)."""
    from keras_resnet import registry, training

    steps = len(split.train[0]) // args.batch_size
    epochs = max(1, round(args.iterations / steps))
    result = training.train(
        name,
        split.train,
        validation_data=split.test,
        recipe="cifar",
        epochs=epochs,
        batch_size=args.batch_size,
        augment=split.augment,
        preprocessing=split.preprocessing,
        seed=args.seed,
        tensorboard=False,
        verbose=0 if args.quiet else 2,
    )
    history = result.history
    entry = registry.get_entry(name)
    return Run(
        name,
        entry.arch_args["depth"],
        not entry.arch.residual,
        epochs,
        epochs * steps,
        [1 - a for a in history["accuracy"]],
        [1 - a for a in history["val_accuracy"]],
        error(result.model, *split.val, split.preprocessing),
        result.seconds,
        result.model,
    )


def figure(runs: list[Run], path: pathlib.Path, title: str) -> None:
    """He et al.'s Figure 6: error against iterations, training dashed, test bold; plain nets left,
    ResNets right, one colour per depth."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, panels = plt.subplots(1, 2, figsize=(9, 3.6), dpi=90, sharey=True)
    depths = sorted({r.depth for r in runs})
    for panel, plain in zip(panels, (True, False), strict=True):
        for run in (r for r in runs if r.plain == plain):
            color = f"C{depths.index(run.depth)}"
            steps = [run.iterations * (e + 1) / run.epochs for e in range(run.epochs)]
            label = f"{'plain' if plain else 'ResNet'}-{run.depth}"
            panel.plot(steps, [100 * e for e in run.train_error], "--", color=color, lw=1)
            panel.plot(
                steps, [100 * e for e in run.test_error], "-", color=color, lw=2, label=label
            )
        panel.set_title(f"{'plain' if plain else 'residual'} ({title})", fontsize=9)
        panel.set_xlabel("iterations")
        panel.grid(True, alpha=0.3)
        panel.legend(fontsize=7)
    top = max(
        max(r.train_error[len(r.train_error) // 4 :] + r.test_error[len(r.test_error) // 4 :])
        for r in runs
    )
    panels[0].set_ylim(0, min(100, 100 * top * 1.3 + 1))
    panels[0].set_ylabel("error (%): training dashed, test bold")
    fig.tight_layout()
    fig.savefig(path, format="png")
    plt.close(fig)


def lesion_targets(runs: list[Run], names: list[str]) -> list[str]:
    """`names` where trained; by default the `LESIONED` nets trained (else the deepest ResNet), and
    the shallowest plain net."""
    trained = [r.name for r in runs]
    if names:
        return [n for n in names if n in trained]
    plain = sorted((r for r in runs if r.plain), key=lambda r: r.depth)
    residual = sorted((r for r in runs if not r.plain), key=lambda r: r.depth)
    chosen = [n for n in LESIONED if n in trained] or [r.name for r in residual[-1:]]
    return chosen + [r.name for r in plain[:1] if r.name not in chosen]


def lesions(runs: list[Run], split: Split, names: list[str]) -> list:
    """The lesion study of each net `lesion_targets` picks, on the test images."""
    from keras_resnet import analysis
    from keras_resnet import preprocessing as preprocessing_lib

    trained = {r.name: r for r in runs}
    images = preprocessing_lib.get(split.preprocessing)(split.test[0])
    studies = []
    for name in lesion_targets(runs, names):
        studies.append(
            analysis.lesion_study(
                trained[name].model, (images, split.test[1]), batch_size=512, verbose=1
            )
        )
        log(
            f"lesion study of {name}: median drop {100 * studies[-1].median_drop():.1f} points, "
            f"{studies[-1].seconds:.1f} s"
        )
    return studies


def markdown(runs: list[Run], studies: list, meta: dict) -> str:
    """The measured table beside the paper's, then the lesion summary."""
    by = {(r.depth, r.plain): r for r in runs}
    lines = [
        f"{meta['data']}; {meta['recipe']}; {meta['machine']}; {meta['versions']}; "
        f"{meta['seconds']:.0f} s in all.",
        "",
        "| depth | plain: train / test error | ResNet: train / test error | ResNet held-out error "
        "| paper ResNet, CIFAR-10 test |",
        "|---:|---:|---:|---:|---:|",
    ]
    for depth in sorted({r.depth for r in runs}):
        cells = []
        for plain in (True, False):
            run = by.get((depth, plain))
            cells.append(
                f"{100 * run.train_error[-1]:.2f}% / {100 * run.test_error[-1]:.2f}%"
                if run
                else "-"
            )
        resnet = by.get((depth, False))
        cells.append(f"{100 * resnet.val_error:.2f}%" if resnet else "-")
        cells.append(f"{PAPER_ERROR[depth]:.2f}%" if depth in PAPER_ERROR else "-")
        lines.append(f"| {depth} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "| lesioned net | intact test error | median drop, one block removed | largest drop | "
        "downsampling blocks' drops |",
        "|---|---:|---:|---:|---|",
    ]
    for s in studies:
        worst = max(row.drop for row in s.rows if not row.downsampling)
        down = ", ".join(f"{100 * d:.1f}" for d in s.drops(downsampling=True))
        lines.append(
            f"| `{s.model}` | {100 * (1 - s.intact_accuracy):.2f}% | {100 * s.median_drop():.2f} "
            f"pt | {100 * worst:.2f} pt | {down} pt |"
        )
    return "\n".join(lines)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "\n").splitlines()[0])
    parser.add_argument(
        "--data",
        default="digits",
        help="digits (offline default), cifar10 or cifar100 (keras.datasets), or a CIFAR "
        "binary folder",
    )
    parser.add_argument(
        "--depths", type=int, nargs="+", default=[20, 32, 44, 56, 110], help="ResNet depths"
    )
    parser.add_argument(
        "--plain-depths", type=int, nargs="+", default=[20, 32, 44, 56], help="plain net depths"
    )
    parser.add_argument(
        "--iterations", type=int, default=64000, help="training steps per net (the recipe: 64000)"
    )
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--image-size", type=int, default=32, help="digits' side (CIFAR is 32)")
    parser.add_argument("--limit", type=int, help="use only the first N training images")
    parser.add_argument(
        "--augment",
        choices=["none", "pad_crop", "pad_crop_flip"],
        help="default: pad_crop_flip (CIFAR), pad_crop (digits); at 8x8 a 4-pixel shift is half "
        "a digit: none",
    )
    parser.add_argument(
        "--lesion",
        nargs="*",
        default=[],
        help=f"nets to lesion (default: {', '.join(LESIONED)} where trained, and the shallowest "
        "plain net)",
    )
    parser.add_argument("--output", "-o", default="degradation_results")
    parser.add_argument("--seed", type=int, default=0)
    _results.add_argument(parser)
    parser.add_argument(
        "--quiet", action="store_true", help="no line per epoch (Keras'), only one per net"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="CI, quiet: " + ", ".join(f"{k}={v}" for k, v in QUICK.items()),
    )
    args = parser.parse_args(argv)
    if args.quick:
        vars(args).update(QUICK, quiet=True)
    return args


def main(argv: list[str] | None = None) -> dict:
    args = parse(argv)
    import keras

    from keras_resnet import benchmark

    started = time.perf_counter()
    output = pathlib.Path(args.output)
    output.mkdir(parents=True, exist_ok=True)
    split = load(
        args.data,
        image_size=args.image_size,
        limit=args.limit,
        seed=args.seed,
        augment_arg=args.augment,
    )
    names = [f"cifar_plain{d}" for d in args.plain_depths] + [
        f"cifar_resnet{d}" for d in args.depths
    ]
    log(
        f"{split.name}: {len(split.train[0])} training, {len(split.val[0])} held-out, "
        f"{len(split.test[0])} test images; {len(names)} nets, about {args.iterations} iterations "
        f"each at batch {args.batch_size}"
    )
    from keras_resnet import identity, weights

    runs = []
    (output / "weights").mkdir(exist_ok=True)
    for i, name in enumerate(names, 1):
        runs.append(train(name, split, args))
        run = runs[-1]
        weights.save_weights(  # for `keras-resnet lesion NAME --weights`, recording NAME
            run.model, output / "weights" / f"{name}.weights.h5", identity=identity.of_name(name)
        )
        log(
            f"[{i}/{len(names)}] {name}: {run.epochs} epochs ({run.iterations} iterations) in "
            f"{run.seconds:.1f} s; train error {100 * run.train_error[-1]:.2f}%, test error "
            f"{100 * run.test_error[-1]:.2f}%"
        )
    studies = lesions(runs, split, args.lesion)
    backend = keras.backend.backend()
    meta = {
        "data": f"{split.name} ({len(split.train[0])} training / {len(split.val[0])} held-out / "
        f"{len(split.test[0])} test images)",
        "recipe": f"the cifar recipe at batch {args.batch_size} (peak learning rate "
        f"{0.1 * args.batch_size / 128:g}), "
        f"{runs[0].iterations if runs else 0} iterations per net (the paper: 64,000 at batch 128), "
        f"learning rate / 10 at 50% and 75%, augmentation: {split.augment}",
        "machine": benchmark.machine(),
        "versions": f"Keras {keras.__version__} on {backend}",
        "seconds": time.perf_counter() - started,
    }
    _write(output, runs, studies, meta, split.name)
    if args.record:
        record(runs, studies, meta, args.record)
    log(
        f"done in {meta['seconds']:.0f} s; wrote {output}/degradation.png, lesion.png, results.md, "
        "results.json"
    )
    return {"runs": runs, "studies": studies, "meta": meta, "output": output}


def result_rows(runs: list[Run], studies: list) -> list[dict]:
    """The figures as rows: per net (``table: "degradation"``) its final training, test and
    held-out errors beside the paper's; per lesioned net (``table: "lesion"``) its drops."""
    rows = [
        dict(
            table="degradation",
            net=run.name,
            depth=run.depth,
            plain=run.plain,
            epochs=run.epochs,
            iterations=run.iterations,
            train_error=run.train_error[-1],
            test_error=run.test_error[-1],
            val_error=run.val_error,
            paper_test_error=(
                PAPER_ERROR[run.depth] / 100 if not run.plain and run.depth in PAPER_ERROR else None
            ),
            seconds=run.seconds,
        )
        for run in runs
    ]
    rows += [
        dict(
            table="lesion",
            net=s.model,
            intact_error=1 - s.intact_accuracy,
            median_drop=s.median_drop(),
            largest_drop=max(row.drop for row in s.rows if not row.downsampling),
            downsampling_drops=list(s.drops(downsampling=True)),
        )
        for s in studies
    ]
    return rows


def record(runs: list[Run], studies: list, meta: dict, folder: str) -> None:
    _results.write_results(
        "degradation",
        result_rows(runs, studies),
        command=_results.command_line(),
        notes=f"{meta['data']}; {meta['recipe']}; {meta['versions']}; "
        f"{meta['seconds']:.0f} s in all",
        folder=folder,
    )


def _write(output: pathlib.Path, runs: list[Run], studies: list, meta: dict, title: str) -> None:
    from keras_resnet import analysis

    table = markdown(runs, studies, meta)
    print(table)
    (output / "results.md").write_text(
        table + "\n\n" + "\n\n".join(s.table() for s in studies) + "\n"
    )
    (output / "results.json").write_text(
        json.dumps(
            {
                "meta": meta,
                "runs": [r.as_dict() for r in runs],
                "lesions": [s.as_dict() for s in studies],
            },
            indent=1,
        )
    )
    figure(runs, output / "degradation.png", title)
    if studies:
        analysis.plot_lesions(
            studies, output / "lesion.png", title=f"One block removed at a time ({title})"
        )


if __name__ == "__main__":
    main()
