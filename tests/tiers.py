"""What runs in which tier, and the bar a trained classifier must clear.

The default tier checks behaviour and exact numbers at small sizes; the slow tier (`-m slow`)
checks accuracy, full-size models and long runs."""

import re

import numpy as np
import pytest

import keras_resnet

#: Models whose build takes several seconds on a small CPU run in the slow tier.
HEAVY = re.compile(
    r"^([a-z_]*resnet(rs)?(152|200)|[a-z_]*resnext?101_(32x8d|64x4d)|wide_resnet101|cifar_resnet1202)"
)
#: Models whose train step is slow (the deepest and widest): slow tier for training tests. Every
#: family and knob is still trained in the default tier at a smaller depth.
HEAVY_TO_TRAIN = re.compile(
    r"^([a-z_]*resnet(rs)?(101|152|200)|[a-z_]*resnext101|wide_resnet101|cifar_resnet(110|1202))"
)


#: The models the default tier trains one step: every form at depth 18 (basic blocks); at depth 50
#: one bottleneck model, D (the stride in the 3x3, the deep stem, the average-pool shortcut: the
#: most parts); the four CIFAR forms at depth 20. The slow tier trains every registered model, the
#: other depth-50 forms included (a full-size ResNet-50's step takes 13-16 s on 2 cores).
TRAINED_IN_DEFAULT_TIER = frozenset(
    ["resnet18", "resnet18b", "resnet18c", "resnet18d", "resnet18v2", "resnet18v2c", "resnet18v2d"]
    + ["resnet50d"]
    + ["cifar_resnet20", "cifar_resnet20_b", "cifar_resnet20_c", "cifar_resnet20v2"]
    # the rest of the family: SE on basic blocks (grouped convs, ECA and ResNet-RS's stem train
    # in tests/models/test_family.py on a one-block-per-stage model; all of them in the slow tier)
    + ["seresnet18"]
)


def registry_params(names=None, heavy=HEAVY, default_tier=None):
    """`pytest.param`s over registry names, heavy ones marked slow (and, when `default_tier` is a
    set of names, every name outside it)."""
    names = keras_resnet.list_models() if names is None else names

    def slow(name):
        return bool(heavy.match(name)) or (default_tier is not None and name not in default_tier)

    return [pytest.param(n, marks=pytest.mark.slow) if slow(n) else n for n in names]


def majority_accuracy(labels):
    """The accuracy of the best constant prediction (always the most frequent label): chance."""
    labels = np.asarray(labels)
    return float(np.bincount(labels).max() / len(labels))


def assert_learned(accuracy, labels, what="model"):
    """A trained classifier's held-out error is at most a quarter of a constant prediction's.

    A bar relative to chance, far below any trained result (digits: 90-99% held-out, chance 11%), so
    it tells a training that learned from one that did not, on every machine; how good the result
    is gets compared with a reference from the same run (the float model an artifact came from, the
    run's own best epoch), never with an absolute figure that the reference itself can miss."""
    chance = majority_accuracy(labels)
    assert 1.0 - accuracy <= 0.25 * (1.0 - chance), (
        f"{what}: held-out accuracy {accuracy:.2%}, chance {chance:.2%}"
    )
