"""Training: recipes as data (`recipes`), seeded augmentation (`augment`), the streamed input
(`stream`), checkpoints (`checkpoints`), the backends' engines (`engines`), runs across processes
and machines (`cluster`) and `train` (`trainer`), whose parts are public: its settings
(`config`), the data (`inputs`), the plan (`plan`) and the compiled model (`model_setup`)."""

from keras_resnet.training.config import TrainConfig, TrainResult, default_preprocessing
from keras_resnet.training.engines import STRATEGIES, make_strategy, strategy_name
from keras_resnet.training.recipes import RECIPES, Recipe, default_recipe, one_hot
from keras_resnet.training.trainer import train

__all__ = [
    "RECIPES",
    "Recipe",
    "STRATEGIES",
    "TrainConfig",
    "TrainResult",
    "default_preprocessing",
    "default_recipe",
    "make_strategy",
    "one_hot",
    "strategy_name",
    "train",
]
