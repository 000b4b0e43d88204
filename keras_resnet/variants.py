"""The variants: every named model is one row of plain data (no Keras, no builder).

Names follow the papers' letters, lower-cased:

* ``resnet{depth}{variant}``: ImageNet ResNets, depth 18/34/50/101/152/200, variant ``""`` (the
  original form of He et al. 2015, as keras.applications' ``ResNet50``), ``b``/``c``/``d`` (Bag of
  Tricks; ``resnet50b`` is torchvision's and timm's ``resnet50``).
* ``resnet{depth}v2{variant}``: pre-activation ResNets (He et al. 2016), variant ``""``/``c``/``d``.
* timm's and torchvision's names for the rest of the family (`WIDER_FAMILY`): ResNeXt
  (``resnext50_32x4d``: 32 groups of width 4), Wide ResNet (``wide_resnet50_2``), SE-ResNet and
  SE-ResNeXt (``seresnet50``, ``seresnext50_32x4d``), ECA-ResNet-D (``ecaresnet50d``) and ResNet-RS
  (``resnetrs50``). Like timm's ``resnet50`` they are the B form unless the name ends in ``d``.
* ``cifar_resnet{depth}``: the CIFAR ResNets of He et al. 2015 with shortcut option A;
  ``cifar_resnet{depth}_b`` / ``_c`` use options B / C, ``cifar_resnet{depth}v2`` is the
  pre-activation form (option A).
* ``cifar_plain{depth}``: the paper's plain nets (He et al. 2015, section 4.2, Figure 6), depth
  20/32/44/56/110: the layers of ``cifar_resnet{depth}`` without shortcuts (``shortcut=None``),
  hence exactly its parameters.

The builders (`keras_resnet.resnet`) generate ``ResNet50D`` and the others from these rows; the
registry (`keras_resnet.registry`) looks names up in them and calls the builders.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
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
    arch_args: dict[str, Any]
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
    arch_fn: Callable[..., specs.Arch]
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


def _imagenet_entries() -> Iterator[ModelEntry]:
    for depth, (block, _) in specs.IMAGENET_DEPTHS.items():
        forms = (
            (False, "", _BASIC_VARIANT_SUMMARY if block == "basic" else _VARIANT_SUMMARY),
            (True, "v2", _PREACT_SUMMARY),
        )
        for preact, tag, summaries in forms:
            for variant, text in summaries.items():
                label = f"ResNet-{depth}{' V2' if preact else ''}" + (
                    f"-{variant.upper()}" if variant else ""
                )
                yield ModelEntry(
                    name=f"resnet{depth}{tag}{variant}",
                    family="resnet",
                    arch_args=dict(depth=depth, variant=variant, preact=preact),
                    function=f"ResNet{depth}{tag.upper()}{variant.upper()}",
                    summary=f"{label}: {text}",
                )


def _cifar_entries() -> Iterator[ModelEntry]:
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
        if depth in specs.CIFAR_PLAIN_DEPTHS:
            yield ModelEntry(
                name=f"cifar_plain{depth}",
                family="cifar",
                arch_args=dict(depth=depth, shortcut=None, preact=False),
                function=None,
                summary=f"CIFAR plain-{depth}: ResNet-{depth}'s layers without shortcuts (the degradation baseline)",
            )


#: name -> (depth, Bag of Tricks form, knobs of `specs.imagenet_arch`, builder function, summary).
#: timm's and torchvision's names and definitions (timm ``resnet.py``: ``resnext50_32x4d`` is
#: ``cardinality=32, base_width=4``; ``wide_resnet50_2`` is ``base_width=128``; SE reduces by 16,
#: ResNet-RS by 4 with a conv instead of the stem's max pool, D shortcuts and the deep stem).
_SE, _ECA = dict(attention="se"), dict(attention="eca")
_RS = dict(attention="se", attention_ratio=0.25, stem_pool="conv")
WIDER_FAMILY: dict[str, tuple[int, str, dict[str, Any], str, str]] = {
    "resnext50_32x4d": (
        50,
        "b",
        dict(cardinality=32, base_width=4),
        "ResNeXt50_32x4d",
        "ResNeXt-50 32x4d",
    ),
    "resnext50d_32x4d": (
        50,
        "d",
        dict(cardinality=32, base_width=4),
        "ResNeXt50D_32x4d",
        "ResNeXt-50-D 32x4d",
    ),
    "resnext101_32x4d": (
        101,
        "b",
        dict(cardinality=32, base_width=4),
        "ResNeXt101_32x4d",
        "ResNeXt-101 32x4d",
    ),
    "resnext101_32x8d": (
        101,
        "b",
        dict(cardinality=32, base_width=8),
        "ResNeXt101_32x8d",
        "ResNeXt-101 32x8d",
    ),
    "resnext101_64x4d": (
        101,
        "b",
        dict(cardinality=64, base_width=4),
        "ResNeXt101_64x4d",
        "ResNeXt-101 64x4d",
    ),
    "wide_resnet50_2": (
        50,
        "b",
        dict(base_width=128),
        "WideResNet50_2",
        "Wide ResNet-50-2: bottleneck width doubled",
    ),
    "wide_resnet101_2": (
        101,
        "b",
        dict(base_width=128),
        "WideResNet101_2",
        "Wide ResNet-101-2: bottleneck width doubled",
    ),
    "seresnet18": (
        18,
        "b",
        _SE,
        "SEResNet18",
        "SE-ResNet-18: squeeze-and-excitation, reduction 16",
    ),
    "seresnet34": (
        34,
        "b",
        _SE,
        "SEResNet34",
        "SE-ResNet-34: squeeze-and-excitation, reduction 16",
    ),
    "seresnet50": (
        50,
        "b",
        _SE,
        "SEResNet50",
        "SE-ResNet-50: squeeze-and-excitation, reduction 16",
    ),
    "seresnet101": (
        101,
        "b",
        _SE,
        "SEResNet101",
        "SE-ResNet-101: squeeze-and-excitation, reduction 16",
    ),
    "seresnet152": (
        152,
        "b",
        _SE,
        "SEResNet152",
        "SE-ResNet-152: squeeze-and-excitation, reduction 16",
    ),
    "seresnext50_32x4d": (
        50,
        "b",
        dict(cardinality=32, base_width=4, **_SE),
        "SEResNeXt50_32x4d",
        "SE-ResNeXt-50 32x4d",
    ),
    "seresnext101_32x4d": (
        101,
        "b",
        dict(cardinality=32, base_width=4, **_SE),
        "SEResNeXt101_32x4d",
        "SE-ResNeXt-101 32x4d",
    ),
    "seresnext101_32x8d": (
        101,
        "b",
        dict(cardinality=32, base_width=8, **_SE),
        "SEResNeXt101_32x8d",
        "SE-ResNeXt-101 32x8d",
    ),
    "ecaresnet50d": (50, "d", _ECA, "ECAResNet50D", "ECA-ResNet-50-D: efficient channel attention"),
    "ecaresnet101d": (
        101,
        "d",
        _ECA,
        "ECAResNet101D",
        "ECA-ResNet-101-D: efficient channel attention",
    ),
    "resnetrs50": (
        50,
        "d",
        _RS,
        "ResNetRS50",
        "ResNet-RS-50: SE (reduction 4), D form, conv stem pool",
    ),
    "resnetrs101": (
        101,
        "d",
        _RS,
        "ResNetRS101",
        "ResNet-RS-101: SE (reduction 4), D form, conv stem pool",
    ),
    "resnetrs152": (
        152,
        "d",
        _RS,
        "ResNetRS152",
        "ResNet-RS-152: SE (reduction 4), D form, conv stem pool",
    ),
    "resnetrs200": (
        200,
        "d",
        _RS,
        "ResNetRS200",
        "ResNet-RS-200: SE (reduction 4), D form, conv stem pool",
    ),
}


def _wider_entries() -> Iterator[ModelEntry]:
    for name, (depth, variant, knobs, function, summary) in WIDER_FAMILY.items():
        args = dict(depth=depth, variant=variant, preact=False, **knobs)
        yield ModelEntry(
            name=name, family="resnet", arch_args=args, function=function, summary=summary
        )


MODELS: dict[str, ModelEntry] = {
    e.name: e for e in (*_imagenet_entries(), *_wider_entries(), *_cifar_entries())
}


def _arch_key(family: str, arch_args: dict[str, Any]) -> tuple:
    defaults = specs.IMAGENET_KNOBS if family == "resnet" else {}
    return (
        family,
        *sorted((k, v) for k, v in arch_args.items() if k not in defaults or defaults[k] != v),
    )


_NAMES = {_arch_key(e.family, e.arch_args): e.name for e in MODELS.values()}


def name_of(family: str, arch_args: dict[str, Any]) -> str | None:
    """The registered name of the model `arch_args` builds in `family`, or None.

    Example:
        >>> name_of("resnet", dict(depth=50, variant="b", preact=False, cardinality=32, base_width=4))
        'resnext50_32x4d'
    """
    return _NAMES.get(_arch_key(family, arch_args))
