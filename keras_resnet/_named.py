"""The named builders: one function per registered model with a builder function
(``ResNet50D``, ``SEResNeXt50_32x4d``, ``CifarResNet56``, ...), keras.applications style.

Each is its family's builder (`keras_resnet.ResNet` or `keras_resnet.CifarResNet`) with the
model's architecture arguments fixed; ``keras_resnet.ResNet50D`` resolves here on first use.

Generated from the registry (`keras_resnet.variants.MODELS`) by ``scripts/generate_named.py``:
change the registry and run ``python scripts/generate_named.py`` rather than editing this file.
"""

from __future__ import annotations

import os
from typing import Any

import keras

from keras_resnet import resnet, variants


def _build(model: str, /, **kwargs: Any) -> keras.Model:
    """Registered `model` built by its family's builder with `kwargs`, after refusing a keyword
    that no builder takes or that the name fixes (a CIFAR net's ``shortcut`` stays free)."""
    entry = variants.MODELS[model]
    call = f"{entry.function}()"
    resnet.check_keywords(call, kwargs, family=entry.family)
    fixed = sorted(set(kwargs) & (set(entry.arch_args) - {"shortcut"}))
    if fixed:
        raise TypeError(f"{call} does not take {', '.join(fixed)}: the name fixes it")
    builder = getattr(resnet, variants.FAMILIES[entry.family].builder)
    return builder(**{**entry.arch_args, **kwargs})


