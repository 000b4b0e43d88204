"""The two image layouts: ``"channels_last"`` (NHWC, the default) and ``"channels_first"`` (NCHW).

Every builder takes ``data_format=`` (keras-hub's spelling); None reads
``keras.config.image_data_format()``. This module is the one place that decides what a layout
means: where the channel axis is (`channel_axis`), how an input shape reads (`image_shape`,
`split_shape`), which layout a built model takes (`of_model`), whether the running backend can
run it (`check_runnable`), and the same network in the other layout with the same weights
(`twin`). Convolution kernels, BatchNorm statistics and Dense weights do not depend on the
layout in Keras, so one set of weights serves both.

Example:
    >>> import keras_resnet
    >>> from keras_resnet import layouts
    >>> nchw = keras_resnet.create_model(
    ...     "cifar_resnet20", input_shape=(3, 8, 8), data_format="channels_first"
    ... )
    >>> layouts.of_model(nchw), nchw.input_shape
    ('channels_first', (None, 3, 8, 8))
    >>> nhwc = layouts.twin(nchw, "channels_last")  # same weights, input (None, 8, 8, 3)
    >>> layouts.of_model(nhwc), nhwc.input_shape
    ('channels_last', (None, 8, 8, 3))
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import numpy as np

from keras_resnet import _checks
from keras_resnet import identity as identity_lib

#: The layouts, default first.
DATA_FORMATS = ("channels_last", "channels_first")

#: The backends whose convolutions run channels_first on a CPU.
CHANNELS_FIRST_BACKENDS = ("jax", "torch")


def resolve(data_format: str | None) -> str:
    """`data_format` checked, or ``keras.config.image_data_format()`` for None."""
    if data_format is None:
        import keras

        return keras.config.image_data_format()
    if not isinstance(data_format, str):
        raise TypeError(
            "data_format must be None, 'channels_last' or 'channels_first'; "
            f"received data_format={data_format!r}"
        )
    return _checks.check_choice("data_format", data_format, DATA_FORMATS)


def channel_axis(data_format: str) -> int:
    """The channel axis of a 4-D image batch: -1 (channels_last) or 1 (channels_first)."""
    return 1 if data_format == "channels_first" else -1


def image_shape(height: Any, width: Any, channels: Any, data_format: str) -> tuple:
    """An image's shape without the batch axis, in `data_format`."""
    if data_format == "channels_first":
        return (channels, height, width)
    return (height, width, channels)


def split_shape(shape: tuple | list, data_format: str) -> tuple:
    """``(height, width, channels)`` of an image shape (no batch axis) in `data_format`."""
    if data_format == "channels_first":
        channels, height, width = shape
        return (height, width, channels)
    height, width, channels = shape
    return (height, width, channels)


def transpose(images: Any, data_format: str) -> np.ndarray:
    """A channels_last batch (``N, H, W, C``) in `data_format` (``N, C, H, W`` for
    channels_first), as a NumPy array."""
    images = np.asarray(images)
    return images.transpose(0, 3, 1, 2) if data_format == "channels_first" else images


def _image_layers(model: Any) -> Any:
    """The 2-D image layers of `model` (convolutions, pools, paddings), nested models included."""
    for layer in model.layers:
        if hasattr(layer, "layers"):
            yield from _image_layers(layer)
        elif getattr(layer, "data_format", None) in DATA_FORMATS and len(layer.input.shape) == 4:
            yield layer


def of_model(model: Any) -> str:
    """The layout `model`'s image layers take: ``"channels_first"`` if its first 2-D image layer
    is channels_first, else ``"channels_last"`` (also for a model without any)."""
    for layer in _image_layers(model):
        return str(layer.data_format)
    return "channels_last"


@functools.cache
def _runs_nchw_convolutions() -> bool:
    """Whether TensorFlow's convolution takes NCHW here: on a GPU, and on a CPU only in builds
    with oneDNN switched on (TensorFlow's own CPU kernel is NHWC only)."""
    import tensorflow as tf

    try:
        tf.nn.conv2d(tf.zeros((1, 1, 3, 3)), tf.zeros((1, 1, 1, 1)), 1, "VALID", "NCHW")
    except (tf.errors.UnimplementedError, tf.errors.InvalidArgumentError):
        return False
    return True


