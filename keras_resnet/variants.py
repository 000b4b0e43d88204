"""The variants: every named model is one row of plain data (no Keras, no builder).

Names follow the papers' letters, lower-cased:

* ``resnet{depth}{variant}``: ImageNet ResNets, depth 18/34/50/101/152/200, variant ``""`` (the
  original form of He et al. 2015, as keras.applications' ``ResNet50``), ``b``/``c``/``d`` (Bag of
  Tricks; ``resnet50b`` is torchvision's and timm's ``resnet50``).
* ``resnet{depth}v2{variant}``: pre-activation ResNets (He et al. 2016), variant ``""``/``c``/``d``,
  laid out as timm's ``resnetv2_*``; ``resnet{50,101,152}v2_keras`` lay them out as
  keras.applications' ``ResNet50V2/101V2/152V2`` (``v2_layout="keras"``, `specs.V2_LAYOUTS`).
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

``scripts/generate_named.py`` writes the named builders (``ResNet50D`` and the others, in
`keras_resnet._named`) from these rows; the registry (`keras_resnet.registry`) looks names up in
them and calls the generic builders (`keras_resnet.resnet`).
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


#: The depths keras.applications builds in its pre-activation layout (``ResNet50V2`` ...).
KERAS_V2_DEPTHS = (50, 101, 152)


def _keras_v2_entries() -> Iterator[ModelEntry]:
    for depth in KERAS_V2_DEPTHS:
        yield ModelEntry(
            name=f"resnet{depth}v2_keras",
            family="resnet",
            arch_args=dict(depth=depth, variant="", preact=True, v2_layout="keras"),
            function=None,
            summary=f"ResNet-{depth} V2 as keras.applications lays it out: stride in the last "
            "block of a stage (1x1 max-pool shortcut), biased convs where no BN follows",
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
                summary=f"CIFAR plain-{depth}: ResNet-{depth}'s layers without shortcuts "
                "(the degradation baseline)",
            )


def _wider(
    *, name: str, function: str, depth: int, summary: str, variant: str = "b", **knobs: Any
) -> ModelEntry:
    """One model of the wider family: ``specs.imagenet_arch(depth, variant, preact=False,
    **knobs)`` under timm's `name`, with its builder `function` and one-line `summary`. The
    variant is the Bag of Tricks form, B (timm's default) unless the name ends in ``d``."""
    return ModelEntry(
        name=name,
        family="resnet",
        arch_args=dict(depth=depth, variant=variant, preact=False, **knobs),
        function=function,
        summary=summary,
    )


#: timm's and torchvision's names and definitions (timm ``resnet.py``: ``resnext50_32x4d`` is
#: ``cardinality=32, base_width=4``; ``wide_resnet50_2`` is ``base_width=128``; SE reduces by 16,
#: ResNet-RS by 4 with a conv instead of the stem's max pool, D shortcuts and the deep stem).
_SE: dict[str, Any] = dict(attention="se")
_ECA: dict[str, Any] = dict(attention="eca")
_RS: dict[str, Any] = dict(attention="se", attention_ratio=0.25, stem_pool="conv")
WIDER_FAMILY: list[ModelEntry] = [
    _wider(
        name="resnext50_32x4d",
        function="ResNeXt50_32x4d",
        depth=50,
        cardinality=32,
        base_width=4,
        summary="ResNeXt-50 32x4d",
    ),
    _wider(
        name="resnext50d_32x4d",
        function="ResNeXt50D_32x4d",
        depth=50,
        variant="d",
        cardinality=32,
        base_width=4,
        summary="ResNeXt-50-D 32x4d",
    ),
    _wider(
        name="resnext101_32x4d",
        function="ResNeXt101_32x4d",
        depth=101,
        cardinality=32,
        base_width=4,
        summary="ResNeXt-101 32x4d",
    ),
    _wider(
        name="resnext101_32x8d",
        function="ResNeXt101_32x8d",
        depth=101,
        cardinality=32,
        base_width=8,
        summary="ResNeXt-101 32x8d",
    ),
    _wider(
        name="resnext101_64x4d",
        function="ResNeXt101_64x4d",
        depth=101,
        cardinality=64,
        base_width=4,
        summary="ResNeXt-101 64x4d",
    ),
    _wider(
        name="wide_resnet50_2",
        function="WideResNet50_2",
        depth=50,
        base_width=128,
        summary="Wide ResNet-50-2: bottleneck width doubled",
    ),
    _wider(
        name="wide_resnet101_2",
        function="WideResNet101_2",
        depth=101,
        base_width=128,
        summary="Wide ResNet-101-2: bottleneck width doubled",
    ),
    _wider(
        name="seresnet18",
        function="SEResNet18",
        depth=18,
        **_SE,
        summary="SE-ResNet-18: squeeze-and-excitation, reduction 16",
    ),
    _wider(
        name="seresnet34",
        function="SEResNet34",
        depth=34,
        **_SE,
        summary="SE-ResNet-34: squeeze-and-excitation, reduction 16",
    ),
    _wider(
        name="seresnet50",
        function="SEResNet50",
        depth=50,
        **_SE,
        summary="SE-ResNet-50: squeeze-and-excitation, reduction 16",
    ),
    _wider(
        name="seresnet101",
        function="SEResNet101",
        depth=101,
        **_SE,
        summary="SE-ResNet-101: squeeze-and-excitation, reduction 16",
    ),
    _wider(
        name="seresnet152",
        function="SEResNet152",
        depth=152,
        **_SE,
        summary="SE-ResNet-152: squeeze-and-excitation, reduction 16",
    ),
    _wider(
        name="seresnext50_32x4d",
        function="SEResNeXt50_32x4d",
        depth=50,
        cardinality=32,
        base_width=4,
        **_SE,
        summary="SE-ResNeXt-50 32x4d",
    ),
    _wider(
        name="seresnext101_32x4d",
        function="SEResNeXt101_32x4d",
        depth=101,
        cardinality=32,
        base_width=4,
        **_SE,
        summary="SE-ResNeXt-101 32x4d",
    ),
    _wider(
        name="seresnext101_32x8d",
        function="SEResNeXt101_32x8d",
        depth=101,
        cardinality=32,
        base_width=8,
        **_SE,
        summary="SE-ResNeXt-101 32x8d",
    ),
    _wider(
        name="ecaresnet50d",
        function="ECAResNet50D",
        depth=50,
        variant="d",
        **_ECA,
        summary="ECA-ResNet-50-D: efficient channel attention",
    ),
    _wider(
        name="ecaresnet101d",
        function="ECAResNet101D",
        depth=101,
        variant="d",
        **_ECA,
        summary="ECA-ResNet-101-D: efficient channel attention",
    ),
    _wider(
        name="resnetrs50",
        function="ResNetRS50",
        depth=50,
        variant="d",
        **_RS,
        summary="ResNet-RS-50: SE (reduction 4), D form, conv stem pool",
    ),
    _wider(
        name="resnetrs101",
        function="ResNetRS101",
        depth=101,
        variant="d",
        **_RS,
        summary="ResNet-RS-101: SE (reduction 4), D form, conv stem pool",
    ),
    _wider(
        name="resnetrs152",
        function="ResNetRS152",
        depth=152,
        variant="d",
        **_RS,
        summary="ResNet-RS-152: SE (reduction 4), D form, conv stem pool",
    ),
    _wider(
        name="resnetrs200",
        function="ResNetRS200",
        depth=200,
        variant="d",
        **_RS,
        summary="ResNet-RS-200: SE (reduction 4), D form, conv stem pool",
    ),
]


MODELS: dict[str, ModelEntry] = {
    e.name: e
    for e in (*_imagenet_entries(), *_keras_v2_entries(), *WIDER_FAMILY, *_cifar_entries())
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
        >>> knobs = dict(cardinality=32, base_width=4)
        >>> name_of("resnet", dict(depth=50, variant="b", preact=False, **knobs))
        'resnext50_32x4d'
    """
    return _NAMES.get(_arch_key(family, arch_args))
