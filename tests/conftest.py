"""Shared test helpers. Tests build small models (32-64 px, batch 2-4) on the CPU."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import re  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import keras_resnet  # noqa: E402

#: Models whose build takes several seconds on 2 CPU cores run in the slow tier.
HEAVY = re.compile(r"^(resnet(152|200)|cifar_resnet1202)")
#: Models whose train step takes about 10 s or more: slow tier for training tests. Every family
#: and knob is still trained in the default tier at a smaller depth.
HEAVY_TO_TRAIN = re.compile(r"^(resnet(101|152|200)|cifar_resnet(110|1202))")


def registry_params(names=None, heavy=HEAVY):
    """`pytest.param`s over registry names, heavy ones marked slow."""
    names = keras_resnet.list_models() if names is None else names
    return [pytest.param(n, marks=pytest.mark.slow) if heavy.match(n) else n for n in names]


@pytest.fixture(autouse=True)
def _clean_keras_state():
    keras.utils.set_random_seed(0)
    yield
    keras.config.set_dtype_policy("float32")
    keras.backend.clear_session()


@pytest.fixture
def images():
    def make(n=2, size=32, channels=3, width=None):
        rng = np.random.default_rng(0)
        return rng.random((n, size, width or size, channels), dtype="float32")

    return make
