"""Exact conversion of pretrained ResNet checkpoints into this library's models.

`load_checkpoint(model, path)` detects the file's kind (see `files`), maps its tensors onto the
model's layers with the layout of its source (`torchvision_timm`, `keras_applications`), checks
every key and shape, and only then writes the weights, all or nothing. The classifier is loaded
when the model has one of the same shape; otherwise (``include_top=False``, another ``classes``)
the backbone is loaded and the head left fresh, and a message says so.

Example:
    >>> import numpy as np, keras_resnet
    >>> from keras_resnet.converters import load_checkpoint
    >>> from safetensors.numpy import save_file
    >>> model = keras_resnet.ResNet18(input_shape=(64, 64, 3), weights=None)
    >>> state = {"fc.weight": np.zeros((1000, 512), "float32")}  # far from a full checkpoint
    >>> save_file(state, "/tmp/kr_partial.safetensors")
    >>> load_checkpoint(model, "/tmp/kr_partial.safetensors")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: weights='/tmp/kr_partial.safetensors' (torchvision/timm) does not fit model ...
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

import numpy as np

from keras_resnet.converters import files, keras_applications, keras_weights, torchvision_timm

if TYPE_CHECKING:
    import keras


class Layout(Protocol):
    """A checkpoint layout: what `torchvision_timm` and `keras_applications` define."""

    HEAD_PREFIX: tuple[str, ...]  # what the classifier's keys start with

    def describe(self, keys: Iterable[str]) -> str: ...

    def check_model(self, model: keras.Model) -> None: ...

    def layer_keys(self, model: keras.Model, layer: keras.layers.Layer) -> list[str]: ...

    def convert(
        self,
        model: keras.Model,
        layer: keras.layers.Layer,
        arrays: list[np.ndarray],
        tensors: dict[str, np.ndarray],
    ) -> tuple[list[np.ndarray], list[str]]: ...


#: checkpoint kind -> (layout module, its name in messages)
LAYOUTS: dict[str, tuple[Layout, str]] = {
    "safetensors": (torchvision_timm, "torchvision/timm"),
    "torch": (torchvision_timm, "torchvision/timm"),
    "keras_h5": (keras_applications, "keras.applications"),
}
HEAD = "predictions"


@dataclasses.dataclass
class LoadReport:
    """What `load_checkpoint` did."""

    path: str
    kind: str
    layers: int  # layers written
    head: str  # "loaded", or why it was left fresh

    def __str__(self) -> str:
        return f"loaded {self.layers} layers from {self.path} ({self.kind}); classifier {self.head}"


def _error(path: str | os.PathLike[str], source: str, model: keras.Model, text: str) -> ValueError:
    return ValueError(f"weights={str(path)!r} ({source}) does not fit model {model.name!r}: {text}")


def plan(
    layout: Layout, model: keras.Model, tensors: dict[str, np.ndarray]
) -> tuple[dict[str, list[np.ndarray]], dict[str, list[str]], set[str], set[str]]:
    """Maps `tensors` onto `model`'s weighted layers with `layout` (its `layer_keys` and
    `convert`); returns ``({layer: [float32 arrays]}, {layer: its keys}, used keys, expected
    keys)``. Layers whose keys are missing are left out (and reported by the caller)."""
    layout.check_model(model)
    planned: dict[str, list[np.ndarray]] = {}
    keys_of: dict[str, list[str]] = {}
    used: set[str] = set()
    expected: set[str] = set()
    for layer in model.layers:
        if not layer.weights:
            continue
        keys = layout.layer_keys(model, layer)
        expected.update(keys)
        if not all(k in tensors for k in keys):
            continue
        arrays, consumed = layout.convert(model, layer, [tensors[k] for k in keys], tensors)
        used.update(keys, consumed)
        expected.update(consumed)
        planned[layer.name] = [np.asarray(a, dtype="float32") for a in arrays]
        keys_of[layer.name] = keys
    return planned, keys_of, used, expected


def _head_decision(model: keras.Model, planned: dict[str, list[np.ndarray]]) -> str:
    """Drops the classifier from the plan when the model has none or one of another shape."""
    if HEAD not in {layer.name for layer in model.layers}:
        return "not in the model (include_top=False): backbone only"
    arrays = planned.get(HEAD)
    if arrays is None:
        return "left fresh: the checkpoint has no classifier"
    shapes = [tuple(w.shape) for w in model.get_layer(HEAD).weights]
    if [a.shape for a in arrays] != shapes:
        del planned[HEAD]
        return (
            f"left fresh: the checkpoint's classifier has {arrays[-1].shape[0]} classes, "
            f"the model {shapes[-1][0]}"
        )
    return "loaded"


def load_checkpoint(
    model: keras.Model, path: str | os.PathLike[str], *, verbose: bool = True
) -> LoadReport:
    """Loads a torchvision/timm (``.safetensors``, ``.pth``) or keras.applications (``.h5``)
    checkpoint into `model`, exactly.

    Raises:
        ValueError: a missing or unexpected key, a wrong shape, a checkpoint of another
            architecture, a damaged or unsafe file; named, and the model left unchanged.
        ImportError: a ``.pth`` without torch installed (use ``.safetensors``), or
            ``.safetensors`` without the safetensors package.
    """
    kind, tensors = files.read(path)
    if kind == "keras_weights":
        keras_weights.load_weights_file(model, str(path))
        return LoadReport(
            str(path), kind, sum(1 for layer in model.layers if layer.weights), "as saved"
        )
    layout, source = LAYOUTS[kind]
    tensors = {k: v for k, v in tensors.items() if not torchvision_timm.IGNORED.search(k)}
    planned, keys, used, expected = plan(layout, model, tensors)
    missing = sorted(k for k in expected - set(tensors) if not k.startswith(layout.HEAD_PREFIX))
    unexpected = sorted(k for k in set(tensors) - used if not k.startswith(layout.HEAD_PREFIX))
    if missing or unexpected:
        parts = []
        if missing:
            parts.append(f"{len(missing)} missing keys, e.g. {missing[:5]}")
        if unexpected:
            parts.append(f"{len(unexpected)} unexpected keys, e.g. {unexpected[:5]}")
        raise _error(
            path,
            source,
            model,
            "; ".join(parts) + f". The file looks like {layout.describe(tensors)}",
        )
    head = _head_decision(model, planned)
    for name, arrays in planned.items():
        layer = model.get_layer(name)
        shapes = [tuple(w.shape) for w in layer.weights]
        got = [tuple(a.shape) for a in arrays]
        if got != shapes:
            bad = (
                next(i for i, (g, s) in enumerate(zip(got, shapes, strict=True)) if g != s)
                if len(got) == len(shapes)
                else 0
            )
            raise _error(
                path,
                source,
                model,
                f"key {keys[name][bad]!r} has shape {got[bad]} after conversion, "
                f"layer {name!r} needs {shapes[bad]}",
            )
        if not all(np.isfinite(a).all() for a in arrays):
            raise _error(
                path, source, model, f"the tensors of layer {name!r} hold NaN or infinite values"
            )
    before = {name: model.get_layer(name).get_weights() for name in planned}
    try:
        for name, arrays in planned.items():
            model.get_layer(name).set_weights(arrays)
    except Exception:
        for name, arrays in before.items():
            model.get_layer(name).set_weights(arrays)
        raise
    report = LoadReport(str(path), source, len(planned), head)
    if verbose and head != "loaded":
        print(f"keras_resnet: {report}", file=sys.stderr)
    return report


__all__ = [
    "LAYOUTS",
    "LoadReport",
    "plan",
    "files",
    "keras_applications",
    "keras_weights",
    "load_checkpoint",
    "torchvision_timm",
]
