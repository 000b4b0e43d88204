"""Lazy imports of optional dependencies, with the extra to install when one is missing."""

from __future__ import annotations

import importlib
import types


def require(module: str, extra: str) -> types.ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"{module} is needed here but is not installed ({error}); "
            f"install it with: pip install 'keras-resnet[{extra}]'"
        ) from error


def require_tfmot() -> types.ModuleType:
    """tensorflow-model-optimization, imported without leaking its process-wide switch.

    tfmot sets ``TF_USE_LEGACY_KERAS=1`` in ``os.environ`` when imported (to bind itself to
    tf_keras). Its own binding is made at import; the variable would only make every child
    process (a test, a converter, a serving subprocess) resolve ``tf.keras`` to tf_keras, so it is
    restored to what it was.
    """
    import os

    previous = os.environ.get("TF_USE_LEGACY_KERAS")
    try:
        return require("tensorflow_model_optimization", "optimize")
    finally:
        if previous is None:
            os.environ.pop("TF_USE_LEGACY_KERAS", None)
        else:
            os.environ["TF_USE_LEGACY_KERAS"] = previous
