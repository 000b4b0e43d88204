"""Loading weights into the library's models: the one place that does.

``weights=`` takes None, a preset name (``"resnet50b.tv_in1k"``; ``"imagenet"`` for the model's
default, see `keras_resnet.presets`) or a local file of any kind `keras_resnet.converters` reads:
a torchvision/timm ``.safetensors``/``.pth``, a keras.applications ``.h5``, or a Keras
``.weights.h5`` saved from the same architecture. The kind is detected from the file's bytes.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from keras_resnet import converters, presets
from keras_resnet.converters import files
from keras_resnet.converters.keras_weights import (
    check_head_classes,
    head_classes,
    load_weights_file,
)

if TYPE_CHECKING:
    import keras


def check_weights_argument(
    weights: object, model_name: str | None = None
) -> str | presets.Preset | None:
    """Validates a builder's ``weights`` argument before anything is built: returns None, an
    existing file's path, or a `presets.Preset` (``hf-hub:timm/<name>`` included: an unlisted
    repository's ``config.json`` is fetched to describe it)."""
    if weights is None:
        return None
    if not isinstance(weights, (str, os.PathLike)):
        raise TypeError(
            f"weights must be None, a preset name or a file path; received weights={weights!r}"
        )
    path = os.fspath(weights)
    if os.path.isfile(path):
        files.detect(path)  # a clear error for a file of no known kind
        return path
    if path.startswith(presets.HUB_PREFIX):
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
    return _KIND_PREPROCESSING.get(files.detect(spec))


def load(
    model: keras.Model,
    spec: str | presets.Preset,
    *,
    include_top: bool,
    classes: int,
    verbose: bool = True,
) -> converters.LoadReport | None:
    """Loads what `check_weights_argument` returned into the built `model`. A preset also sets
    ``model.pretrained_cfg`` (`presets.Preset.config`: source, license, accuracy, evaluation
    transform and normalization), as timm's models carry theirs."""
    if isinstance(spec, presets.Preset):
        path = presets.fetch(spec, verbose=verbose)
        model.pretrained_cfg = spec.config()  # what export, predict and training read back
    else:
        path = spec
        if files.detect(path) == "keras_weights":
            if include_top:
                check_head_classes(path, classes)
            load_weights_file(model, path)
            return None
    return converters.load_checkpoint(model, path, verbose=verbose)


__all__ = [
    "check_weights_argument",
    "load",
    "preprocessing_of",
    "load_weights_file",
    "head_classes",
    "check_head_classes",
]
