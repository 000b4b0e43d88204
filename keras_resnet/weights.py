"""Loading weights into the library's models: the one place that does.

``weights=`` takes None, a preset name (``"resnet50b.tv_in1k"``; ``"imagenet"`` for the model's
default, see `keras_resnet.presets`) or a local file of any kind `keras_resnet.converters` reads:
a torchvision/timm ``.safetensors``/``.pth``, a keras.applications ``.h5``, or a Keras
``.weights.h5`` saved from the same architecture. The kind is detected from the file's bytes. A
folder `keras_resnet.save_pretrained` wrote, or a Hub repository ``hf-hub:<user>/<repo>`` holding
one, loads its Keras weights (`keras_resnet.pretrained`).

A ``.weights.h5`` file written by keras_resnet (`save_weights`, training's checkpoints and final
weights, ``keras-resnet convert-weights``) records the model it came from
(`keras_resnet.identity`); loading it into another architecture is refused with one line naming
both, even where every shape fits, unless ``allow_other_architecture=True`` says the transfer is
deliberate. Files without the record load on their shapes alone.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from keras_resnet import _checks, converters, presets, pretrained
from keras_resnet import identity as identity_lib
from keras_resnet.converters import files
from keras_resnet.converters.keras_weights import (
    check_head_classes,
    check_record,
    head_classes,
    load_weights_file,
    read_record,
    save_weights,
)

if TYPE_CHECKING:
    import keras

    from keras_resnet import specs


def check_weights_argument(
    weights: object,
    model_name: str | None = None,
    *,
    arch: specs.Arch | None = None,
    allow_other_architecture: bool = False,
) -> str | presets.Preset | None:
    """Validates a builder's ``weights`` argument before anything is built: returns None, an
    existing file's path, or a `presets.Preset` (``hf-hub:timm/<name>`` included: an unlisted
    repository's ``config.json`` is fetched to describe it).

    A ``.weights.h5`` file that records another architecture than `arch` (default: the
    registered model `model_name`'s) is refused, unless `allow_other_architecture`."""
    _checks.check_bool("allow_other_architecture", allow_other_architecture)
    if weights is None:
        return None
    if not isinstance(weights, (str, os.PathLike)):
        raise TypeError(
            f"weights must be None, a preset name or a file path; received weights={weights!r}"
        )
    path = os.fspath(weights)
    target = (
        identity_lib.of_arch(arch, model_name or "this model")
        if arch is not None
        else identity_lib.of_name(model_name)
    )
    if os.path.isdir(path):  # a folder keras_resnet.sharing.save_pretrained wrote
        return pretrained.check(path, target, allow_other_architecture=allow_other_architecture)
    if os.path.isfile(path):
        # detect: a clear error for a file of no known kind
        if files.detect(path) == "keras_weights":
            check_record(path, target, allow_other_architecture=allow_other_architecture)
        return path
    if path.startswith(presets.HUB_PREFIX):
        listed = any(p.url == path for p in presets.PRESETS.values())
        folder = None if listed else pretrained.hub_folder(path[len(presets.HUB_PREFIX) :])
        if folder is not None:  # a repository keras_resnet.sharing.push_to_hub uploaded
            return pretrained.check(
                folder, target, allow_other_architecture=allow_other_architecture
            )
        return presets.get(path, model_name)
    looks_like_path = os.sep in path or path.endswith(
        (".h5", ".pth", ".pt", ".bin", ".safetensors")
    )
    if looks_like_path:
        raise ValueError(
            "weights must be None, a preset name or the path of an existing weights file; "
            f"received weights={weights!r}, which is not a file"
        )
    return presets.get(path, model_name)


#: The preprocessing each checkpoint kind was trained with (a `presets.Preset` names its own).
_KIND_PREPROCESSING = {"safetensors": "torch", "torch": "torch", "keras_h5": "caffe"}


def preprocessing_of(spec: str | presets.Preset) -> str | None:
    """The `keras_resnet.preprocessing` preset the weights `check_weights_argument` returned were
    trained with: the preset's, ``"torch"`` for torchvision/timm files, ``"caffe"`` for
    keras.applications files, None for a Keras ``.weights.h5`` (which does not record it)."""
    if isinstance(spec, presets.Preset):
        return spec.preprocessing
    if os.path.isdir(spec):
        return pretrained.preprocessing(spec)
    return _KIND_PREPROCESSING.get(files.detect(spec))


def load(
    model: keras.Model,
    spec: str | presets.Preset,
    *,
    include_top: bool,
    classes: int,
    verbose: bool = True,
    allow_other_architecture: bool = False,
) -> converters.LoadReport | None:
    """Loads what `check_weights_argument` returned into the built `model`. A preset also sets
    ``model.pretrained_cfg`` (`presets.Preset.config`: source, license, accuracy, evaluation
    transform and normalization), as timm's models carry theirs. A ``.weights.h5`` file that
    records another architecture than the model's is refused unless
    `allow_other_architecture`."""
    if isinstance(spec, presets.Preset):
        path = presets.fetch(spec, verbose=verbose)
        model.pretrained_cfg = spec.config()  # what export, predict and training read back
    elif os.path.isdir(spec):
        pretrained.load(
            model,
            spec,
            include_top=include_top,
            classes=classes,
            allow_other_architecture=allow_other_architecture,
        )
        return None
    else:
        path = spec
        if files.detect(path) == "keras_weights":
            if include_top:
                check_head_classes(path, classes)
            load_weights_file(model, path, allow_other_architecture=allow_other_architecture)
            return None
    return converters.load_checkpoint(model, path, verbose=verbose)


def load_weights(
    model: keras.Model, path: str | os.PathLike[str], *, allow_other_architecture: bool = False
) -> None:
    """Loads the ``.weights.h5`` file at `path` into the built `model`, all or nothing.

    Args:
        model: a model built (or loaded from ``.keras``) by keras_resnet, or any Keras model.
        path: a Keras ``.weights.h5`` file.
        allow_other_architecture: load a file that records another architecture than `model`'s
            (a deliberate transfer, e.g. a plain net's weights into its ResNet twin); the shapes
            must still fit. By default such a file is refused with a ValueError naming both.

    Example:
        >>> import keras_resnet
        >>> from keras_resnet import weights
        >>> plain = keras_resnet.create_model("cifar_plain20", input_shape=(8, 8, 3))
        >>> path = "/tmp/kr_plain20.weights.h5"
        >>> weights.save_weights(plain, path)
        >>> resnet = keras_resnet.create_model("cifar_resnet20", input_shape=(8, 8, 3))
        >>> weights.load_weights(resnet, path)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: weights of cifar_plain20 do not fit cifar_resnet20 (...
        >>> weights.load_weights(resnet, path, allow_other_architecture=True)
    """
    _checks.check_bool("allow_other_architecture", allow_other_architecture)
    path = os.fspath(path)
    if not os.path.isfile(path) or files.detect(path) != "keras_weights":
        raise ValueError(f"path must be an existing Keras .weights.h5 file; received path={path!r}")
    load_weights_file(model, path, allow_other_architecture=allow_other_architecture)


__all__ = [
    "check_weights_argument",
    "load",
    "load_weights",
    "save_weights",
    "preprocessing_of",
    "load_weights_file",
    "head_classes",
    "check_head_classes",
    "check_record",
    "read_record",
]
