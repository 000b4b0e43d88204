"""`train`: a recipe, a model of the registry and a data source, on any Keras backend (JAX,
TensorFlow, PyTorch), streamed, with checkpoints that a killed run resumes from exactly.

The data are never loaded whole: an image folder is listed (not opened), and its files are
decoded, augmented and prefetched by worker threads as the steps need them
(`keras_resnet.training.stream`, on Grain). Every batch is a function of the run's seed and its
global step, so a run resumed from the checkpoint of step ``s`` (`checkpoints`) starts the
stream at step ``s``, mid-epoch included, and sees what an uninterrupted run saw: with
``deterministic=True`` on TensorFlow it ends bit-identical.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import importlib.util
import numbers
import os
import pathlib
import sys
import time
from typing import Any

import numpy as np

from keras_resnet import _checks, _console, atomic, registry
from keras_resnet import preprocessing as preprocessing_lib
from keras_resnet.training import augment as augment_lib
from keras_resnet.training import checkpoints, engines, stream
from keras_resnet.training import recipes as recipes_lib
from keras_resnet.training.engines import STRATEGIES, make_strategy, strategy_name


@dataclasses.dataclass
class TrainResult:
    """What `train` returns.

    Attributes:
        model: the trained model (compiled; loaded from the checkpoint when `already_complete`).
        history: ``{"loss": [...], "accuracy": [...], "val_accuracy": [...], ...}`` for the
            epochs this process ran (Keras' ``History.history``); when `already_complete`, the
            last row of ``output_dir/log.csv`` in the same form (one-item lists), so
            ``history[name][-1]`` is always the final figure.
        epochs_run: epochs this process ran to their end (a resumed partial epoch counts).
        start_epoch: the epoch this process started in (the checkpoint's).
        seconds: this call's duration.
        replicas: the devices a global batch was split over.
        global_batch_size: the batch over all replicas.
        already_complete: the checkpoint in `output_dir` had reached `epochs`: nothing was trained.
        start_step: the global step this process started at (the checkpoint's).
        skipped: image files that did not decode (each replaced by the next of its epoch's order).
        backend: the Keras backend it ran on.
        preprocessing: the preset the model's input takes (give it to `keras_resnet.export`).
        class_names: the image folder's class names, in label order (None for arrays).
    """

    model: Any
    history: dict
    epochs_run: int
    start_epoch: int
    seconds: float
    replicas: int
    global_batch_size: int
    already_complete: bool = False
    start_step: int = 0
    skipped: int = 0
    backend: str = ""
    preprocessing: str = "none"
    class_names: tuple[str, ...] | None = None


# ---- checks of the arguments, all before any heavy work ----


def _optional_count(argument: str, value: Any) -> int | None:
    """None (the default) or an int >= 1."""
    return None if value is None else _checks.check_int(argument, value, minimum=1)


def _check_arrays(argument: str, data: Any) -> tuple[np.ndarray, np.ndarray]:
    """``(images (N, H, W, C), integer labels (N,))`` as NumPy arrays."""
    try:
        x, y = (np.asarray(a) for a in data)
    except (TypeError, ValueError):
        raise TypeError(
            f"{argument} must be a pair (images, labels); received {type(data).__name__}"
        ) from None
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if x.ndim != 4 or y.ndim != 1 or len(x) != len(y):
        raise ValueError(
            f"{argument} must be (images (N, H, W, C), labels (N,)); received shapes {x.shape} and {y.shape}"
        )
    if len(y) == 0:
        raise ValueError(f"{argument} has no images; received shapes {x.shape} and {y.shape}")
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0:
        raise ValueError(
            f"{argument} labels must be integers >= 0; received dtype {y.dtype}, smallest {y.min()}"
        )
    return x, y


def _check_classes(classes: int | None, labels: np.ndarray) -> int:
    largest = int(labels.max())
    if classes is None:
        return largest + 1
    classes = _checks.check_int("classes", classes, minimum=1)
    if classes <= largest:
        raise ValueError(
            f"classes must exceed the largest label ({largest}); received classes={classes}"
        )
    return classes


def _check_learning_rate(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"learning_rate must be a float; received learning_rate={value!r}")
    if not float(value) > 0:  # also refuses nan
        raise ValueError(f"learning_rate must be > 0; received learning_rate={value!r}")
    return float(value)


def _check_save_freq(value: Any) -> str | int:
    if isinstance(value, str) and value == "epoch":
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(
            f"save_freq must be 'epoch' or a number of steps >= 1; received save_freq={value!r}"
        )
    return int(value)


def _check_mixed_precision(value: Any) -> bool | str:
    if isinstance(value, bool):
        return value
    return _checks.check_choice(
        "mixed_precision", value, (False, True, "mixed_bfloat16", "mixed_float16")
    )


@dataclasses.dataclass(frozen=True)
class TrainConfig:
    """How `train` trains: every setting but the model and the data, each checked when made.

    Attributes:
        recipe: ``"cifar"`` or ``"bag_of_tricks"`` (`keras_resnet.training.recipes`).
        epochs: training length, an int >= 1 (None: the recipe's, e.g. 64k iterations for
            CIFAR); the schedule is stretched or compressed to it.
        batch_size: the global batch, an int >= 1 (None: the recipe's); the learning rate scales
            with it, and each replica gets ``batch_size / replicas``.
        learning_rate: the peak learning rate, instead of the recipe's scaled one.
        strategy: ``"default"`` (one device), ``"mirrored"`` (every local device: TensorFlow's
            MirroredStrategy, JAX's `keras.distribution.DataParallel`), ``"multi_worker"``
            (TensorFlow, refused while Keras' fit fails under it), or a tf.distribute strategy /
            keras.distribution object (see `keras_resnet.training.engines`).
        mixed_precision: False (float32), True (``mixed_bfloat16`` on JAX and CPUs,
            ``mixed_float16`` on TensorFlow/PyTorch GPUs), or a policy name.
        jit_compile: compile the train step with XLA (TensorFlow; JAX always compiles).
        output_dir: where checkpoints (``backup/``), ``log.csv``, TensorBoard logs and
            ``final.weights.h5`` go; a run started again with the same folder resumes from its
            last checkpoint (mid-epoch too), and one that already reached `epochs` trains
            nothing and reports the log's last epoch.
        save_freq: ``"epoch"`` or a number of steps between checkpoints (one is also written at
            the end of every epoch).
        augment: ``"pad_crop_flip"``, ``"pad_crop"``, ``"random_resized_crop_flip"``, ``"none"``
            (None: the recipe's).
        preprocessing: how the images become model input (a `keras_resnet.preprocessing` preset;
            None: ``"none"``, or the one `weights` were trained with).
        weights: fine-tune from pretrained weights (a preset name or a checkpoint file, as
            `create_model` takes): the model is built without its classifier, with those
            weights, and gets a new head for the data's classes (see the ``finetune`` recipe).
        head_epochs: with `weights`, the epochs that train the new head alone with the backbone
            frozen, before everything trains (None: the recipe's; 0: none).
        classes: the class count (None: the folder's classes, or ``max(labels) + 1``).
        image_size: the side of the model's square input for image files (None: 224) and for
            random resized crops of arrays (None: the arrays' own).
        validation_split: the share of an image folder held out for validation when no
            `validation_data` is given (None: none held out).
        workers: threads that decode and augment (None: the usable cores, at most 16; 0: in
            the training thread).
        steps_per_epoch: for a dataset object whose length is unknown (a generator-like
            ``tf.data`` or Grain ``IterDataset``).
        seed: seeds weights, the data order and augmentation; the same seed gives the same run.
        model_kwargs: more builder arguments (``drop_path_rate=0.05``, ...).
        tensorboard: write TensorBoard logs into ``output_dir/tensorboard``.
        deterministic: deterministic kernels (TensorFlow op determinism, PyTorch's
            deterministic algorithms), so a resumed run ends bit-identical to an uninterrupted one.
        verbose: 0 silent, 1 progress bar, 2 one line per epoch.
    """

    recipe: str = "cifar"
    epochs: int | None = None
    batch_size: int | None = None
    learning_rate: float | None = None
    strategy: Any = "default"
    mixed_precision: bool | str = False
    jit_compile: bool = False
    output_dir: str | os.PathLike | None = None
    save_freq: str | int = "epoch"
    augment: str | None = None
    preprocessing: str | None = None
    weights: str | os.PathLike | None = None
    head_epochs: int | None = None
    classes: int | None = None
    image_size: int | None = None
    validation_split: float | None = None
    workers: int | None = None
    steps_per_epoch: int | None = None
    seed: int = 0
    model_kwargs: dict | None = None
    tensorboard: bool = True
    deterministic: bool = False
    verbose: int = 1

    def __post_init__(self) -> None:
        recipes_lib.get(self.recipe)
        normalized = {
            "epochs": _optional_count("epochs", self.epochs),
            "batch_size": _optional_count("batch_size", self.batch_size),
            "learning_rate": _check_learning_rate(self.learning_rate),
            "save_freq": _check_save_freq(self.save_freq),
            "seed": _checks.check_int("seed", self.seed, minimum=0),
            "image_size": _optional_count("image_size", self.image_size),
            "steps_per_epoch": _optional_count("steps_per_epoch", self.steps_per_epoch),
            "workers": None
            if self.workers is None
            else _checks.check_int("workers", self.workers, minimum=0),
            "mixed_precision": _check_mixed_precision(self.mixed_precision),
            "head_epochs": None
            if self.head_epochs is None
            else _checks.check_int("head_epochs", self.head_epochs, minimum=0),
        }
        if self.validation_split is not None:
            normalized["validation_split"] = _checks.check_fraction(
                "validation_split", self.validation_split, low_inclusive=False
            )
        for field, value in normalized.items():  # ints and floats, not NumPy scalars
            object.__setattr__(self, field, value)
        if self.augment is not None:
            _checks.check_choice("augment", self.augment, augment_lib.NAMES)
        if self.preprocessing is not None:
            preprocessing_lib.get(self.preprocessing)
        _checks.check_choice("verbose", self.verbose, (0, 1, 2))
        for argument in ("jit_compile", "tensorboard", "deterministic"):
            _checks.check_bool(argument, getattr(self, argument))

    @classmethod
    def of(cls, config: TrainConfig | None, settings: dict) -> TrainConfig:
        """`config` with `settings` (keyword arguments of `train`) replacing its fields; an
        unknown keyword is a TypeError naming the nearest field."""
        fields = [f.name for f in dataclasses.fields(cls)]
        for key in settings:
            if key not in fields:
                near = difflib.get_close_matches(key, fields, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                raise TypeError(f"train() got an unexpected keyword argument {key!r}{hint}")
        return (
            dataclasses.replace(config or cls(), **settings)
            if settings or config is None
            else config
        )


# ---- the data ----


def _is_path(value: Any) -> bool:
    return isinstance(value, (str, os.PathLike))


def _is_dataset(value: Any) -> bool:
    """A dataset object `fit` takes as it is: tf.data, keras.utils.PyDataset, Grain."""
    module = type(value).__module__
    if module.startswith(("tensorflow.", "grain.")):
        return True
    import keras

    return isinstance(value, keras.utils.PyDataset)


def _is_step_function(value: Any) -> bool:
    """A function ``global step -> dataset object`` (an endless stream from that step)."""
    return callable(value) and not _is_dataset(value) and not isinstance(value, type)


def _examples(argument: str, value: Any) -> stream.Examples:
    """An image folder (listed) or ``(images, labels)`` arrays as `stream.Examples`."""
    if _is_path(value):
        if not pathlib.Path(value).is_dir():
            raise ValueError(
                f"{argument}={str(value)!r} is not a folder (one subfolder of images per class)"
            )
        return stream.from_folder(value)
    return stream.from_arrays(*_check_arrays(argument, value))


@dataclasses.dataclass
class _Data:
    """The training and validation sources of a run, listed and checked, nothing decoded yet."""

    train: stream.Examples | None  # None: `dataset` instead
    validation: stream.Examples | None = None
    dataset: Any = None  # a dataset object fit takes as it is, or a function of the first step
    validation_dataset: Any = None
    first: tuple[Any, Any] | None = None  # the dataset object's first batch (its shapes)

    @classmethod
    def of(cls, train_data: Any, validation_data: Any, config: TrainConfig) -> _Data:
        if _is_dataset(train_data) or _is_step_function(train_data):
            validation = (
                validation_data if validation_data is None or _is_dataset(validation_data) else None
            )
            if validation is None and validation_data is not None:
                raise TypeError(
                    "validation_data must be a dataset object too when train_data is one; "
                    f"received {type(validation_data).__name__}"
                )
            if _is_step_function(train_data) and config.steps_per_epoch is None:
                raise ValueError(
                    "steps_per_epoch is needed when train_data is a function of the step (its stream does not end)"
                )
            first = _peek(train_data(0) if _is_step_function(train_data) else train_data)
            return cls(None, dataset=train_data, validation_dataset=validation, first=first)
        examples = _examples("train_data", train_data)
        if validation_data is not None:
            return cls(examples, _examples("validation_data", validation_data))
        if config.validation_split is not None:
            return cls(*examples.split(config.validation_split, config.seed))
        return cls(examples)

    def classes(self, config: TrainConfig) -> int:
        if self.train is None:
            if config.classes is None:
                raise ValueError(
                    "classes is needed when train_data is a dataset object (its labels are not listed)"
                )
            return config.classes
        if self.train.class_names is not None and config.classes is None:
            return len(self.train.class_names)
        return _check_classes(config.classes, self.train.labels)

    def input_shape(self, config: TrainConfig, augment: str) -> tuple[int, ...]:
        if self.train is None:
            assert self.first is not None  # `of` peeks every dataset object
            return tuple(self.first[0].shape[1:])
        if self.train.images is None:
            size = config.image_size or 224
            return (size, size, 3)
        shape = self.train.images.shape[1:]
        if config.image_size and augment == "random_resized_crop_flip":
            return (config.image_size, config.image_size, shape[-1])
        return tuple(shape)

    def stream(self, step: int) -> Any:
        """The dataset object fit reads from global step `step` on (a function of the step is
        called with it; any other dataset object is taken as it is, from its start)."""
        return self.dataset(step) if _is_step_function(self.dataset) else self.dataset

    def describe(self) -> str:
        if self.train is None:
            name = getattr(self.dataset, "__name__", None) or type(self.dataset).__name__
            return f"data: {name} (batches as it yields them)"
        held_out = (
            f"; validation: {self.validation.describe()}"
            if self.validation is not None
            else "; no validation"
        )
        return f"data: {self.train.describe()}{held_out}"


def _peek(dataset: Any) -> tuple[Any, Any]:
    """The first batch of a dataset object (its shapes: the model's input, the batch size)."""
    first = dataset[0] if hasattr(dataset, "__getitem__") else next(iter(dataset))
    return np.asarray(first[0]), np.asarray(first[1])


def _dataset_steps(dataset: Any, config: TrainConfig) -> int:
    """Batches per epoch of a dataset object: its length, else `config.steps_per_epoch`."""
    if config.steps_per_epoch is not None:
        return config.steps_per_epoch
    length = None
    if hasattr(dataset, "cardinality"):
        length = int(dataset.cardinality())
    elif hasattr(dataset, "__len__"):
        try:
            length = len(dataset)
        except TypeError:
            length = None
    if length is None or length <= 0:
        raise ValueError(
            f"steps_per_epoch is needed: the length of train_data ({type(dataset).__name__}) is unknown"
        )
    return length


# ---- the plan ----


@dataclasses.dataclass
class _Run:
    """What one call of `train` settled before building anything: the recipe, the engine, the
    schedule's size, where it writes and the step it resumes from."""

    name: str
    config: TrainConfig
    spec: recipes_lib.Recipe
    data: _Data
    classes: int
    augment: str
    engine: engines.Engine
    epochs: int
    steps_per_epoch: int
    global_batch: int
    output: pathlib.Path | None
    start_step: int
    checkpoint: pathlib.Path | None
    phase: str | None = None  # fine-tuning: "head" (backbone frozen) or "all"
    init_weights: list | None = None  # fine-tuning's second phase: the first phase's weights

    @property
    def backup(self) -> pathlib.Path | None:
        return _backup(self.output)

    @property
    def workers(self) -> int:
        """Decoding threads: the config's, else the usable cores (at most 16)."""
        return stream.default_workers() if self.config.workers is None else self.config.workers

    @property
    def preprocessing(self) -> str:
        return self.config.preprocessing or "none"

    @classmethod
    def plan(
        cls, name: str, config: TrainConfig, data: _Data, *, phase: str | None = None
    ) -> _Run:
        spec = recipes_lib.get(config.recipe)
        classes = data.classes(config)
        engine = engines.make_engine(config.strategy)
        if not engine.chief:  # the other processes of a multi-process run keep quiet
            config = dataclasses.replace(config, verbose=0)
        augment = spec.augmentation if config.augment is None else config.augment
        if data.train is None:
            assert data.first is not None  # `_Data.of` peeks every dataset object
            # a dataset object yields this process's slice of each global batch
            batch, steps = (
                len(data.first[1]) * engine.processes,
                _dataset_steps(data.dataset, config),
            )
            epochs = config.epochs or -(-spec.total_steps(steps) // steps)
        else:
            epochs, steps, batch = _plan(
                spec,
                len(data.train),
                epochs=config.epochs,
                batch_size=config.batch_size,
                replicas=engine.replicas,
            )
        output = pathlib.Path(config.output_dir) if config.output_dir is not None else None
        backup = _backup(output)
        if backup is not None:
            facts = {
                "steps_per_epoch": steps,
                "global_batch": batch,
                "seed": config.seed,
                "images": len(data.train) if data.train is not None else None,
            }
            checkpoints.check_run(backup, facts, write=engine.chief)
        start_step, checkpoint = checkpoints.latest(backup)
        engine.agree("step to resume from", start_step)
        return cls(
            name,
            config,
            spec,
            data,
            classes,
            augment,
            engine,
            epochs,
            steps,
            batch,
            output,
            start_step,
            checkpoint,
            phase,
        )

    @property
    def start_epoch(self) -> int:
        return self.start_step // self.steps_per_epoch

    @property
    def total_steps(self) -> int:
        return self.epochs * self.steps_per_epoch

    def describe(self) -> str:
        start = f"epoch {self.start_epoch}"
        if self.start_step % self.steps_per_epoch:
            start += f", step {self.start_step % self.steps_per_epoch} of {self.steps_per_epoch}"
        what = {
            None: "training",
            "head": "fine-tuning the new head (backbone frozen) of",
            "all": "fine-tuning",
        }[self.phase]
        return (
            f"{what} {self.name}: recipe {self.config.recipe}, {self.epochs} epoch{'' if self.epochs == 1 else 's'} x "
            f"{self.steps_per_epoch} steps, global batch {self.global_batch} on {self.engine.replicas} replica(s) "
            f"({self.engine.name}, Keras on {self.engine.backend}), starting at {start}"
        )

    def result(
        self, model: Any, history: dict, epochs_run: int, seconds: float, **extra: Any
    ) -> TrainResult:
        return TrainResult(
            model,
            history,
            epochs_run,
            start_epoch=self.start_epoch,
            seconds=seconds,
            replicas=self.engine.replicas,
            global_batch_size=self.global_batch,
            start_step=self.start_step,
            backend=self.engine.backend,
            preprocessing=self.preprocessing,
            class_names=self.data.train.class_names if self.data.train is not None else None,
            **extra,
        )


def _backup(output: pathlib.Path | None) -> pathlib.Path | None:
    """Where a run's checkpoints go: ``output_dir/backup``."""
    return output / "backup" if output is not None else None


def _plan(
    spec: recipes_lib.Recipe,
    images: int,
    *,
    epochs: int | None,
    batch_size: int | None,
    replicas: int,
) -> tuple[int, int, int]:
    """``(epochs, steps_per_epoch, global_batch)`` of a run; None: the recipe's."""
    global_batch = spec.batch_size if batch_size is None else batch_size
    if global_batch % replicas:
        raise ValueError(
            f"batch_size={global_batch} must divide evenly over the {replicas} replicas"
        )
    steps_per_epoch = images // global_batch
    if steps_per_epoch == 0:
        raise ValueError(f"batch_size={global_batch} is larger than the {images} training images")
    if epochs is None:  # the recipe's length in iterations, as epochs of this data
        epochs = -(-spec.total_steps(steps_per_epoch) // steps_per_epoch)
    return epochs, steps_per_epoch, global_batch


# ---- the model ----


def _one_hot(spec: recipes_lib.Recipe) -> bool:
    return spec.label_smoothing > 0 or spec.mixup_alpha > 0


def _compiled_model(run: _Run, input_shape: tuple[int, ...]) -> Any:
    """The registry model with the recipe's optimizer, loss and metrics (in the caller's scope)."""
    import keras

    spec, config = run.spec, run.config
    if run.phase is None:
        kwargs = dict(config.model_kwargs or {})
        if registry.get_entry(
            run.name
        ).arch.residual:  # a plain net has no residual branch to start at zero
            kwargs.setdefault("zero_init_residual", spec.zero_init_residual)
        model = registry.create_model(
            run.name,
            input_shape=input_shape,
            classes=run.classes,
            classifier_activation=None,
            **kwargs,
        )
    else:
        model = _finetune_model(run, input_shape)
    depth = registry.get_entry(run.name).arch_args["depth"]
    schedule = spec.schedule(
        steps_per_epoch=run.steps_per_epoch,
        batch_size=run.global_batch,
        depth=depth,
        epochs=run.epochs,
        peak=config.learning_rate,
    )
    optimizer = keras.optimizers.SGD(
        learning_rate=schedule, momentum=spec.momentum, weight_decay=spec.weight_decay
    )
    if not spec.decay_norm_and_bias:
        optimizer.exclude_from_weight_decay(var_names=["gamma", "beta", "bias"])
    if _one_hot(spec):
        loss = keras.losses.CategoricalCrossentropy(
            from_logits=True, label_smoothing=spec.label_smoothing
        )
        metrics = [keras.metrics.CategoricalAccuracy(name="accuracy")]
    else:
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        metrics = [keras.metrics.SparseCategoricalAccuracy(name="accuracy")]
    jit = config.jit_compile if run.engine.backend == "tensorflow" else "auto"
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics, jit_compile=jit)
    return model


def _finetune_model(run: _Run, input_shape: tuple[int, ...]) -> Any:
    """The pretrained backbone (without its classifier) under a new Dense head for the run's
    classes; the backbone always runs with BatchNorm in inference mode, and is frozen in the
    ``"head"`` phase. The second phase starts from the first one's weights."""
    import keras

    weights = None if run.init_weights is not None else run.config.weights
    backbone = registry.create_model(
        run.name,
        include_top=False,
        pooling="avg",
        input_shape=input_shape,
        weights=weights,
        **(run.config.model_kwargs or {}),
    )
    backbone.trainable = run.phase != "head"
    inputs = keras.Input(input_shape, name="image")
    features = backbone(inputs, training=False)
    features = keras.layers.Dropout(0.2, name="head_dropout")(features)
    outputs = keras.layers.Dense(run.classes, name="predictions", dtype="float32")(
        features
    )  # float32 logits
    model = keras.Model(inputs, outputs, name=f"{run.name}_finetuned")
    if run.init_weights is not None:
        model.set_weights(run.init_weights)
    return model


def _set_up_model(run: _Run) -> Any:
    """Seeds everything, then builds and compiles the model in the engine's scope, under the
    run's dtype policy (the global policy is restored after), and loads the checkpoint."""
    import keras

    config = run.config
    keras.utils.set_random_seed(config.seed)
    if config.deterministic:
        engines.make_deterministic()
    policy = engines.precision_policy(config.mixed_precision)
    previous_policy = keras.config.dtype_policy().name
    if policy:
        keras.config.set_dtype_policy(policy)
    try:
        with run.engine.scope():
            model = _compiled_model(run, run.data.input_shape(config, run.augment))
            if run.checkpoint is not None:
                checkpoints.restore(model, run.checkpoint)
    finally:
        keras.config.set_dtype_policy(previous_policy)
    return model


# ---- training ----


def _callbacks(run: _Run, skipped: stream.Skipped | None) -> list:
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
            f"TensorBoard logs skipped: {' and '.join(missing)} not installed "
            "(pip install 'keras-resnet[train]' tensorflow)",
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


def _segments(run: _Run) -> list[tuple[int, int, int, int, int]]:
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


def _streams(run: _Run) -> tuple[stream.Batches | None, Any, int | None]:
    """The training `stream.Batches` (None for a dataset object), the validation data and its
    batch count (None: until it ends)."""
    data, config = run.data, run.config
    if data.train is None:
        return None, data.validation_dataset, None
    image_size = config.image_size or (224 if data.train.images is None else None)
    train = stream.Batches(
        data.train,
        run.global_batch,
        image_size,
        seed=config.seed,
        augment=run.augment,
        preprocessing=run.preprocessing,
        classes=run.classes,
        one_hot=_one_hot(run.spec),
        mixup_alpha=run.spec.mixup_alpha,
        process=run.engine.process,
        processes=run.engine.processes,
        pad=run.engine.replicas > 1,
    )
    if data.validation is None:
        return train, None, None
    held_out = dataclasses.replace(
        train, examples=data.validation, training=False
    )  # the same Skipped tally
    return (
        train,
        stream.dataset(held_out, 0, held_out.steps_per_epoch, workers=run.workers),
        held_out.steps_per_epoch,
    )


def _fit(run: _Run, model: Any) -> tuple[dict, int, stream.Skipped | None]:
    """`model.fit` over the stream from the resumed step, in one call per `_segments` entry;
    ``(history, epochs run, skipped files)``."""
    config = run.config
    batches, validation, validation_steps = _streams(run)
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
            uint8 pixels, or floats already in model space with ``preprocessing="none"``), or a
            dataset object that yields prepared ``(inputs, labels)`` batches (``tf.data``,
            ``keras.utils.PyDataset``, Grain), passed to ``fit`` as it is, or a function of a
            global step that returns an endless dataset object starting at that step (a resumed
            run calls it with its checkpoint's step, so it sees the batches an uninterrupted
            run saw: `keras_resnet.data.tfrecords` with ``repeat=True, start=step``); it
            needs ``steps_per_epoch``.
        validation_data: optional, of the same kinds, for held-out accuracy each epoch (or
            ``validation_split=`` to hold out a share of a folder).
        config: a `TrainConfig`; keyword arguments (``epochs=30``, ``recipe="bag_of_tricks"``,
            any of its fields) replace its fields.

    Returns:
        A `TrainResult` with the trained model and the history of this process's epochs.
    """
    started = time.perf_counter()
    config = TrainConfig.of(config, settings)
    registry.get_entry(model)  # an unknown name is named, with the nearest ones
    data = _Data.of(train_data, validation_data, config)
    if config.weights is not None:
        return _finetune(model, data, config, started)
    return _train_run(_Run.plan(model, config, data), started)


def _train_run(run: _Run, started: float) -> TrainResult:
    """Builds, resumes and fits one planned run (or reports it complete); its `TrainResult`."""
    config = run.config
    _console.log(config.verbose, run.describe())
    _console.log(config.verbose, run.data.describe())
    keras_model = _set_up_model(run)
    if run.start_step >= run.total_steps:
        _console.log(
            config.verbose,
            f"training already complete ({run.epochs} epoch{'' if run.epochs == 1 else 's'}) in {run.output}",
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


def _finetune(name: str, data: _Data, config: TrainConfig, started: float) -> TrainResult:
    """Fine-tuning from ``config.weights``: the new head alone with the backbone frozen for
    `head_epochs` (its own run in ``output_dir/head``), then everything at the recipe's rate;
    each phase resumes from its own checkpoints. The result's history holds both phases."""
    from keras_resnet import weights as weights_lib

    spec = recipes_lib.get(config.recipe)
    source = weights_lib.check_weights_argument(config.weights, name)
    preprocessing = (
        config.preprocessing
        or (weights_lib.preprocessing_of(source) if source is not None else None)
        or "none"
    )
    total = config.epochs or spec.epochs or 1
    head = spec.head_epochs if config.head_epochs is None else config.head_epochs
    if head >= total:
        raise ValueError(
            f"head_epochs={head} must be fewer than epochs={total}: the backbone would never be fine-tuned"
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
            preprocessing=preprocessing,
            output_dir=output / "head" if output else None,
        )
        first = _train_run(_Run.plan(name, head_config, data, phase="head"), started)
        history, init = first.history, first.model.get_weights()
    rest = dataclasses.replace(
        config, epochs=total - head, learning_rate=peak, preprocessing=preprocessing
    )
    run = _Run.plan(name, rest, data, phase="all")
    run.init_weights = init
    result = _train_run(run, started)
    if output is not None and run.engine.chief:
        with (
            run.engine.chief_writes(),
            atomic.atomic_path(output / "final.keras", overwrite=True) as tmp,
        ):
            result.model.save(str(tmp))  # the whole model, for export
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


def _save_final(model: Any, run: _Run, *, only_if_missing: bool = False) -> None:
    """``final.weights.h5``, written atomically by the chief only."""
    if run.output is None or not run.engine.chief:
        return
    final = run.output / "final.weights.h5"
    if not (only_if_missing and final.is_file()):
        with (
            run.engine.chief_writes(),
            atomic.atomic_path(final, overwrite=True) as tmp,
        ):  # never half-written
            model.save_weights(str(tmp))


__all__ = ["STRATEGIES", "TrainConfig", "TrainResult", "make_strategy", "strategy_name", "train"]
