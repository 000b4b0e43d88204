"""Stems, residual blocks and shortcuts: plain functions over Keras functional tensors.

Layer names are a public contract (weight files and converters map by them). The scheme follows
keras.applications:

* stem: ``conv1_conv``/``conv1_bn``/``conv1_relu`` (single conv) or ``conv1_{1,2,3}_*`` (deep
  stem), then ``pool1_pad``/``pool1_pool``;
* block ``i`` (1-based) of stage ``s`` (``conv2`` is the first stage) is ``conv{s}_block{i}``; its
  layers are ``{block}_{k}_{conv|bn|relu|pad}`` with ``k`` = 1, 2(, 3) along the residual branch
  and ``k = 0`` for the shortcut (``_0_conv``, ``_0_bn``, ``_0_pool`` for the spatial subsample
  or average pool, ``_0_zeros``/``_0_pad`` for option A's channel padding);
* attention on the branch: ``{block}_se_{squeeze|reduce|expand|excite}`` (squeeze-and-excitation,
  as keras.applications' ResNet-RS names it) or ``{block}_eca_{squeeze|reshape|conv|gate|excite}``;
  ResNet-RS's stem conv that replaces the max pool is ``pool1_{pad|conv|bn|relu}``;
* ``{block}_preact_bn``/``{block}_preact_relu`` in pre-activation blocks, ``{block}_drop`` for
  stochastic depth, ``{block}_add`` and ``{block}_out`` for the merge; ``post_bn``/``post_relu``
  close a pre-activation network. A plain network's block (shortcut ``"none"``) has no ``_0_``
  layers and no ``_add``: its ``{block}_out`` is the ReLU after the last BN (an identity layer in
  pre-activation form), so every block still ends in ``{block}_out``.

Both image layouts build from the same functions: `LayerMaker.data_format` (``"channels_last"``
or ``"channels_first"``, see `keras_resnet.layouts`) goes to every convolution, pool and padding,
and its channel axis to every BatchNorm and channel concatenation; the layer names and weights are
the same in both.

Padding follows PyTorch so that torchvision/timm weights port exactly: a strided conv with a
kernel larger than 1 gets an explicit symmetric ``ZeroPadding2D`` and ``padding="valid"`` (TF's
``"same"`` pads asymmetrically at stride 2). Max pooling pads with zeros, which equals PyTorch's
-inf padding after a ReLU (all post-activation stems). A pre-activation stem pools the raw conv
output, where the two differ: timm's layout (`specs.V2_LAYOUTS`) ignores the padding as PyTorch
does, with a 3x3 stride-1 ``"same"`` max pool (``pool1_pool``, which never takes a padded value)
followed by a 1x1 stride-2 subsample (``pool1_subsample``); keras.applications' layout pads with
zeros (``pool1_pad``, ``pool1_pool``). Its blocks that stride without changing channels subsample
their shortcut (``{block}_0_pool``, a 1x1 max pool), and its convs that no BatchNorm follows carry
a bias.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import keras
from keras import layers

from keras_resnet import layouts, specs

if TYPE_CHECKING:
    from keras_resnet.specs import Arch


def default_kernel_initializer() -> keras.initializers.Initializer:
    """He-normal, fan-out, untruncated: torchvision's and timm's ``kaiming_normal_`` for convs."""
    return keras.initializers.VarianceScaling(
        scale=2.0, mode="fan_out", distribution="untruncated_normal"
    )


@dataclasses.dataclass(frozen=True)
class LayerMaker:
    """Makes the conv / BN / ReLU layers of a network with shared hyper-parameters."""

    bn_momentum: float = 0.9
    bn_epsilon: float = 1e-5
    kernel_initializer: Any = None  # None: `default_kernel_initializer()`
    zero_init_residual: bool = False
    sync_batchnorm: bool = False  # statistics over all replicas of a tf.distribute strategy
    conv_bias: bool = False  # `conv`'s default: a bias where no BatchNorm follows (V2Layout)
    data_format: str = "channels_last"  # or "channels_first" (`keras_resnet.layouts`)

    @property
    def channel_axis(self) -> int:
        return layouts.channel_axis(self.data_format)

    def channels(self, x: keras.KerasTensor) -> int:
        """The channel count of the image tensor `x`."""
        return int(x.shape[self.channel_axis])

    def _initializer(self, zero: bool) -> Any:
        if zero:
            return "zeros"
        init = self.kernel_initializer
        if init is None:
            return default_kernel_initializer()
        if isinstance(init, keras.initializers.Initializer):  # a fresh copy per layer
            return init.__class__.from_config(init.get_config())
        return init

    def conv(
        self,
        x: keras.KerasTensor,
        filters: int,
        kernel_size: int,
        *,
        strides: int = 1,
        name: str,
        zero: bool = False,
        groups: int = 1,
        dilation: int = 1,
        bias: bool | None = None,
    ) -> keras.KerasTensor:
        """Conv with PyTorch-style symmetric padding (``"same"`` is symmetric at stride 1, also
        when dilated); with a bias if `bias` (None: `conv_bias`)."""
        if strides > 1 and kernel_size > 1:
            x = layers.ZeroPadding2D(
                kernel_size // 2, data_format=self.data_format, name=f"{name}_pad"
            )(x)
            padding = "valid"
        else:
            padding = "same" if kernel_size > 1 else "valid"
        return layers.Conv2D(
            filters,
            kernel_size,
            strides=strides,
            padding=padding,
            use_bias=self.conv_bias if bias is None else bias,
            groups=groups,
            dilation_rate=dilation,
            data_format=self.data_format,
            kernel_initializer=self._initializer(zero),
            name=f"{name}_conv",
        )(x)

    def bn(self, x: keras.KerasTensor, *, name: str, zero: bool = False) -> keras.KerasTensor:
        return layers.BatchNormalization(
            axis=self.channel_axis,
            momentum=self.bn_momentum,
            epsilon=self.bn_epsilon,
            gamma_initializer="zeros" if zero else "ones",
            synchronized=self.sync_batchnorm,
            name=f"{name}_bn",
        )(x)

    def relu(self, x: keras.KerasTensor, *, name: str) -> keras.KerasTensor:
        return layers.Activation("relu", name=f"{name}_relu")(x)

    def conv_bn(
        self,
        x: keras.KerasTensor,
        filters: int,
        kernel_size: int,
        *,
        strides: int = 1,
        name: str,
        relu: bool = True,
        zero: bool = False,
        groups: int = 1,
        dilation: int = 1,
    ) -> keras.KerasTensor:
        x = self.conv(
            x,
            filters,
            kernel_size,
            strides=strides,
            name=name,
            groups=groups,
            dilation=dilation,
            bias=False,
        )
        x = self.bn(x, name=name, zero=zero)
        return self.relu(x, name=name) if relu else x


def for_arch(make: LayerMaker, arch: Arch) -> LayerMaker:
    """`make` with the conv biases of `arch`'s pre-activation layout (`specs.V2Layout`)."""
    bias = arch.preact and arch.layout.conv_bias
    return make if make.conv_bias == bias else dataclasses.replace(make, conv_bias=bias)


