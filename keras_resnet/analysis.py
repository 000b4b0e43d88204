"""What a model is and what its blocks do: parameter and MAC counts from layer shapes alone (no
forward pass), and the lesion study of Veit et al. 2016 (`lesion_study`).

MACs (multiply-accumulates) count convolutions and dense layers, as torchvision's and timm's
published figures do; BatchNorm, activations, pooling and additions are not counted (together
they add well under 1% to a ResNet).

The lesion study ("Residual Networks Behave Like Ensembles of Relatively Shallow Networks",
Veit, Wilber and Belongie, NeurIPS 2016, section 4) evaluates a trained network with one block
removed at a time, rebuilt from the model's own functional graph with its own layers (weights
shared, nothing copied), found by the blocks' stable names (`keras_resnet.blocks`):

* a **residual block** ``conv{s}_block{i}`` loses its residual branch: its addition
  (``_add``, or ``_out`` in a pre-activation block) passes the shortcut alone, and the layers
  after it (the ``_out`` ReLU of a post-activation block) run as before. A downsampling block
  keeps its downsampling shortcut (option A's subsample and zero-pad, or a projection), so its
  removal is reported separately, as Veit et al. do: it removes more than a path.
* a **plain block** (a plain network's, He et al. 2015: no shortcut) has nothing left once its
  branch goes, so it is replaced by the parameter-free map its ResNet twin's option-A shortcut
  computes: its input itself where the shapes match, and at a downsampling block the input
  subsampled by the stride with zero channels appended (reported separately too). With option A
  that is exactly what the ResNet keeps, so both nets lose the same thing: the block's branch.
"""

from __future__ import annotations

import dataclasses
import math
import os
import pathlib
import re
import statistics
import time
from collections.abc import Sequence
from typing import Any

import keras
import numpy as np

from keras_resnet import _checks, _console, _optional, _recursion, blocks


def count_params(model: keras.Model, *, trainable_only: bool = True) -> int:
    """Trainable parameters (default), or all weights including BatchNorm moving statistics.

    Example:
        >>> import keras_resnet
        >>> count_params(keras_resnet.CifarResNet20())
        269722
    """
    weights = model.trainable_weights if trainable_only else model.weights
    return int(sum(math.prod(w.shape) for w in weights))


def _static(shape, layer):
    dims = tuple(shape)[1:]
    if any(d is None for d in dims):
        raise ValueError(
            f"count_macs needs static shapes, but layer {layer.name!r} has shape {tuple(shape)}; "
            "build the model with a fixed input_shape=(height, width, channels)"
        )
    return dims


def _conv_macs(layer):
    out = _static(layer.output.shape, layer)
    cin = _static(layer.input.shape, layer)[-1]
    return math.prod(out[:-1]) * out[-1] * math.prod(layer.kernel_size) * cin // layer.groups


def _depthwise_macs(layer):
    out = _static(layer.output.shape, layer)
    return math.prod(out) * math.prod(layer.kernel_size)


def _separable_macs(layer):
    out = _static(layer.output.shape, layer)
    cin = _static(layer.input.shape, layer)[-1]
    spatial = math.prod(out[:-1])
    return spatial * cin * layer.depth_multiplier * (math.prod(layer.kernel_size) + out[-1])


def _dense_macs(layer):
    inp = _static(layer.input.shape, layer)
    return math.prod(inp) * layer.units


# Ordered: subclasses before their bases.
_MAC_RULES = (
    (keras.layers.DepthwiseConv2D, _depthwise_macs),
    (keras.layers.SeparableConv2D, _separable_macs),
    ((keras.layers.Conv1D, keras.layers.Conv2D, keras.layers.Conv3D), _conv_macs),
    (keras.layers.Dense, _dense_macs),
)


def count_macs(model: keras.Model) -> int:
    """Multiply-accumulates of one input through `model` (batch size 1), from its layer shapes.

    Nested models are walked. The model must have a static input shape.

    Example:
        >>> import keras_resnet
        >>> round(count_macs(keras_resnet.ResNet18()) / 1e9, 2)
        1.81
    """
    total = 0
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            total += count_macs(layer)
            continue
        for kinds, rule in _MAC_RULES:
            if isinstance(layer, kinds):
                total += rule(layer)
                break
    return int(total)


# ------------------------------------------------------------------------------- lesion study
_BLOCK_OUT = re.compile(r"^conv(\d+)_block(\d+)_out$")


@dataclasses.dataclass(frozen=True)
class Lesion:
    """One block removed: its name (``conv3_block1``), stage (1 = the first stage, ``conv2``) and
    position in the stage (1-based), whether it changes the shape (a downsampling block), and the
    model's accuracy without it and the drop from the intact model's (accuracy points, 0-1)."""

    block: str
    stage: int
    index: int
    downsampling: bool
    accuracy: float
    drop: float


