"""Faults of training: zero counts taken for defaults, a default-length training that stalls
before its first step, a corrupt image that aborts training, a truncated checkpoint that blocks
the resume, misleading messages (strategy object, rerun of a finished training)."""

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import textwrap

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_resnet import atomic, data, identity, registry
from keras_resnet.training import checkpoints, strategy_name, stream, train

# ---- A: zero is not the default ----


@pytest.fixture
def no_heavy_work(monkeypatch):
    """Building a model fails the test: the argument checks must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("a model was built before the arguments were checked")

    monkeypatch.setattr(registry, "create_model", refuse)


@pytest.mark.parametrize(
    "argument, value, error, message",
    [
        ("batch_size", 0, ValueError, "batch_size must be >= 1; received batch_size=0"),
        ("epochs", 0, ValueError, "epochs must be >= 1; received epochs=0"),
        ("classes", 0, ValueError, "classes must be >= 1; received classes=0"),
        ("epochs", -3, ValueError, "epochs must be >= 1; received epochs=-3"),
        ("epochs", 2.5, TypeError, "epochs must be an int; received epochs=2.5"),
        (
            "classes",
            5,
            ValueError,
            r"classes must exceed the largest label \(9\); received classes=5",
        ),
        ("learning_rate", 0.0, ValueError, "learning_rate must be > 0; received learning_rate=0.0"),
        (
            "save_freq",
            0,
            ValueError,
            "save_freq must be 'epoch' or a number of steps >= 1; received save_freq=0",
        ),
        ("augment", "", ValueError, "augment must be one of .*; received augment=''"),
    ],
)
def test_train_refuses_zero_and_bad_counts_before_any_heavy_work(
    no_heavy_work, argument, value, error, message
):
    (x, y), _ = data.digits(16)
    with pytest.raises(error, match=message):
        train("cifar_resnet20", (x[:64], y[:64]), verbose=0, **{argument: value})


def test_data_functions_refuse_zero(tmp_path):
    (tmp_path / "a").mkdir()
    with pytest.raises(ValueError, match="batch_size must be >= 1; received batch_size=0"):
        data.image_folder(tmp_path, 32, batch_size=0)
    with pytest.raises(ValueError, match="image_size must be >= 1; received image_size=0"):
        data.image_folder_arrays(tmp_path, 0)
    with pytest.raises(ValueError, match="batch_size must be >= 1; received batch_size=0"):
        data.tfrecords(tmp_path / "train-*", 32, batch_size=0)


# ---- B: the default length starts at once, and says its plan first ----

_FIRST_STEP = textwrap.dedent(
    """
    import sys, time
    import keras
    from keras_resnet import atomic, data, registry
    from keras_resnet.training import train

    (x, y), _ = data.digits(16)
    build = registry.create_model
    def create(*args, **kwargs):
        print("BUILDING THE MODEL", file=sys.stderr, flush=True)
        return build(*args, **kwargs)
    registry.create_model = create
    class Stop(Exception):
        pass
    def stop(*args, **kwargs):
        raise Stop
    keras.callbacks.CallbackList.on_train_batch_end = stop
    start = time.perf_counter()
    try:
        train("cifar_resnet20", (x, y), verbose=2, tensorboard=False)
    except Stop:
        print(f"first step done after {time.perf_counter() - start:.1f} s")
    """
)


def test_default_epochs_on_digits_reach_the_first_step_at_once():
    """The CIFAR recipe's 64k iterations are 5,819 epochs of 11 steps on digits (of 16 px): the
    stream is built lazily, so the plan line comes first and the first step follows at once,
    whatever the epoch count."""
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    result = subprocess.run(
        [sys.executable, "-c", _FIRST_STEP], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "first step done" in result.stdout, result.stderr[-3000:]
    seconds = float(result.stdout.split("first step done after ")[1].split(" s")[0])
    assert seconds < 45, seconds  # the model build and tracing included
    plan = result.stderr.index("training cifar_resnet20: recipe cifar, 5819 epochs x 11 steps")
    assert plan < result.stderr.index("BUILDING THE MODEL")


def test_each_batch_is_a_function_of_seed_and_global_step():
    """A resumed run starts the stream at its checkpoint's global step, mid-epoch included, and
    reads exactly the batches an uninterrupted run read, whatever the number of threads."""
    (x, y), _ = data.digits(16)
    examples = stream.from_arrays(x[:96], y[:96])
    batches = stream.Batches(examples, 32, None, seed=3, augment="pad_crop_flip", classes=10)
    whole = list(stream.dataset(batches, 0, 9, workers=2))
    resumed = list(
        stream.dataset(
            stream.Batches(examples, 32, None, seed=3, augment="pad_crop_flip", classes=10),
            4,
            9,
            workers=0,
        )
    )
    assert len(whole) == 9 and len(resumed) == 5 and batches.steps_per_epoch == 3
    for (images, labels), (again, labels_again) in zip(whole[4:], resumed, strict=True):
        np.testing.assert_array_equal(images, again)
        np.testing.assert_array_equal(labels, labels_again)
    assert not np.array_equal(
        whole[0][0], whole[3][0]
    )  # another epoch, another order and augmentation
    epoch = np.concatenate([labels for _, labels in whole[3:6]])
    assert sorted(epoch.tolist()) == sorted(y[:96].tolist())  # each epoch reads every example once


# ---- C: an unreadable image is skipped and named ----


def _image_folder(root, good=40):
    (x, _), _ = data.digits(16)
    for index in range(good):
        folder = root / ("cats" if index % 2 else "dogs")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{index}.jpg").write_bytes(
            tf.io.encode_jpeg((x[index] * 255).astype("uint8")).numpy()
        )
    whole = (root / "cats" / "1.jpg").read_bytes()
    (root / "cats" / "broken.jpg").write_bytes(whole[: len(whole) // 2])
    return root


def test_a_truncated_jpeg_is_skipped_with_one_warning_and_training_goes_on(tmp_path):
    """40 JPEGs of 16 px and a truncated one: read as arrays and trained one epoch, and read as a
    dataset."""
    folder = _image_folder(tmp_path / "images")
    with pytest.warns(
        UserWarning, match=r"skipped 1 unreadable image of 41 in .*: cats/broken.jpg \(.+\)"
    ) as caught:
        ((x, y), (xv, yv)), class_names = data.image_folder_arrays(
            folder, 16, validation_split=0.2, seed=0
        )
    assert len([w for w in caught if "unreadable" in str(w.message)]) == 1
    assert (
        class_names == ("cats", "dogs")
        and x.dtype == np.uint8
        and x.shape == (32, 16, 16, 3)
        and xv.shape == (8, 16, 16, 3)
    )
    assert sorted(np.concatenate([y, yv]).tolist()) == [0] * 20 + [1] * 20
    result = train(
        "cifar_resnet20",
        (x, y),
        validation_data=(xv, yv),
        epochs=1,
        batch_size=16,
        augment="pad_crop",
        preprocessing="unit",
        verbose=0,
    )
    assert np.isfinite(result.history["loss"]).all()

    with pytest.warns(UserWarning, match="skipped 1 unreadable image of 41"):
        train_set, validation, names = data.image_folder(folder, 16, batch_size=8)
    counts = [sum(len(labels) for _, labels in dataset) for dataset in (train_set, validation)]
    assert counts == [32, 8] and names == ("cats", "dogs")


def test_a_folder_without_a_readable_image_is_named(tmp_path):
    folder = tmp_path / "images"
    (folder / "cats").mkdir(parents=True)
    (folder / "cats" / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    with pytest.raises(ValueError, match=f"data='{folder}' has no readable image"):
        data.image_folder_arrays(folder, 32)
    with pytest.raises(ValueError, match=f"data='{folder}' has no readable image"):
        data.image_folder(folder, 32)


# ---- D and E: a finished two-epoch run, damaged or run again ----


def _train_quietly(output, epochs, **kwargs):
    """`train` on 128 digits, 2 steps per epoch; returns (result, stderr text)."""
    (x, y), (xt, yt) = data.digits(16)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        result = train(
            "cifar_resnet20",
            (x[:128], y[:128]),
            validation_data=(xt[:64], yt[:64]),
            epochs=epochs,
            batch_size=64,
            augment="pad_crop",
            output_dir=output,
            tensorboard=False,
            verbose=2,
            seed=1,
            **kwargs,
        )
    return result, err.getvalue()


#: The tests of the finished run: on one pytest-xdist worker, so it is trained once.
_ON_ONE_WORKER = pytest.mark.xdist_group("training_faults_finished_run")


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    output = tmp_path_factory.mktemp("finished")
    result, err = _train_quietly(output, 2, strategy=tf.distribute.get_strategy())
    keras.backend.clear_session()
    return output, result, err


@_ON_ONE_WORKER
def test_the_plan_line_names_the_strategy_and_the_backend(finished):
    _, _, err = finished
    assert "on 1 replica(s) (default, Keras on tensorflow)" in err and "object at 0x" not in err, (
        err
    )
    assert strategy_name(tf.distribute.get_strategy()) == "default"
    assert strategy_name(tf.distribute.MirroredStrategy(["/cpu:0"])) == "mirrored (1 device)"


@_ON_ONE_WORKER
def test_checkpoints_are_named_by_global_step_and_the_two_latest_kept(finished):
    output, result, _ = finished
    assert [p.name for _, p in checkpoints.saved(output / "backup")] == [
        "step-000000004.weights.h5",
        "step-000000002.weights.h5",
    ]
    recorded = json.loads((output / "backup" / "run.json").read_text())
    assert {k: v for k, v in recorded.items() if k != "arch"} == {
        "model": "cifar_resnet20",
        "fingerprint": identity.of_name("cifar_resnet20").fingerprint,
        "steps_per_epoch": 2,
        "global_batch": 64,
        "seed": 1,
        "images": 128,
        "phase": None,
    }


@_ON_ONE_WORKER
def test_a_truncated_checkpoint_resumes_from_the_previous_one(finished, tmp_path):
    """The finished run's last checkpoint (step 4, the end of epoch 2) cut in half: the rerun
    resumes from step 2 and trains epoch 2 again."""
    output = tmp_path / "run"
    shutil.copytree(finished[0], output)
    latest = output / "backup" / "step-000000004.weights.h5"
    latest.write_bytes(latest.read_bytes()[: latest.stat().st_size // 2])
    result, err = _train_quietly(output, 2)
    assert f"{latest} is damaged" in err and "resuming from the checkpoint before it" in err, err
    assert "starting at epoch 1" in err
    assert (result.start_epoch, result.epochs_run, result.already_complete) == (1, 1, False)
    assert (output / "final.weights.h5").is_file()


@_ON_ONE_WORKER
def test_a_file_left_by_a_kill_during_a_save_is_not_a_checkpoint(finished, tmp_path):
    """Checkpoints are written under a temporary name and renamed: what a kill leaves behind is
    that temporary file, which the resume does not mistake for a checkpoint."""
    output = tmp_path / "run"
    shutil.copytree(finished[0], output)
    for _, path in checkpoints.saved(output / "backup"):
        path.unlink()
    atomic.temporary_sibling(output / "backup" / "step-000000002.weights.h5").write_bytes(
        b"\x89HDF\r\n half written"
    )
    result, err = _train_quietly(output, 1)
    assert "starting at epoch 0" in err, err
    assert (result.start_epoch, result.epochs_run, result.already_complete) == (0, 1, False)


@_ON_ONE_WORKER
def test_a_run_with_other_settings_is_refused_in_a_used_folder(finished, tmp_path):
    output = tmp_path / "run"
    shutil.copytree(finished[0], output)
    with pytest.raises(
        ValueError,
        match=r"holds a run with other settings \(steps_per_epoch 2 -> 4, global_batch 64 -> 32\)",
    ):
        (x, y), _ = data.digits(16)
        train(
            "cifar_resnet20",
            (x[:128], y[:128]),
            epochs=3,
            batch_size=32,
            output_dir=output,
            seed=1,
            verbose=0,
        )


@_ON_ONE_WORKER
def test_a_finished_training_run_again_reports_its_last_epoch(finished, tmp_path, monkeypatch):
    output = tmp_path / "run"
    shutil.copytree(finished[0], output)
    (
        output / "final.weights.h5"
    ).unlink()  # a kill after the last checkpoint, before the final save

    def refuse(*args, **kwargs):
        raise AssertionError("fit ran for a finished training")

    monkeypatch.setattr(keras.Model, "fit", refuse)
    result, err = _train_quietly(output, 2)
    assert f"training already complete (2 epochs) in {output}" in err, err
    assert result.already_complete and (result.epochs_run, result.start_epoch) == (0, 2)
    with open(output / "log.csv", newline="") as f:
        last = list(csv.DictReader(f))[-1]
    assert result.history["val_accuracy"] == [pytest.approx(float(last["val_accuracy"]))]
    assert result.history["loss"] == [pytest.approx(float(last["loss"]))]
    assert np.isfinite(result.history["val_accuracy"][-1])
    # the model holds the checkpoint's weights, and the final weights were written from them
    assert (output / "final.weights.h5").is_file()
    assert np.array_equal(result.model.get_weights()[0], finished[1].model.get_weights()[0])


def test_train_config_checks_its_fields_and_train_names_a_mistyped_keyword():
    from keras_resnet.training import TrainConfig

    base = TrainConfig(epochs=2, recipe="bag_of_tricks")
    assert TrainConfig.of(base, {"seed": 3}) == TrainConfig(
        epochs=2, recipe="bag_of_tricks", seed=3
    )
    assert TrainConfig.of(base, {}) is base and TrainConfig.of(None, {}) == TrainConfig()
    assert (
        TrainConfig(epochs=np.int64(4)).epochs == 4
        and type(TrainConfig(epochs=np.int64(4)).epochs) is int
    )
    with pytest.raises(ValueError, match="epochs must be >= 1; received epochs=0"):
        TrainConfig(epochs=0)
    with pytest.raises(
        TypeError, match="unexpected keyword argument 'epoch'; did you mean 'epochs'"
    ):
        train("cifar_resnet20", data.digits(16)[0], epoch=1)
