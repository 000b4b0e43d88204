"""Training: recipes as data (`recipes`), seeded augmentation (`augment`) and `train`, resumable and
distributed with tf.distribute."""

from keras_resnet.training.recipes import RECIPES, Recipe
from keras_resnet.training.trainer import STRATEGIES, TrainConfig, TrainResult, make_strategy, strategy_name, train

__all__ = ["RECIPES", "Recipe", "STRATEGIES", "TrainConfig", "TrainResult", "make_strategy", "strategy_name", "train"]
