"""The plan of a `train` run, settled before anything is built (`Run`): the recipe, the engine,
the schedule's size, where it writes and the step it resumes from; and the run's input streams.

`prepare` is `train`'s own planning, for tools that measure a run instead of training it::

    run = plan.prepare("cifar_resnet20", "digits", epochs=1)
    batches, validation, validation_steps = plan.streams(run)
    model = model_setup.set_up_model(run)
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
from typing import Any

from keras_resnet import identity as identity_lib
from keras_resnet import registry
from keras_resnet.training import checkpoints, engines, stream
from keras_resnet.training import recipes as recipes_lib
from keras_resnet.training.config import TrainConfig, TrainResult, default_preprocessing
from keras_resnet.training.inputs import Data, is_source, resolve


def settle(
    model: str, train_data: Any, validation_data: Any, config: TrainConfig
) -> tuple[TrainConfig, Data]:
    """`config` with the defaults that depend on the model and the data decided (the
    preprocessing: `default_preprocessing`; a `keras_resnet.data.Source`'s image size), and the
    data listed and checked; all before anything heavy is built. An `output_dir` that holds the
    checkpoints of another model is refused first (`check_output`)."""
    registry.get_entry(model)  # an unknown name is named, with the nearest ones
    check_output(model, config.output_dir)
    train_data, validation_data = resolve(train_data, validation_data, config)
    source_default = train_data.preprocessing if is_source(train_data) else "none"
    image_size = config.image_size
    if image_size is None and is_source(train_data):
        image_size = train_data.image_size
    config = dataclasses.replace(
        config,
        preprocessing=default_preprocessing(
            config.preprocessing,
            weights=config.weights,
            model=model,
            data=source_default,
            allow_other_architecture=config.allow_other_architecture,
        ),
        image_size=image_size,
    )
    return config, Data.of(train_data, validation_data, config)


def check_output(model: str, output_dir: str | os.PathLike[str] | None) -> None:
    """Refuses an `output_dir` whose checkpoints (``backup/``, and a fine-tuning run's
    ``head/backup/``) are of another architecture than the registry `model`'s, with a ValueError
    naming both models and the folder; reads only ``run.json`` (or the newest checkpoint's
    record), so it runs before any data are read or any model is built."""
    if output_dir is None:
        return
    output = pathlib.Path(output_dir)
    target = identity_lib.of_name(model)
    for folder in (output, output / "head"):
        backup = backup_folder(folder)
        if backup is not None:
            checkpoints.check_model(backup, target)


def prepare(
    model: str,
    train_data: Any,
    validation_data: Any = None,
    *,
    config: TrainConfig | None = None,
    **settings: Any,
) -> Run:
    """The `Run` that `train` would start with these arguments (arguments as `train`'s; without
    fine-tuning's phases), nothing built yet."""
    config = TrainConfig.of(config, settings)
    config, data = settle(model, train_data, validation_data, config)
    return Run.plan(model, config, data)


@dataclasses.dataclass
class Run:
    """What one call of `train` settled before building anything: the recipe, the engine, the
    schedule's size, where it writes and the step it resumes from."""

    name: str
    config: TrainConfig
    spec: recipes_lib.Recipe
    data: Data
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
        return backup_folder(self.output)

    @property
    def identity(self) -> identity_lib.Identity | None:
        """The model the run's weights files and checkpoints record (`keras_resnet.identity`)."""
        return identity_lib.of_name(self.name)

    @property
    def workers(self) -> int:
        """Decoding threads: the config's, else the usable cores (at most 16)."""
        return stream.default_workers() if self.config.workers is None else self.config.workers

    @property
    def preprocessing(self) -> str:
        return self.config.preprocessing or "none"

    @classmethod
    def plan(cls, name: str, config: TrainConfig, data: Data, *, phase: str | None = None) -> Run:
        """The plan of one run (or fine-tuning phase) of registry model `name` on `data`."""
        spec = config.spec
        classes = data.classes(config)
        engine = engines.make_engine(config.strategy)
        if not engine.chief:  # the other processes of a multi-process run keep quiet
            config = dataclasses.replace(config, verbose=0)
        augment = spec.augmentation if config.augment is None else config.augment
        if data.train is None:
            assert data.first is not None  # `Data.of` peeks every dataset object
            # a dataset object yields this process's slice of each global batch
            batch, steps = len(data.first[1]) * engine.processes, data.steps(config)
            epochs = config.epochs or -(-spec.total_steps(steps) // steps)
        else:
            epochs, steps, batch = _schedule_size(
                spec,
                len(data.train),
                epochs=config.epochs,
                batch_size=config.batch_size,
                replicas=engine.replicas,
            )
        output = pathlib.Path(config.output_dir) if config.output_dir is not None else None
        facts = {
            "steps_per_epoch": steps,
            "global_batch": batch,
            "seed": config.seed,
            "images": len(data.train) if data.train is not None else None,
            "phase": phase,
        }
        start_step, checkpoint = _resume_point(output, engine, facts, identity_lib.of_name(name))
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
        epochs = f"{self.epochs} epoch{'' if self.epochs == 1 else 's'}"
        return (
            f"{what} {self.name}: recipe {self.config.recipe_name}, {epochs} x "
            f"{self.steps_per_epoch} steps, global batch {self.global_batch} on "
            f"{self.engine.replicas} replica(s) ({self.engine.name}, Keras on "
            f"{self.engine.backend}), starting at {start}"
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


def backup_folder(output: pathlib.Path | None) -> pathlib.Path | None:
    """Where a run's checkpoints go: ``output_dir/backup``."""
    return output / "backup" if output is not None else None


def _resume_point(
    output: pathlib.Path | None,
    engine: engines.Engine,
    facts: dict[str, Any],
    identity: identity_lib.Identity | None,
) -> tuple[int, pathlib.Path | None]:
    """``(global step, checkpoint)`` the run resumes from, after checking that the checkpoints
    in `output` are of the same run: the same model `identity` and `facts` (steps, batch, seed,
    image count, fine-tuning phase)."""
    backup = backup_folder(output)
    if backup is not None:
        checkpoints.check_run(backup, facts, identity=identity, write=engine.chief)
    start_step, checkpoint = checkpoints.latest(backup)
    engine.agree("step to resume from", start_step)
    return start_step, checkpoint


def _schedule_size(
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


def streams(run: Run) -> tuple[stream.Batches | None, Any, int | None]:
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
        one_hot=recipes_lib.one_hot(run.spec),
        mixup_alpha=run.spec.mixup_alpha,
        process=run.engine.process,
        processes=run.engine.processes,
        pad=run.engine.replicas > 1,
        data_format=run.config.data_format,
    )
    if data.validation is None:
        return train, None, None
    # the same Skipped tally
    held_out = dataclasses.replace(train, examples=data.validation, training=False)
    return (
        train,
        stream.dataset(held_out, 0, held_out.steps_per_epoch, workers=run.workers),
        held_out.steps_per_epoch,
    )


__all__ = ["Run", "backup_folder", "check_output", "prepare", "settle", "streams"]
