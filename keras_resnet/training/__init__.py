"""Training: recipes as data (`recipes`), seeded augmentation (`augment`), the streamed input
(`stream`), checkpoints (`checkpoints`), the backends' engines (`engines`), runs across processes
and machines (`cluster`) and `train`."""

from keras_resnet.training.recipes import RECIPES, Recipe
from keras_resnet.training.trainer import (
    STRATEGIES,
    TrainConfig,
    TrainResult,
    make_strategy,
    strategy_name,
    train,
)

__all__ = [
    "RECIPES",
    "Recipe",
    "STRATEGIES",
    "TrainConfig",
    "TrainResult",
    "make_strategy",
    "strategy_name",
    "train",
]
