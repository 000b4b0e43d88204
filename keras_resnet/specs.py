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
  (Bag of Tricks "D": 2x2 average pool, then a stride-1 1x1 conv + BN, where the shape changes)
  or ``"none"``: no shortcut and no addition, a *plain* network (He et al. 2015, section 4.2 and
  Figure 6: the same layers as the ResNet, each block's output is its branch's).
* ``preact``: pre-activation (ResNet V2, He et al. 2016): BN-ReLU-conv in the branch, no
  ReLU after the addition, a final BN-ReLU before pooling.
* ``cardinality`` / ``base_width``: the grouped 3x3 conv of a ResNeXt bottleneck (Xie et al.
  2017); its width is ``floor(planes * base_width / 64) * cardinality`` (`bottleneck_width`), so
  ``base_width=128`` is Wide ResNet-50-2 (Zagoruyko and Komodakis 2016, as torchvision and timm).
* ``attention``: None, ``"se"`` (squeeze-and-excitation, Hu et al. 2018, reduction
  ``attention_ratio``: 1/16, ResNet-RS 1/4) or ``"eca"`` (efficient channel attention, Wang et al.
  2020: a 1-D conv over the pooled channels with an adaptive kernel, `eca_kernel_size`), applied
  to the residual branch before the addition, as timm does.
* ``stem_pool``: ``"max"`` (3x3/2 max pool) or ``"conv"`` (3x3/2 conv + BN + ReLU: ResNet-RS,
  Bello et al. 2021).
