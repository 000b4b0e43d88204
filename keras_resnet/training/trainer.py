"""`train`: a recipe, a model of the registry and a data source, on any Keras backend (JAX,
TensorFlow, PyTorch), streamed, with checkpoints that a killed run resumes from exactly.

The data are never loaded whole: an image folder is listed (not opened), and its files are
decoded, augmented and prefetched by worker threads as the steps need them
(`keras_resnet.training.stream`, on Grain). Every batch is a function of the run's seed and its
global step, so a run resumed from the checkpoint of step ``s`` (`checkpoints`) starts the
stream at step ``s``, mid-epoch included, and sees what an uninterrupted run saw: with
``deterministic=True`` on TensorFlow it ends bit-identical.

The parts: the settings (`config`), the data (`inputs`), the plan and the input streams
(`plan`), the compiled model (`model_setup`); this module fits the planned run and writes its
outputs (a fine-tuning run in two phases).
"""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import pathlib
import sys
import time
from typing import Any

from keras_resnet import _console, atomic, layouts, saving
from keras_resnet import weights as weights_lib
from keras_resnet.training import checkpoints, model_setup, stream
from keras_resnet.training.config import TrainConfig, TrainResult
from keras_resnet.training.engines import STRATEGIES, make_strategy, strategy_name
from keras_resnet.training.inputs import Data
from keras_resnet.training.plan import Run, settle, streams


def _callbacks(run: Run, skipped: stream.Skipped | None) -> list:
    import keras

    config, output = run.config, run.output
    callbacks: list = [_throughput(run.global_batch, skipped)] if config.verbose == 1 else []
    if output is None or run.backup is None or not run.engine.chief:  # one process writes
        return callbacks
    output.mkdir(parents=True, exist_ok=True)
    callbacks += [
        checkpoints.callback(
            run.backup,
            first_step=run.start_step,
            save_freq=config.save_freq,
            steps_per_epoch=run.steps_per_epoch,
            writes=run.engine.chief_writes,
            identity=run.identity,
        ),
        keras.callbacks.CSVLogger(str(output / "log.csv"), append=True),
    ]
    # Keras' TensorBoard callback writes with tf.summary, so it needs TensorFlow on every backend.
    missing = [m for m in ("tensorboard", "tensorflow") if importlib.util.find_spec(m) is None]
    if config.tensorboard and not missing:
        callbacks.append(
            keras.callbacks.TensorBoard(str(output / "tensorboard"), update_freq="epoch")
        )
    elif config.tensorboard:
        _console.log(
            config.verbose,
            f"TensorBoard logs skipped: {' and '.join(missing)} not installed (pip install "
            "'keras-resnet[train]' tensorflow)",
        )
    return callbacks


def _throughput_callback() -> type:
    import keras

    class Throughput(keras.callbacks.Callback):
        """Adds ``img/s`` (images per second over the epoch so far) and the count of skipped
        files to the progress bar's line."""

        def __init__(self, batch: int, skipped: stream.Skipped | None) -> None:
            super().__init__()
            self.batch, self.skipped = batch, skipped

        def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
            self.started, self.steps = time.perf_counter(), 0

        def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
            self.steps += 1
            if logs is not None:
                logs["img/s"] = (
                    self.steps * self.batch / max(time.perf_counter() - self.started, 1e-9)
                )
                if self.skipped:
                    logs["skipped"] = len(self.skipped)

    return Throughput


def _throughput(batch: int, skipped: stream.Skipped | None) -> Any:
    return _throughput_callback()(batch, skipped)


def _segments(run: Run) -> list[tuple[int, int, int, int, int]]:
    """The `fit` calls of a run as ``(first step, last step, first epoch, end epoch, steps per
    epoch)``: the rest of a partly trained epoch (resumed mid-epoch), then the epochs left."""
    steps, step = run.steps_per_epoch, run.start_step
    epoch, done = divmod(step, steps)
    segments = []
    if done:
        segments.append((step, (epoch + 1) * steps, epoch, epoch + 1, steps - done))
        epoch += 1
    if epoch < run.epochs:
        segments.append((epoch * steps, run.total_steps, epoch, run.epochs, steps))
    return segments


