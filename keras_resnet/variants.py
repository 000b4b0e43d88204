"""The variants: every named model is one row of plain data (no Keras, no builder).

Names follow the papers' letters, lower-cased:

* ``resnet{depth}{variant}``: ImageNet ResNets, depth 18/34/50/101/152/200, variant ``""`` (the
  original form of He et al. 2015, as keras.applications' ``ResNet50``), ``b``/``c``/``d`` (Bag of
  Tricks; ``resnet50b`` is torchvision's and timm's ``resnet50``).
* ``resnet{depth}v2{variant}``: pre-activation ResNets (He et al. 2016), variant ``""``/``c``/``d``.
* ``cifar_resnet{depth}``: the CIFAR ResNets of He et al. 2015 with shortcut option A;
  ``cifar_resnet{depth}_b`` / ``_c`` use options B / C, ``cifar_resnet{depth}v2`` is the
  pre-activation form (option A).

The builders (`keras_resnet.resnet`) generate ``ResNet50D`` and the others from these rows; the
registry (`keras_resnet.registry`) looks names up in them and calls the builders.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, Callable

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
                label = f"ResNet-{depth}{' V2' if preact else ''}" + (f"-{variant.upper()}" if variant else "")
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


MODELS: dict[str, ModelEntry] = {e.name: e for e in (*_imagenet_entries(), *_cifar_entries())}
