"""Shared test helpers. Tests build small models (32-64 px, batch 2-4) on the CPU."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import gc  # noqa: E402
import re  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import keras_resnet  # noqa: E402

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
#: the bottleneck with its stride in the 1x1 convolution (original), in the 3x3 with the deep stem
#: and average-pool shortcut (D) and pre-activated (V2); the four CIFAR forms at depth 20. The slow
#: tier trains every registered model.
TRAINED_IN_DEFAULT_TIER = frozenset(
    ["resnet18", "resnet18b", "resnet18c", "resnet18d", "resnet18v2", "resnet18v2c", "resnet18v2d"]
    + ["resnet50", "resnet50d", "resnet50v2"]
    + ["cifar_resnet20", "cifar_resnet20_b", "cifar_resnet20_c", "cifar_resnet20v2"]
    # the rest of the family: SE on basic blocks (grouped convs, ECA and ResNet-RS's stem train
    # in tests/test_family.py on a one-block-per-stage model; all of them in the slow tier)
    + ["seresnet18"]
)


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


def registry_params(names=None, heavy=HEAVY, default_tier=None):
    """`pytest.param`s over registry names, heavy ones marked slow (and, when `default_tier` is a
    set of names, every name outside it)."""
    names = keras_resnet.list_models() if names is None else names

    def slow(name):
        return bool(heavy.match(name)) or (default_tier is not None and name not in default_tier)

    return [pytest.param(n, marks=pytest.mark.slow) if slow(n) else n for n in names]


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


@pytest.fixture(scope="session")
def digits_run(tmp_path_factory):
    """CIFAR ResNet-20 trained on scikit-learn's digits by `keras_resnet.training.train` (CIFAR
    recipe, 8 epochs, seed 0): once per session, shared by the training test
    (tests/test_training_runs.py) and the int8 export test (tests/test_export.py)."""
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