def _fit(run: Run, model: Any) -> tuple[dict, int, stream.Skipped | None]:
    """`model.fit` over the stream from the resumed step, in one call per `_segments` entry;
    ``(history, epochs run, skipped files)``."""
    config = run.config
    batches, validation, validation_steps = streams(run)
    skipped = batches.skipped if batches is not None else None
    callbacks = _callbacks(run, skipped)
    fit_verbose = (
        config.verbose if config.verbose != 1 or sys.stderr.isatty() or sys.stdout.isatty() else 2
    )
    history: dict[str, list] = {}
    epochs_run = 0
    with run.engine.scope():
        for first, last, epoch, end_epoch, steps in _segments(run):
            data = (
                run.data.stream(first)
                if batches is None
                else stream.dataset(batches, first, last, workers=run.workers)
            )
            fitted = model.fit(
                data,
                initial_epoch=epoch,
                epochs=end_epoch,
                steps_per_epoch=steps,
                validation_data=validation,
                validation_steps=validation_steps,
                callbacks=callbacks,
                verbose=fit_verbose,
                shuffle=False,
            )
            for key, values in fitted.history.items():
                history.setdefault(key, []).extend(values)
            epochs_run += len(fitted.epoch)
    return history, epochs_run, skipped


def train(
    model: str,
    train_data: Any,
    *,
    validation_data: Any = None,
    config: TrainConfig | None = None,
    **settings: Any,
) -> TrainResult:
    """Trains a registry model with a recipe, resumably, streamed, on any Keras backend.

    Args:
        model: a registry name (``"cifar_resnet56"``); built in the engine's scope.
        train_data: an image folder (one subfolder of images per class; decoded as the steps
            need them, never all in memory), ``(images, labels)`` arrays (images ``(N, H, W, C)``:
            uint8 pixels, or floats already in model space with ``preprocessing="none"``), any
            other form `keras_resnet.data.source` takes (``"digits"``, ``"cifar10"``,
            ``"cifar100"``, a CIFAR binary folder, an ``.npz`` file, TFRecord shards, which need
            ``classes`` and ``steps_per_epoch``) or the `keras_resnet.data.Source` it returns, a
            dataset object that yields prepared ``(inputs, labels)`` batches (``tf.data``,
            ``keras.utils.PyDataset``, Grain), passed to ``fit`` as it is, or a function of a
            global step that returns an endless dataset object starting at that step (a resumed
            run calls it with its checkpoint's step, so it sees the batches an uninterrupted
            run saw: `keras_resnet.data.tfrecords` with ``repeat=True, start=step``); it
            needs ``steps_per_epoch``.
        validation_data: optional, of the same kinds, for held-out accuracy each epoch (instead
            of a named data set's own held-out part; ``validation_split=`` holds out a share).
        config: a `TrainConfig`; keyword arguments (``epochs=30``, ``recipe="bag_of_tricks"``,
            any of its fields) replace its fields.

    Returns:
        A `TrainResult` with the trained model and the history of this process's epochs.
    """
    started = time.perf_counter()
    config, data = settle(model, train_data, validation_data, TrainConfig.of(config, settings))
    _check_layout(config)
    if config.weights is not None and config.allow_other_architecture:
        # the builder loads the weights: it is told the transfer is deliberate too
        kwargs = {**(config.model_kwargs or {}), "allow_other_architecture": True}
        config = dataclasses.replace(config, model_kwargs=kwargs)
    if config.weights is not None:
        return _finetune(model, data, config, started)
    return _train_run(Run.plan(model, config, data), started)


def _check_layout(config: TrainConfig) -> None:
    """A channels_first run (``model_kwargs``'s ``data_format``, else Keras' global one) needs
    a backend that runs NCHW convolutions: one line before any work where it is not."""
    data_format = config.data_format
    layouts.check_backend(
        data_format,
        f"the model asked for (data_format={data_format!r})",
        "or train it channels_last (model_kwargs={'data_format': 'channels_last'}: the same "
        "weights load into either layout)",
    )


