"""Training runs: a digits training that learns, a killed run that resumes to the same weights,
MirroredStrategy over two logical CPUs against one device, two-worker MultiWorkerMirroredStrategy."""

import json
import os
import signal
import subprocess
import sys
import time

import h5py
import numpy as np
import pytest

from keras_resnet import data
from keras_resnet.training import train


def test_digits_training_reaches_90_percent_held_out(tmp_path):
    (x, y), (xt, yt) = data.digits()
    result = train("cifar_resnet20", (x, y), validation_data=(xt, yt), recipe="cifar", epochs=8, batch_size=64,
                   augment="pad_crop", output_dir=tmp_path, tensorboard=False, verbose=0)
    assert result.history["val_accuracy"][-1] >= 0.90, result.history["val_accuracy"]
    assert (tmp_path / "final.weights.h5").is_file() and (tmp_path / "log.csv").read_text().count("\n") == 9


def _cli(out, epochs=4, extra=()):
    return [sys.executable, "-m", "keras_resnet.cli", "train", "cifar_resnet20", "--data", "digits", "--limit", "512",
            "--epochs", str(epochs), "--batch-size", "64", "--augment", "pad_crop", "--output", str(out),
            "--deterministic", "--quiet", "--seed", "3", *extra]


def _weights(path):
    arrays = []
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, item: arrays.append((name, item[()])) if isinstance(item, h5py.Dataset) else None)
    return dict(arrays)


def test_a_killed_run_resumes_to_the_same_final_weights(tmp_path):
    """SIGKILL after the second epoch's checkpoint, start again, and end bit-identical to a run
    that was never interrupted (same seed)."""
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    subprocess.run(_cli(tmp_path / "straight"), check=True, env=env, capture_output=True)
    interrupted = tmp_path / "interrupted"
    process = subprocess.Popen(_cli(interrupted), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    metadata = interrupted / "backup" / "training_metadata.json"
    deadline = time.time() + 300
    while time.time() < deadline:
        if metadata.is_file() and json.loads(metadata.read_text() or "{}").get("epoch", 0) >= 2:
            break
        assert process.poll() is None, "the run ended before it could be killed"
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (interrupted / "final.weights.h5").exists()
    resumed = subprocess.run(_cli(interrupted), check=True, env=env, capture_output=True, text=True)
    assert "from epoch 2" in resumed.stdout or "from epoch 3" in resumed.stdout, resumed.stdout
    straight, again = _weights(tmp_path / "straight" / "final.weights.h5"), _weights(interrupted / "final.weights.h5")
    assert straight.keys() == again.keys()
    for name in straight:
        np.testing.assert_array_equal(straight[name], again[name], err_msg=name)
