"""Cross-checks against keras.applications, an independent implementation in the same install.

keras.applications' ResNet50/101/152 are the original form and ResNet50V2/101V2/152V2 the
pre-activation form; they use biased convolutions (and V2 puts the stride in the last block of a
stage). So with the same layer names every weighted layer must have the same kernel shapes, and
our trainable parameters must equal theirs minus the conv biases.
"""

import math

import keras
import pytest

import keras_resnet
from keras_resnet import analysis

PAIRS = [
    ("resnet50", keras.applications.ResNet50),
    ("resnet101", keras.applications.ResNet101),
    ("resnet152", keras.applications.ResNet152),
    ("resnet50v2", keras.applications.ResNet50V2),
    ("resnet101v2", keras.applications.ResNet101V2),
    ("resnet152v2", keras.applications.ResNet152V2),
]


def _weighted(model):
    return {layer.name: layer for layer in model.layers if layer.weights}


@pytest.mark.parametrize(
    "name, reference",
    # 101 and 152 layers: the same blocks as 50, full-size builds of both libraries (3-5 s each)
    [
        pytest.param(n, r, marks=pytest.mark.slow) if n[6:9] in ("101", "152") else (n, r)
        for n, r in PAIRS
    ],
)
def test_same_layers_shapes_and_parameters_as_keras_applications(name, reference):
    ours = keras_resnet.create_model(name)
    theirs = reference(weights=None)
    ours_layers, their_layers = _weighted(ours), _weighted(theirs)
    assert set(ours_layers) == set(their_layers)
    conv_biases = 0
    for layer_name, layer in ours_layers.items():
        other = their_layers[layer_name]
        assert type(layer) is type(other), layer_name
        if isinstance(layer, keras.layers.Conv2D):
            assert tuple(layer.kernel.shape) == tuple(other.kernel.shape), layer_name
            conv_biases += math.prod(other.bias.shape) if other.use_bias else 0
        else:
            assert [tuple(w.shape) for w in layer.weights] == [
                tuple(w.shape) for w in other.weights
            ], layer_name
    assert analysis.count_params(ours) == analysis.count_params(theirs) - conv_biases
    if "v2" not in name:  # same stride placement: identical MACs
        assert analysis.count_macs(ours) == analysis.count_macs(theirs)
