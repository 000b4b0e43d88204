"""The model registry: every named variant is one row of data.

Names follow the papers' letters, lower-cased:

* ``resnet{depth}{variant}``: ImageNet ResNets, depth 18/34/50/101/152/200, variant ``""`` (the
  original form of He et al. 2015, as keras.applications' ``ResNet50``), ``b``/``c``/``d`` (Bag of
  Tricks; ``resnet50b`` is torchvision's and timm's ``resnet50``).
* ``resnet{depth}v2{variant}``: pre-activation ResNets (He et al. 2016), variant ``""``/``c``/``d``.
* ``cifar_resnet{depth}``: the CIFAR ResNets of He et al. 2015 with shortcut option A;
  ``cifar_resnet{depth}_b`` / ``_c`` use options B / C, ``cifar_resnet{depth}v2`` is the
  pre-activation form (option A).

This module does not import Keras; building a model does, lazily.
"""

from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import functools
from typing import Any

from keras_resnet import specs


@dataclasses.dataclass(frozen=True)
class ModelEntry:
    """One registered model.

    Attributes:
        name: registry name, e.g. ``"resnet50d"``.
        family: ``"resnet"`` (ImageNet layout) or ``"cifar"``.
        arch_args: the keyword arguments of the family's builder that define this variant.
        function: the public builder function (``"ResNet50D"``), or None where the variant is
            reached through an argument (``CifarResNet20(shortcut="B")``).
        summary: one line describing the variant.
    """

    name: str
    family: str
    arch_args: dict
    function: str | None
    summary: str

    @property
    def arch(self) -> specs.Arch:
        return FAMILIES[self.family].arch_fn(**self.arch_args)

    @property
    def default_size(self) -> int:
        return FAMILIES[self.family].default_size

    @property
    def default_classes(self) -> int:
        return FAMILIES[self.family].default_classes


@dataclasses.dataclass(frozen=True)
class Family:
    builder: str  # name of the generic builder in keras_resnet.resnet
    arch_fn: Any
    default_size: int
    default_classes: int


FAMILIES = {
    "resnet": Family("ResNet", specs.imagenet_arch, 224, 1000),
    "cifar": Family("CifarResNet", specs.cifar_arch, 32, 10),
}

_VARIANT_SUMMARY = {
    "": "original form (stride in the first 1x1 conv, 7x7 stem)",
    "b": "stride in the 3x3 conv",
    "c": "stride in the 3x3 conv, deep 3x3 stem",
    "d": "stride in the 3x3 conv, deep 3x3 stem, avg-pool projection shortcuts",
}
_PREACT_SUMMARY = {
    "": "pre-activation",
    "c": "pre-activation, deep 3x3 stem",
    "d": "pre-activation, deep 3x3 stem, avg-pool projection shortcuts",
}
_CIFAR_SUMMARY = {
    "A": "shortcut option A (zero-padding)",
    "B": "shortcut option B (projection where the shape changes)",
    "C": "shortcut option C (projection everywhere)",
}


#: Basic blocks have no 1x1 conv, so the stride placement (B) does not apply to them.
_BASIC_VARIANT_SUMMARY = {
    "": "original form (7x7 stem)",
    "b": "identical to the original: a basic block has no 1x1 conv to move the stride from",
    "c": "deep 3x3 stem",
    "d": "deep 3x3 stem, avg-pool projection shortcuts",
}


def _imagenet_entries():
    for depth, (block, _) in specs.IMAGENET_DEPTHS.items():
        forms = (
            (False, "", _BASIC_VARIANT_SUMMARY if block == "basic" else _VARIANT_SUMMARY),
            (True, "v2", _PREACT_SUMMARY),
        )
        for preact, tag, summaries in forms:
            for variant, text in summaries.items():
                label = f"ResNet-{depth}{' V2' if preact else ''}" + (f"-{variant.upper()}" if variant else "")
                yield ModelEntry(
                    name=f"resnet{depth}{tag}{variant}",
                    family="resnet",
                    arch_args=dict(depth=depth, variant=variant, preact=preact),
                    function=f"ResNet{depth}{tag.upper()}{variant.upper()}",
                    summary=f"{label}: {text}",
                )


def _cifar_entries():
    for depth in specs.CIFAR_DEPTHS:
        for option, text in _CIFAR_SUMMARY.items():
            suffix = "" if option == "A" else f"_{option.lower()}"
            yield ModelEntry(
                name=f"cifar_resnet{depth}{suffix}",
                family="cifar",
                arch_args=dict(depth=depth, shortcut=option, preact=False),
                function=f"CifarResNet{depth}" if option == "A" else None,
                summary=f"CIFAR ResNet-{depth}: {text}",
            )
        yield ModelEntry(
            name=f"cifar_resnet{depth}v2",
            family="cifar",
            arch_args=dict(depth=depth, shortcut="A", preact=True),
            function=f"CifarResNet{depth}V2",
            summary=f"CIFAR ResNet-{depth} V2: pre-activation, shortcut option A",
        )


MODELS: dict[str, ModelEntry] = {e.name: e for e in (*_imagenet_entries(), *_cifar_entries())}


def list_models(pattern: str = "*") -> list[str]:
    """Registered model names matching a shell-style pattern, in registry order.

    Example:
        >>> list_models("resnet50*")
        ['resnet50', 'resnet50b', 'resnet50c', 'resnet50d', 'resnet50v2', 'resnet50v2c', 'resnet50v2d']
    """
    if not isinstance(pattern, str):
        raise TypeError(f"pattern must be a string such as 'resnet50*'; received pattern={pattern!r}")
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
            f"Unknown model name={name!r}.{hint} keras_resnet.list_models() lists all {len(MODELS)}."
        )
    return entry


def create_model(name: str, /, **kwargs):
    """Builds a registered model by name.

    Args:
        name: a name from `list_models()`.
        **kwargs: any argument of the family's builder (`keras_resnet.ResNet` or
            `keras_resnet.CifarResNet`) except those the name fixes (depth, variant, shortcut,
            preact). ``name=`` renames the model (default: the registry name).

    Returns:
        A `keras.Model`.

    Example:
        >>> model = create_model("cifar_resnet20", classes=100)
        >>> model.output_shape
        (None, 100)
    """
    entry = get_entry(name)
    fixed = sorted(set(kwargs) & set(entry.arch_args))
    if fixed:
        raise TypeError(
            f"create_model({entry.name!r}) fixes {', '.join(f'{k}={entry.arch_args[k]!r}' for k in fixed)}; "
            f"received {', '.join(f'{k}={kwargs[k]!r}' for k in fixed)}. Pick the registered name instead."
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

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@functools.lru_cache(maxsize=None)
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

    model = create_model(entry.name, input_shape=(size, size, 3))
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