# --------------------------------------------------------------------------------------- stems
#: stem kind -> (kernel size, stride of the first conv, max pool after it)
_STEM_LAYOUT = {"classic": (7, 2, True), "deep": (3, 2, True), "cifar": (3, 1, False)}


def stem(x: keras.KerasTensor, arch: Arch, make: LayerMaker) -> keras.KerasTensor:
    """The stem of `arch`: single or deep conv, BN-ReLU (not after the last conv of a
    pre-activation network, whose first block normalizes), then the optional max pool."""
    make = for_arch(make, arch)
    kernel_size, first_stride, pool = _STEM_LAYOUT[arch.stem]
    widths = arch.stem_widths
    for i, width in enumerate(widths):
        name = "conv1" if len(widths) == 1 else f"conv1_{i + 1}"
        strides = first_stride if i == 0 else 1
        if arch.preact and i == len(widths) - 1:
            x = make.conv(x, width, kernel_size, strides=strides, name=name)
        else:
            x = make.conv_bn(x, width, kernel_size, strides=strides, name=name)
    if pool and arch.stem_pool == "conv":
        x = make.conv_bn(x, widths[-1], 3, strides=2, name="pool1")
    elif pool and arch.preact and arch.layout.pool_ignores_padding:
        x = layers.MaxPooling2D(
            3, strides=1, padding="same", data_format=make.data_format, name="pool1_pool"
        )(x)
        x = layers.MaxPooling2D(1, strides=2, data_format=make.data_format, name="pool1_subsample")(
            x
        )
    elif pool:
        x = layers.ZeroPadding2D(1, data_format=make.data_format, name="pool1_pad")(x)
        x = layers.MaxPooling2D(3, strides=2, data_format=make.data_format, name="pool1_pool")(x)
    return x


