"""`train`: a recipe, a model of the registry and data, on TensorFlow's distribution engine, with
checkpoints every epoch (or N steps) that a killed run resumes from exactly.

Resuming exactly needs more than `keras.callbacks.BackupAndRestore` (which restores the weights,
the optimizer state and the epoch): the data of every epoch must not depend on how many epochs
this process has run. The training stream is one ``tf.data`` pipeline over the epochs
(``Dataset.range(start_epoch, epochs)``) whose shuffle and augmentation are stateless ops seeded
with ``(seed, epoch, batch)`` tensors: a resumed run starts it at the epoch the checkpoint
recorded and sees the same data, and nothing is built per epoch, so 3,000 epochs start as fast
as 3.

Checkpoints are double (``double_checkpoint=True`` keeps the previous one as ``*.bkp``): when
the latest is damaged (a kill during its save), the run resumes from the previous one and says so.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import importlib.util
import json
import numbers
import os
import pathlib
import shutil
import sys
import time
from typing import Any

import numpy as np

from keras_resnet import _checks, _console, atomic, registry
from keras_resnet import preprocessing as preprocessing_lib
from keras_resnet.training import augment as augment_lib
from keras_resnet.training import recipes as recipes_lib


def make_strategy(name: Any) -> Any:
    """A tf.distribute strategy by name. ``multi_worker`` must be made at program start, before
    any other TensorFlow op (TensorFlow configures its collectives then)."""
    import tensorflow as tf

    if isinstance(name, tf.distribute.Strategy):
        return name

    factories = {
        "default": tf.distribute.get_strategy,
        "mirrored": tf.distribute.MirroredStrategy,
        "multi_worker": tf.distribute.MultiWorkerMirroredStrategy,
    }
    _checks.check_choice("strategy", name, tuple(factories))
    return factories[name]()


STRATEGIES = ("default", "mirrored", "multi_worker")


def strategy_name(distribution: Any) -> str:
    """A readable name for a strategy: ``"default"``, ``"mirrored (2 devices)"``,
    ``"multi_worker (4 replicas)"``, else its class name and replica count."""
    import tensorflow as tf

    replicas = distribution.num_replicas_in_sync
    if isinstance(distribution, tf.distribute.MultiWorkerMirroredStrategy):
        return f"multi_worker ({replicas} replicas)"
    if isinstance(distribution, tf.distribute.MirroredStrategy):
        return f"mirrored ({replicas} device{'' if replicas == 1 else 's'})"
    if not tf.distribute.has_strategy() and distribution is tf.distribute.get_strategy():
        return "default"
    return f"{type(distribution).__name__.lstrip('_')} ({replicas} replica{'' if replicas == 1 else 's'})"


@dataclasses.dataclass
class TrainResult:
    """What `train` returns.

    Attributes:
        model: the trained model (compiled; loaded from the checkpoint when `already_complete`).
        history: ``{"loss": [...], "accuracy": [...], "val_accuracy": [...], ...}`` for the
            epochs this process ran (Keras' ``History.history``); when `already_complete`, the
            last row of ``output_dir/log.csv`` in the same form (one-item lists), so
            ``history[name][-1]`` is always the final figure.
        epochs_run: epochs run by this process (fewer than `epochs` after a resume, 0 when
            `already_complete`).
        start_epoch: the epoch this process started at (the checkpoint's).
        seconds: this call's duration.
        replicas: the strategy's replicas in sync.
        global_batch_size: the batch over all replicas.
        already_complete: the checkpoint in `output_dir` had reached `epochs`: nothing was trained.
    """

    model: object
    history: dict
    epochs_run: int
    start_epoch: int
    seconds: float
    replicas: int
    global_batch_size: int
    already_complete: bool = False


# ---- checks of the arguments, all before any heavy work ----

def _optional_count(argument: str, value):
    """None (the default) or an int >= 1."""
    return None if value is None else _checks.check_int(argument, value, minimum=1)


def _check_arrays(argument: str, data):
    """``(images (N, H, W, C), integer labels (N,))`` as NumPy arrays."""
    try:
        x, y = (np.asarray(a) for a in data)
    except (TypeError, ValueError):
        raise TypeError(f"{argument} must be a pair (images, labels); received {type(data).__name__}") from None
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if x.ndim != 4 or y.ndim != 1 or len(x) != len(y):
        raise ValueError(f"{argument} must be (images (N, H, W, C), labels (N,)); received shapes {x.shape} and {y.shape}")
    if len(y) == 0:
        raise ValueError(f"{argument} has no images; received shapes {x.shape} and {y.shape}")
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0:
        raise ValueError(f"{argument} labels must be integers >= 0; received dtype {y.dtype}, smallest {y.min()}")
    return x, y


def _check_classes(classes, labels) -> int:
    largest = int(labels.max())
    if classes is None:
        return largest + 1
    classes = _checks.check_int("classes", classes, minimum=1)
    if classes <= largest:
        raise ValueError(f"classes must exceed the largest label ({largest}); received classes={classes}")
    return classes


def _check_learning_rate(value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"learning_rate must be a float; received learning_rate={value!r}")
    if not float(value) > 0:  # also refuses nan
        raise ValueError(f"learning_rate must be > 0; received learning_rate={value!r}")
    return float(value)


def _check_save_freq(value):
    if isinstance(value, str) and value == "epoch":
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"save_freq must be 'epoch' or a number of steps >= 1; received save_freq={value!r}")
    return int(value)


def _plan(spec, images: int, *, epochs, batch_size, replicas):
    """``(epochs, steps_per_epoch, global_batch)`` of a run; None: the recipe's."""
    global_batch = spec.batch_size if batch_size is None else batch_size
    if global_batch % replicas:
        raise ValueError(f"batch_size={global_batch} must divide evenly over the {replicas} replicas")
    steps_per_epoch = images // global_batch
    if steps_per_epoch == 0:
        raise ValueError(f"batch_size={global_batch} is larger than the {images} training images")
    if epochs is None:  # the recipe's length in iterations, as epochs of this data
        epochs = -(-spec.total_steps(steps_per_epoch) // steps_per_epoch)
    return epochs, steps_per_epoch, global_batch


# ---- checkpoints ----

#: BackupAndRestore's file names in ``backup/``; with double_checkpoint, ``NAME.bkp`` is the previous one.
_WEIGHTS, _METADATA = "latest.weights.h5", "training_metadata.json"


def _h5_damage(path: pathlib.Path):
    """Why the HDF5 file at `path` cannot be read to the end (None: it can)."""
    import h5py

    def read(name, item):
        if isinstance(item, h5py.Dataset):
            item[()]

    try:
        with h5py.File(path, "r") as f:
            f.visititems(read)
    except (OSError, KeyError, RuntimeError, ValueError) as error:
        return str(error).splitlines()[0] if str(error) else type(error).__name__
    return None


def _metadata_epoch(path: pathlib.Path):
    """The epoch a training_metadata.json records: 0 without the file, None when it is unreadable."""
    if not path.is_file():
        return 0
    try:
        return int(json.loads(path.read_text())["epoch"])
    except (ValueError, KeyError, TypeError):
        return None


def _resume_epoch(backup: pathlib.Path) -> int:
    """The epoch the checkpoint in `backup` resumes at (0: none), after falling back on the
    previous checkpoint when the latest is damaged."""
    weights, metadata = backup / _WEIGHTS, backup / _METADATA
    damage = _h5_damage(weights) if weights.exists() else None
    epoch = _metadata_epoch(metadata)
    if damage is None and epoch is not None:
        return epoch
    return _fall_back(backup, weights if damage else metadata, damage or "not valid JSON")


def _fall_back(backup: pathlib.Path, damaged: pathlib.Path, reason: str) -> int:
    """Restores the previous checkpoint over a damaged latest one: the copy Keras'
    BackupAndRestore(double_checkpoint=True) makes on an OSError in ``on_train_begin``, made here
    before `fit` so that the start epoch, the data stream and the message agree with what Keras
    loads, and so that a damaged training_metadata.json (which Keras does not catch) falls back too."""
    previous, previous_metadata = backup / f"{_WEIGHTS}.bkp", backup / f"{_METADATA}.bkp"
    if not previous.exists() and not previous_metadata.exists():  # killed during the first save: nothing to lose
        for partial in (backup / _WEIGHTS, backup / _METADATA):
            partial.unlink(missing_ok=True)
        print(f"{damaged} is damaged ({reason}) and no checkpoint was complete before it: starting at epoch 0",
              file=sys.stderr, flush=True)
        return 0
    epoch = _metadata_epoch(previous_metadata)
    if not previous.is_file() or _h5_damage(previous) is not None or epoch is None:
        raise ValueError(f"{damaged} is damaged ({reason}) and there is no readable previous checkpoint ({previous.name}) "
                         f"to resume from; delete {backup} to start the training over")
    shutil.copyfile(previous, backup / _WEIGHTS)
    if previous_metadata.is_file():
        shutil.copyfile(previous_metadata, backup / _METADATA)
    else:
        (backup / _METADATA).unlink(missing_ok=True)
    print(f"{damaged} is damaged ({reason}); resuming from the previous checkpoint (epoch {epoch})", file=sys.stderr, flush=True)
    return epoch


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


# ---- data ----

def _fold(seed, value):
    import tensorflow as tf

    return tf.random.experimental.stateless_fold_in(seed, tf.cast(value, tf.int64))


def make_dataset(
    x: np.ndarray,
    y: np.ndarray,
    *,
    start_epoch: int,
    epochs: int,
    seed: int,
    batch_size: int,
    augment: str | None,
    preprocessing: str | preprocessing_lib.Preprocessing,
    classes: int,
    one_hot: bool,
    mixup_alpha: float = 0.0,
) -> Any:
    """The training stream from `start_epoch` to `epochs`, each epoch a function of (seed, epoch)
    only: its order is a stateless shuffle seeded with (seed, epoch), its augmentation is seeded
    with (seed, epoch, batch). Built lazily: nothing is made per epoch before it is read."""
    import tensorflow as tf

    images, labels = tf.constant(x), tf.constant(y)
    steps = len(x) // batch_size
    run_seed = tf.constant([seed, 0], tf.int64)

    def epoch_batches(epoch):
        epoch_seed = _fold(run_seed, epoch)
        order = tf.random.experimental.stateless_shuffle(tf.range(len(x), dtype=tf.int64), seed=_fold(epoch_seed, 0))
        batches = tf.reshape(order[: steps * batch_size], [steps, batch_size])
        batch_seed = _fold(epoch_seed, 1)
        steps_and_batches = tf.data.Dataset.from_tensor_slices((tf.range(steps, dtype=tf.int64), batches))
        return steps_and_batches.map(lambda step, indices: (_fold(batch_seed, step), indices))

    prepare = _prepare_batch(images, labels, augment=augment, preprocessing=preprocessing, classes=classes,
                             one_hot=one_hot, mixup_alpha=mixup_alpha)
    dataset = tf.data.Dataset.range(start_epoch, epochs).flat_map(epoch_batches)
    # Every draw is stateless, so batches can be prepared in parallel and still come out the same.
    dataset = dataset.map(prepare, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    return dataset.prefetch(tf.data.AUTOTUNE)


def _prepare_batch(images, labels, *, augment, preprocessing, classes, one_hot, mixup_alpha):
    """``(batch_seed, indices) -> (model input, labels)``: gather, preprocess, augment, mix."""
    import tensorflow as tf

    pipeline = augment_lib.pipeline(augment)
    preset = preprocessing_lib.get(preprocessing)

    def prepare(batch_seed, indices):
        batch = preset.tf(tf.gather(images, indices))
        if pipeline is not None:
            batch = pipeline(batch, _fold(batch_seed, 0))
        targets = tf.gather(labels, indices)
        targets = tf.one_hot(targets, classes) if one_hot else targets
        if mixup_alpha > 0:
            batch, targets = augment_lib.mixup(batch, targets, alpha=mixup_alpha, seed=_fold(batch_seed, 1))
        return batch, targets

    return prepare


def _eval_dataset(data, *, batch_size, preprocessing, classes, one_hot):
    import tensorflow as tf

    x, y = (np.asarray(a) for a in data)
    x = preprocessing_lib.get(preprocessing).numpy(x)
    labels = tf.one_hot(y.reshape(-1), classes) if one_hot else y.reshape(-1)
    return tf.data.Dataset.from_tensor_slices((x, labels)).batch(batch_size)


# ---- model and callbacks ----

def _compiled_model(name, spec, *, input_shape, classes, steps_per_epoch, global_batch, epochs, learning_rate,
                    jit_compile, model_kwargs):
    """The registry model with the recipe's optimizer, loss and metrics (in the caller's scope)."""
    import keras

    kwargs = dict(model_kwargs or {})
    kwargs.setdefault("zero_init_residual", spec.zero_init_residual)
    model = registry.create_model(name, input_shape=input_shape, classes=classes, classifier_activation=None, **kwargs)
    depth = registry.get_entry(name).arch_args["depth"]
    schedule = spec.schedule(steps_per_epoch=steps_per_epoch, batch_size=global_batch, depth=depth, epochs=epochs, peak=learning_rate)
    optimizer = keras.optimizers.SGD(learning_rate=schedule, momentum=spec.momentum, weight_decay=spec.weight_decay)
    if not spec.decay_norm_and_bias:
        optimizer.exclude_from_weight_decay(var_names=["gamma", "beta", "bias"])
    if _one_hot(spec):
        loss = keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=spec.label_smoothing)
        metrics = [keras.metrics.CategoricalAccuracy(name="accuracy")]
    else:
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        metrics = [keras.metrics.SparseCategoricalAccuracy(name="accuracy")]
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics, jit_compile=jit_compile)
    return model


def _build(distribution, name, spec, *, mixed_precision, **kwargs):
    """`_compiled_model` in the strategy's scope, under ``mixed_float16`` if asked (the global
    dtype policy is restored after)."""
    import keras

    previous_policy = keras.config.dtype_policy().name
    if mixed_precision:
        keras.config.set_dtype_policy("mixed_float16")
    try:
        with distribution.scope():
            return _compiled_model(name, spec, **kwargs)
    finally:
        keras.config.set_dtype_policy(previous_policy)


def _one_hot(spec) -> bool:
    return spec.label_smoothing > 0 or spec.mixup_alpha > 0


def _callbacks(output, backup, *, save_freq, tensorboard, verbose):
    import keras

    if output is None:
        return []
    output.mkdir(parents=True, exist_ok=True)
    callbacks = [
        keras.callbacks.BackupAndRestore(str(backup), save_freq=save_freq, double_checkpoint=True, delete_checkpoint=False),
        keras.callbacks.CSVLogger(str(output / "log.csv"), append=True),
    ]
    if tensorboard and importlib.util.find_spec("tensorboard") is not None:
        callbacks.append(keras.callbacks.TensorBoard(str(output / "tensorboard"), update_freq="epoch"))
    elif tensorboard:
        _console.log(verbose, "TensorBoard logs skipped: tensorboard is not installed (pip install 'keras-resnet[train]')")
    return callbacks


def _restore(model, backup: pathlib.Path):
    """Loads the checkpoint the way BackupAndRestore does (optimizer state included)."""
    if model.optimizer is not None and not model.optimizer.built:
        model.optimizer.build(model.trainable_variables)
    model.load_weights(str(backup / _WEIGHTS))


@dataclasses.dataclass(frozen=True)
class TrainConfig:
    """How `train` trains: every setting but the model and the data, each checked when made.

    Attributes:
        recipe: ``"cifar"`` or ``"bag_of_tricks"`` (`keras_resnet.training.recipes`).
        epochs: training length, an int >= 1 (None: the recipe's, e.g. 64k iterations for
            CIFAR); the schedule is stretched or compressed to it.
        batch_size: the global batch, an int >= 1 (None: the recipe's); the learning rate scales
            with it, and each of the strategy's replicas gets ``batch_size / replicas``.
        learning_rate: the peak learning rate, instead of the recipe's scaled one.
        strategy: ``"default"`` (one device), ``"mirrored"`` (all local GPUs),
            ``"multi_worker"`` (machines listed in ``TF_CONFIG``), or a strategy object. A
            multi-worker strategy must exist before any other TensorFlow op runs: make it first
            with `make_strategy("multi_worker")` and pass it here.
        mixed_precision: float16 compute with float32 variables (``mixed_float16``).
        jit_compile: compile the train step with XLA.
        output_dir: where checkpoints (``backup/``), ``log.csv``, TensorBoard logs and
            ``final.weights.h5`` go; a run started again with the same folder resumes (from the
            previous checkpoint if the latest is damaged), and one that already reached `epochs`
            trains nothing and reports the log's last epoch.
        save_freq: ``"epoch"`` or a number of steps between checkpoints.
        augment: ``"pad_crop_flip"``, ``"pad_crop"``, ``"random_resized_crop_flip"``, ``"none"``
            (None: the recipe's).
        preprocessing: how the images become model input (a `keras_resnet.preprocessing` preset).
        classes: the class count, an int above the largest label (None: ``max(labels) + 1``).
        seed: seeds weights, shuffling and augmentation; the same seed gives the same run.
        model_kwargs: more builder arguments (``drop_path_rate=0.05``, ...).
        tensorboard: write TensorBoard logs into ``output_dir/tensorboard``.
        deterministic: TensorFlow op determinism, so that a resumed run ends bit-identical to an
            uninterrupted one (slower on GPUs).
        verbose: 0 silent, 1 progress bar, 2 one line per epoch.
    """

    recipe: str = "cifar"
    epochs: int | None = None
    batch_size: int | None = None
    learning_rate: float | None = None
    strategy: Any = "default"
    mixed_precision: bool = False
    jit_compile: bool = False
    output_dir: str | os.PathLike | None = None
    save_freq: str | int = "epoch"
    augment: str | None = None
    preprocessing: str = "none"
    classes: int | None = None
    seed: int = 0
    model_kwargs: dict | None = None
    tensorboard: bool = True
    deterministic: bool = False
    verbose: int = 1

    def __post_init__(self):
        recipes_lib.get(self.recipe)
        normalized = {
            "epochs": _optional_count("epochs", self.epochs),
            "batch_size": _optional_count("batch_size", self.batch_size),
            "learning_rate": _check_learning_rate(self.learning_rate),
            "save_freq": _check_save_freq(self.save_freq),
            "seed": _checks.check_int("seed", self.seed, minimum=0),
        }
        for field, value in normalized.items():  # ints and floats, not NumPy scalars
            object.__setattr__(self, field, value)
        if self.augment is not None:
            _checks.check_choice("augment", self.augment, augment_lib.NAMES)
        preprocessing_lib.get(self.preprocessing)
        _checks.check_choice("verbose", self.verbose, (0, 1, 2))
        for argument in ("mixed_precision", "jit_compile", "tensorboard", "deterministic"):
            _checks.check_bool(argument, getattr(self, argument))

    @classmethod
    def of(cls, config: "TrainConfig | None", settings: dict) -> "TrainConfig":
        """`config` with `settings` (keyword arguments of `train`) replacing its fields; an
        unknown keyword is a TypeError naming the nearest field."""
        fields = [f.name for f in dataclasses.fields(cls)]
        for key in settings:
            if key not in fields:
                near = difflib.get_close_matches(key, fields, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                raise TypeError(f"train() got an unexpected keyword argument {key!r}{hint}")
        return dataclasses.replace(config or cls(), **settings) if settings or config is None else config


def train(
    model: str, train_data: Any, *, validation_data: Any = None, config: TrainConfig | None = None, **settings: Any
) -> TrainResult:
    """Trains a registry model with a recipe, resumably, on one or several devices or machines.

    Args:
        model: a registry name (``"cifar_resnet56"``); built inside the strategy's scope.
        train_data: ``(images, labels)`` arrays: images ``(N, H, W, C)`` (uint8 pixels, or floats
            already in model space with ``preprocessing="none"``), integer labels.
        validation_data: optional ``(images, labels)`` for held-out accuracy each epoch.
        config: a `TrainConfig`; keyword arguments (``epochs=30``, ``recipe="bag_of_tricks"``,
            any of its fields) replace its fields.

    Returns:
        A `TrainResult` with the trained model and the history of this process's epochs.
    """
    started = time.perf_counter()
    config = TrainConfig.of(config, settings)
    registry.get_entry(model)  # an unknown name is named, with the nearest ones
    x, y = _check_arrays("train_data", train_data)
    if validation_data is not None:
        _check_arrays("validation_data", validation_data)
    run = _Run.plan(model, config, x, y)
    _console.log(config.verbose, run.describe())
    keras_model = _set_up_model(run, input_shape=tuple(x.shape[1:]))
    if run.start_epoch >= run.epochs:
        _console.log(config.verbose, f"training already complete ({run.start_epoch} epoch{'' if run.start_epoch == 1 else 's'}) in {run.output}")
        history = _complete_run(keras_model, run.output, run.backup, run.distribution)
        return run.result(keras_model, history, 0, time.perf_counter() - started, already_complete=True)
    history = _fit(run, keras_model, (x, y), validation_data)
    _save_final(keras_model, run.output, run.distribution)
    seconds = time.perf_counter() - started
    _console.log(config.verbose, f"trained in {seconds:.1f} s")
    return run.result(keras_model, dict(history.history), len(history.epoch), seconds)


@dataclasses.dataclass
class _Run:
    """What one call of `train` settled before building anything: the recipe, the strategy, the
    schedule's size, where it writes and the epoch it resumes from."""

    name: str
    config: TrainConfig
    spec: recipes_lib.Recipe
    classes: int
    augment: str
    distribution: Any
    epochs: int
    steps_per_epoch: int
    global_batch: int
    output: pathlib.Path | None
    backup: pathlib.Path | None
    start_epoch: int

    @classmethod
    def plan(cls, name: str, config: TrainConfig, x, y) -> "_Run":
        spec = recipes_lib.get(config.recipe)
        classes = _check_classes(config.classes, y)
        distribution = make_strategy(config.strategy)
        _check_multi_worker(distribution)
        epochs, steps, batch = _plan(spec, len(x), epochs=config.epochs, batch_size=config.batch_size,
                                     replicas=distribution.num_replicas_in_sync)
        output = pathlib.Path(config.output_dir) if config.output_dir is not None else None
        backup = output / "backup" if output is not None else None
        start_epoch = _resume_epoch(backup) if backup is not None else 0
        augment = spec.augmentation if config.augment is None else config.augment
        return cls(name, config, spec, classes, augment, distribution, epochs, steps, batch, output, backup, start_epoch)

    @property
    def replicas(self) -> int:
        return self.distribution.num_replicas_in_sync

    def describe(self) -> str:
        return (f"training {self.name}: recipe {self.config.recipe}, {self.epochs} epoch{'' if self.epochs == 1 else 's'} x "
                f"{self.steps_per_epoch} steps, global batch {self.global_batch} on {self.replicas} replica(s) "
                f"({strategy_name(self.distribution)}), starting at epoch {self.start_epoch}")

    def result(self, model, history: dict, epochs_run: int, seconds: float, **extra) -> TrainResult:
        return TrainResult(model, history, epochs_run, start_epoch=self.start_epoch, seconds=seconds, replicas=self.replicas,
                           global_batch_size=self.global_batch, **extra)


def _set_up_model(run: _Run, *, input_shape):
    """Seeds everything, then builds and compiles the model in the strategy's scope."""
    import keras
    import tensorflow as tf

    config = run.config
    keras.utils.set_random_seed(config.seed)
    if config.deterministic:
        tf.config.experimental.enable_op_determinism()
    return _build(run.distribution, run.name, run.spec, mixed_precision=config.mixed_precision, input_shape=input_shape,
                  classes=run.classes, steps_per_epoch=run.steps_per_epoch, global_batch=run.global_batch, epochs=run.epochs,
                  learning_rate=config.learning_rate, jit_compile=config.jit_compile, model_kwargs=config.model_kwargs)


def _fit(run: _Run, model, train_data, validation_data):
    """The data streams, the callbacks and `model.fit` from the resumed epoch; Keras' History."""
    import tensorflow as tf

    config, one_hot = run.config, _one_hot(run.spec)
    x, y = train_data
    dataset = make_dataset(x, y, start_epoch=run.start_epoch, epochs=run.epochs, seed=config.seed, batch_size=run.global_batch,
                           augment=run.augment, preprocessing=config.preprocessing, classes=run.classes, one_hot=one_hot,
                           mixup_alpha=run.spec.mixup_alpha)
    validation = None
    if validation_data is not None:
        validation = _eval_dataset(validation_data, batch_size=run.global_batch, preprocessing=config.preprocessing,
                                   classes=run.classes, one_hot=one_hot)
    callbacks = _callbacks(run.output, run.backup, save_freq=config.save_freq, tensorboard=config.tensorboard,
                           verbose=config.verbose)
    if isinstance(run.distribution, tf.distribute.MultiWorkerMirroredStrategy):
        _prebuild(model, run.distribution, dataset)
    fit_verbose = config.verbose if config.verbose != 1 or sys.stdout.isatty() else 2
    return model.fit(dataset, epochs=run.epochs, steps_per_epoch=run.steps_per_epoch, validation_data=validation,
                     callbacks=callbacks, verbose=fit_verbose, shuffle=False)  # shuffled above, per epoch


def _complete_run(model, output, backup, distribution) -> dict:
    """For a run whose checkpoint already reached its epochs: loads the checkpoint into `model`,
    writes ``final.weights.h5`` if a kill came before it, returns the log's last epoch."""
    with distribution.scope():
        _restore(model, backup)
    _save_final(model, output, distribution, only_if_missing=True)
    return _last_logged_epoch(output / "log.csv")


def _save_final(model, output, distribution, *, only_if_missing=False):
    """``final.weights.h5``, written by the chief only under multi-worker."""
    if output is None or not distribution.extended.should_checkpoint:
        return
    final = output / "final.weights.h5"
    if not (only_if_missing and final.is_file()):
        with atomic.atomic_path(final, overwrite=True) as tmp:  # never a half-written file after a kill
            model.save_weights(str(tmp))


#: Keras 3 `fit` under MultiWorkerMirroredStrategy fails in every train step: it averages the
#: step's scalar logs with ``strategy.reduce("MEAN", axis=0)`` (``reduction="auto"`` is hard-coded
#: in keras/src/backend/tensorflow/trainer.py), which the collective strategy refuses ("Invalid
#: reduction dimension 0 for input with 0 dimensions"; tensorflow/tensorflow#72388). `train` says
#: so up front instead of failing deep inside Keras; set this variable to try anyway (the tests do,
#: to notice the day Keras fixes it).
MULTI_WORKER_OVERRIDE = "KERAS_RESNET_TRY_MULTI_WORKER"


def _check_multi_worker(distribution):
    import tensorflow as tf

    if isinstance(distribution, tf.distribute.MultiWorkerMirroredStrategy) and not os.environ.get(MULTI_WORKER_OVERRIDE):
        import keras

        raise ValueError(
            f"strategy='multi_worker': Keras {keras.__version__} model.fit fails under MultiWorkerMirroredStrategy "
            "(tensorflow/tensorflow#72388: scalar logs reduced along axis 0). Use 'mirrored' on one machine; "
            f"set {MULTI_WORKER_OVERRIDE}=1 to try anyway"
        )


def _prebuild(model, distribution, dataset):
    """Keras 3 `fit` builds the compiled state from a first batch that it averages over the
    replicas with `strategy.reduce`, which MultiWorkerMirroredStrategy refuses in eager mode
    ("Attempt to convert a value (PerReplica...)"). Build that state here, in the strategy's
    scope, from one undistributed batch, and skip Keras' averaging step for this model."""
    images, labels = next(iter(dataset))
    with distribution.scope():
        model._symbolic_build(data_batch=(images, labels, None))
    model._maybe_symbolic_build = lambda *args, **kwargs: None


__all__ = ["STRATEGIES", "TrainConfig", "TrainResult", "make_dataset", "make_strategy", "strategy_name", "train"]
