"""Keras functional builders for every ResNet of the registry.

One builder, `build`, turns an `Arch` into a `keras.Model`. `ResNet` and `CifarResNet` pick the
`Arch` from a depth and a variant. The named builders (`ResNet50D`, `CifarResNet56`, ...: one per
registered name with a builder function) call them; they are defined in `keras_resnet._named`,
which ``scripts/generate_named.py`` writes from the registry.

Builders use only `keras` and `keras.ops`, so they build on the TensorFlow, JAX and PyTorch
backends, in either image layout: ``data_format="channels_last"`` (the default) or
``"channels_first"`` (`keras_resnet.layouts`), with the same layer names and weights.
"""

from __future__ import annotations

import difflib
import inspect
import os
from collections.abc import Callable
from typing import Any

import keras
from keras import layers

from keras_resnet import _checks, _recursion, blocks, layouts, specs, variants
from keras_resnet import identity as identity_lib
from keras_resnet import weights as weights_lib

POOLINGS = (None, "avg", "max")
_POOL_LAYERS = {
    "avg": (layers.GlobalAveragePooling2D, "avg_pool"),
    "max": (layers.GlobalMaxPooling2D, "max_pool"),
}


def _check_input_shape(input_shape, arch, data_format, argument="input_shape"):
    if not isinstance(input_shape, (tuple, list)) or len(input_shape) != 3:
        order = "(height, width, channels)"
        if data_format == "channels_first":
            order = "(channels, height, width)"
        raise ValueError(
            f"{argument} must be {order} for data_format={data_format!r}; "
            f"received {argument}={input_shape!r}"
        )
    height, width, channels = layouts.split_shape(input_shape, data_format)
    if isinstance(channels, bool) or not isinstance(channels, int) or channels < 1:
        where = "start" if data_format == "channels_first" else "end"
        raise ValueError(
            f"{argument} must {where} with a positive channel count; "
            f"received {argument}={input_shape!r} (data_format={data_format!r})"
        )
    for size in (height, width):
        if size is None:
            continue
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(
                f"{argument} height and width must be positive ints or None; "
                f"received {argument}={input_shape!r}"
            )
        if size < arch.total_stride:
            raise ValueError(
                f"{argument}={tuple(input_shape)!r} is too small: this network downsamples "
                f"its input by {arch.total_stride}, so height and width must be at least "
                f"{arch.total_stride}"
            )
    return tuple(input_shape)


def _check_activation(classifier_activation):
    if classifier_activation is None or callable(classifier_activation):
        return classifier_activation
    try:
        keras.activations.get(classifier_activation)
    except (ValueError, TypeError) as error:
        raise ValueError(
            "classifier_activation must be None, a callable or a Keras activation name such as "
            f"'softmax'; received classifier_activation={classifier_activation!r}"
        ) from error
    return classifier_activation


def build(
    arch: specs.Arch,
    *,
    include_top: bool = True,
    weights: str | os.PathLike | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: str | Callable | None = "softmax",
    name: str = "resnet",
    default_size: int = 224,
    zero_init_residual: bool = False,
    drop_path_rate: float = 0.0,
    dropout_rate: float = 0.0,
    bn_momentum: float = 0.9,
    bn_epsilon: float = 1e-5,
    kernel_initializer: Any = None,
    sync_batchnorm: bool = False,
    features: bool = False,
    features_only: bool | None = None,
    out_indices: tuple[int, ...] | None = None,
    output_stride: int | None = None,
    data_format: str | None = None,
    registry_name: str | None = None,
    allow_other_architecture: bool = False,
) -> keras.Model:
    """Builds the `keras.Model` of `arch`; see `ResNet` for the arguments. `registry_name` is the
    registered name whose presets ``weights`` may name (default: `name`); the model carries its
    `keras_resnet.identity` under it."""
    features, out_indices = _check_features_args(
        arch, features, features_only, out_indices, pooling
    )
    if features:
        include_top = False
    _check_head_args(include_top, pooling, classifier_activation, name)
    classes = _checks.check_int("classes", classes, minimum=1)
    make = _layer_maker(
        zero_init_residual, bn_momentum, bn_epsilon, sync_batchnorm, kernel_initializer, data_format
    )
    drop_path_rate = _checks.check_fraction("drop_path_rate", drop_path_rate)
    dropout_rate = _checks.check_fraction("dropout_rate", dropout_rate)
    _check_plain(arch, drop_path_rate, make.zero_init_residual)
    weights_spec = weights_lib.check_weights_argument(
        weights,
        registry_name or name,
        arch=arch,
        allow_other_architecture=allow_other_architecture,
    )
    inputs = _inputs(arch, input_tensor, input_shape, include_top, default_size, make.data_format)
    x = blocks.stem(inputs, arch, make)
    x = blocks.stages(x, arch, make, drop_path_rate=drop_path_rate, output_stride=output_stride)[-1]
    x = _head(x, include_top, pooling, classes, classifier_activation, dropout_rate, make)
    model_inputs = (
        keras.utils.get_source_inputs(input_tensor) if input_tensor is not None else inputs
    )
    with _recursion.room_for(_max_layers(arch)):  # Keras walks the graph recursively
        model = keras.Model(model_inputs, x, name=name)
    identity_lib.attach(model, identity_lib.of_arch(arch, registry_name or name))
    if weights_spec is not None:
        weights_lib.load(
            model,
            weights_spec,
            include_top=include_top,
            classes=classes,
            allow_other_architecture=allow_other_architecture,
        )
    if features:
        return _features_model(model, arch, out_indices, output_stride)
    return model