* ``v2_layout``: how a pre-activation network is laid out, a row of `V2_LAYOUTS`: ``"timm"``
  (the default: He et al. 2016 as timm's ``resnetv2_50`` builds it) or ``"keras"``
  (keras.applications' ``ResNet50V2``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from typing import TypedDict

BLOCKS = ("basic", "bottleneck")
STEMS = ("classic", "deep", "cifar")
SHORTCUTS = ("zero_pad", "projection", "projection_all", "avg_projection", "none")
ATTENTIONS = (None, "se", "eca")
STEM_POOLS = ("max", "conv")


@dataclasses.dataclass(frozen=True)
class V2Layout:
    """How a pre-activation network is laid out beyond its blocks (a row of `V2_LAYOUTS`).

    Attributes:
        stride_block: ``"first"``: a stage's first block strides (He et al. 2016, timm); or
            ``"last"``: the stride that starts stage ``s + 1`` sits in the last block of stage
            ``s`` (keras.applications), so each stage's output is already downsampled.
        conv_bias: the convolutions no BatchNorm follows (the stem's last, the shortcut
            projections, the last of each branch) carry a bias.
        pool_ignores_padding: the stem's 3x3/2 max pool ignores its padding, as PyTorch's
            ``MaxPool2d(3, 2, padding=1)`` does; otherwise it pads with zeros (keras.applications).
            The two differ here because a pre-activation stem pools the raw conv output.
        subsample_identity: a block that strides without changing its channels subsamples its
            shortcut (a 1x1/2 max pool) instead of projecting it.
    """

    stride_block: str
    conv_bias: bool
    pool_ignores_padding: bool
    subsample_identity: bool


#: Pre-activation layouts by name. ``"timm"`` is timm's ``resnetv2_*`` (``PreActBottleneck``:
#: stride in the first block's 3x3 conv, ``MaxPool2d(3, 2, padding=1)`` on the raw stem conv);
#: ``"keras"`` is keras.applications' ``ResNet50V2/101V2/152V2`` (``stack_residual_blocks_v2``:
#: stride in the last block of conv2-conv4 with a 1x1 max-pool shortcut, biased convs where no
#: BatchNorm follows, zero-padded stem pool).
V2_LAYOUTS = {
    "timm": V2Layout(
        stride_block="first", conv_bias=False, pool_ignores_padding=True, subsample_identity=False
    ),
    "keras": V2Layout(
        stride_block="last", conv_bias=True, pool_ignores_padding=False, subsample_identity=True
    ),
}
DEFAULT_V2_LAYOUT = "timm"

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

#: The CIFAR paper's shortcut options (He et al. 2015, section 4.2 and Table 3); None: no
#: shortcuts, the paper's plain nets (with option A, a ResNet has exactly its plain net's
#: parameters).
CIFAR_SHORTCUTS = {"A": "zero_pad", "B": "projection", "C": "projection_all", None: "none"}

#: The depths of the paper's plain CIFAR nets (section 4.2, Figure 6: 20, 32, 44, 56; and 110).
CIFAR_PLAIN_DEPTHS = (20, 32, 44, 56, 110)

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
    cardinality: int = 1
    base_width: int = 64
    attention: str | None = None
    attention_ratio: float = 1 / 16
    stem_pool: str = "max"
    v2_layout: str = DEFAULT_V2_LAYOUT

    def __post_init__(self) -> None:
        choices = (
            ("block", BLOCKS),
            ("stem", STEMS),
            ("shortcut", SHORTCUTS),
            ("attention", ATTENTIONS),
            ("stem_pool", STEM_POOLS),
            ("v2_layout", tuple(V2_LAYOUTS)),
        )
        for field, allowed in choices:
            value = getattr(self, field)
            if value not in allowed:
                raise ValueError(
                    f"Arch.{field} must be one of {allowed}; received {field}={value!r}"
                )
        if not (len(self.depths) == len(self.widths) == len(self.strides)):
            raise ValueError(
                "Arch.depths, widths and strides must have one entry per stage; received "
                f"depths={self.depths}, widths={self.widths}, strides={self.strides}"
            )
        if self.block == "basic" and (self.cardinality, self.base_width) != (1, 64):
            raise ValueError(
                "basic blocks have no grouped or widened 3x3 conv: cardinality=1 and "
                f"base_width=64 only; received cardinality={self.cardinality}, "
                f"base_width={self.base_width}"
            )
        if self.stem_pool == "conv" and self.stem == "cifar":
            raise ValueError("the CIFAR stem has no pool to replace; received stem_pool='conv'")
        if self.v2_layout != DEFAULT_V2_LAYOUT and not self.preact:
            raise ValueError(
                "v2_layout applies to pre-activation networks (preact=True); received "
                f"v2_layout={self.v2_layout!r} with preact=False"
            )
        if self.layout.stride_block == "last" and self.strides[0] != 1:
            raise ValueError(
                f"v2_layout={self.v2_layout!r} strides in the last block of the previous stage, "
                f"so the first stage cannot stride; received strides={self.strides}"
            )

    @property
    def layout(self) -> V2Layout:
        """The `V2Layout` row of `v2_layout` (what a pre-activation network's layers follow)."""
        return V2_LAYOUTS[self.v2_layout]

    def bottleneck_width(self, planes: int) -> int:
        """Channels of the 3x3 conv of a bottleneck with `planes` base filters (ResNeXt/Wide
        ResNet)."""
        return int(math.floor(planes * self.base_width / 64)) * self.cardinality

    @property
    def residual(self) -> bool:
        """Whether the blocks add a shortcut to their branch (False: a plain network)."""
        return self.shortcut != "none"

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
        f"{argument} must be one of {', '.join(repr(a) for a in allowed)}; received "
        f"{argument}={value!r}"
    )


#: The `imagenet_arch` keywords beyond depth, variant and preact: the ResNeXt, Wide ResNet,
#: attention and ResNet-RS knobs, with their defaults (a plain ResNet).
IMAGENET_KNOBS = {
    "cardinality": 1,
    "base_width": 64,
    "attention": None,
    "attention_ratio": 1 / 16,
    "stem_pool": "max",
    "v2_layout": DEFAULT_V2_LAYOUT,
}


def imagenet_arch(
    depth: int,
    variant: str = "",
    preact: bool = False,
    *,
    cardinality: int = 1,
    base_width: int = 64,
    attention: str | None = None,
    attention_ratio: float = 1 / 16,
    stem_pool: str = "max",
    v2_layout: str = DEFAULT_V2_LAYOUT,
) -> Arch:
    """The `Arch` of an ImageNet ResNet, ResNeXt, Wide ResNet, SE/ECA-ResNet or ResNet-RS.

    Args:
        depth: 18, 34, 50, 101, 152 or 200.
        variant: ``""`` (the paper's original form), ``"b"``, ``"c"`` or ``"d"`` (Bag of Tricks).
        preact: pre-activation ResNet V2; its variants are ``""``, ``"c"`` and ``"d"``.
        cardinality: groups of the bottleneck's 3x3 conv (``32`` with `base_width` ``4`` is
            ResNeXt 32x4d; ``1`` with ``128`` Wide ResNet-2).
        base_width: per-group width of the bottleneck's 3x3 conv.
        attention: None, ``"se"`` or ``"eca"``.
        attention_ratio: the SE reduction.
        stem_pool: ``"max"`` or ``"conv"`` (ResNet-RS).
        v2_layout: ``"timm"`` or ``"keras"`` (`V2_LAYOUTS`): where a pre-activation network
            strides and what else its layers follow; pre-activation only.

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
            hint = (
                " (pre-activation ResNets already put the stride in the 3x3 conv: use variant='')"
            )
        raise ValueError(str(_choice_error("variant", variant, allowed)) + hint)
    block, depths = IMAGENET_DEPTHS[depth]
    knobs = IMAGENET_VARIANTS[variant.lower()]
    if attention not in ATTENTIONS:
        raise _choice_error("attention", attention, ATTENTIONS)
    if stem_pool not in STEM_POOLS:
        raise _choice_error("stem_pool", stem_pool, STEM_POOLS)
    if not isinstance(v2_layout, str) or v2_layout not in V2_LAYOUTS:
        raise _choice_error("v2_layout", v2_layout, tuple(V2_LAYOUTS))
    if v2_layout != DEFAULT_V2_LAYOUT and not preact:
        raise ValueError(
            "v2_layout applies to pre-activation ResNets (preact=True, the V2 models); "
            f"received v2_layout={v2_layout!r} with preact=False"
        )
    _check_positive_int("cardinality", cardinality)
    _check_positive_int("base_width", base_width)
    if (
        isinstance(attention_ratio, bool)
        or not isinstance(attention_ratio, (int, float))
        or not 0 < attention_ratio <= 1
    ):
        raise ValueError(
            "attention_ratio must be a number in (0, 1]; received "
            f"attention_ratio={attention_ratio!r}"
        )
    return Arch(
        block=block,
        depths=depths,
        widths=IMAGENET_WIDTHS,
        strides=IMAGENET_STRIDES,
        preact=preact,
        stem=knobs["stem"],
        stride_in_3x3=True if preact else knobs["stride_in_3x3"],
        shortcut=knobs["shortcut"],
        cardinality=cardinality,
        base_width=base_width,
        attention=attention,
        attention_ratio=float(attention_ratio),
        stem_pool=stem_pool,
        v2_layout=v2_layout,
    )


def _check_positive_int(argument: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{argument} must be a positive integer; received {argument}={value!r}")


def se_channels(channels: int, ratio: float, divisor: int = 8) -> int:
    """Channels of the squeeze of an SE module over `channels`: ``channels * ratio`` rounded to
    the nearest multiple of `divisor`, at least `divisor` (timm's ``make_divisible``).

    Example:
        >>> se_channels(256, 1 / 16), se_channels(64, 1 / 16), se_channels(2048, 0.25)
        (16, 8, 512)
    """
    return max(divisor, int(channels * ratio + divisor / 2) // divisor * divisor)


def eca_kernel_size(channels: int, gamma: float = 2, beta: float = 1) -> int:
    """The ECA module's adaptive 1-D kernel size: the odd number nearest ``(log2 C + beta) / gamma``
    upwards, at least 3 (Wang et al. 2020, eq. 12, as timm computes it).

    Example:
        >>> [eca_kernel_size(c) for c in (64, 256, 1024, 2048)]
        [3, 5, 5, 7]
    """
    t = int(abs(math.log(channels, 2) + beta) / gamma)
    return max(t if t % 2 else t + 1, 3)


@dataclasses.dataclass(frozen=True)
class StageLayout:
    """How one stage downsamples: the stride of its first block, the dilation of its blocks and
    the dilation of the first block's first strided-or-dilated conv (the previous stage's)."""

    stride: int
    dilation: int
    first_dilation: int


def stage_layouts(arch: Arch, output_stride: int | None = None) -> list[StageLayout]:
    """Each stage's stride and dilation for a network that downsamples by `output_stride` in all
    (default: no dilation). Once the stride so far reaches `output_stride`, later stages keep the
    resolution and dilate their convs instead (DeepLab's atrous ResNet; torchvision's
    ``replace_stride_with_dilation`` and timm's ``output_stride``).

    Example:
        >>> [(s.stride, s.dilation) for s in stage_layouts(imagenet_arch(50), 8)]
        [(1, 1), (2, 1), (1, 2), (1, 4)]
    """
    allowed = output_strides(arch)
    if output_stride is None:
        output_stride = allowed[-1]
    if isinstance(output_stride, bool) or output_stride not in allowed:
        raise _choice_error("output_stride", output_stride, allowed)
    net_stride, dilation, layouts = STEM_STRIDES[arch.stem], 1, []
    for stride in arch.strides:
        previous = dilation
        if net_stride >= output_stride and stride > 1:
            dilation, stride = dilation * stride, 1
        net_stride *= stride
        layouts.append(StageLayout(stride, dilation, previous))
    return layouts


@dataclasses.dataclass(frozen=True)
class BlockLayout:
    """One block's place in the downsampling: its stride, the dilation of its 3x3 convs and the
    dilation of its first 3x3 conv (where a replaced stride would have been)."""

    stride: int
    dilation: int
    first_dilation: int


def block_layouts(arch: Arch, output_stride: int | None = None) -> list[list[BlockLayout]]:
    """Every block's `BlockLayout`, stage by stage: `stage_layouts` placed in the first block of
    each stage, or, where `arch`'s `V2Layout` strides in the last block (keras.applications), the
    stride starting stage ``s + 1`` in the last block of stage ``s``.

    Example:
        >>> arch = imagenet_arch(50, preact=True, v2_layout="keras")
        >>> [[b.stride for b in stage] for stage in block_layouts(arch)]
        [[1, 1, 2], [1, 1, 1, 2], [1, 1, 1, 1, 1, 2], [1, 1, 1]]
    """
    stages = stage_layouts(arch, output_stride)
    last = arch.preact and arch.layout.stride_block == "last"
    result = []
    for s, (depth, stage) in enumerate(zip(arch.depths, stages, strict=True)):
        if last:
            stride = stages[s + 1].stride if s + 1 < len(stages) else 1
            result.append(
                [
                    BlockLayout(stride if i == depth - 1 else 1, stage.dilation, stage.dilation)
                    for i in range(depth)
                ]
            )
        else:
            result.append(
                [
                    BlockLayout(stage.stride, stage.dilation, stage.first_dilation)
                    if i == 0
                    else BlockLayout(1, stage.dilation, stage.dilation)
                    for i in range(depth)
                ]
            )
    return result


def output_strides(arch: Arch) -> tuple[int, ...]:
    """The output strides `arch` can be built with: its total stride, halved once per strided
    stage after the first, no lower than 8 for ImageNet layouts (torchvision's and timm's range)."""
    total, values = arch.total_stride, []
    lowest = STEM_STRIDES[arch.stem] * next((s for s in arch.strides[:2] if s > 1), 1)
    while total >= max(lowest, 1) and total not in values:
        values.append(total)
        total //= 2
    return tuple(sorted(values))


def feature_reductions(arch: Arch, output_stride: int | None = None) -> list[int]:
    """The reduction (input size / feature size) of feature 0 (the stem before its pool) and of
    each stage's output, at `output_stride`."""
    reductions = [STEM_STRIDES[arch.stem] // (2 if arch.stem != "cifar" else 1)]
    net = STEM_STRIDES[arch.stem]
    for stage in block_layouts(arch, output_stride):
        net *= math.prod(block.stride for block in stage)
        reductions.append(net)
    return reductions


def cifar_arch(depth: int, shortcut: str | None = "A", preact: bool = False) -> Arch:
    """The `Arch` of a CIFAR ResNet of He et al. 2015 (depth = 6n + 2).

    Args:
        depth: any depth of the form 6n + 2 with n >= 1 (20, 32, 44, 56, 110, 1202 in the paper).
        shortcut: the paper's option ``"A"`` (zero-padding), ``"B"`` (projection where the
            shape changes), ``"C"`` (projection everywhere), or None: no shortcuts, the paper's
            plain net of that depth.
        preact: pre-activation blocks (He et al. 2016).

    Example:
        >>> cifar_arch(56).depths
        (9, 9, 9)
        >>> cifar_arch(56, shortcut=None).shortcut
        'none'
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 8 or (depth - 2) % 6:
        raise ValueError(
            "depth of a CIFAR ResNet must be of the form 6n+2 with n >= 1 "
            f"(20, 32, 44, 56, 110, 1202, ...); received depth={depth!r}"
        )
    option = shortcut.upper() if isinstance(shortcut, str) else shortcut
    if not (option is None or isinstance(option, str)) or option not in CIFAR_SHORTCUTS:
        raise _choice_error("shortcut", shortcut, tuple(CIFAR_SHORTCUTS))
    n = (depth - 2) // 6
    return Arch(
        block="basic",
        depths=(n, n, n),
        widths=CIFAR_WIDTHS,
        strides=CIFAR_STRIDES,
        stem="cifar",
        stride_in_3x3=True,
        shortcut=CIFAR_SHORTCUTS[option],
        preact=preact,
    )
