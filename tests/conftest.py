"""Fixtures the tests share (what every test and docstring example shares is in the repository's
conftest.py). Tests build small models (32-64 px, batch 2-4) on the CPU."""

import json
import subprocess
import sys

import numpy as np
import pytest

#: Not a test module: a job the distribution tests start in its own process (reads sys.argv at
#: import).
collect_ignore = ["_distributed_job.py"]


@pytest.fixture
def images():
    def make(n=2, size=32, channels=3, width=None):
        rng = np.random.default_rng(0)
        return rng.random((n, size, width or size, channels), dtype="float32")

    return make


@pytest.fixture(scope="session")
def digits_run(tmp_path_factory):
    """CIFAR ResNet-20 trained on scikit-learn's digits at 16x16 px (the 8x8 digits upscaled: every
    pixel of them kept) by `keras_resnet.training.train` (CIFAR recipe, its step drops at half and
    three quarters of the run, 5 epochs of 22 batches of 64, seed 0): once per session, shared by
    the training test (tests/training/test_runs.py) and the int8 export test
    (tests/export/test_export.py)."""
    from types import SimpleNamespace

    from keras_resnet import data
    from keras_resnet.training import train

    (x, y), (x_test, y_test) = data.digits(image_size=16, seed=0)
    output = tmp_path_factory.mktemp("digits_run")
    result = train(
        "cifar_resnet20",
        (x, y),
        validation_data=(x_test, y_test),
        recipe="cifar",
        epochs=5,
        batch_size=64,
        augment="pad_crop",
        output_dir=output,
        tensorboard=False,
        seed=0,
        verbose=0,
    )
    return SimpleNamespace(result=result, output_dir=output, train=(x, y), test=(x_test, y_test))


#: The imports only a fresh interpreter shows, in one child: what `keras_resnet.export` imports,
#: what `keras_resnet` with a builder looked up has imported then, and `keras_resnet.optimize`
#: with tfmot made unimportable (as if the optimize extra were not installed).
_FRESH_IMPORTS = """
import json, sys
watched = ('tf2onnx', 'onnxruntime', 'torch', 'tf_keras', 'tensorflow_model_optimization')
import keras_resnet.export
after_export = [m for m in watched if m in sys.modules]
import keras_resnet
keras_resnet.CifarResNet20
after_builder = [m for m in watched if m in sys.modules]
sys.modules['tensorflow_model_optimization'] = None
try:
    import keras_resnet.optimize
    error = None
except ImportError as e:
    error = str(e)
print(json.dumps(dict(after_export=after_export, after_builder=after_builder, optimize=error)))
"""


@pytest.fixture(scope="session")
def fresh_imports():
    """What `_FRESH_IMPORTS` found in a child process: ``after_export`` and ``after_builder``, the
    watched modules imported by then, and ``optimize``, the ImportError's message (or None).
    Starting an interpreter with TensorFlow is the cost of each such check, so the import checks
    of tests/export and tests/optimize share one child per worker that runs them (their tests are
    one xdist group, so that one worker runs them all)."""
    out = subprocess.run(
        [sys.executable, "-c", _FRESH_IMPORTS], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.splitlines()[-1])