def _check_features_args(
    arch, features, features_only, out_indices, pooling
) -> tuple[bool, tuple[int, ...]]:
    """``(features, out_indices)`` validated; ``features_only`` is timm's spelling of
    ``features``."""
    _checks.check_bool("features", features)
    if features_only is not None:
        _checks.check_bool("features_only", features_only)
        if features and not features_only:
            raise ValueError("features=True and features_only=False disagree; pass one of them")
        features = features_only
    count = len(arch.depths) + 1
    if features and pooling is not None:
        raise ValueError(
            f"features=True returns feature maps and takes no pooling; received pooling={pooling!r}"
        )
    if out_indices is None:
        return features, tuple(range(1, count))
    if not features:
        raise ValueError(
            f"out_indices={out_indices!r} needs features=True (a backbone returning feature maps)"
        )
    valid = (
        isinstance(out_indices, (tuple, list))
        and out_indices
        and all(
            isinstance(i, int) and not isinstance(i, bool) and -count <= i < count
            for i in out_indices
        )
    )
    if not valid:
        raise ValueError(
            f"out_indices must be a non-empty tuple of feature indices in 0..{count - 1} "
            f"(0: the stem at stride 2, 1..{count - 1}: the stages); "
            f"received out_indices={out_indices!r}"
        )
    indices = tuple(sorted({i % count for i in out_indices}))
    return features, indices


def _features_model(
    model: keras.Model, arch: specs.Arch, out_indices: tuple[int, ...], output_stride: int | None
) -> keras.Model:
    """The backbone `model` cut at the feature maps `out_indices`, with timm's ``feature_info``."""
    info = [row for row in feature_info(arch, output_stride) if row["index"] in out_indices]
    outputs = [model.get_layer(row["module"]).output for row in info]
    with _recursion.room_for(_max_layers(arch)):
        features = keras.Model(model.input, outputs, name=model.name)
    features.feature_info = info
    if hasattr(model, "pretrained_cfg"):
        features.pretrained_cfg = model.pretrained_cfg
    identity_lib.attach(features, identity_lib.of_model(model))
    return features


def feature_info(arch: specs.Arch, output_stride: int | None = None) -> list[dict[str, Any]]:
    """timm's ``feature_info`` of every feature map `arch` offers: ``index`` (0: the stem before
    its pool, 1..: each stage's output), ``num_chs``, ``reduction`` and ``module`` (the Keras
    layer whose output it is).

    Example:
        >>> info = feature_info(specs.imagenet_arch(18))
        >>> [(f["num_chs"], f["reduction"], f["module"]) for f in info][1:3]
        [(64, 4, 'conv2_block2_out'), (128, 8, 'conv3_block2_out')]
    """
    widths = arch.stem_widths
    stem_name = "conv1" if len(widths) == 1 else f"conv1_{len(widths)}"
    names = [f"{stem_name}_conv" if arch.preact else f"{stem_name}_relu"]
    names += [f"conv{s + 2}_block{depth}_out" for s, depth in enumerate(arch.depths)]
    if arch.preact:
        names[-1] = "post_relu"
    channels = [widths[-1]] + [w * arch.expansion for w in arch.widths]
    reductions = specs.feature_reductions(arch, output_stride)
    return [
        dict(index=i, num_chs=c, reduction=r, module=n)
        for i, (c, r, n) in enumerate(zip(channels, reductions, names, strict=True))
    ]


