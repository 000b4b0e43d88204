"""`train`'s settings: `TrainConfig` (every field checked when made), `TrainResult`, and the
defaults that depend on the run (`default_preprocessing`; the recipe's is
`keras_resnet.training.recipes.default_recipe`)."""

from __future__ import annotations

import dataclasses
import difflib
import numbers
import os
from typing import Any

from keras_resnet import _checks, layouts
from keras_resnet import preprocessing as preprocessing_lib
from keras_resnet.training import augment as augment_lib
from keras_resnet.training import recipes as recipes_lib


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
        class_names: the data's class names in label order, when known (an image folder's, those
            of a `keras_resnet.data.Source`; None for plain arrays).
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
        recipe: ``"cifar"``, ``"finetune"`` or ``"bag_of_tricks"``
            (`keras_resnet.training.recipes`; None: `recipes.default_recipe`, ``"finetune"`` with
            `weights`, else ``"cifar"``; `recipe_name` is the one that applies).
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
            None: `default_preprocessing`, the one `weights` were trained with, else the data's
            own: ``"unit"`` for the pixels of CIFAR, image folders and shards, ``"none"`` for
            the digits, ``.npz`` files and arrays).
        weights: fine-tune from pretrained weights (a preset name or a checkpoint file, as
            `create_model` takes): the model is built without its classifier, with those
            weights, and gets a new head for the data's classes (see the ``finetune`` recipe).
        allow_other_architecture: with `weights`, accept a ``.weights.h5`` file that records
            another architecture than the model's (a deliberate transfer, where the shapes fit);
            by default it is refused before anything is built.
        head_epochs: with `weights`, the epochs that train the new head alone with the backbone
            frozen, before everything trains (None: the recipe's; 0: none).
        classes: the class count (None: the data's classes, or ``max(labels) + 1``).
        image_size: the side of the model's square input for image files (None: 224), for
            random resized crops of arrays (None: the arrays' own) and of the digits named by
            ``"digits"`` (None: 32).
        validation_split: the share of the training data held out for validation when no
            `validation_data` is given (None: none held out; the digits named by ``"digits"``
            hold out 0.2, CIFAR its test set).
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

    recipe: str | None = None
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
    allow_other_architecture: bool = False
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
        if self.recipe is not None:
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
        for argument in ("jit_compile", "tensorboard", "deterministic", "allow_other_architecture"):
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
        if config is None:
            return cls(**settings)
        return dataclasses.replace(config, **settings) if settings else config

    @property
    def recipe_name(self) -> str:
        """The recipe that applies: `recipe`, else `recipes.default_recipe` of the weights."""
        return self.recipe or recipes_lib.default_recipe(self.weights)

    @property
    def data_format(self) -> str:
        """The model's image layout: ``model_kwargs``'s ``data_format``, else Keras' global one
        (the stream makes its batches in it)."""
        return layouts.resolve((self.model_kwargs or {}).get("data_format"))

    @property
    def spec(self) -> recipes_lib.Recipe:
        """The `Recipe` that applies (`recipe_name`)."""
        return recipes_lib.get(self.recipe_name)


def default_preprocessing(
    preprocessing: str | None = None,
    *,
    weights: str | os.PathLike[str] | None = None,
    model: str | None = None,
    data: str = "none",
    allow_other_architecture: bool = False,
) -> str:
    """The `keras_resnet.preprocessing` preset a run's images get: `preprocessing` when given;
    else, with `weights`, the one they were trained with (``"none"`` when their file does not
    record it); else the data's own default `data` (`keras_resnet.data.Source.preprocessing`:
    ``"none"`` for the digits, ``.npz`` files and arrays, ``"unit"`` for the pixels of CIFAR,
    image folders and TFRecord shards).

    `weights` are checked first (a preset name or a checkpoint file, for the registry `model`;
    a file that records another architecture is refused unless `allow_other_architecture`),
    whether or not the preprocessing is given.
    """
    if weights is None:
        return data if preprocessing is None else preprocessing
    from keras_resnet import weights as weights_lib

    source = weights_lib.check_weights_argument(
        weights, model, allow_other_architecture=allow_other_architecture
    )
    if preprocessing is not None:
        return preprocessing
    return (weights_lib.preprocessing_of(source) if source is not None else None) or "none"


__all__ = ["TrainConfig", "TrainResult", "default_preprocessing"]
