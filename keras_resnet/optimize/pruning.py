"""Magnitude pruning with tensorflow-model-optimization: `prune` wraps the convolutions and
Dense layers of a model's tf_keras twin, `pruning_callbacks` keeps the schedule stepping during
``fit``, `strip_pruning` removes the wrappers (and can put the sparse weights back into the Keras 3
model), `sparsity` measures the result.

A pruned model's zeros do not make its file smaller by themselves; they make it compress:
`keras_resnet.export.export(..., compressed_size=True)` reports each artifact's gzip size.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from keras_resnet import _checks
from keras_resnet._kinds import is_pruning_wrapped, is_quantization_aware
from keras_resnet._optional import require, require_tfmot
from keras_resnet.optimize import twin as twin_lib

tfmot = require_tfmot()
tfk = require("tf_keras", "optimize")
_sparsity = tfmot.sparsity.keras

#: the layer kinds whose kernels are pruned
PRUNABLE = ("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Dense")


def _polynomial(
    target: float, begin_step: int, end_step: int | None, frequency: int, initial_sparsity: float
) -> Any:
    if end_step is None:
        raise ValueError(
            "schedule='polynomial' needs end_step (the step at which target_sparsity is reached, "
            "e.g. epochs * steps_per_epoch); received end_step=None"
        )
    end_step = _checks.check_int("end_step", end_step, minimum=begin_step + 1)
    return _sparsity.PolynomialDecay(
        initial_sparsity=initial_sparsity,
        final_sparsity=target,
        begin_step=begin_step,
        end_step=end_step,
        frequency=frequency,
    )


def _constant(
    target: float, begin_step: int, end_step: int | None, frequency: int, initial_sparsity: float
) -> Any:
    return _sparsity.ConstantSparsity(
        target,
        begin_step=begin_step,
        end_step=-1 if end_step is None else end_step,
        frequency=frequency,
    )


#: schedule name -> factory(target, begin_step, end_step, frequency, initial_sparsity)
SCHEDULES = {"polynomial": _polynomial, "constant": _constant}


def _kernel_layers(model: Any) -> Iterator[Any]:
    for layer in model.layers:
        if hasattr(layer, "layers"):
            yield from _kernel_layers(layer)
        else:
            inner = getattr(layer, "layer", layer)  # a tfmot wrapper holds the layer
            if type(inner).__name__ in PRUNABLE:
                yield inner


def prune(
    model: Any,
    target_sparsity: float = 0.5,
    *,
    schedule: str = "polynomial",
    begin_step: int = 0,
    end_step: int | None = None,
    frequency: int = 100,
    initial_sparsity: float = 0.0,
    exclude: Iterable[str] = (),
) -> Any:
    """A tfmot magnitude-pruning model of `model` (its tf_keras twin, weights kept).

    Args:
        model: a model built by this library (Keras 3) or its tf_keras twin; flat.
        target_sparsity: the fraction of each pruned kernel set to zero at the end, in (0, 1).
        schedule: ``"polynomial"`` (sparsity rises from `initial_sparsity` at `begin_step` to
            `target_sparsity` at `end_step`, tfmot's PolynomialDecay) or ``"constant"``
            (`target_sparsity` from `begin_step` on).
        begin_step: the step at which pruning starts.
        end_step: the step at which the polynomial schedule reaches `target_sparsity`.
        frequency: masks are updated every `frequency` steps.
        initial_sparsity: the polynomial schedule's starting sparsity.
        exclude: names of layers to leave dense (e.g. ``("conv1_conv", "predictions")``).

    Returns:
        A tf_keras model with pruning wrappers on every Conv2D/Dense kernel not excluded; train it
        with ``callbacks=pruning_callbacks()``, then `strip_pruning`.

    Example:
        >>> import numpy as np, keras_resnet
        >>> from keras_resnet.optimize import prune, pruning_callbacks, sparsity, strip_pruning
        >>> model = keras_resnet.CifarResNet20(input_shape=(16, 16, 3), classes=4)
        >>> pruned = prune(model, 0.5, schedule="constant", frequency=1)
        >>> pruned.compile("sgd", "sparse_categorical_crossentropy")
        >>> x, y = np.zeros((8, 16, 16, 3), "float32"), np.zeros(8, "int32")
        >>> _ = pruned.fit(x, y, epochs=1, verbose=0, callbacks=pruning_callbacks())
        >>> round(sparsity(strip_pruning(pruned))["total"], 2)
        0.5
    """
    target_sparsity = _checks.check_fraction(
        "target_sparsity", target_sparsity, low_inclusive=False
    )
    initial_sparsity = _checks.check_fraction("initial_sparsity", initial_sparsity)
    _checks.check_choice("schedule", schedule, tuple(SCHEDULES))
    begin_step = _checks.check_int("begin_step", begin_step, minimum=0)
    frequency = _checks.check_int("frequency", frequency, minimum=1)
    if isinstance(exclude, str) or not all(isinstance(n, str) for n in exclude):
        raise TypeError(f"exclude must be a list of layer names; received exclude={exclude!r}")
    twin = twin_lib.to_tf_keras(model)
    if is_pruning_wrapped(twin) or is_quantization_aware(twin):
        raise ValueError(
            f"model {twin.name!r} already carries tfmot wrappers; prune the float model"
        )
    names = {layer.name for layer in twin.layers}
    unknown = sorted(set(exclude) - names)
    if unknown:
        raise ValueError(f"exclude names layers that model {twin.name!r} does not have: {unknown}")
    pruning_schedule = SCHEDULES[schedule](
        target_sparsity, begin_step, end_step, frequency, initial_sparsity
    )

    def wrap(layer: Any) -> Any:
        if type(layer).__name__ in PRUNABLE and layer.name not in exclude:
            return _sparsity.prune_low_magnitude(layer, pruning_schedule=pruning_schedule)
        return layer

    return tfk.models.clone_model(twin, clone_function=wrap)


def pruning_callbacks(log_dir: str | os.PathLike[str] | None = None) -> list:
    """The callbacks ``fit`` needs for a pruned model: tfmot's UpdatePruningStep, plus its
    PruningSummaries (sparsity per layer, for TensorBoard) when `log_dir` is given."""
    callbacks = [_sparsity.UpdatePruningStep()]
    if log_dir is not None:
        callbacks.append(_sparsity.PruningSummaries(log_dir=str(log_dir)))
    return callbacks


def prune_scope() -> Any:
    """The scope in which saved, still-wrapped pruned models load."""
    return _sparsity.prune_scope()


def strip_pruning(model: Any, *, into: Any = None) -> Any:
    """Removes the pruning wrappers, leaving the sparse weights in ordinary layers.

    Args:
        model: a model returned by `prune` (after training).
        into: optionally the Keras 3 model it came from (or a copy of it): the sparse weights are
            copied into it by layer name, and it is returned, ready for ``.keras`` saving and
            every export format.

    Returns:
        The stripped tf_keras model, or `into` with the pruned weights.
    """
    stripped = _sparsity.strip_pruning(model)
    if into is None:
        return stripped
    twin_lib.copy_weights(stripped, into)
    return into


def sparsity(model: Any) -> dict[str, float]:
    """The fraction of zeros in each prunable kernel, by layer name, and ``"total"`` over all."""
    result, zeros, size = {}, 0, 0
    for layer in _kernel_layers(model):
        kernel = np.asarray(layer.get_weights()[0])
        result[layer.name] = float((kernel == 0).mean())
        zeros += int((kernel == 0).sum())
        size += kernel.size
    result["total"] = zeros / size if size else 0.0
    return result


__all__ = [
    "PRUNABLE",
    "SCHEDULES",
    "prune",
    "prune_scope",
    "pruning_callbacks",
    "sparsity",
    "strip_pruning",
]