@dataclasses.dataclass(frozen=True)
class LesionStudy:
    """What `lesion_study` returns: the intact accuracy and one `Lesion` per block, in order."""

    model: str
    residual: bool
    intact_accuracy: float
    rows: tuple[Lesion, ...]
    images: int
    seconds: float

    def drops(self, *, downsampling: bool = False) -> list[float]:
        """The accuracy drops of the blocks that keep the shape (or, with `downsampling`, of the
        downsampling blocks only)."""
        return [row.drop for row in self.rows if row.downsampling == downsampling]

    def median_drop(self, *, downsampling: bool = False) -> float:
        """The median single-block drop over the shape-keeping blocks (Veit et al.'s measure);
        `downsampling` for the downsampling blocks instead."""
        drops = self.drops(downsampling=downsampling)
        return float(statistics.median(drops)) if drops else float("nan")

    def table(self) -> str:
        """A Markdown table: one row per removed block, then the medians."""
        lines = [
            f"{self.model} ({'residual' if self.residual else 'plain'}): intact accuracy "
            f"{self.intact_accuracy:.2%} on {self.images} images",
            "",
            "| block | stage | kind | accuracy without it | drop |",
            "|---|---:|---|---:|---:|",
        ]
        for row in self.rows:
            kind = "downsampling" if row.downsampling else "same shape"
            lines.append(
                f"| `{row.block}` | {row.stage} | {kind} | {row.accuracy:.2%} | "
                f"{100 * row.drop:+.2f} pt |"
            )
        lines.append(
            f"\nmedian drop: {100 * self.median_drop():.2f} pt over {len(self.drops())} "
            f"shape-keeping blocks; {100 * self.median_drop(downsampling=True):.2f} pt over "
            f"{len(self.drops(downsampling=True))} downsampling blocks"
        )
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def plot(self, path: str | os.PathLike[str] | None = None) -> Any:
        """`plot_lesions` of this study alone."""
        return plot_lesions([self], path)


def _all_layers(model: keras.Model) -> list[keras.layers.Layer]:
    """The layers of `model` and of the models nested in it, depth first."""
    found = []
    for layer in model.layers:
        found.append(layer)
        if isinstance(layer, keras.Model):
            found += _all_layers(layer)
    return found


def _blocks(model: keras.Model) -> list[tuple[str, int, int]]:
    """``(block, stage, index)`` of every block (a layer named ``conv{s}_block{i}_out``), in
    order."""
    found = []
    for layer in _all_layers(model):
        match = _BLOCK_OUT.match(layer.name)
        if match:
            found.append((layer.name[: -len("_out")], int(match.group(1)) - 1, int(match.group(2))))
    return sorted(found, key=lambda b: (b[1], b[2]))


def _check_data(data: Any) -> tuple[np.ndarray, np.ndarray]:
    """``(images, integer labels)`` from ``(images, labels)``; one-hot labels become integers."""
    try:
        images, labels = (np.asarray(part) for part in data)
    except (TypeError, ValueError):
        raise TypeError(
            f"data must be a pair (images, labels) of arrays; received {type(data).__name__}"
        ) from None
    if labels.ndim == 2 and labels.shape[1] > 1:
        labels = labels.argmax(axis=1)
    labels = labels.reshape(len(labels), -1)[:, 0] if labels.ndim == 2 else labels
    if images.ndim != 4 or labels.ndim != 1 or len(images) != len(labels) or not len(images):
        raise ValueError(
            "data must be (images (N, height, width, channels), labels (N,)) with N >= 1; "
            f"received shapes {images.shape} and {labels.shape}"
        )
    if not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(
            f"data labels must be integer classes (or one-hot rows); received dtype {labels.dtype}"
        )
    return images, labels