def _check_plain(arch: specs.Arch, drop_path_rate: float, zero_init_residual: bool) -> None:
    """A plain network (no shortcuts) has no residual branch to drop or to start at zero: either
    would cut the signal through the whole network."""
    if arch.residual:
        return
    for argument, value in (
        ("drop_path_rate", drop_path_rate),
        ("zero_init_residual", zero_init_residual),
    ):
        if value:
            raise ValueError(
                f"{argument} needs residual blocks; a plain network (no shortcuts) would lose "
                f"its whole signal through a dropped or zeroed block; received {argument}={value!r}"
            )


def _check_head_args(include_top, pooling, classifier_activation, name) -> None:
    _checks.check_bool("include_top", include_top)
    _checks.check_choice("pooling", pooling, POOLINGS)
    _check_activation(classifier_activation)
    if not isinstance(name, str):
        raise TypeError(f"name must be a string; received name={name!r}")
    if not name:
        raise ValueError(f"name must be a non-empty string; received name={name!r}")


def _layer_maker(
    zero_init_residual, bn_momentum, bn_epsilon, sync_batchnorm, kernel_initializer, data_format
) -> blocks.LayerMaker:
    """The validated layer settings every block builds its convolutions and BatchNorms with, in
    the image layout `data_format` (None: ``keras.config.image_data_format()``)."""
    return blocks.LayerMaker(
        data_format=layouts.resolve(data_format),
        bn_momentum=_checks.check_fraction("bn_momentum", bn_momentum),
        bn_epsilon=_checks.check_fraction("bn_epsilon", bn_epsilon, low_inclusive=False),
        sync_batchnorm=_checks.check_bool("sync_batchnorm", sync_batchnorm),
        kernel_initializer=kernel_initializer,
        zero_init_residual=_checks.check_bool("zero_init_residual", zero_init_residual),
    )


def _inputs(arch, input_tensor, input_shape, include_top, default_size, data_format):
    """The model's image input: the given `input_tensor` (checked against `input_shape`) or a new
    ``image`` Input of `input_shape` (default: the family's size with the top, any size without),
    in `data_format`."""
    if input_tensor is None:
        if input_shape is None:
            size = default_size if include_top else None
            input_shape = layouts.image_shape(size, size, 3, data_format)
        return layers.Input(shape=_check_input_shape(input_shape, arch, data_format), name="image")
    if not keras.backend.is_keras_tensor(input_tensor):
        raise TypeError(
            "input_tensor must be a Keras symbolic tensor (keras.Input(...) or a layer's output); "
            f"received input_tensor={input_tensor!r}"
        )
    tensor_shape = tuple(input_tensor.shape)[1:]
    _check_input_shape(tensor_shape, arch, data_format, "input_tensor.shape[1:]")
    if input_shape is not None and tuple(input_shape) != tensor_shape:
        raise ValueError(
            f"input_shape={tuple(input_shape)!r} disagrees with "
            f"input_tensor.shape[1:]={tensor_shape!r}; pass one of them"
        )
    return input_tensor


def _head(x, include_top, pooling, classes, classifier_activation, dropout_rate, make):
    """Global pooling, then (with the top) dropout and the ``predictions`` classifier."""
    if include_top:
        pool_layer, pool_name = _POOL_LAYERS[pooling or "avg"]
        x = pool_layer(data_format=make.data_format, name=pool_name)(x)
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate, name="head_dropout")(x)
        # float32 head: under mixed precision the logits/probabilities stay float32.
        return layers.Dense(
            classes, activation=classifier_activation, dtype="float32", name="predictions"
        )(x)
    if pooling is not None:
        pool_layer, pool_name = _POOL_LAYERS[pooling]
        return pool_layer(data_format=make.data_format, name=pool_name)(x)
    return x


def _max_layers(arch: specs.Arch) -> int:
    """An upper bound on the layers of `arch` (a block has at most 12, 17 with attention; stem and
    head 20)."""
    return (17 if arch.attention else 12) * sum(arch.depths) + 20


#: The keyword arguments `ResNet` and `CifarResNet` pass on to `build`.
_BUILD_KEYWORDS = tuple(
    p
    for p in inspect.signature(build).parameters
    if p not in ("arch", "default_size", "registry_name")
)


