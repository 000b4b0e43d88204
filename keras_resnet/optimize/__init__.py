"""Model optimization with tensorflow-model-optimization (tfmot): quantization-aware training and
magnitude pruning, through a tf_keras twin of the library's Keras 3 models.

Importing this package imports tfmot and tf_keras (``pip install 'keras-resnet[optimize]'``);
importing `keras_resnet` does not. tfmot switches ``tf.keras`` to tf_keras for the process;
Keras 3 (``import keras``) and the rest of this library keep working alongside.
"""

from keras_resnet._kinds import is_pruning_wrapped, is_quantization_aware, is_tf_keras_model
from keras_resnet.optimize.finetune import FineTuned, accuracy, fine_tune
from keras_resnet.optimize.pruning import (
    prune,
    prune_scope,
    pruning_callbacks,
    sparsity,
    strip_pruning,
)
from keras_resnet.optimize.quantization import (
    initialize_ranges,
    quantize_aware,
    quantize_scope,
)
from keras_resnet.optimize.twin import copy_weights, to_tf_keras

__all__ = [
    "FineTuned",
    "accuracy",
    "copy_weights",
    "fine_tune",
    "initialize_ranges",
    "is_quantization_aware",
    "is_pruning_wrapped",
    "is_tf_keras_model",
    "prune",
    "prune_scope",
    "pruning_callbacks",
    "quantize_aware",
    "quantize_scope",
    "sparsity",
    "strip_pruning",
    "to_tf_keras",
]