def ResNet18(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-18: original form (7x7 stem).

    Same as ``keras_resnet.ResNet(depth=18, variant='', preact=False, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet18(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet18",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet18B(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-18-B: identical to the original: a basic block has no 1x1 conv to move the stride
    from.

    Same as ``keras_resnet.ResNet(depth=18, variant='b', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet18B(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet18b",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet18C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-18-C: deep 3x3 stem.

    Same as ``keras_resnet.ResNet(depth=18, variant='c', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet18C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet18c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet18D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-18-D: deep 3x3 stem, avg-pool projection shortcuts.

    Same as ``keras_resnet.ResNet(depth=18, variant='d', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet18D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet18d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet18V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-18 V2: pre-activation. ``v2_layout="keras"`` lays it out as keras.applications' ResNet
    V2 instead of timm's ``resnetv2_*`` (stride in the last block of the previous stage, a 1x1
    max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=18, variant='', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet18V2(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet18v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet18V2C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-18 V2-C: pre-activation, deep 3x3 stem. ``v2_layout="keras"`` lays it out as
    keras.applications' ResNet V2 instead of timm's ``resnetv2_*`` (stride in the last block of the
    previous stage, a 1x1 max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded
    stem pool; see ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=18, variant='c', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet18V2C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet18v2c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet18V2D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-18 V2-D: pre-activation, deep 3x3 stem, avg-pool projection shortcuts.
    ``v2_layout="keras"`` lays it out as keras.applications' ResNet V2 instead of timm's
    ``resnetv2_*`` (stride in the last block of the previous stage, a 1x1 max-pool shortcut, biased
    convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=18, variant='d', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet18V2D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet18v2d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet34(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-34: original form (7x7 stem).

    Same as ``keras_resnet.ResNet(depth=34, variant='', preact=False, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet34(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet34",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet34B(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-34-B: identical to the original: a basic block has no 1x1 conv to move the stride
    from.

    Same as ``keras_resnet.ResNet(depth=34, variant='b', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet34B(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet34b",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet34C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-34-C: deep 3x3 stem.

    Same as ``keras_resnet.ResNet(depth=34, variant='c', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet34C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet34c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet34D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-34-D: deep 3x3 stem, avg-pool projection shortcuts.

    Same as ``keras_resnet.ResNet(depth=34, variant='d', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet34D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet34d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet34V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-34 V2: pre-activation. ``v2_layout="keras"`` lays it out as keras.applications' ResNet
    V2 instead of timm's ``resnetv2_*`` (stride in the last block of the previous stage, a 1x1
    max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=34, variant='', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet34V2(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet34v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet34V2C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-34 V2-C: pre-activation, deep 3x3 stem. ``v2_layout="keras"`` lays it out as
    keras.applications' ResNet V2 instead of timm's ``resnetv2_*`` (stride in the last block of the
    previous stage, a 1x1 max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded
    stem pool; see ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=34, variant='c', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet34V2C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet34v2c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet34V2D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-34 V2-D: pre-activation, deep 3x3 stem, avg-pool projection shortcuts.
    ``v2_layout="keras"`` lays it out as keras.applications' ResNet V2 instead of timm's
    ``resnetv2_*`` (stride in the last block of the previous stage, a 1x1 max-pool shortcut, biased
    convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=34, variant='d', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet34V2D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet34v2d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet50(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-50: original form (stride in the first 1x1 conv, 7x7 stem).

    Same as ``keras_resnet.ResNet(depth=50, variant='', preact=False, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet50(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet50",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet50B(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-50-B: stride in the 3x3 conv.

    Same as ``keras_resnet.ResNet(depth=50, variant='b', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet50B(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet50b",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet50C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-50-C: stride in the 3x3 conv, deep 3x3 stem.

    Same as ``keras_resnet.ResNet(depth=50, variant='c', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet50C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet50c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet50D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-50-D: stride in the 3x3 conv, deep 3x3 stem, avg-pool projection shortcuts.

    Same as ``keras_resnet.ResNet(depth=50, variant='d', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet50D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet50d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet50V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-50 V2: pre-activation. ``v2_layout="keras"`` lays it out as keras.applications' ResNet
    V2 instead of timm's ``resnetv2_*`` (stride in the last block of the previous stage, a 1x1
    max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=50, variant='', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet50V2(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet50v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet50V2C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-50 V2-C: pre-activation, deep 3x3 stem. ``v2_layout="keras"`` lays it out as
    keras.applications' ResNet V2 instead of timm's ``resnetv2_*`` (stride in the last block of the
    previous stage, a 1x1 max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded
    stem pool; see ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=50, variant='c', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet50V2C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet50v2c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet50V2D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-50 V2-D: pre-activation, deep 3x3 stem, avg-pool projection shortcuts.
    ``v2_layout="keras"`` lays it out as keras.applications' ResNet V2 instead of timm's
    ``resnetv2_*`` (stride in the last block of the previous stage, a 1x1 max-pool shortcut, biased
    convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=50, variant='d', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet50V2D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet50v2d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet101(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-101: original form (stride in the first 1x1 conv, 7x7 stem).

    Same as ``keras_resnet.ResNet(depth=101, variant='', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet101(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet101",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet101B(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-101-B: stride in the 3x3 conv.

    Same as ``keras_resnet.ResNet(depth=101, variant='b', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet101B(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet101b",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet101C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-101-C: stride in the 3x3 conv, deep 3x3 stem.

    Same as ``keras_resnet.ResNet(depth=101, variant='c', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet101C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet101c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet101D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-101-D: stride in the 3x3 conv, deep 3x3 stem, avg-pool projection shortcuts.

    Same as ``keras_resnet.ResNet(depth=101, variant='d', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet101D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet101d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet101V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-101 V2: pre-activation. ``v2_layout="keras"`` lays it out as keras.applications'
    ResNet V2 instead of timm's ``resnetv2_*`` (stride in the last block of the previous stage, a
    1x1 max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=101, variant='', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet101V2(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet101v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet101V2C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-101 V2-C: pre-activation, deep 3x3 stem. ``v2_layout="keras"`` lays it out as
    keras.applications' ResNet V2 instead of timm's ``resnetv2_*`` (stride in the last block of the
    previous stage, a 1x1 max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded
    stem pool; see ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=101, variant='c', preact=True, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet101V2C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet101v2c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet101V2D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-101 V2-D: pre-activation, deep 3x3 stem, avg-pool projection shortcuts.
    ``v2_layout="keras"`` lays it out as keras.applications' ResNet V2 instead of timm's
    ``resnetv2_*`` (stride in the last block of the previous stage, a 1x1 max-pool shortcut, biased
    convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=101, variant='d', preact=True, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet101V2D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet101v2d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet152(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-152: original form (stride in the first 1x1 conv, 7x7 stem).

    Same as ``keras_resnet.ResNet(depth=152, variant='', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet152(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet152",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet152B(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-152-B: stride in the 3x3 conv.

    Same as ``keras_resnet.ResNet(depth=152, variant='b', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet152B(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet152b",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet152C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-152-C: stride in the 3x3 conv, deep 3x3 stem.

    Same as ``keras_resnet.ResNet(depth=152, variant='c', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet152C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet152c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet152D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-152-D: stride in the 3x3 conv, deep 3x3 stem, avg-pool projection shortcuts.

    Same as ``keras_resnet.ResNet(depth=152, variant='d', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet152D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet152d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet152V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-152 V2: pre-activation. ``v2_layout="keras"`` lays it out as keras.applications'
    ResNet V2 instead of timm's ``resnetv2_*`` (stride in the last block of the previous stage, a
    1x1 max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=152, variant='', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet152V2(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet152v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet152V2C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-152 V2-C: pre-activation, deep 3x3 stem. ``v2_layout="keras"`` lays it out as
    keras.applications' ResNet V2 instead of timm's ``resnetv2_*`` (stride in the last block of the
    previous stage, a 1x1 max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded
    stem pool; see ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=152, variant='c', preact=True, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet152V2C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet152v2c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet152V2D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-152 V2-D: pre-activation, deep 3x3 stem, avg-pool projection shortcuts.
    ``v2_layout="keras"`` lays it out as keras.applications' ResNet V2 instead of timm's
    ``resnetv2_*`` (stride in the last block of the previous stage, a 1x1 max-pool shortcut, biased
    convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=152, variant='d', preact=True, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet152V2D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet152v2d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet200(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-200: original form (stride in the first 1x1 conv, 7x7 stem).

    Same as ``keras_resnet.ResNet(depth=200, variant='', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet200(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet200",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet200B(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-200-B: stride in the 3x3 conv.

    Same as ``keras_resnet.ResNet(depth=200, variant='b', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet200B(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet200b",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet200C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-200-C: stride in the 3x3 conv, deep 3x3 stem.

    Same as ``keras_resnet.ResNet(depth=200, variant='c', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet200C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet200c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet200D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-200-D: stride in the 3x3 conv, deep 3x3 stem, avg-pool projection shortcuts.

    Same as ``keras_resnet.ResNet(depth=200, variant='d', preact=False, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet200D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet200d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet200V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-200 V2: pre-activation. ``v2_layout="keras"`` lays it out as keras.applications'
    ResNet V2 instead of timm's ``resnetv2_*`` (stride in the last block of the previous stage, a
    1x1 max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=200, variant='', preact=True, ...)``; default 224x224 input,
    1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet200V2(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet200v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet200V2C(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-200 V2-C: pre-activation, deep 3x3 stem. ``v2_layout="keras"`` lays it out as
    keras.applications' ResNet V2 instead of timm's ``resnetv2_*`` (stride in the last block of the
    previous stage, a 1x1 max-pool shortcut, biased convs where no BatchNorm follows, a zero-padded
    stem pool; see ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=200, variant='c', preact=True, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet200V2C(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet200v2c",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNet200V2D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-200 V2-D: pre-activation, deep 3x3 stem, avg-pool projection shortcuts.
    ``v2_layout="keras"`` lays it out as keras.applications' ResNet V2 instead of timm's
    ``resnetv2_*`` (stride in the last block of the previous stage, a 1x1 max-pool shortcut, biased
    convs where no BatchNorm follows, a zero-padded stem pool; see
    ``keras_resnet.specs.V2_LAYOUTS``).

    Same as ``keras_resnet.ResNet(depth=200, variant='d', preact=True, ...)``; default 224x224
    input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNet200V2D(input_shape=(224, 224, 3))
    """
    return _build(
        "resnet200v2d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNeXt50_32x4d(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNeXt-50 32x4d.

    Same as ``keras_resnet.ResNet(depth=50, variant='b', preact=False, cardinality=32, base_width=4,
    ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNeXt50_32x4d(input_shape=(224, 224, 3))
    """
    return _build(
        "resnext50_32x4d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNeXt50D_32x4d(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNeXt-50-D 32x4d.

    Same as ``keras_resnet.ResNet(depth=50, variant='d', preact=False, cardinality=32, base_width=4,
    ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNeXt50D_32x4d(input_shape=(224, 224, 3))
    """
    return _build(
        "resnext50d_32x4d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNeXt101_32x4d(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNeXt-101 32x4d.

    Same as ``keras_resnet.ResNet(depth=101, variant='b', preact=False, cardinality=32,
    base_width=4, ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNeXt101_32x4d(input_shape=(224, 224, 3))
    """
    return _build(
        "resnext101_32x4d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNeXt101_32x8d(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNeXt-101 32x8d.

    Same as ``keras_resnet.ResNet(depth=101, variant='b', preact=False, cardinality=32,
    base_width=8, ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNeXt101_32x8d(input_shape=(224, 224, 3))
    """
    return _build(
        "resnext101_32x8d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNeXt101_64x4d(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNeXt-101 64x4d.

    Same as ``keras_resnet.ResNet(depth=101, variant='b', preact=False, cardinality=64,
    base_width=4, ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNeXt101_64x4d(input_shape=(224, 224, 3))
    """
    return _build(
        "resnext101_64x4d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def WideResNet50_2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """Wide ResNet-50-2: bottleneck width doubled.

    Same as ``keras_resnet.ResNet(depth=50, variant='b', preact=False, base_width=128, ...)``;
    default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = WideResNet50_2(input_shape=(224, 224, 3))
    """
    return _build(
        "wide_resnet50_2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def WideResNet101_2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """Wide ResNet-101-2: bottleneck width doubled.

    Same as ``keras_resnet.ResNet(depth=101, variant='b', preact=False, base_width=128, ...)``;
    default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = WideResNet101_2(input_shape=(224, 224, 3))
    """
    return _build(
        "wide_resnet101_2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def SEResNet18(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """SE-ResNet-18: squeeze-and-excitation, reduction 16.

    Same as ``keras_resnet.ResNet(depth=18, variant='b', preact=False, attention='se', ...)``;
    default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = SEResNet18(input_shape=(224, 224, 3))
    """
    return _build(
        "seresnet18",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def SEResNet34(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """SE-ResNet-34: squeeze-and-excitation, reduction 16.

    Same as ``keras_resnet.ResNet(depth=34, variant='b', preact=False, attention='se', ...)``;
    default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = SEResNet34(input_shape=(224, 224, 3))
    """
    return _build(
        "seresnet34",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def SEResNet50(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """SE-ResNet-50: squeeze-and-excitation, reduction 16.

    Same as ``keras_resnet.ResNet(depth=50, variant='b', preact=False, attention='se', ...)``;
    default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = SEResNet50(input_shape=(224, 224, 3))
    """
    return _build(
        "seresnet50",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def SEResNet101(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """SE-ResNet-101: squeeze-and-excitation, reduction 16.

    Same as ``keras_resnet.ResNet(depth=101, variant='b', preact=False, attention='se', ...)``;
    default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = SEResNet101(input_shape=(224, 224, 3))
    """
    return _build(
        "seresnet101",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def SEResNet152(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """SE-ResNet-152: squeeze-and-excitation, reduction 16.

    Same as ``keras_resnet.ResNet(depth=152, variant='b', preact=False, attention='se', ...)``;
    default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = SEResNet152(input_shape=(224, 224, 3))
    """
    return _build(
        "seresnet152",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def SEResNeXt50_32x4d(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """SE-ResNeXt-50 32x4d.

    Same as ``keras_resnet.ResNet(depth=50, variant='b', preact=False, cardinality=32, base_width=4,
    attention='se', ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = SEResNeXt50_32x4d(input_shape=(224, 224, 3))
    """
    return _build(
        "seresnext50_32x4d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def SEResNeXt101_32x4d(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """SE-ResNeXt-101 32x4d.

    Same as ``keras_resnet.ResNet(depth=101, variant='b', preact=False, cardinality=32,
    base_width=4, attention='se', ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = SEResNeXt101_32x4d(input_shape=(224, 224, 3))
    """
    return _build(
        "seresnext101_32x4d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def SEResNeXt101_32x8d(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """SE-ResNeXt-101 32x8d.

    Same as ``keras_resnet.ResNet(depth=101, variant='b', preact=False, cardinality=32,
    base_width=8, attention='se', ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = SEResNeXt101_32x8d(input_shape=(224, 224, 3))
    """
    return _build(
        "seresnext101_32x8d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ECAResNet50D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ECA-ResNet-50-D: efficient channel attention.

    Same as ``keras_resnet.ResNet(depth=50, variant='d', preact=False, attention='eca', ...)``;
    default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ECAResNet50D(input_shape=(224, 224, 3))
    """
    return _build(
        "ecaresnet50d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ECAResNet101D(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ECA-ResNet-101-D: efficient channel attention.

    Same as ``keras_resnet.ResNet(depth=101, variant='d', preact=False, attention='eca', ...)``;
    default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ECAResNet101D(input_shape=(224, 224, 3))
    """
    return _build(
        "ecaresnet101d",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNetRS50(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-RS-50: SE (reduction 4), D form, conv stem pool.

    Same as ``keras_resnet.ResNet(depth=50, variant='d', preact=False, attention='se',
    attention_ratio=0.25, stem_pool='conv', ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNetRS50(input_shape=(224, 224, 3))
    """
    return _build(
        "resnetrs50",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNetRS101(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-RS-101: SE (reduction 4), D form, conv stem pool.

    Same as ``keras_resnet.ResNet(depth=101, variant='d', preact=False, attention='se',
    attention_ratio=0.25, stem_pool='conv', ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNetRS101(input_shape=(224, 224, 3))
    """
    return _build(
        "resnetrs101",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNetRS152(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-RS-152: SE (reduction 4), D form, conv stem pool.

    Same as ``keras_resnet.ResNet(depth=152, variant='d', preact=False, attention='se',
    attention_ratio=0.25, stem_pool='conv', ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNetRS152(input_shape=(224, 224, 3))
    """
    return _build(
        "resnetrs152",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def ResNetRS200(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """ResNet-RS-200: SE (reduction 4), D form, conv stem pool.

    Same as ``keras_resnet.ResNet(depth=200, variant='d', preact=False, attention='se',
    attention_ratio=0.25, stem_pool='conv', ...)``; default 224x224 input, 1000 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = ResNetRS200(input_shape=(224, 224, 3))
    """
    return _build(
        "resnetrs200",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet20(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-20: shortcut option A (zero-padding). ``shortcut`` ("A", "B", "C", or None: the
    plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=20, shortcut='A', preact=False, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet20(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet20",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet20V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-20 V2: pre-activation, shortcut option A. ``shortcut`` ("A", "B", "C", or None:
    the plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=20, shortcut='A', preact=True, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet20V2(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet20v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet32(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-32: shortcut option A (zero-padding). ``shortcut`` ("A", "B", "C", or None: the
    plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=32, shortcut='A', preact=False, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet32(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet32",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet32V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-32 V2: pre-activation, shortcut option A. ``shortcut`` ("A", "B", "C", or None:
    the plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=32, shortcut='A', preact=True, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet32V2(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet32v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet44(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-44: shortcut option A (zero-padding). ``shortcut`` ("A", "B", "C", or None: the
    plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=44, shortcut='A', preact=False, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet44(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet44",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet44V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-44 V2: pre-activation, shortcut option A. ``shortcut`` ("A", "B", "C", or None:
    the plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=44, shortcut='A', preact=True, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet44V2(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet44v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet56(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-56: shortcut option A (zero-padding). ``shortcut`` ("A", "B", "C", or None: the
    plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=56, shortcut='A', preact=False, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet56(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet56",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet56V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-56 V2: pre-activation, shortcut option A. ``shortcut`` ("A", "B", "C", or None:
    the plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=56, shortcut='A', preact=True, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet56V2(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet56v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet110(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-110: shortcut option A (zero-padding). ``shortcut`` ("A", "B", "C", or None: the
    plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=110, shortcut='A', preact=False, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet110(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet110",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet110V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-110 V2: pre-activation, shortcut option A. ``shortcut`` ("A", "B", "C", or None:
    the plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=110, shortcut='A', preact=True, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet110V2(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet110v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet1202(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-1202: shortcut option A (zero-padding). ``shortcut`` ("A", "B", "C", or None:
    the plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=1202, shortcut='A', preact=False, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet1202(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet1202",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


def CifarResNet1202V2(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:
    """CIFAR ResNet-1202 V2: pre-activation, shortcut option A. ``shortcut`` ("A", "B", "C", or
    None: the plain net) picks the paper's shortcut option.

    Same as ``keras_resnet.CifarResNet(depth=1202, shortcut='A', preact=True, ...)``; default 32x32
    input, 10 classes.

    Args (and keyword-only knobs):
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

    Example:
        >>> model = CifarResNet1202V2(input_shape=(32, 32, 3))
    """
    return _build(
        "cifar_resnet1202v2",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )


__all__ = [
    "ResNet18",
    "ResNet18B",
    "ResNet18C",
    "ResNet18D",
    "ResNet18V2",
    "ResNet18V2C",
    "ResNet18V2D",
    "ResNet34",
    "ResNet34B",
    "ResNet34C",
    "ResNet34D",
    "ResNet34V2",
    "ResNet34V2C",
    "ResNet34V2D",
    "ResNet50",
    "ResNet50B",
    "ResNet50C",
    "ResNet50D",
    "ResNet50V2",
    "ResNet50V2C",
    "ResNet50V2D",
    "ResNet101",
    "ResNet101B",
    "ResNet101C",
    "ResNet101D",
    "ResNet101V2",
    "ResNet101V2C",
    "ResNet101V2D",
    "ResNet152",
    "ResNet152B",
    "ResNet152C",
    "ResNet152D",
    "ResNet152V2",
    "ResNet152V2C",
    "ResNet152V2D",
    "ResNet200",
    "ResNet200B",
    "ResNet200C",
    "ResNet200D",
    "ResNet200V2",
    "ResNet200V2C",
    "ResNet200V2D",
    "ResNeXt50_32x4d",
    "ResNeXt50D_32x4d",
    "ResNeXt101_32x4d",
    "ResNeXt101_32x8d",
    "ResNeXt101_64x4d",
    "WideResNet50_2",
    "WideResNet101_2",
    "SEResNet18",
    "SEResNet34",
    "SEResNet50",
    "SEResNet101",
    "SEResNet152",
    "SEResNeXt50_32x4d",
    "SEResNeXt101_32x4d",
    "SEResNeXt101_32x8d",
    "ECAResNet50D",
    "ECAResNet101D",
    "ResNetRS50",
    "ResNetRS101",
    "ResNetRS152",
    "ResNetRS200",
    "CifarResNet20",
    "CifarResNet20V2",
    "CifarResNet32",
    "CifarResNet32V2",
    "CifarResNet44",
    "CifarResNet44V2",
    "CifarResNet56",
    "CifarResNet56V2",
    "CifarResNet110",
    "CifarResNet110V2",
    "CifarResNet1202",
    "CifarResNet1202V2",
]
