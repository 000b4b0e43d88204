"""Fixtures the tests share (what every test and docstring example shares is in the repository's
conftest.py). Tests build small models (32-64 px, batch 2-4) on the CPU."""

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