class _Lesioner:
    """A `keras.models.clone_model` call function that rebuilds the graph with the same layers,
    except that one block's residual branch (or a plain block's whole body) is skipped."""

    def __init__(self, block: str, residual: bool) -> None:
        self.block, self.residual = block, residual
        self.made: dict[int, tuple[str, Any]] = {}  # id(tensor) -> (layer that made it, the tensor)
        self.entry: Any = None  # the block's input tensor in the rebuilt graph
        self.exit: Any = None  # the block's output tensor in the rebuilt graph

    def _maker(self, tensor: Any) -> str:
        return self.made.get(id(tensor), ("", None))[0]

    def _inside(self, tensor: Any) -> bool:
        return self._maker(tensor).startswith(f"{self.block}_")

    def __call__(self, layer: keras.layers.Layer, *args: Any, **kwargs: Any) -> Any:
        name = layer.name
        if name.startswith(f"{self.block}_"):
            for tensor in keras.tree.flatten((args, kwargs)):
                if (
                    self.entry is None
                    and keras.backend.is_keras_tensor(tensor)
                    and not self._inside(tensor)
                ):
                    self.entry = tensor
        if (
            self.residual
            and isinstance(layer, keras.layers.Add)
            and name in (f"{self.block}_add", f"{self.block}_out")
        ):
            out = self._shortcut(args[0])
        elif not self.residual and name == f"{self.block}_out":
            out = _bypass(
                self.entry, args[0].shape, self.block
            )  # ``_out`` (ReLU or identity) keeps its input's shape
        else:
            out = layer(*args, **kwargs)
        if name == f"{self.block}_out":
            self.exit = out
        self.made.setdefault(id(out), (name, out))  # a passed-through tensor keeps its maker
        return out

    def _shortcut(self, inputs: Sequence[Any]) -> Any:
        """The input of the addition that comes from the shortcut: from outside the block (an
        identity shortcut) or from its ``_0_`` layers."""
        for tensor in inputs:
            if not self._inside(tensor) or self._maker(tensor).startswith(f"{self.block}_0_"):
                return tensor
        raise ValueError(
            f"{self.block}: no input of its addition comes from a shortcut; cannot remove its "
            "branch"
        )


