"""Shared test helpers. Tests build small models (32-64 px, batch 2-4) on the CPU."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import gc  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from tests.tiers import TRAINED_IN_DEFAULT_TIER  # noqa: E402

#: Not a test module: a job the distribution tests start in its own process (reads sys.argv at
#: import).
collect_ignore = ["_distributed_job.py"]


def _doctest_model(item) -> str | None:
    """The registry name whose builder a doctest item documents (``keras_resnet._named.ResNet50D``
    -> ``resnet50d``), or None."""
    from keras_resnet import variants

    module, _, function = item.name.rpartition(".")
    if module != "keras_resnet._named":
        return None
    return next((e.name for e in variants.MODELS.values() if e.function == function), None)


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(config, items):
    """A named builder's docstring example builds the model at full size: the default tier runs
    those of the models it trains (`TRAINED_IN_DEFAULT_TIER`), the slow tier the rest."""
    for item in items:
        name = _doctest_model(item) if type(item).__name__ == "DoctestItem" else None
        if name is not None and name not in TRAINED_IN_DEFAULT_TIER:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _clean_keras_state():
    keras.utils.set_random_seed(0)
    yield
    keras.config.set_dtype_policy("float32")
    keras.backend.clear_session()  # collects the test's garbage too
    # What outlives a test (TensorFlow's and Keras' caches, module-scoped fixtures) grows over the
    # session to about a million objects, which every collection would scan again (a cost that
    # grows with every test): freeze it out of the collector's scans. Frozen objects are still
    # freed when their last reference goes; only cycles among them stay.
    gc.freeze()


@pytest.fixture
def images():
    def make(n=2, size=32, channels=3, width=None):
        rng = np.random.default_rng(0)
        return rng.random((n, size, width or size, channels), dtype="float32")

    return make


@pytest.fixture(scope="session")
def digits_run(tmp_path_factory):
    """CIFAR ResNet-20 trained on scikit-learn's digits by `keras_resnet.training.train` (CIFAR
    recipe, 8 epochs, seed 0): once per session, shared by the training test
    (tests/training/test_runs.py) and the int8 export test (tests/export/test_export.py)."""
    from types import SimpleNamespace

    from keras_resnet import data
    from keras_resnet.training import train

    (x, y), (x_test, y_test) = data.digits(seed=0)
    output = tmp_path_factory.mktemp("digits_run")
    result = train(
        "cifar_resnet20",
        (x, y),
        validation_data=(x_test, y_test),
        recipe="cifar",
        epochs=8,
        batch_size=64,
        augment="pad_crop",
        output_dir=output,
        tensorboard=False,
        seed=0,
        verbose=0,
    )
    return SimpleNamespace(result=result, output_dir=output, train=(x, y), test=(x_test, y_test))