def check_keywords(function: str, kwargs: dict[str, Any], *, family: str = "resnet") -> None:
    """A TypeError naming the call the user made (`function`, e.g. ``"ResNet50D()"``), for a
    keyword that no builder of `family` takes, with the nearest valid name."""
    allowed = _BUILD_KEYWORDS + (
        ("depth", "shortcut", "preact")
        if family == "cifar"
        else ("depth", "variant", "preact", *specs.IMAGENET_KNOBS)
    )
    for key in kwargs:
        if key not in allowed:
            near = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else f"; it takes {', '.join(allowed)}"
            raise TypeError(f"{function} got an unexpected keyword argument {key!r}{hint}")


#: The arguments every builder takes, as `ResNet`, `CifarResNet` and the named builders
#: (``keras_resnet/_named.py``, written by ``scripts/generate_named.py``) describe them.
BUILD_ARGS_DOC = """
    Args:
        include_top: add global pooling and the ``predictions`` Dense classifier.
        weights: None (random initialization); a preset name (``"imagenet"`` for the model's
            default, see `keras_resnet.presets`), downloaded and hash-checked; or a checkpoint
            file: torchvision/timm ``.safetensors``/``.pth``, keras.applications ``.h5``, or a
            ``.weights.h5`` saved from the same architecture. Converted checkpoints load their
            classifier when it has ``classes`` outputs and otherwise (or with
            ``include_top=False``) only the backbone, saying so.
        allow_other_architecture: load a ``.weights.h5`` file that records another
            architecture (every file keras_resnet writes records its model): a deliberate
            transfer, where the shapes fit. By default such a file is refused, naming both.
        input_tensor: optional Keras tensor (``keras.Input(...)`` or a layer's output, e.g. a
            preprocessing layer's) to use as the image input; the model's input is its source.
        input_shape: ``(height, width, channels)``, or ``(channels, height, width)`` with
            ``data_format="channels_first"``; height and width may be None and must otherwise
            be at least the network's total stride. Default: the family's default size with
            ``include_top``, any size without, 3 channels.
        pooling: None, ``"avg"`` or ``"max"``: global pooling of the features when
            ``include_top=False``; with ``include_top=True`` it picks the head's pooling
            (default ``"avg"``).
        classes: number of classes of the classifier.
        classifier_activation: activation of the classifier (``"softmax"``, or None for logits).
        name: model name.
        zero_init_residual: zero-initialize the last BN gamma of each residual branch (the last
            conv in pre-activation blocks), so every block starts as the identity (Goyal et al.).
        drop_path_rate: stochastic depth; block ``k`` of ``N`` drops its branch with probability
            ``drop_path_rate * k / (N - 1)``.
        dropout_rate: dropout before the classifier.
        bn_momentum: BatchNormalization momentum (Keras convention: 0.9 is PyTorch's 0.1).
        bn_epsilon: BatchNormalization epsilon (1e-5 as in torchvision/timm).
        sync_batchnorm: BatchNormalization statistics over the whole global batch under a
            tf.distribute strategy (Keras' ``synchronized=True``), instead of per replica.
        kernel_initializer: conv kernel initializer; default He-normal with fan-out, as
            torchvision/timm.
        features: return a backbone for detection/segmentation heads: its outputs are the
            feature maps `out_indices` (no head; ``include_top`` is ignored) and it carries timm's
            ``feature_info`` (``num_chs``, ``reduction``, ``module`` of each). ``features_only``
            is timm's spelling of it.
        out_indices: which feature maps: 0 is the stem before its pool (stride 2), 1.. the
            stages' outputs; default all stages, ``(1, 2, 3, 4)`` (strides 4, 8, 16, 32).
        output_stride: 32 (default), 16 or 8: the last stages keep the resolution and dilate their
            3x3 convs instead of striding (DeepLab). For the CIFAR nets: 4 (default) or 2.
        data_format: the image layout, ``"channels_last"`` (NHWC) or ``"channels_first"``
            (NCHW, PyTorch's); default ``keras.config.image_data_format()``. Layer names and
            weights are the same in both (see `keras_resnet.layouts`).

    Returns:
        A `keras.Model` mapping float images (preprocessed as the weights expect) to
        ``classes`` outputs, or to features when ``include_top=False``.
"""