def _bypass(x: Any, shape: Sequence[int | None], block: str) -> Any:
    """A plain block's stand-in: `x` where the shapes match, else option A's map (subsample by the
    stride, append zero channels) to `shape`."""
    if tuple(x.shape[1:]) == tuple(shape[1:]):
        return x
    height, out_height, channels = x.shape[1], shape[1], shape[-1]
    if height is None or out_height is None or channels is None:
        raise ValueError(
            f"{block} downsamples an input of unknown size; build the model with a fixed "
            "input_shape to lesion it"
        )
    stride = -(-height // out_height)
    return blocks.zero_pad_shortcut(
        x, x, channels, stride=stride, make=blocks.LayerMaker(), name=f"{block}_lesion", norm=False
    )


def _lesioned(model: keras.Model, block: str, residual: bool) -> tuple[keras.Model, bool]:
    """`model` without `block` (sharing its layers and weights), and whether the block changes the
    shape of its input."""
    lesioner = _Lesioner(block, residual)
    with _recursion.room_for(len(_all_layers(model))):
        clone = keras.models.clone_model(
            model, clone_function=lambda layer: layer, call_function=lesioner, recursive=True
        )
    entry, exit_ = lesioner.entry, lesioner.exit
    downsampling = (
        entry is not None and exit_ is not None and tuple(entry.shape[1:]) != tuple(exit_.shape[1:])
    )
    return clone, downsampling


#: Up to this many batches run eagerly: tracing `predict`'s graph for each lesioned model costs
#: more than it saves on a few small batches, which run faster eagerly than the trace takes.
_EAGER_BATCHES = 4


def remove_block(model: keras.Model, block: str) -> keras.Model:
    """`model` without `block` (``"conv3_block2"``), as the lesion study removes it: a residual
    block's branch is skipped (its shortcut kept), a plain block is replaced by its input (option
    A's subsample and zero-pad where it downsamples). The new model shares `model`'s layers and
    weights; `model` itself is unchanged.

    Example:
        >>> import keras_resnet
        >>> model = keras_resnet.CifarResNet20(input_shape=(8, 8, 3))
        >>> lesioned = remove_block(model, "conv2_block2")
        >>> len(model.layers) - len(lesioned.layers)  # 2 conv-BN pairs, 1 ReLU, the add
        6
    """
    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model; received model={type(model).__name__}")
    names = [b for b, _, _ in _blocks(model)]
    if block not in names:
        raise ValueError(
            f"block must name one of the model's blocks ({', '.join(names) or 'none found'}); "
            f"received block={block!r}"
        )
    return _lesioned(model, block, block in _residual_blocks(model))[0]


def _accuracy(model: keras.Model, images: np.ndarray, labels: np.ndarray, batch_size: int) -> float:
    """Top-1 accuracy, eagerly over a few batches, through `predict` over more."""
    if len(images) <= _EAGER_BATCHES * batch_size:
        batches = [
            model(images[i : i + batch_size], training=False)
            for i in range(0, len(images), batch_size)
        ]
        outputs = (
            np.concatenate([keras.ops.convert_to_numpy(b) for b in batches])
            if batches
            else np.zeros((0, 0))
        )
    else:
        outputs = model.predict(images, batch_size=batch_size, verbose=0)
    if isinstance(outputs, (list, tuple)) or np.ndim(outputs) != 2:
        raise ValueError(
            f"model {model.name!r} must end in a classifier (batch, classes) to be lesioned; "
            f"its output has shape {np.shape(outputs)}"
        )
    return float(np.mean(np.argmax(outputs, axis=-1) == labels))


def _residual_blocks(model: keras.Model) -> set[str]:
    """The blocks that add a shortcut (an ``Add`` named ``{block}_add``, or ``{block}_out`` when
    pre-activated); the others are plain."""
    adds = [layer.name for layer in _all_layers(model) if isinstance(layer, keras.layers.Add)]
    return {name.rsplit("_", 1)[0] for name in adds if name.endswith(("_add", "_out"))}


def lesion_study(
    model: keras.Model, data: Any, *, batch_size: int = 256, verbose: int = 0
) -> LesionStudy:
    """Evaluates `model` with each block removed in turn (Veit et al. 2016; see the module's
    docstring for what removing means in residual and plain blocks).

    Args:
        model: a trained classifier of this library (functional, blocks named ``conv{s}_block{i}``;
            a registry model, or one nested in a fine-tuning model), channels last.
        data: ``(images, labels)``: images as the model takes them (preprocessed), integer
            labels or one-hot rows.
        batch_size: images per forward pass.
        verbose: 1 for a progress line per block on stderr.

    Returns:
        A `LesionStudy`: the intact accuracy and one `Lesion` per block (9 for a ResNet-20).

    Example:
        >>> import keras_resnet, numpy as np
        >>> model = keras_resnet.CifarResNet20(input_shape=(8, 8, 3), classes=3)
        >>> study = lesion_study(model, (np.zeros((2, 8, 8, 3)), np.array([0, 1])))
        >>> len(study.rows), study.rows[3].block, study.rows[3].downsampling
        (9, 'conv3_block1', True)
    """
    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model; received model={type(model).__name__}")
    images, labels = _check_data(data)
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    found = _blocks(model)
    if not found:
        raise ValueError(
            f"model {model.name!r} has no blocks to remove: no layer is named "
            "conv{s}_block{i}_out (keras_resnet's block names)"
        )
    start = time.perf_counter()
    residual = _residual_blocks(model)
    intact = _accuracy(model, images, labels, batch_size)
    rows = []
    for done, (block, stage, index) in enumerate(found, 1):
        lesioned, downsampling = _lesioned(model, block, block in residual)
        accuracy = _accuracy(lesioned, images, labels, batch_size)
        rows.append(Lesion(block, stage, index, downsampling, accuracy, intact - accuracy))
        if verbose:
            _console.progress(
                done, len(found), f"lesioning {model.name}", start=start, unit="blocks"
            )
    return LesionStudy(
        model.name, bool(residual), intact, tuple(rows), len(images), time.perf_counter() - start
    )


def plot_lesions(
    studies: Sequence[LesionStudy],
    path: str | os.PathLike[str] | None = None,
    *,
    title: str | None = None,
) -> Any:
    """Veit et al.'s Figure 3(a) for one or more studies: test error with each block removed
    (solid, filled markers; downsampling blocks hollow) against the block's position, and each
    intact model's error (dashed). Needs matplotlib (``pip install 'keras-resnet[demo]'``).

    Returns:
        The matplotlib figure; written as a PNG to `path` when given (and then closed).
    """
    if not studies or not all(isinstance(s, LesionStudy) for s in studies):
        raise TypeError(
            f"studies must be a non-empty sequence of LesionStudy; received {studies!r}"
        )
    matplotlib = _optional.require("matplotlib", "demo")
    if path is not None:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4), dpi=100)
    for i, study in enumerate(studies):
        color = f"C{i}"
        positions = np.arange(1, len(study.rows) + 1)
        errors = np.array([100 * (1 - row.accuracy) for row in study.rows])
        down = np.array([row.downsampling for row in study.rows])
        axes.plot(
            positions, errors, "-", color=color, lw=1.2, label=f"{study.model}, one block removed"
        )
        axes.scatter(positions[~down], errors[~down], s=14, color=color)
        axes.scatter(positions[down], errors[down], s=36, facecolors="none", edgecolors=color)
        axes.axhline(
            100 * (1 - study.intact_accuracy),
            color=color,
            ls="--",
            lw=1,
            label=f"{study.model}, intact",
        )
    axes.set_xlabel("removed block (hollow: downsampling)")
    axes.set_ylabel("test error (%)")
    axes.set_ylim(0, 100)
    axes.set_title(
        title or "Lesion study: one block removed at a time (Veit et al. 2016)", fontsize=9
    )
    axes.grid(True, alpha=0.3)
    axes.legend(fontsize=7, loc="center right")
    figure.tight_layout()
    if path is not None:
        figure.savefig(pathlib.Path(path), format="png")
        plt.close(figure)
    return figure
