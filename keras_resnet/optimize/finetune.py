"""Fine-tuning recipes around tfmot: quantization-aware training and pruning of a trained model,
from arrays or a ``tf.data`` dataset, measured on held-out data. The command line
(``keras-resnet optimize``), the example and the digits benchmark all run through `fine_tune`.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from typing import Any

import numpy as np

from keras_resnet import _checks, _console, export
from keras_resnet.optimize import pruning as pruning_lib
from keras_resnet.optimize import quantization as quantization_lib

tfk = quantization_lib.tfk
METHODS = ("qat", "prune")
OPTIMIZERS = {
    "adam": lambda lr: tfk.optimizers.Adam(lr),
    "sgd": lambda lr: tfk.optimizers.SGD(lr, momentum=0.9),
}


@dataclasses.dataclass
class FineTuned:
    """What `fine_tune` produced."""

    method: str
    model: Any  # QAT: the tf_keras QAT model; prune: the Keras 3 model with sparse weights
    baseline_accuracy: float | None  # the float model on the validation data, before
    accuracy: float | None  # the fine-tuned model (fake-quantized for QAT) on the same data
    sparsity: float | None  # prune: zeros over all pruned kernels
    epochs: int
    seconds: float


def _dataset(data: Any, batch_size: int, shuffle: bool, seed: int = 0) -> Any:
    import tensorflow as tf

    if isinstance(data, tf.data.Dataset):
        return data
    if not (isinstance(data, (tuple, list)) and len(data) == 2):
        raise TypeError(
            "data must be (images, labels) arrays or a tf.data.Dataset; received "
            f"{type(data).__name__}"
        )
    x, y = (np.asarray(a) for a in data)
    if len(x) != len(y):
        raise ValueError(f"data has {len(x)} images but {len(y)} labels")
    dataset = tf.data.Dataset.from_tensor_slices((x.astype("float32"), y))
    if shuffle:
        dataset = dataset.shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def _steps(dataset: Any) -> int:
    steps = int(dataset.cardinality())
    if steps < 0:  # unknown or infinite: count once
        steps = sum(1 for _ in dataset)
    if steps == 0:
        raise ValueError("the training data is empty")
    return steps


def accuracy(model: Any, data: Any, *, batch_size: int = 64) -> float:
    """Top-1 accuracy of a Keras 3 or tf_keras model on ``(images, labels)`` or a dataset."""
    correct = total = 0
    for x, y in _dataset(data, batch_size, shuffle=False):
        predicted = np.asarray(model(x, training=False)).argmax(-1)
        correct += int((predicted == np.asarray(y).reshape(-1)).sum())
        total += len(predicted)
    return correct / total


def _calibration_images(dataset: Any, size: int) -> np.ndarray:
    images, count = [], 0
    for x, _ in dataset:
        images.append(np.asarray(x, dtype="float32"))
        count += len(images[-1])
        if count >= size:
            break
    return np.concatenate(images)[:size]


def fine_tune(
    model: Any,
    train: Any,
    *,
    method: str = "qat",
    validation: Any = None,
    epochs: int = 1,
    learning_rate: float = 1e-4,
    optimizer: str = "adam",
    batch_size: int = 32,
    target_sparsity: float = 0.5,
    calibration_size: int = 256,
    log_dir: str | os.PathLike[str] | None = None,
    verbose: int = 1,
) -> FineTuned:
    """Quantization-aware training or pruning with fine-tuning of a trained Keras 3 model.

    Args:
        model: a trained model of this library (Keras 3).
        train: ``(images, labels)`` arrays (model-ready images, integer labels) or a batched
            ``tf.data.Dataset`` of such pairs.
        method: ``"qat"`` (tfmot's default 8-bit scheme, ranges initialized from `train`) or
            ``"prune"`` (magnitude pruning to `target_sparsity`: a polynomial schedule over the
            first two thirds of the steps, then training at the final sparsity).
        validation: optional held-out data, same kinds as `train`, for the accuracies.
        epochs: training epochs.
        learning_rate: the optimizer's learning rate (small: this is fine-tuning).
        optimizer: ``"adam"`` or ``"sgd"`` (momentum 0.9).
        batch_size: for array data.
        target_sparsity: for ``"prune"``.
        calibration_size: images from `train` used to initialize the QAT ranges.
        log_dir: optional folder for pruning summaries (TensorBoard).
        verbose: 0 silent, 1 progress bars and timings (stderr).

    Returns:
        A `FineTuned`. Export ``result.model`` with `keras_resnet.export.export`
        (QAT: ``quantize="int8"``; pruned: any precision, with ``compressed_size=True``).
    """
    epochs, batch_size = _check_fine_tune_args(method, optimizer, epochs, batch_size, learning_rate)
    start = time.perf_counter()
    train_ds = _dataset(train, batch_size, shuffle=True)
    steps = _steps(train_ds)
    baseline = accuracy(model, validation) if validation is not None else None
    tuned, callbacks = _wrapped(
        model,
        method,
        train_ds,
        epochs * steps,
        target_sparsity=target_sparsity,
        calibration_size=calibration_size,
        log_dir=log_dir,
    )
    tuned.compile(
        optimizer=OPTIMIZERS[optimizer](learning_rate),
        loss=tfk.losses.SparseCategoricalCrossentropy(
            from_logits=export.output_kind(model) != "probabilities"
        ),
        # a metric object, not "accuracy": its variables exist before the first trace
        metrics=[tfk.metrics.SparseCategoricalAccuracy(name="accuracy")],
    )
    # Built now: variables created inside the first trace of the train step (the optimizer's
    # slots, a metric named by a string) make TensorFlow trace the step again.
    tuned.optimizer.build(tuned.trainable_variables)
    _console.log(
        verbose, f"{method}: fine-tuning {model.name} for {epochs} epoch(s) of {steps} steps"
    )
    validation_ds = (
        _dataset(validation, batch_size, shuffle=False) if validation is not None else None
    )
    fit_verbose = (
        0 if not verbose else (1 if sys.stdout.isatty() else 2)
    )  # a bar on a terminal, a line per epoch in logs
    tuned.fit(
        train_ds,
        epochs=epochs,
        validation_data=validation_ds,
        callbacks=callbacks,
        verbose=fit_verbose,
    )

    measured_sparsity = None
    if method == "prune":
        import keras

        tuned = pruning_lib.strip_pruning(tuned, into=keras.models.clone_model(model))
        measured_sparsity = pruning_lib.sparsity(tuned)["total"]
    result = FineTuned(
        method=method,
        model=tuned,
        baseline_accuracy=baseline,
        accuracy=accuracy(tuned, validation) if validation is not None else None,
        sparsity=measured_sparsity,
        epochs=epochs,
        seconds=time.perf_counter() - start,
    )
    _console.log(verbose, _summary(result))
    return result


def _check_fine_tune_args(
    method: str, optimizer: str, epochs: int, batch_size: int, learning_rate: float
) -> tuple[int, int]:
    """``(epochs, batch_size)`` as ints, after checking every scalar argument of `fine_tune`."""
    _checks.check_choice("method", method, METHODS)
    _checks.check_choice("optimizer", optimizer, tuple(OPTIMIZERS))
    epochs = _checks.check_int("epochs", epochs, minimum=1)
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    if (
        isinstance(learning_rate, bool)
        or not isinstance(learning_rate, (int, float))
        or not learning_rate > 0
    ):
        raise ValueError(
            f"learning_rate must be a positive number; received learning_rate={learning_rate!r}"
        )
    return epochs, batch_size


def _wrapped(
    model: Any,
    method: str,
    train_ds: Any,
    total_steps: int,
    *,
    target_sparsity: float,
    calibration_size: int,
    log_dir: str | os.PathLike[str] | None,
) -> tuple[Any, list]:
    """``(tf_keras model to fine-tune, its callbacks)``: quantization-aware with ranges from
    `train_ds`, or wrapped for pruning to `target_sparsity` over the first two thirds of the
    steps."""
    if method == "qat":
        calibration = _calibration_images(train_ds, calibration_size)
        return quantization_lib.quantize_aware(model, calibration_data=calibration), []
    end_step = max(1, (2 * total_steps) // 3)
    pruned = pruning_lib.prune(
        model,
        target_sparsity,
        schedule="polynomial",
        end_step=end_step,
        frequency=max(1, min(100, end_step // 10)),
    )
    return pruned, pruning_lib.pruning_callbacks(log_dir)


def _summary(result: FineTuned) -> str:
    summary = f"{result.method}: done in {result.seconds:.1f} s"
    if result.baseline_accuracy is not None:
        summary += (
            f"; held-out accuracy {result.baseline_accuracy:.2%} before, "
            f"{result.accuracy:.2%} after"
        )
    if result.sparsity is not None:
        summary += f"; sparsity {result.sparsity:.1%}"
    return summary


__all__ = ["FineTuned", "METHODS", "accuracy", "fine_tune"]
