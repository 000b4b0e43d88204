"""Fixtures the tests share (what every test and docstring example shares is in the repository's
conftest.py). Tests build small models (32-64 px, batch 2-4) on the CPU."""

import contextlib
import dataclasses
import json
import os
import pickle
import shutil
import subprocess
import sys

import numpy as np
import pytest

try:
    import fcntl
except ImportError:  # not on Windows: each worker makes its own
    fcntl = None

#: Not a test module: a job the distribution tests start in its own process (reads sys.argv at
#: import).
collect_ignore = ["_distributed_job.py"]


@pytest.fixture
def images():
    def make(n=2, size=32, channels=3, width=None):
        rng = np.random.default_rng(0)
        return rng.random((n, size, width or size, channels), dtype="float32")

    return make


@contextlib.contextmanager
def _once_per_run(tmp_path_factory, name):
    """A folder to make something in once per test run: ``with _once_per_run(f, "x") as (folder,
    make, shared)``, where `make` says whether this process makes it and `shared` whether other
    processes read it back from `folder`.

    Without xdist it is the test run's own folder (made here, not shared). Under xdist it is a
    folder of the run shared by its workers (the parent of theirs), under a lock: the first worker
    to ask makes it there (holding the lock until it is written) and the others wait and read it
    back (tests of other files or groups may ask for it on either worker)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None or fcntl is None:
        yield tmp_path_factory.mktemp(name), True, False
        return
    root = tmp_path_factory.getbasetemp().parent  # this run's, shared by its workers
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        done = folder / ".done"
        make = not done.exists()
        if make:  # anew, should a worker have failed to make it
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
        yield folder, make, True
        done.touch()


@pytest.fixture(scope="session")
def digits_run(tmp_path_factory):
    """CIFAR ResNet-20 trained on scikit-learn's digits at 16x16 px (the 8x8 digits upscaled: every
    pixel of them kept) by `keras_resnet.training.train` (CIFAR recipe, its step drops at half and
    three quarters of the run, 5 epochs of 22 batches of 64, seed 0): once per test run, shared by
    the training test (tests/training/test_runs.py) and the int8 export test
    (tests/export/test_export.py); an xdist worker that did not train it reads the run's model and
    `TrainResult` back from the worker that did."""
    from types import SimpleNamespace

    import keras

    from keras_resnet import data
    from keras_resnet.training import TrainResult, train

    (x, y), (x_test, y_test) = data.digits(image_size=16, seed=0)
    with _once_per_run(tmp_path_factory, "digits_run") as (output, make, shared):
        if make:
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
            if shared:
                result.model.save(output / "shared_model.keras")
                fields = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
                del fields["model"]
                (output / "shared_result.pickle").write_bytes(pickle.dumps(fields))
        else:
            fields = pickle.loads((output / "shared_result.pickle").read_bytes())
            model = keras.models.load_model(output / "shared_model.keras", compile=False)
            result = TrainResult(model=model, **fields)
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
def fresh_imports(tmp_path_factory):
    """What `_FRESH_IMPORTS` found in a child process: ``after_export`` and ``after_builder``, the
    watched modules imported by then, and ``optimize``, the ImportError's message (or None).
    Starting an interpreter with TensorFlow is the cost of each such check, so the import checks
    of tests/export and tests/optimize share one child per test run (as `digits_run` is shared)."""
    with _once_per_run(tmp_path_factory, "fresh_imports") as (folder, make, _):
        if make:
            out = subprocess.run(
                [sys.executable, "-c", _FRESH_IMPORTS], capture_output=True, text=True, check=True
            ).stdout
            (folder / "found.json").write_text(out.splitlines()[-1])
        return json.loads((folder / "found.json").read_text())
