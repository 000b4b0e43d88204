"""Training recipes as data: the paper's CIFAR recipe and the Bag of Tricks ImageNet recipe.

A `Recipe` holds every number of a published recipe; `Recipe.schedule` turns it into a Keras
learning-rate schedule for a given run (global batch size, steps per epoch), built from Keras' own
serializable schedules (``PiecewiseConstantDecay``, ``CosineDecay`` with its linear warm-up), so
a saved optimizer reloads with its schedule.

* ``cifar`` (He et al. 2015, section 4.2): SGD with momentum 0.9, weight decay 1e-4, batch 128,
  learning rate 0.1 divided by 10 at 32k and 48k iterations, 64k iterations, 4-pixel padding with
  random 32x32 crops and horizontal flips. ResNet-110 warms up at 0.01 for the first 400
  iterations ("until the training error is below 80%, about 400 iterations").
* ``finetune``: a pretrained backbone (``weights=``) with a new head for the data's classes:
  the head alone for 2 epochs at 10x the rate with the backbone frozen (BatchNorm in inference
  mode, as keras.applications' transfer-learning guide advises), then everything at 0.01 x
  batch / 256 with cosine decay over the remaining epochs (10 in all), label smoothing 0.1, random
  resized crops (the rates of Kornblith et al. 2019's SGD fine-tuning, at batch 32).
* ``bag_of_tricks`` (He et al. 2019): learning rate 0.1 x batch / 256, 5 warm-up epochs from 0,
  cosine decay to 0 over 120 epochs, label smoothing 0.1, no weight decay on BatchNorm and biases,
  zero-initialized last BatchNorm gamma of each block, optional mixup (alpha 0.2).

Example:
    >>> from keras_resnet.training import recipes
    >>> schedule = recipes.get("cifar").schedule(steps_per_epoch=391, depth=110)
    >>> [round(float(schedule(step)), 4) for step in (0, 399, 400, 31999, 32000, 48000)]
    [0.01, 0.01, 0.1, 0.1, 0.01, 0.001]
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from keras_resnet import _checks

if TYPE_CHECKING:
    import keras


@dataclasses.dataclass(frozen=True)
class Recipe:
    name: str
    reference: str
    base_learning_rate: float  # at `reference_batch`
    reference_batch: int
    batch_size: int  # the recipe's global batch
    momentum: float
    weight_decay: float
    schedule_kind: str  # "steps" or "cosine"
    epochs: int | None = None  # cosine recipes are defined in epochs
    iterations: int | None = None  # step recipes in iterations
    boundaries: tuple[int, ...] = ()  # iterations where the rate is divided by `decay_factor`
    decay_factor: float = 10.0
    warmup_epochs: float = 0.0  # linear warm-up from 0 (cosine recipes)
    warmup_iterations: int = 0  # constant low rate first (the paper's ResNet-110 warm-up)
    warmup_learning_rate: float = 0.0
    warmup_min_depth: int = 0  # constant warm-up only from this depth on
    label_smoothing: float = 0.0
    decay_norm_and_bias: bool = True
    zero_init_residual: bool = False
    mixup_alpha: float = 0.0
    augmentation: str = "pad_crop_flip"  # or "random_resized_crop_flip"
    head_epochs: int = (
        0  # fine-tuning: epochs of the new head alone, the pretrained backbone frozen
    )
    head_learning_rate_scale: float = 1.0  # the head phase's peak rate, relative to the recipe's

    def learning_rate(self, batch_size: int | None = None) -> float:
        """The peak learning rate, scaled linearly with the global batch size."""
        batch_size = (
            self.batch_size
            if batch_size is None
            else _checks.check_int("batch_size", batch_size, minimum=1)
        )
        return self.base_learning_rate * batch_size / self.reference_batch

    def _epochs(self) -> int:
        if self.epochs is None:
            raise TypeError(
                f"recipe {self.name!r} ({self.schedule_kind}) needs epochs; it has epochs=None"
            )
        return self.epochs

    def _iterations(self) -> int:
        if self.iterations is None:
            raise TypeError(
                f"recipe {self.name!r} ({self.schedule_kind}) needs iterations; it has "
                "iterations=None"
            )
        return self.iterations

    def total_steps(self, steps_per_epoch: int) -> int:
        return self.iterations if self.iterations else self._epochs() * steps_per_epoch

    def schedule(
        self,
        *,
        steps_per_epoch: int,
        batch_size: int | None = None,
        depth: int = 0,
        epochs: int | None = None,
        peak: float | None = None,
    ) -> keras.optimizers.schedules.LearningRateSchedule:
        """The Keras learning-rate schedule of this recipe for one run.

        Args:
            steps_per_epoch: optimizer steps per epoch at the run's global batch size.
            batch_size: the run's global batch size (the rate scales linearly with it).
            depth: the network depth (the CIFAR recipe warms up from depth 110).
            epochs: another length than the recipe's: cosine decays over it, step drops stay at
                the same fractions of training (CIFAR: 50% and 75%).
            peak: a peak learning rate to use instead of the recipe's (scaled) one.
        """
        import keras

        steps_per_epoch = _checks.check_int("steps_per_epoch", steps_per_epoch, minimum=1)
        recipe_peak = self.learning_rate(batch_size)
        peak = recipe_peak if peak is None else float(peak)
        if self.schedule_kind == "steps":
            scale = (
                self.batch_size if batch_size is None else batch_size
            ) / self.batch_size  # iterations are defined at the recipe's batch
            boundaries = [int(round(b / scale)) for b in self.boundaries]
            if (
                epochs is not None
            ):  # another length: the drops stay at the same fractions of training
                total = epochs * steps_per_epoch
                boundaries = [
                    max(1, int(round(b / self._iterations() * total))) for b in self.boundaries
                ]
            values = [peak / self.decay_factor**i for i in range(len(boundaries) + 1)]
            if self.warmup_iterations and depth >= self.warmup_min_depth:
                boundaries = [int(round(self.warmup_iterations / scale)), *boundaries]
                values = [self.warmup_learning_rate / self.base_learning_rate * peak, *values]
            # Keras keeps values[i] while step <= boundaries[i]; "divided at 32k iterations" means
            # steps 0..31999 (0-based) at the old rate, so each boundary is the last step before.
            return keras.optimizers.schedules.PiecewiseConstantDecay(
                [b - 1 for b in boundaries], values
            )
        total = (self._epochs() if epochs is None else epochs) * steps_per_epoch
        warmup = int(round(self.warmup_epochs * steps_per_epoch))
        return keras.optimizers.schedules.CosineDecay(
            initial_learning_rate=0.0,
            decay_steps=max(1, total - warmup),
            warmup_target=peak,
            warmup_steps=warmup,
        )


RECIPES = {
    r.name: r
    for r in [
        Recipe(
            "cifar",
            "He et al. 2015, Deep Residual Learning, sec. 4.2",
            base_learning_rate=0.1,
            reference_batch=128,
            batch_size=128,
            momentum=0.9,
            weight_decay=1e-4,
            schedule_kind="steps",
            iterations=64000,
            boundaries=(32000, 48000),
            warmup_iterations=400,
            warmup_learning_rate=0.01,
            warmup_min_depth=110,
        ),
        Recipe(
            "bag_of_tricks",
            "He et al. 2019, Bag of Tricks, sec. 3 and 5",
            base_learning_rate=0.1,
            reference_batch=256,
            batch_size=1024,
            momentum=0.9,
            weight_decay=1e-4,
            schedule_kind="cosine",
            epochs=120,
            warmup_epochs=5,
            label_smoothing=0.1,
            decay_norm_and_bias=False,
            zero_init_residual=True,
            augmentation="random_resized_crop_flip",
        ),
        Recipe(
            "finetune",
            "head then whole network from pretrained weights (Kornblith et al. 2019, sec. 3)",
            base_learning_rate=0.01,
            reference_batch=256,
            batch_size=32,
            momentum=0.9,
            weight_decay=1e-4,
            schedule_kind="cosine",
            epochs=10,
            label_smoothing=0.1,
            augmentation="random_resized_crop_flip",
            head_epochs=2,
            head_learning_rate_scale=10.0,
        ),
    ]
}


def get(name: str) -> Recipe:
    _checks.check_choice("recipe", name, tuple(RECIPES))
    return RECIPES[name]


def default_recipe(weights: object = None) -> str:
    """The recipe a run gets when none is named: ``"finetune"`` when it starts from pretrained
    `weights` (a preset name or a checkpoint file), else ``"cifar"``."""
    return "cifar" if weights is None else "finetune"


def one_hot(recipe: Recipe | str) -> bool:
    """Whether the recipe trains on one-hot labels (label smoothing or mixup need them); integer
    labels otherwise."""
    spec = get(recipe) if isinstance(recipe, str) else recipe
    return spec.label_smoothing > 0 or spec.mixup_alpha > 0


__all__ = ["RECIPES", "Recipe", "default_recipe", "get", "one_hot"]