_RESNET_DOC = """An ImageNet-layout ResNet (He et al. 2015/2016; Bag of Tricks tweaks of He et al.
    2019).

    ``depth`` is 18, 34, 50, 101, 152 or 200. ``variant`` is ``""`` (the original form: stride in
    the first 1x1 conv of a downsampling bottleneck, 7x7 stem, projection shortcuts where the
    shape changes), ``"b"`` (stride in the 3x3 conv: torchvision's and timm's ``resnet50``),
    ``"c"`` (B plus a deep 3x3 stem of 32, 32, 64 filters) or ``"d"`` (C plus 2x2 average-pool
    then 1x1 projection shortcuts). For basic blocks (18/34) ``"b"`` changes nothing.
    ``preact=True`` builds the pre-activation ResNet V2 (variants ``""``, ``"c"``, ``"d"``), laid
    out as timm's ``resnetv2_*`` (stride in a stage's first block); ``v2_layout="keras"`` lays it
    out as keras.applications' ``ResNet50V2`` (stride in the last block of the previous stage with
    a 1x1 max-pool shortcut, biased convs where no BatchNorm follows, zero-padded stem pool).
    The keyword-only knobs ``cardinality`` and ``base_width`` (ResNeXt: ``32, 4``; Wide ResNet-2:
    ``1, 128``), ``attention`` (None, ``"se"``, ``"eca"``) with ``attention_ratio`` (the SE
    reduction, 1/16), and ``stem_pool`` (``"max"``, or ``"conv"`` for ResNet-RS) build the rest of
    the family; the registry names them (``resnext50_32x4d``, ``seresnet50``, ``resnetrs50``, ...).
    {args}
    Example:
        >>> model = ResNet(50, variant="d", input_shape=(64, 64, 3), classes=10)
        >>> model.output_shape
        (None, 10)
"""


def ResNet(
    depth: int = 50,
    *,
    variant: str = "",
    preact: bool = False,
    classes: int = 1000,
    name: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    check_keywords("ResNet()", kwargs)
    knobs = {k: kwargs.pop(k) for k in specs.IMAGENET_KNOBS if k in kwargs}
    arch = specs.imagenet_arch(depth, variant, _checks.check_bool("preact", preact), **knobs)
    arch_args = dict(depth=depth, variant=variant.lower(), preact=preact, **knobs)
    layout = knobs.get("v2_layout", specs.DEFAULT_V2_LAYOUT)
    registry_name = variants.name_of("resnet", arch_args) or (
        f"resnet{depth}{'v2' if preact else ''}{variant.lower()}"
        + ("" if layout == specs.DEFAULT_V2_LAYOUT else f"_{layout}")
    )
    return build(
        arch,
        classes=classes,
        name=registry_name if name is None else name,
        registry_name=registry_name,
        default_size=224,
        **kwargs,
    )


_CIFAR_RESNET_DOC = """A CIFAR ResNet of He et al. 2015, section 4.2: depth 6n+2, a 3x3 conv(16)
    stem, three stages of n basic blocks with 16/32/64 filters at strides 1/2/2, global average
    pooling.

    ``shortcut`` is the paper's option ``"A"`` (parameter-free: subsample and zero-pad channels,
    the paper's choice for CIFAR), ``"B"`` (projection where the shape changes), ``"C"``
    (projection everywhere), or None: the paper's *plain* net, the same layers without shortcuts
    and additions (``cifar_plain20`` ... ``cifar_plain110``; with option A's parameter-free
    shortcuts both have the same parameters). ``preact=True`` uses pre-activation blocks (He et
    al. 2016).
    Option A appends the zero channels after the subsampled input's channels.
    {args}
    Example:
        >>> model = CifarResNet(56)
        >>> model.count_params() > 850_000
        True
"""


def CifarResNet(
    depth: int = 20,
    *,
    shortcut: str | None = "A",
    preact: bool = False,
    classes: int = 10,
    name: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    check_keywords("CifarResNet()", kwargs, family="cifar")
    arch = specs.cifar_arch(depth, shortcut, _checks.check_bool("preact", preact))
    option = shortcut.upper() if isinstance(shortcut, str) else None
    registry_name = variants.name_of(
        "cifar", dict(depth=depth, shortcut=option, preact=preact)
    ) or (
        f"cifar_{'resnet' if arch.residual else 'plain'}{depth}{'v2' if preact else ''}"
        + ("" if option in ("A", None) else f"_{option.lower()}")
    )
    return build(
        arch,
        classes=classes,
        name=registry_name if name is None else name,
        registry_name=registry_name,
        default_size=32,
        **kwargs,
    )


ResNet.__doc__ = _RESNET_DOC.replace("{args}", BUILD_ARGS_DOC)
CifarResNet.__doc__ = _CIFAR_RESNET_DOC.replace("{args}", BUILD_ARGS_DOC)

__all__ = ["ResNet", "CifarResNet", "build", "check_keywords"]
