"""The builders use only keras / keras.ops: they build and run on the JAX and PyTorch backends."""

import json
import os
import subprocess
import sys

import pytest

from tests.golden import REGISTRY

NAMES = [
    "resnet50d",
    "resnet18v2c",
    "resnet50",
    "cifar_resnet20",
    "cifar_resnet20_c",
    "cifar_resnet20v2",
    "seresnext50_32x4d",
    "ecaresnet50d",
]
#: What the default tier builds on PyTorch at full depth: a basic, a CIFAR and a pre-activation
#: form and the grouped SE bottleneck (every kind runs on PyTorch, at one block per stage, in
#: tests/models/test_layouts.py); the slow tier builds all of `NAMES` on JAX and PyTorch.
DEFAULT_TIER_NAMES = ["resnet18v2c", "cifar_resnet20_c", "cifar_resnet20v2", "seresnext50_32x4d"]
CODE = """
import json, sys, numpy as np, keras, keras_resnet
out = {}
for name in sys.argv[1:]:
    model = keras_resnet.create_model(name, input_shape=(64, 64, 3))
    x = np.random.rand(2, 64, 64, 3).astype("float32")
    y = np.asarray(keras.ops.convert_to_numpy(model(x)))
    out[name] = [keras_resnet.count_params(model), list(y.shape), bool(np.isfinite(y).all())]
print(json.dumps(out))
"""


# Both backends come with keras-resnet[test]. JAX compiles every op on first use, which makes it
# several times slower than PyTorch here, so it runs in the slow tier; the default tier runs
# PyTorch.
@pytest.mark.parametrize(
    "backend, names",
    [
        pytest.param("jax", NAMES, marks=pytest.mark.slow),
        pytest.param("torch", NAMES, marks=pytest.mark.slow),
        pytest.param("torch", DEFAULT_TIER_NAMES, marks=pytest.mark.long),
    ],
    ids=["jax", "torch", "torch-default"],
)
def test_builds_on_other_backends(backend, names):
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "2"}
    result = subprocess.run(
        [sys.executable, "-c", CODE, *names], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert sorted(out) == sorted(names)
    for name in names:
        params, shape, finite = out[name]
        assert params == REGISTRY[name][0], name
        assert finite and shape[0] == 2