def _train_run(run: Run, started: float) -> TrainResult:
    """Builds, resumes and fits one planned run (or reports it complete); its `TrainResult`."""
    config = run.config
    _console.log(config.verbose, run.describe())
    _console.log(config.verbose, run.data.describe())
    keras_model = model_setup.set_up_model(run)
    if run.start_step >= run.total_steps:
        _console.log(
            config.verbose,
            f"training already complete ({run.epochs} epoch{'' if run.epochs == 1 else 's'}) in "
            f"{run.output}",
        )
        _save_final(keras_model, run, only_if_missing=True)
        history = _last_logged_epoch(run.output / "log.csv") if run.output else {}
        return run.result(
            keras_model, history, 0, time.perf_counter() - started, already_complete=True
        )
    history, epochs_run, skipped = _fit(run, keras_model)
    _save_final(keras_model, run)
    seconds = time.perf_counter() - started
    if skipped:
        _console.log(config.verbose, skipped.summary())
    _console.log(config.verbose, f"trained in {seconds:.1f} s")
    return run.result(
        keras_model, history, epochs_run, seconds, skipped=len(skipped) if skipped else 0
    )


def _finetune(name: str, data: Data, config: TrainConfig, started: float) -> TrainResult:
    """Fine-tuning from ``config.weights``: the new head alone with the backbone frozen for
    `head_epochs` (its own run in ``output_dir/head``), then everything at the recipe's rate;
    each phase resumes from its own checkpoints. The result's history holds both phases."""
    spec = config.spec
    total = config.epochs or spec.epochs or 1
    head = spec.head_epochs if config.head_epochs is None else config.head_epochs
    if head >= total:
        raise ValueError(
            f"head_epochs={head} must be fewer than epochs={total}: the backbone would never be "
            "fine-tuned"
        )
    batch = config.batch_size or spec.batch_size
    peak = config.learning_rate or spec.learning_rate(batch)
    output = pathlib.Path(config.output_dir) if config.output_dir is not None else None
    history: dict[str, list] = {}
    init = None
    if head:
        head_config = dataclasses.replace(
            config,
            epochs=head,
            learning_rate=peak * spec.head_learning_rate_scale,
            output_dir=output / "head" if output else None,
        )
        first = _train_run(Run.plan(name, head_config, data, phase="head"), started)
        history, init = first.history, first.model.get_weights()
    rest = dataclasses.replace(config, epochs=total - head, learning_rate=peak)
    run = Run.plan(name, rest, data, phase="all")
    run.init_weights = init
    result = _train_run(run, started)
    if output is not None and run.engine.chief:
        with (
            run.engine.chief_writes(),
            atomic.atomic_path(output / "final.keras", overwrite=True) as tmp,
        ):
            saving.save_model(result.model, tmp, identity=run.identity)  # the model, for export
    for key, values in result.history.items():
        history[key] = history.get(key, []) + list(values)
    result.history = history
    return result


def _last_logged_epoch(log: pathlib.Path) -> dict:
    """The last row of a CSVLogger file as History-style lists (``{"loss": [0.12], ...}``)."""
    if not log.is_file():
        return {}
    with open(log, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        return {}
    history = {}
    for key, value in rows[-1].items():
        try:
            history[key] = [float(value)]
        except (TypeError, ValueError):
            continue
    history.pop("epoch", None)
    return history


def _save_final(model: Any, run: Run, *, only_if_missing: bool = False) -> None:
    """``final.weights.h5``, written atomically by the chief only, recording the run's model."""
    if run.output is None or not run.engine.chief:
        return
    final = run.output / "final.weights.h5"
    if not (only_if_missing and final.is_file()):
        with (
            run.engine.chief_writes(),
            atomic.atomic_path(final, overwrite=True) as tmp,
        ):  # never half-written
            weights_lib.save_weights(model, tmp, identity=run.identity)


__all__ = ["STRATEGIES", "TrainConfig", "TrainResult", "make_strategy", "strategy_name", "train"]
