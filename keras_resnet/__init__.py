"""keras_resnet: the ResNet family for Keras 3, from `model.fit` to TFLite, TF Serving and ONNX.

Example:
    >>> import keras_resnet
    >>> keras_resnet.list_models("resnet18*")
    ['resnet18', 'resnet18b', 'resnet18c', 'resnet18d', 'resnet18v2', 'resnet18v2c', 'resnet18v2d']
    >>> model = keras_resnet.create_model("resnet18d", classes=10, input_shape=(64, 64, 3))

Importing this package does not import Keras or TensorFlow: the registry is plain data, and the
builders (`ResNet50D`, `CifarResNet56`, ...) load Keras on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

from keras_resnet.registry import MODELS, ModelInfo, create_model, list_models, model_info

__version__ = "0.1.0"

# name -> submodule, resolved on first attribute access (PEP 562).
_LAZY = {
    "ResNet": "resnet",
    "CifarResNet": "resnet",
    "count_macs": "analysis",
    "count_params": "analysis",
    "load_model": "saving",
    "save_pretrained": "sharing",
    "push_to_hub": "sharing",
    # the named builders (ResNet50D, ...), defined in keras_resnet/_named.py
    **{entry.function: "_named" for entry in MODELS.values() if entry.function},
}

#: submodules reachable as attributes (``keras_resnet.export.export(...)``), imported on first use.
_SUBMODULES = (
    "analysis",
    "converters",
    "data",
    "export",
    "imagenet",
    "optimize",
    "preprocessing",
    "presets",
    "registry",
    "resnet",
    "saving",
    "sharing",
    "specs",
    "variants",
    "weights",
)

__all__ = ["__version__", "list_models", "create_model", "model_info", "ModelInfo", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"keras_resnet.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'keras_resnet' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"keras_resnet.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | set(_SUBMODULES))
