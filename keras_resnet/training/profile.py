"""Where a training run's time goes: the input stream alone against the training step alone.

`profile` reads `steps` batches from the run's stream (decode, augment, prefetch; no model), then
times `steps` training steps of the compiled model on one batch already converted to the
backend's tensors (no input work), and says which of the two is the bottleneck: if the stream
delivers fewer images per second than the step consumes, more ``workers`` (or faster storage,
smaller source images) speed training up; otherwise the model is the limit.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from typing import Any

from keras_resnet import _console
from keras_resnet.training import model_setup, plan, stream
from keras_resnet.training.config import TrainConfig


@dataclasses.dataclass(frozen=True)
class Profile:
    """Images per second of the input stream alone and of the training step alone."""

    input_images_per_second: float
    train_images_per_second: float
    batch_size: int
    workers: int
    backend: str

    @property
    def bottleneck(self) -> str:
        return "input" if self.input_images_per_second < self.train_images_per_second else "model"

    def describe(self) -> str:
        ratio = self.input_images_per_second / self.train_images_per_second
        verdict = (
            f"the input is the bottleneck: it feeds {ratio:.2f}x what the step consumes (try more "
            "--workers)"
            if self.bottleneck == "input"
            else f"the model is the bottleneck: the input feeds {ratio:.1f}x what it consumes"
        )
        return (
            f"input stream alone: {self.input_images_per_second:,.0f} img/s ({self.workers} worker "
            f"thread(s)); training step alone: {self.train_images_per_second:,.0f} img/s (batch "
            f"{self.batch_size}, Keras on {self.backend}); {verdict}"
        )


def _time_input(batches: stream.Batches, steps: int, workers: int) -> tuple[float, tuple]:
    """Images per second over `steps` batches after the first (thread start-up); and that batch."""
    iterator = iter(stream.dataset(batches, 0, steps + 1, workers=workers))
    first = next(iterator)
    started = time.perf_counter()
    count = sum(len(images) for images, _ in itertools.islice(iterator, steps))
    return count / (time.perf_counter() - started), first


def _time_steps(model: Any, batch: tuple, steps: int) -> float:
    """Images per second of `steps` training steps on one batch held as backend tensors, after
    two untimed steps (tracing, compilation)."""
    import keras

    images, labels = (keras.ops.convert_to_tensor(a) for a in batch)
    for _ in range(2):
        model.train_on_batch(images, labels)
    started = time.perf_counter()
    for _ in range(steps):
        model.train_on_batch(images, labels)
    return steps * len(batch[0]) / (time.perf_counter() - started)


def profile(
    model: str,
    train_data: Any,
    *,
    steps: int = 20,
    validation_data: Any = None,
    config: TrainConfig | None = None,
    **settings: Any,
) -> Profile:
    """Measures the input stream and the training step of a `train` run apart (nothing is
    written; `output_dir` and `validation_data` are ignored). Arguments as `train`'s, for an
    image folder, arrays or a data set's name (not TFRecord shards)."""
    config = dataclasses.replace(TrainConfig.of(config, settings), output_dir=None)
    config, data = plan.settle(model, train_data, None, config)
    if data.train is None:
        raise ValueError(
            "profile measures the library's own stream: train_data must be an image folder, arrays "
            "or a data set's name"
        )
    run = plan.Run.plan(model, config, data)
    batches, _, _ = plan.streams(run)
    assert batches is not None
    _console.log(
        config.verbose,
        f"profiling {model}: {steps} batches of {run.global_batch} from the stream, then {steps} "
        "training steps",
    )
    input_rate, first = _time_input(batches, steps, run.workers)
    keras_model = model_setup.set_up_model(run)
    with run.engine.scope():
        train_rate = _time_steps(keras_model, first, steps)
    return Profile(input_rate, train_rate, run.global_batch, run.workers, run.engine.backend)


__all__ = ["Profile", "profile"]