# ----------------------------------------------------------------------------------- shortcuts
# Each takes the block input `x`, its pre-activated form `x_pre` (the same tensor in a
# post-activation network), and returns the tensor added to the residual branch. Projections read
# `x_pre` and have no BN in pre-activation networks (as in keras.applications and timm).


def _changes_shape(x: keras.KerasTensor, filters: int, stride: int, make: LayerMaker) -> bool:
    return stride != 1 or make.channels(x) != filters


def zero_pad_shortcut(
    x: keras.KerasTensor,
    x_pre: keras.KerasTensor,
    filters: int,
    *,
    stride: int,
    make: LayerMaker,
    name: str,
    norm: bool,
    dilation: int = 1,
) -> keras.KerasTensor:
    """Option A: subsample spatially (1x1 max pool = ``x[:, ::s, ::s]``) and append zero channels.

    Built from stock layers, as the Torch reference of the paper's authors' colleagues
    (fb.resnet.torch: ``Concat(Identity, MulConstant(0))``): ``Concatenate([x, 0 * x])``. So the
    new channels come after the old ones, and the channel count can grow by whole multiples.
    """
    if stride > 1:
        x = layers.MaxPooling2D(
            1, strides=stride, data_format=make.data_format, name=f"{name}_0_pool"
        )(x)
    channels = make.channels(x)
    extra = filters - channels
    if extra < 0 or extra % channels:
        raise ValueError(
            f"the zero-padding shortcut of {name} can only grow channels by whole multiples; "
            f"received {channels} -> {filters}"
        )
    if extra:
        zeros = layers.Rescaling(0.0, name=f"{name}_0_zeros")(x)
        x = layers.Concatenate(axis=make.channel_axis, name=f"{name}_0_pad")(
            [x] + [zeros] * (extra // channels)
        )
    return x


def _projection(
    x: keras.KerasTensor, filters: int, stride: int, make: LayerMaker, name: str, norm: bool
) -> keras.KerasTensor:
    x = make.conv(x, filters, 1, strides=stride, name=f"{name}_0", bias=False if norm else None)
    return make.bn(x, name=f"{name}_0") if norm else x


def projection_shortcut(
    x: keras.KerasTensor,
    x_pre: keras.KerasTensor,
    filters: int,
    *,
    stride: int,
    make: LayerMaker,
    name: str,
    norm: bool,
    dilation: int = 1,
) -> keras.KerasTensor:
    """Option B: 1x1 conv (+ BN) where the shape changes, identity elsewhere."""
    if not _changes_shape(x, filters, stride, make):
        return x
    return _projection(x_pre, filters, stride, make, name, norm)


def projection_all_shortcut(
    x: keras.KerasTensor,
    x_pre: keras.KerasTensor,
    filters: int,
    *,
    stride: int,
    make: LayerMaker,
    name: str,
    norm: bool,
    dilation: int = 1,
) -> keras.KerasTensor:
    """Option C: 1x1 conv (+ BN) in every block."""
    return _projection(x_pre, filters, stride, make, name, norm)


def avg_projection_shortcut(
    x: keras.KerasTensor,
    x_pre: keras.KerasTensor,
    filters: int,
    *,
    stride: int,
    make: LayerMaker,
    name: str,
    norm: bool,
    dilation: int = 1,
) -> keras.KerasTensor:
    """Bag of Tricks D: average pool (stride x stride), then a stride-1 1x1 conv (+ BN).

    ``padding="same"`` equals timm's ``AvgPool2d(ceil_mode=True, count_include_pad=False)``, also
    for odd sizes. In a dilated stage (stride 1, dilation > 1) the pool is 2x2 at stride 1 over the
    input zero-padded at the bottom and right, zeros counted: timm's ``AvgPool2dSame``.
    """
    if not _changes_shape(x, filters, stride, make):
        return x
    if stride > 1:
        x_pre = layers.AveragePooling2D(
            stride,
            strides=stride,
            padding="same",
            data_format=make.data_format,
            name=f"{name}_0_pool",
        )(x_pre)
    elif dilation > 1:
        x_pre = layers.ZeroPadding2D(
            ((0, 1), (0, 1)), data_format=make.data_format, name=f"{name}_0_pad"
        )(x_pre)
        x_pre = layers.AveragePooling2D(
            2, strides=1, data_format=make.data_format, name=f"{name}_0_pool"
        )(x_pre)
    return _projection(x_pre, filters, 1, make, name, norm)


def no_shortcut(
    x: keras.KerasTensor,
    x_pre: keras.KerasTensor,
    filters: int,
    *,
    stride: int,
    make: LayerMaker,
    name: str,
    norm: bool,
    dilation: int = 1,
) -> None:
    """A plain network's block (He et al. 2015, section 4.2): no shortcut, so nothing to add."""
    return None


#: shortcut kind -> function
SHORTCUTS: dict[str, Callable[..., keras.KerasTensor | None]] = {
    "zero_pad": zero_pad_shortcut,
    "projection": projection_shortcut,
    "projection_all": projection_all_shortcut,
    "avg_projection": avg_projection_shortcut,
    "none": no_shortcut,
}


# ----------------------------------------------------------------------------------- attention
def squeeze_excite(
    x: keras.KerasTensor, arch: Arch, make: LayerMaker, *, name: str
) -> keras.KerasTensor:
    """Squeeze-and-excitation (Hu et al. 2018): global average pool, 1x1 conv down to
    `specs.se_channels` with ReLU, 1x1 conv back with a sigmoid, channel-wise scale. Both convs
    have biases (timm's ``SEModule``)."""
    channels = make.channels(x)
    y = layers.GlobalAveragePooling2D(
        keepdims=True, data_format=make.data_format, name=f"{name}_se_squeeze"
    )(x)
    y = layers.Conv2D(
        specs.se_channels(channels, arch.attention_ratio),
        1,
        activation="relu",
        data_format=make.data_format,
        kernel_initializer=make._initializer(False),
        name=f"{name}_se_reduce",
    )(y)
    y = layers.Conv2D(
        channels,
        1,
        activation="sigmoid",
        data_format=make.data_format,
        kernel_initializer=make._initializer(False),
        name=f"{name}_se_expand",
    )(y)
    return layers.Multiply(name=f"{name}_se_excite")([x, y])


def efficient_channel_attention(
    x: keras.KerasTensor, arch: Arch, make: LayerMaker, *, name: str
) -> keras.KerasTensor:
    """ECA (Wang et al. 2020): global average pool, a bias-free 1-D conv across the channels with
    kernel `specs.eca_kernel_size`, a sigmoid, channel-wise scale (timm's ``EcaModule``). The 1-D
    conv runs along the channels as a sequence of one feature, in either image layout."""
    channels = make.channels(x)
    y = layers.GlobalAveragePooling2D(data_format=make.data_format, name=f"{name}_eca_squeeze")(x)
    y = layers.Reshape((channels, 1), name=f"{name}_eca_reshape")(y)
    y = layers.Conv1D(
        1,
        specs.eca_kernel_size(channels),
        padding="same",
        use_bias=False,
        activation="sigmoid",
        data_format="channels_last",
        kernel_initializer=make._initializer(False),
        name=f"{name}_eca_conv",
    )(y)
    gate = layouts.image_shape(1, 1, channels, make.data_format)
    y = layers.Reshape(gate, name=f"{name}_eca_gate")(y)
    return layers.Multiply(name=f"{name}_eca_excite")([x, y])


#: attention kind -> module applied to the end of each residual branch
ATTENTION: dict[str, Callable[..., keras.KerasTensor]] = {
    "se": squeeze_excite,
    "eca": efficient_channel_attention,
}


def _attend(y: keras.KerasTensor, arch: Arch, make: LayerMaker, name: str) -> keras.KerasTensor:
    return y if arch.attention is None else ATTENTION[arch.attention](y, arch, make, name=name)


# -------------------------------------------------------------------------------------- blocks
# Every block takes the stage's `layout` (`specs.StageLayout`) position: `stride` (the first block's
# only), `dilation` of its 3x3 convs and `first_dilation` of its first dilated conv.
def _merge(
    shortcut: keras.KerasTensor | None,
    residual: keras.KerasTensor,
    *,
    drop_rate: float,
    name: str,
    relu: bool,
) -> keras.KerasTensor:
    if shortcut is None:  # a plain block: the branch is the block, and ``{name}_out`` still ends it
        if relu:
            return layers.Activation("relu", name=f"{name}_out")(residual)
        return layers.Identity(name=f"{name}_out")(residual)
    if drop_rate > 0:  # stochastic depth: drop the whole residual branch per sample
        residual = layers.Dropout(drop_rate, noise_shape=(None, 1, 1, 1), name=f"{name}_drop")(
            residual
        )
    if not relu:
        return layers.Add(name=f"{name}_out")([shortcut, residual])
    x = layers.Add(name=f"{name}_add")([shortcut, residual])
    return layers.Activation("relu", name=f"{name}_out")(x)


def basic_block(
    x: keras.KerasTensor,
    filters: int,
    *,
    stride: int,
    arch: Arch,
    make: LayerMaker,
    drop_rate: float,
    name: str,
    dilation: int = 1,
    first_dilation: int = 1,
) -> keras.KerasTensor:
    """Two 3x3 conv-BN layers, ReLU after the addition (He et al. 2015, Figure 2)."""
    shortcut = SHORTCUTS[arch.shortcut](
        x, x, filters, stride=stride, make=make, name=name, norm=True, dilation=dilation
    )
    y = make.conv_bn(x, filters, 3, strides=stride, name=f"{name}_1", dilation=first_dilation)
    y = make.conv_bn(
        y, filters, 3, name=f"{name}_2", relu=False, zero=make.zero_init_residual, dilation=dilation
    )
    y = _attend(y, arch, make, name)
    return _merge(shortcut, y, drop_rate=drop_rate, name=name, relu=True)


def bottleneck_block(
    x: keras.KerasTensor,
    filters: int,
    *,
    stride: int,
    arch: Arch,
    make: LayerMaker,
    drop_rate: float,
    name: str,
    dilation: int = 1,
    first_dilation: int = 1,
) -> keras.KerasTensor:
    """1x1 (reduce) - 3x3 (grouped for ResNeXt) - 1x1 (expand x4) conv-BN layers; the stride sits
    in the first 1x1 conv (original form) or in the 3x3 conv (``arch.stride_in_3x3``, Bag of
    Tricks B)."""
    out = filters * arch.expansion
    width = arch.bottleneck_width(filters)
    shortcut = SHORTCUTS[arch.shortcut](
        x, x, out, stride=stride, make=make, name=name, norm=True, dilation=dilation
    )
    s1, s2 = (1, stride) if arch.stride_in_3x3 else (stride, 1)
    y = make.conv_bn(x, width, 1, strides=s1, name=f"{name}_1")
    y = make.conv_bn(
        y, width, 3, strides=s2, name=f"{name}_2", groups=arch.cardinality, dilation=first_dilation
    )
    y = make.conv_bn(y, out, 1, name=f"{name}_3", relu=False, zero=make.zero_init_residual)
    y = _attend(y, arch, make, name)
    return _merge(shortcut, y, drop_rate=drop_rate, name=name, relu=True)


def _projects(arch: Arch) -> bool:
    return arch.shortcut in ("projection", "avg_projection")


def _preact_shortcut(
    x: keras.KerasTensor,
    x_pre: keras.KerasTensor,
    out: int,
    *,
    stride: int,
    arch: Arch,
    make: LayerMaker,
    name: str,
    dilation: int,
) -> keras.KerasTensor | None:
    """A pre-activation block's shortcut: `arch`'s kind, except that a layout with
    ``subsample_identity`` subsamples (1x1 max pool) where only the stride changes."""
    if arch.layout.subsample_identity and _projects(arch) and make.channels(x) == out:
        if stride == 1:
            return x
        return layers.MaxPooling2D(
            1, strides=stride, data_format=make.data_format, name=f"{name}_0_pool"
        )(x)
    return SHORTCUTS[arch.shortcut](
        x, x_pre, out, stride=stride, make=make, name=name, norm=False, dilation=dilation
    )


def _preact(x: keras.KerasTensor, make: LayerMaker, name: str) -> keras.KerasTensor:
    return make.relu(make.bn(x, name=f"{name}_preact"), name=f"{name}_preact")


def preact_basic_block(
    x: keras.KerasTensor,
    filters: int,
    *,
    stride: int,
    arch: Arch,
    make: LayerMaker,
    drop_rate: float,
    name: str,
    dilation: int = 1,
    first_dilation: int = 1,
) -> keras.KerasTensor:
    """BN-ReLU-conv3x3, BN-ReLU-conv3x3, identity addition (He et al. 2016, Figure 1b).
    ``zero_init_residual`` zeroes the branch's last conv (there is no BN after it)."""
    x_pre = _preact(x, make, name)
    shortcut = _preact_shortcut(
        x, x_pre, filters, stride=stride, arch=arch, make=make, name=name, dilation=dilation
    )
    y = make.conv_bn(x_pre, filters, 3, strides=stride, name=f"{name}_1", dilation=first_dilation)
    y = make.conv(y, filters, 3, name=f"{name}_2", zero=make.zero_init_residual, dilation=dilation)
    y = _attend(y, arch, make, name)
    return _merge(shortcut, y, drop_rate=drop_rate, name=name, relu=False)


def preact_bottleneck_block(
    x: keras.KerasTensor,
    filters: int,
    *,
    stride: int,
    arch: Arch,
    make: LayerMaker,
    drop_rate: float,
    name: str,
    dilation: int = 1,
    first_dilation: int = 1,
) -> keras.KerasTensor:
    """Pre-activation bottleneck, stride in the 3x3 conv (fb.resnet.torch, timm,
    keras.applications)."""
    out = filters * arch.expansion
    width = arch.bottleneck_width(filters)
    x_pre = _preact(x, make, name)
    shortcut = _preact_shortcut(
        x, x_pre, out, stride=stride, arch=arch, make=make, name=name, dilation=dilation
    )
    y = make.conv_bn(x_pre, width, 1, name=f"{name}_1")
    y = make.conv_bn(
        y,
        width,
        3,
        strides=stride,
        name=f"{name}_2",
        groups=arch.cardinality,
        dilation=first_dilation,
    )
    y = make.conv(y, out, 1, name=f"{name}_3", zero=make.zero_init_residual)
    y = _attend(y, arch, make, name)
    return _merge(shortcut, y, drop_rate=drop_rate, name=name, relu=False)


#: (block kind, pre-activation) -> block function
BLOCKS: dict[tuple[str, bool], Callable[..., keras.KerasTensor]] = {
    ("basic", False): basic_block,
    ("bottleneck", False): bottleneck_block,
    ("basic", True): preact_basic_block,
    ("bottleneck", True): preact_bottleneck_block,
}


def stages(
    x: keras.KerasTensor,
    arch: Arch,
    make: LayerMaker,
    *,
    drop_path_rate: float = 0.0,
    output_stride: int | None = None,
) -> list[keras.KerasTensor]:
    """All residual stages of `arch`; returns each stage's output (the last one after the final
    BN-ReLU of a pre-activation network). Stochastic depth grows linearly from 0 at the first block
    to `drop_path_rate` at the last (timm's schedule). `output_stride` dilates the last stages
    instead of striding them; which block of a stage strides is `specs.block_layouts`'."""
    make = for_arch(make, arch)
    block_fn = BLOCKS[(arch.block, arch.preact)]
    total = arch.num_blocks
    k = 0
    outputs = []
    placements = specs.block_layouts(arch, output_stride)
    for s, (filters, stage) in enumerate(zip(arch.widths, placements, strict=True)):
        for i, place in enumerate(stage):
            rate = drop_path_rate * k / (total - 1) if total > 1 else drop_path_rate
            x = block_fn(
                x,
                filters,
                stride=place.stride,
                arch=arch,
                make=make,
                drop_rate=rate,
                name=f"conv{s + 2}_block{i + 1}",
                dilation=place.dilation,
                first_dilation=place.first_dilation,
            )
            k += 1
        outputs.append(x)
    if arch.preact:
        outputs[-1] = make.relu(make.bn(x, name="post"), name="post")
    return outputs