def check_runnable(model: Any) -> None:
    """Raises a one-line ValueError where `model` is channels_first and the Keras backend cannot
    run it: TensorFlow without NCHW convolutions (a CPU without oneDNN). Building such a model,
    saving and exporting it work everywhere."""
    check_backend(
        of_model(model),
        f"model {model.name!r}",
        "or as its channels_last twin (keras_resnet.layouts.twin(model, 'channels_last'): the "
        "same weights)",
    )


def check_backend(data_format: str, what: str, instead: str) -> None:
    """Raises a one-line ValueError where `data_format` is channels_first and the Keras backend
    cannot run it (`check_runnable`): `what` names what was asked for, `instead` ends the line
    with the way out that fits it."""
    import keras

    if keras.backend.backend() != "tensorflow" or data_format != "channels_first":
        return
    if not _runs_nchw_convolutions():
        raise ValueError(
            f"{what} is channels_first, which TensorFlow's CPU convolutions do not run here; run "
            f"it on the {' or '.join(CHANNELS_FIRST_BACKENDS)} backend (KERAS_BACKEND=jax), on a "
            f"GPU, {instead}"
        )


#: Layers that read their input's layout in a way `twin` cannot rewrite.
_LAYOUT_BOUND = ("Flatten", "Permute", "Lambda")


def _layer_config(layer: dict[str, Any], source: str, target: str) -> dict[str, Any]:
    """One functional layer's serialized config with its layout switched from source to target."""
    config = layer["config"]
    kind = layer["class_name"]
    layer.pop("build_config", None)  # the shapes it was built for: it builds again when called
    if kind in _LAYOUT_BOUND:
        raise ValueError(
            f"layer {config.get('name')!r} ({kind}) depends on the image layout; twin() rebuilds "
            "convolutional networks of layout-free or data_format-aware layers only"
        )
    if kind in ("Functional", "Model", "Sequential") and "layers" in config:
        config["layers"] = [_layer_config(sub, source, target) for sub in config["layers"]]
        return layer
    if "2D" in kind and config.get("data_format") == source:
        config["data_format"] = target
    elif kind == "InputLayer" and len(config.get("batch_shape") or ()) == 4:
        batch, *image = config["batch_shape"]
        height, width, channels = split_shape(image, source)
        config["batch_shape"] = [batch, *image_shape(height, width, channels, target)]
    elif kind in ("BatchNormalization", "Concatenate") and _is_channel_axis(config, source):
        config["axis"] = channel_axis(target)
    elif kind == "Reshape" and len(config["target_shape"]) == 3:
        shape = tuple(config["target_shape"])
        if sorted(shape)[:2] != [1, 1]:
            raise ValueError(
                f"layer {config['name']!r} reshapes to {shape}, which depends on the image layout"
            )
        config["target_shape"] = image_shape(1, 1, max(shape), target)
    return layer


def _is_channel_axis(config: dict[str, Any], data_format: str) -> bool:
    axis = config.get("axis")
    axis = axis[0] if isinstance(axis, (list, tuple)) and len(axis) == 1 else axis
    return axis in ((1, -3) if data_format == "channels_first" else (-1, 3))


def twin(model: Any, data_format: str) -> Any:
    """`model` rebuilt in `data_format` with the same weights: its layers' layout arguments (and
    BatchNorm and Concatenate axes, the input's shape) switched, nothing else. A model already in
    `data_format` is returned as it is. The twin keeps the model's name, its identity and its
    ``pretrained_cfg``; its outputs on a batch equal `model`'s on the batch transposed.

    Raises:
        ValueError: `data_format` is not a layout, or `model` has a layer whose meaning depends
            on the layout beyond these (``Flatten``, ``Permute``, ``Lambda``, a Reshape of the
            image).
    """
    import keras

    target = resolve(data_format)
    source = of_model(model)
    if source == target:
        return model
    config = copy.deepcopy(model.get_config())
    config["layers"] = [_layer_config(layer, source, target) for layer in config["layers"]]
    rebuilt = keras.Model.from_config(config)
    rebuilt.set_weights(model.get_weights())
    for attribute in ("pretrained_cfg", "feature_info"):
        if hasattr(model, attribute):
            setattr(rebuilt, attribute, getattr(model, attribute))
    return identity_lib.attach(rebuilt, identity_lib.of_model(model))


__all__ = [
    "CHANNELS_FIRST_BACKENDS",
    "DATA_FORMATS",
    "channel_axis",
    "check_backend",
    "check_runnable",
    "image_shape",
    "of_model",
    "resolve",
    "split_shape",
    "transpose",
    "twin",
]
