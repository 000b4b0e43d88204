"""`train`: a recipe, a model of the registry and data, on TensorFlow's distribution engine, with
checkpoints every epoch (or N steps) that a killed run resumes from exactly.

Resuming exactly needs more than `keras.callbacks.BackupAndRestore` (which restores the weights,
the optimizer state and the epoch): the data of every epoch must not depend on how many epochs
this process has run. So each epoch's pipeline is built from ``(seed, epoch)``: its shuffle and
its augmentation layers are seeded with them, and a resumed run starts the pipeline at the epoch
the checkpoint recorded.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import pathlib
import sys
import time

import numpy as np

from keras_resnet import _checks, registry
from keras_resnet import preprocessing as preprocessing_lib
from keras_resnet.training import augment as augment_lib
from keras_resnet.training import recipes as recipes_lib


def make_strategy(name):
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


@dataclasses.dataclass
class TrainResult:
    model: object
    history: dict
    epochs_run: int  # in this process (fewer than `epochs` after a resume)
    start_epoch: int
    seconds: float
    replicas: int
    global_batch_size: int


def _backup_epoch(backup_dir: pathlib.Path) -> int:
    """The epoch a BackupAndRestore checkpoint in `backup_dir` will resume at (0: none)."""
    metadata = backup_dir / "training_metadata.json"
    if not metadata.is_file():
        return 0
    return int(json.loads(metadata.read_text()).get("epoch", 0))


def _epoch_dataset(x, y, *, epoch, seed, batch_size, augment, preprocessing, classes, one_hot):
    import tensorflow as tf

    epoch_seed = seed * 100003 + epoch
    dataset = tf.data.Dataset.from_tensor_slices((x, y))
    dataset = dataset.shuffle(len(x), seed=epoch_seed, reshuffle_each_iteration=False)
    dataset = dataset.batch(batch_size, drop_remainder=True).enumerate()
    pipeline = augment_lib.pipeline(augment, x.shape[1:3], seed=epoch_seed)
    preset = preprocessing_lib.get(preprocessing)
    scale, mean, std = preset.scale, tf.constant(preset.mean, tf.float32), tf.constant(preset.std, tf.float32)

    def prepare(index, batch):
        images, labels = batch
        images = tf.cast(images, tf.float32)
        if preset.bgr:
            images = images[..., ::-1]
        images = (images * scale - mean) / std
        if pipeline is not None:
            images = pipeline(images, index)
        labels = tf.one_hot(labels, classes) if one_hot else labels
        return images, labels

    # Sequential map: the seeded augmentation draws in the same order on every run.
    return dataset.map(prepare, num_parallel_calls=None, deterministic=True)


def _eval_dataset(data, *, batch_size, preprocessing, classes, one_hot):
    import tensorflow as tf

    x, y = (np.asarray(a) for a in data)
    x = preprocessing_lib.get(preprocessing)(x.astype("float32")) if preprocessing != "none" else x.astype("float32")
    labels = tf.one_hot(y, classes) if one_hot else y
    return tf.data.Dataset.from_tensor_slices((x, labels)).batch(batch_size)


def make_dataset(x, y, *, start_epoch, epochs, seed, batch_size, augment, preprocessing, classes, one_hot, mixup_alpha=0.0):
    """The training stream from `start_epoch` to `epochs`, each epoch a function of (seed, epoch)."""
    import keras
    import tensorflow as tf

    dataset = None
    for epoch in range(start_epoch, epochs):
        part = _epoch_dataset(x, y, epoch=epoch, seed=seed, batch_size=batch_size, augment=augment,
                              preprocessing=preprocessing, classes=classes, one_hot=one_hot)
        if mixup_alpha > 0:
            mix = keras.layers.MixUp(alpha=mixup_alpha, seed=seed * 100003 + epoch)
            part = part.map(lambda images, labels: _mixup(mix, images, labels))
        dataset = part if dataset is None else dataset.concatenate(part)
    return dataset.prefetch(tf.data.AUTOTUNE)


def _mixup(layer, images, labels):
    mixed = layer({"images": images, "labels": labels}, training=True)
    return mixed["images"], mixed["labels"]


def _log(verbose, text):
    if verbose:
        print(text, file=sys.stderr, flush=True)


def train(
    model,
    train_data,
    *,
    validation_data=None,
    recipe: str = "cifar",
    epochs: int | None = None,
    batch_size: int | None = None,
    learning_rate: float | None = None,
    strategy: str = "default",
    mixed_precision: bool = False,
    jit_compile: bool = False,
    output_dir=None,
    save_freq="epoch",
    augment: str | None = None,
    preprocessing: str = "none",
    classes: int | None = None,
    seed: int = 0,
    model_kwargs: dict | None = None,
    tensorboard: bool = True,
    deterministic: bool = False,
    verbose: int = 1,
) -> TrainResult:
    """Trains a registry model with a recipe, resumably, on one or several devices or machines.

    Args:
        model: a registry name (``"cifar_resnet56"``); built inside the strategy's scope.
        train_data: ``(images, labels)`` arrays: images ``(N, H, W, C)`` (uint8 pixels, or floats
            already in model space with ``preprocessing="none"``), integer labels.
        validation_data: optional ``(images, labels)`` for held-out accuracy each epoch.
        recipe: ``"cifar"`` or ``"bag_of_tricks"`` (`keras_resnet.training.recipes`).
        epochs: training length (default: the recipe's, e.g. 64k iterations for CIFAR); the
            schedule is stretched or compressed to it.
        batch_size: the global batch (default: the recipe's); the learning rate scales with it,
            and each of the strategy's replicas gets ``batch_size / replicas``.
        learning_rate: the peak learning rate, instead of the recipe's scaled one.
        strategy: ``"default"`` (one device), ``"mirrored"`` (all local GPUs),
            ``"multi_worker"`` (machines listed in ``TF_CONFIG``), or a strategy object. A
            multi-worker strategy must exist before any other TensorFlow op runs: make it first
            with `make_strategy("multi_worker")` and pass it here.
        mixed_precision: float16 compute with float32 variables (``mixed_float16``).
        jit_compile: compile the train step with XLA.
        output_dir: where checkpoints (``backup/``), ``log.csv``, TensorBoard logs and
            ``final.weights.h5`` go; a run started again with the same folder resumes.
        save_freq: ``"epoch"`` or a number of steps between checkpoints.
        augment: ``"pad_crop_flip"``, ``"pad_crop"``, ``"random_resized_crop_flip"``, ``"none"``
            (default: the recipe's).
        preprocessing: how the images become model input (a `keras_resnet.preprocessing` preset).
        classes: the class count (default: ``max(labels) + 1``).
        seed: seeds weights, shuffling and augmentation; the same seed gives the same run.
        model_kwargs: more builder arguments (``drop_path_rate=0.05``, ...).
        tensorboard: write TensorBoard logs into ``output_dir/tensorboard``.
        deterministic: TensorFlow op determinism, so that a resumed run ends bit-identical to an
            uninterrupted one (slower on GPUs).
        verbose: 0 silent, 1 progress bar, 2 one line per epoch.

    Returns:
        A `TrainResult` with the trained model and the history of this process's epochs.
    """
    import keras
    import tensorflow as tf

    started = time.perf_counter()
    spec = recipes_lib.get(recipe)
    x, y = (np.asarray(a) for a in train_data)
    if x.ndim != 4 or len(x) != len(y):
        raise ValueError(f"train_data must be (images (N, H, W, C), labels (N,)); received shapes {x.shape} and {y.shape}")
    classes = int(classes or int(y.max()) + 1)
    global_batch = _checks.check_int("batch_size", batch_size or spec.batch_size, minimum=1)
    augment = augment or spec.augmentation
    _checks.check_choice("augment", augment, augment_lib.NAMES)
    distribution = make_strategy(strategy)
    _check_multi_worker(distribution)
    replicas = distribution.num_replicas_in_sync
    if global_batch % replicas:
        raise ValueError(f"batch_size={global_batch} must divide evenly over the {replicas} replicas")
    steps_per_epoch = len(x) // global_batch
    if steps_per_epoch == 0:
        raise ValueError(f"batch_size={global_batch} is larger than the {len(x)} training images")
    epochs = _checks.check_int("epochs", epochs or -(-spec.total_steps(steps_per_epoch) // steps_per_epoch), minimum=1)

    output = pathlib.Path(output_dir) if output_dir is not None else None
    backup = output / "backup" if output is not None else None
    start_epoch = _backup_epoch(backup) if backup is not None else 0
    keras.utils.set_random_seed(seed)
    if deterministic:
        tf.config.experimental.enable_op_determinism()
    previous_policy = keras.config.dtype_policy().name
    if mixed_precision:
        keras.config.set_dtype_policy("mixed_float16")
    try:
        with distribution.scope():
            name = model
            kwargs = dict(model_kwargs or {})
            kwargs.setdefault("zero_init_residual", spec.zero_init_residual)
            model = registry.create_model(name, input_shape=tuple(x.shape[1:]), classes=classes, classifier_activation=None, **kwargs)
            depth = registry.get_entry(name).arch_args["depth"]
            schedule = spec.schedule(steps_per_epoch=steps_per_epoch, batch_size=global_batch, depth=depth, epochs=epochs, peak=learning_rate)
            optimizer = keras.optimizers.SGD(learning_rate=schedule, momentum=spec.momentum, weight_decay=spec.weight_decay)
            if not spec.decay_norm_and_bias:
                optimizer.exclude_from_weight_decay(var_names=["gamma", "beta", "bias"])
            one_hot = spec.label_smoothing > 0 or spec.mixup_alpha > 0
            if one_hot:
                loss = keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=spec.label_smoothing)
                metrics = [keras.metrics.CategoricalAccuracy(name="accuracy")]
            else:
                loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
                metrics = [keras.metrics.SparseCategoricalAccuracy(name="accuracy")]
            model.compile(optimizer=optimizer, loss=loss, metrics=metrics, jit_compile=jit_compile)
    finally:
        keras.config.set_dtype_policy(previous_policy)

    dataset = make_dataset(x, y, start_epoch=min(start_epoch, epochs - 1), epochs=epochs, seed=seed, batch_size=global_batch,
                           augment=augment, preprocessing=preprocessing, classes=classes, one_hot=one_hot,
                           mixup_alpha=spec.mixup_alpha)
    validation = None
    if validation_data is not None:
        validation = _eval_dataset(validation_data, batch_size=global_batch, preprocessing=preprocessing, classes=classes, one_hot=one_hot)

    callbacks = []
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        callbacks.append(keras.callbacks.BackupAndRestore(str(backup), save_freq=save_freq, delete_checkpoint=False))
        callbacks.append(keras.callbacks.CSVLogger(str(output / "log.csv"), append=True))
        if tensorboard and importlib.util.find_spec("tensorboard") is not None:
            callbacks.append(keras.callbacks.TensorBoard(str(output / "tensorboard"), update_freq="epoch"))
        elif tensorboard:
            _log(verbose, "TensorBoard logs skipped: tensorboard is not installed (pip install 'keras-resnet[train]')")
    _log(verbose, f"training {model.name}: recipe {recipe}, {epochs} epochs x {steps_per_epoch} steps, global batch "
                  f"{global_batch} on {replicas} replica(s) ({strategy}), starting at epoch {start_epoch}")
    if isinstance(distribution, tf.distribute.MultiWorkerMirroredStrategy):
        _prebuild(model, distribution, dataset)
    fit_verbose = verbose if verbose != 1 or sys.stdout.isatty() else 2
    history = model.fit(dataset, epochs=epochs, steps_per_epoch=steps_per_epoch, validation_data=validation,
                        callbacks=callbacks, verbose=fit_verbose)
    if output is not None and distribution.extended.should_checkpoint:  # the chief, under multi-worker
        model.save_weights(str(output / "final.weights.h5"))
    seconds = time.perf_counter() - started
    _log(verbose, f"trained in {seconds:.1f} s")
    return TrainResult(model, dict(history.history), len(history.epoch), start_epoch, seconds, replicas, global_batch)


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


__all__ = ["STRATEGIES", "TrainResult", "make_dataset", "make_strategy", "train"]
