"""The model registry: look names up, list them, build them, measure them.

The rows themselves are plain data in `keras_resnet.variants` (names, architecture arguments,
summaries); this module imports neither Keras nor the builders until a model is built, so
``keras-resnet list`` and ``info`` start fast.
"""

from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from keras_resnet import _console, specs
from keras_resnet.variants import FAMILIES, MODELS, Family, ModelEntry

if TYPE_CHECKING:
    import keras


def list_models(pattern: str = "*") -> list[str]:
    """Registered model names matching a shell-style pattern, in registry order.

    Example:
        >>> list_models("resnet50*")  # doctest: +NORMALIZE_WHITESPACE
        ['resnet50', 'resnet50b', 'resnet50c', 'resnet50d', 'resnet50v2', 'resnet50v2c',
         'resnet50v2d', 'resnet50v2_keras']
    """
    if not isinstance(pattern, str):
        raise TypeError(
            f"pattern must be a string such as 'resnet50*'; received pattern={pattern!r}"
        )
    return [name for name in MODELS if fnmatch.fnmatchcase(name, pattern.lower())]


def get_entry(name: str) -> ModelEntry:
    """The registry row of `name`; an unknown name raises a ValueError suggesting near names."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a registered model name (a string); received name={name!r}")
    entry = MODELS.get(name.lower())
    if entry is None:
        near = difflib.get_close_matches(name.lower(), list(MODELS), n=5, cutoff=0.6)
        hint = f" Did you mean {', '.join(repr(n) for n in near)}?" if near else ""
        raise ValueError(
            f"Unknown model name={name!r}.{hint} "
            f"keras_resnet.list_models() lists all {len(MODELS)}."
        )
    return entry


def create_model(name: str, /, **kwargs: Any) -> keras.Model:
    """Builds a registered model by name.

    Args:
        name: a name from `list_models()`.
        **kwargs: any argument of the family's builder (`keras_resnet.ResNet` or
            `keras_resnet.CifarResNet`) except those the name fixes (depth, variant, shortcut,
            preact). ``name=`` renames the model (default: the registry name);
            ``data_format="channels_first"`` builds it NCHW (`keras_resnet.layouts`).

    Returns:
        A `keras.Model`.

    Example:
        >>> model = create_model("cifar_resnet20", classes=100)
        >>> model.output_shape
        (None, 100)
    """
    entry = get_entry(name)
    fixed = sorted(set(kwargs) & (set(entry.arch_args) | set(specs.IMAGENET_KNOBS)))
    if fixed:
        fixes = ", ".join(
            f"{k}={entry.arch_args.get(k, specs.IMAGENET_KNOBS.get(k))!r}" for k in fixed
        )
        received = ", ".join(f"{k}={kwargs[k]!r}" for k in fixed)
        raise TypeError(
            f"create_model({entry.name!r}) fixes {fixes}; received {received}. "
            "Pick the registered name instead."
        )
    from keras_resnet import resnet

    resnet.check_keywords(f"create_model({entry.name!r})", kwargs, family=entry.family)
    kwargs.setdefault("name", entry.name)
    return getattr(resnet, FAMILIES[entry.family].builder)(**entry.arch_args, **kwargs)


@dataclasses.dataclass(frozen=True)
class ModelInfo:
    """Size and cost of a registered model at a given input size."""

    name: str
    summary: str
    input_shape: tuple[int, int, int]
    classes: int
    params: int  # trainable parameters
    total_params: int  # including BatchNorm moving statistics
    macs: int  # multiply-accumulates of one image
    layers: int

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@functools.cache
def model_info(name: str, input_size: int | None = None) -> ModelInfo:
    """Parameters and MACs of a registered model, counted from its layer shapes (no forward pass).

    Args:
        name: a name from `list_models()`.
        input_size: square input height/width; defaults to the family's (224 or 32).

    Example:
        >>> info = model_info("resnet18")
        >>> info.params, round(info.macs / 1e9, 2)
        (11689512, 1.81)
    """
    entry = get_entry(name)
    size = entry.default_size if input_size is None else input_size
    from keras_resnet import analysis

    model = create_model(entry.name, input_shape=(size, size, 3), data_format="channels_last")
    return ModelInfo(
        name=entry.name,
        summary=entry.summary,
        input_shape=(size, size, 3),
        classes=entry.default_classes,
        params=analysis.count_params(model, trainable_only=True),
        total_params=analysis.count_params(model, trainable_only=False),
        macs=analysis.count_macs(model),
        layers=len(model.layers),
    )


def format_macs(macs: int) -> str:
    """MACs in G (from a billion) or M, as the model tables print them.

    Example:
        >>> format_macs(1_814_073_856), format_macs(40_557_568)
        ('1.81 G', '40.6 M')
    """
    return f"{macs / 1e9:.2f} G" if macs >= 1e9 else f"{macs / 1e6:.1f} M"


def progress_bar(index: int, total: int, name: str) -> None:
    """A `model_table` progress callback: a progress bar on stderr, ``counting <name>``."""
    _console.progress(index + 1, total, f"counting {name:<16}")


def model_table(
    names: Sequence[str],
    *,
    details: bool = True,
    progress: Callable[[int, int, str], object] | None = None,
) -> str:
    """A Markdown table of registered models: name, default input size and summary, and with
    `details` also trainable parameters, MACs and the presets with their published ImageNet top-1
    (each model is built once to count them: Keras is imported then).

    Args:
        names: registered model names, in the table's order.
        details: count parameters and MACs (`model_info`) and list the presets.
        progress: with `details`, called as ``progress(index, len(names), name)`` before each
            model is counted (`progress_bar` draws a bar on stderr).

    Example:
        >>> print(model_table(["cifar_resnet20"], details=False))
        | model | input | description |
        |---|---|---|
        | `cifar_resnet20` | 32x32 | ...
    """
    if details:
        lines = [
            "| model | parameters | MACs | input | presets | description |",
            "|---|---:|---:|---|---|---|",
        ]
    else:
        lines = ["| model | input | description |", "|---|---|---|"]
    for i, name in enumerate(names):
        entry = get_entry(name)
        size = f"{entry.default_size}x{entry.default_size}"
        if not details:
            lines.append(f"| `{name}` | {size} | {entry.summary} |")
            continue
        if progress:
            progress(i, len(names), name)
        info = model_info(name)
        lines.append(
            f"| `{name}` | {info.params:,} | {format_macs(info.macs)} | {size} "
            f"| {_preset_cell(name)} | {entry.summary} |"
        )
    return "\n".join(lines)


def _preset_cell(name: str) -> str:
    """The presets of model `name` with their published ImageNet top-1, or ``-``."""
    from keras_resnet import presets

    cells = [f"`{p}` {presets.PRESETS[p].top1:.1f}%" for p in presets.list_presets(name)]
    return ", ".join(cells) or "-"


__all__ = [
    "FAMILIES",
    "MODELS",
    "Family",
    "ModelEntry",
    "ModelInfo",
    "create_model",
    "format_macs",
    "get_entry",
    "list_models",
    "model_info",
    "model_table",
    "progress_bar",
]
