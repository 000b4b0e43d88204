"""Architecture specifications: every ResNet in this library is one `Arch` value.

This module is pure Python (no Keras import) so that the registry, the command line and
`import keras_resnet` stay fast.

The knobs are orthogonal:

* ``block``: ``"basic"`` (two 3x3 convs, expansion 1) or ``"bottleneck"`` (1x1-3x3-1x1,
  expansion 4).
* ``depths`` / ``widths`` / ``strides``: blocks, base filters and stride of each stage.
* ``stem``: ``"classic"`` (7x7/2 conv + 3x3/2 max pool), ``"deep"`` (three 3x3 convs, the
  first with stride 2, + 3x3/2 max pool; Bag of Tricks "C") or ``"cifar"`` (one 3x3 conv).
* ``stride_in_3x3``: where a downsampling bottleneck puts its stride (Bag of Tricks "B");
  irrelevant for basic blocks, which have no 1x1 conv.
* ``shortcut``: ``"zero_pad"`` (CIFAR option A: subsample and zero-pad channels, no
  parameters), ``"projection"`` (option B: 1x1 conv + BN where the shape changes),
  ``"projection_all"`` (option C: 1x1 conv + BN in every block) or ``"avg_projection"``
  (Bag of Tricks "D": 2x2 average pool, then a stride-1 1x1 conv + BN, where the shape changes).
* ``preact``: pre-activation (ResNet V2, He et al. 2016): BN-ReLU-conv in the branch, no
  ReLU after the addition, a final BN-ReLU before pooling.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TypedDict

BLOCKS = ("basic", "bottleneck")
STEMS = ("classic", "deep", "cifar")
SHORTCUTS = ("zero_pad", "projection", "projection_all", "avg_projection")

#: ImageNet depth -> (block kind, blocks per stage). He et al. 2015, Table 1 (+ ResNet-200 of
#: He et al. 2016).
IMAGENET_DEPTHS = {
    18: ("basic", (2, 2, 2, 2)),
    34: ("basic", (3, 4, 6, 3)),
    50: ("bottleneck", (3, 4, 6, 3)),
    101: ("bottleneck", (3, 4, 23, 3)),
    152: ("bottleneck", (3, 8, 36, 3)),
    200: ("bottleneck", (3, 24, 36, 3)),
}

class _Knobs(TypedDict):
    """The `Arch` fields a Bag of Tricks variant sets."""

    stem: str
    stride_in_3x3: bool
    shortcut: str


#: Bag of Tricks letter -> knobs. The tweaks accumulate: C includes B, D includes C.
#: For basic blocks (18/34) "b" changes nothing: a basic block has no 1x1 conv to move the
#: stride from, so ResNet-18-B is ResNet-18 (torchvision's ``resnet18``).
IMAGENET_VARIANTS: dict[str, _Knobs] = {
    "": dict(stem="classic", stride_in_3x3=False, shortcut="projection"),
    "b": dict(stem="classic", stride_in_3x3=True, shortcut="projection"),
    "c": dict(stem="deep", stride_in_3x3=True, shortcut="projection"),
    "d": dict(stem="deep", stride_in_3x3=True, shortcut="avg_projection"),
}

#: Pre-activation ResNets always put the stride in the 3x3 conv (fb.resnet.torch, timm,
#: keras.applications), so only the C stem and D shortcut tweaks apply to them.
PREACT_VARIANTS = ("", "c", "d")

#: The CIFAR paper's shortcut options (He et al. 2015, section 4.2 and Table 3).
CIFAR_SHORTCUTS = {"A": "zero_pad", "B": "projection", "C": "projection_all"}

#: The CIFAR depths of He et al. 2015, Table 6.
CIFAR_DEPTHS = (20, 32, 44, 56, 110, 1202)

IMAGENET_WIDTHS = (64, 128, 256, 512)
IMAGENET_STRIDES = (1, 2, 2, 2)
CIFAR_WIDTHS = (16, 32, 64)
CIFAR_STRIDES = (1, 2, 2)
STEM_WIDTHS = {"classic": (64,), "deep": (32, 32, 64), "cifar": (16,)}
#: Downsampling done by each stem before the first stage.
STEM_STRIDES = {"classic": 4, "deep": 4, "cifar": 1}


@dataclasses.dataclass(frozen=True)
class Arch:
    """One ResNet architecture, as data. See the module docstring for the knobs."""

    block: str
    depths: tuple[int, ...]
    widths: tuple[int, ...]
    strides: tuple[int, ...]
    stem: str
    stride_in_3x3: bool
    shortcut: str
    preact: bool

    def __post_init__(self) -> None:
        for field, allowed in (("block", BLOCKS), ("stem", STEMS), ("shortcut", SHORTCUTS)):
            value = getattr(self, field)
            if value not in allowed:
                raise ValueError(f"Arch.{field} must be one of {allowed}; received {field}={value!r}")
        if not (len(self.depths) == len(self.widths) == len(self.strides)):
            raise ValueError(
                "Arch.depths, widths and strides must have one entry per stage; received "
                f"depths={self.depths}, widths={self.widths}, strides={self.strides}"
            )

    @property
    def expansion(self) -> int:
        return 4 if self.block == "bottleneck" else 1

    @property
    def stem_widths(self) -> tuple[int, ...]:
        return STEM_WIDTHS[self.stem]

    @property
    def total_stride(self) -> int:
        """How much the network downsamples its input: the minimum input height/width."""
        total = STEM_STRIDES[self.stem]
        for stride in self.strides:
            total *= stride
        return total

    @property
    def num_blocks(self) -> int:
        return sum(self.depths)

    @property
    def num_features(self) -> int:
        """Channels of the last feature map (the classifier's input)."""
        return self.widths[-1] * self.expansion


def _choice_error(argument: str, value: object, allowed: Iterable[object]) -> ValueError:
    return ValueError(
        f"{argument} must be one of {', '.join(repr(a) for a in allowed)}; received {argument}={value!r}"
    )


def imagenet_arch(depth: int, variant: str = "", preact: bool = False) -> Arch:
    """The `Arch` of an ImageNet ResNet.

    Args:
        depth: 18, 34, 50, 101, 152 or 200.
        variant: ``""`` (the paper's original form), ``"b"``, ``"c"`` or ``"d"`` (Bag of Tricks).
        preact: pre-activation ResNet V2; its variants are ``""``, ``"c"`` and ``"d"``.

    Example:
        >>> imagenet_arch(50, "d").shortcut
        'avg_projection'
    """
    if isinstance(depth, bool) or depth not in IMAGENET_DEPTHS:
        raise _choice_error("depth", depth, tuple(IMAGENET_DEPTHS))
    allowed = PREACT_VARIANTS if preact else tuple(IMAGENET_VARIANTS)
    if not isinstance(variant, str) or variant.lower() not in allowed:
        hint = ""
        if preact and isinstance(variant, str) and variant.lower() == "b":
            hint = " (pre-activation ResNets already put the stride in the 3x3 conv: use variant='')"
        raise ValueError(str(_choice_error("variant", variant, allowed)) + hint)
    block, depths = IMAGENET_DEPTHS[depth]
    knobs = IMAGENET_VARIANTS[variant.lower()]
    return Arch(
        block=block,
        depths=depths,
        widths=IMAGENET_WIDTHS,
        strides=IMAGENET_STRIDES,
        preact=preact,
        stem=knobs["stem"],
        stride_in_3x3=True if preact else knobs["stride_in_3x3"],
        shortcut=knobs["shortcut"],
    )


def cifar_arch(depth: int, shortcut: str = "A", preact: bool = False) -> Arch:
    """The `Arch` of a CIFAR ResNet of He et al. 2015 (depth = 6n + 2).

    Args:
        depth: any depth of the form 6n + 2 with n >= 1 (20, 32, 44, 56, 110, 1202 in the paper).
        shortcut: the paper's option ``"A"`` (zero-padding), ``"B"`` (projection where the
            shape changes) or ``"C"`` (projection everywhere).
        preact: pre-activation blocks (He et al. 2016).

    Example:
        >>> cifar_arch(56).depths
        (9, 9, 9)
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 8 or (depth - 2) % 6:
        raise ValueError(
            "depth of a CIFAR ResNet must be of the form 6n+2 with n >= 1 "
            f"(20, 32, 44, 56, 110, 1202, ...); received depth={depth!r}"
        )
    if not isinstance(shortcut, str) or shortcut.upper() not in CIFAR_SHORTCUTS:
        raise _choice_error("shortcut", shortcut, tuple(CIFAR_SHORTCUTS))
    n = (depth - 2) // 6
    return Arch(
        block="basic",
        depths=(n, n, n),
        widths=CIFAR_WIDTHS,
        strides=CIFAR_STRIDES,
        stem="cifar",
        stride_in_3x3=True,
        shortcut=CIFAR_SHORTCUTS[shortcut.upper()],
        preact=preact,
    )
