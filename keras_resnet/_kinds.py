"""What kind of model an object is, without importing tf_keras or tfmot to find out."""

from __future__ import annotations

from typing import Any

_QAT_LAYERS = ("QuantizeWrapperV2", "QuantizeWrapper", "QuantizeLayer")
_PRUNING_LAYERS = ("PruneLowMagnitude",)


def is_tf_keras_model(model: Any) -> bool:
    """True for a tf_keras (Keras 2) model."""
    return any(
        c.__name__ == "Model" and c.__module__.startswith("tf_keras.") for c in type(model).__mro__
    )


def _layer_kinds(model: Any) -> set[str]:
    return {type(layer).__name__ for layer in getattr(model, "layers", [])}


def is_quantization_aware(model: Any) -> bool:
    """True for a model with tfmot's quantization wrappers (a QAT model)."""
    return bool(_layer_kinds(model) & set(_QAT_LAYERS))


def is_pruning_wrapped(model: Any) -> bool:
    """True for a model with tfmot's pruning wrappers (not yet stripped)."""
    return bool(_layer_kinds(model) & set(_PRUNING_LAYERS))
