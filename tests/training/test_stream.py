"""Training from a source, streamed: image folders with a corrupt file and a non-image
file, on the TensorFlow and JAX backends (JAX with TensorFlow made unimportable), resumes after a
SIGKILL mid-epoch to the same weights, dataset objects passed as they are, memory that does not
grow with the image count."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import h5py
import keras
import numpy as np
import pytest
from PIL import Image

from keras_resnet import data, registry
from keras_resnet.training import checkpoints, train


def make_folder(root, per_class=24, size=32, classes=(0, 1)):
    """Digits 0 and 1 as JPEG files in one subfolder per class, plus a truncated JPEG and a text
    file."""
    (x, y), _ = data.digits(size, seed=1)
    for digit in classes:
        folder = root / f"digit{digit}"
        folder.mkdir(parents=True)
        for index, image in enumerate(x[y == digit][:per_class]):
            Image.fromarray((image * 255).round().astype("uint8")).save(
                folder / f"{index}.jpg", quality=95
            )
    whole = (root / "digit1" / "0.jpg").read_bytes()
    (root / "digit1" / "truncated.jpg").write_bytes(whole[: len(whole) // 3])
    (root / "digit0" / "README.txt").write_text("not an image")
    return root


#: The JAX runs: parameters of the tests that run on both backends, on one pytest-xdist worker
#: so that they share `jax_cache`.
_BACKENDS = ["tensorflow", pytest.param("jax", marks=pytest.mark.xdist_group("stream_jax_cache"))]
#: The same, JAX in the slow tier: the default tier resumes a JAX run in the image-folder test.
_BACKENDS_JAX_SLOW = [
    "tensorflow",
    pytest.param("jax", marks=[pytest.mark.slow, pytest.mark.xdist_group("stream_jax_cache")]),
]


@pytest.fixture(scope="module")
def jax_cache(tmp_path_factory):
    """A folder for the programs this module's JAX children compile (`_env`)."""
    return tmp_path_factory.mktemp("jax-cache")


def _env(cache=None, **extra):
    """The children's environment. With a `cache` folder (JAX children): every program JAX
    compiles is kept there, so a later child (a resumed run, the second `train` call of a child,
    the next test's child) loads it instead of compiling it again; and XLA compiles without its
    costly optimizations, which take most of a short run's time (every run of a test compiles
    with the same flags, so the runs a test compares run the same programs)."""
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    env.update({"TF_CPP_MIN_LOG_LEVEL": "2", **extra})
    if cache is not None:
        env.update(
            JAX_COMPILATION_CACHE_DIR=str(cache),
            JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS="0",
            JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES="0",
            XLA_FLAGS=" ".join(
                [
                    env.get("XLA_FLAGS", ""),
                    "--xla_backend_optimization_level=0",
                    "--xla_llvm_disable_expensive_passes=true",
                ]
            ).strip(),
        )
    return env


_FOLDER_RUN = textwrap.dedent(
    """
    import importlib.abc, importlib.machinery, json, sys
    if sys.argv[3] == "block-tensorflow":
        # as if TensorFlow were not installed
        class Blocked(importlib.abc.MetaPathFinder, importlib.abc.Loader):
            def find_spec(self, name, path, target=None):
                if name.split(".")[0] == "tensorflow":
                    return importlib.machinery.ModuleSpec(name, self)
                return None
            def create_module(self, spec):
                raise ModuleNotFoundError(f"No module named {spec.name!r}")
            def exec_module(self, module):
                pass
        sys.meta_path.insert(0, Blocked())
    from keras_resnet.training import train
    runs = []
    for epochs in (2, 3):
        result = train("cifar_resnet20", sys.argv[1], epochs=epochs, batch_size=8, image_size=16,
                       validation_split=0.33, preprocessing="unit", augment="pad_crop",
                       output_dir=sys.argv[2], seed=0, workers=2, verbose=0,
                       tensorboard=False, learning_rate=0.02)
        keys = ("start_epoch", "epochs_run", "skipped", "backend")
        runs.append({k: getattr(result, k) for k in keys} | {"history": result.history})
    print(json.dumps({"runs": runs, "tensorflow": "tensorflow" in sys.modules}))
    """
)


@pytest.mark.parametrize("backend", _BACKENDS)
def test_an_image_folder_trains_streamed_skips_a_corrupt_file_and_resumes(
    tmp_path, backend, jax_cache
):
    """2 epochs, then the same output folder with 3 (images of 16 px, batches of 8): the second
    call resumes at epoch 2 and trains one. The truncated JPEG is skipped and counted, the text
    file ignored; on JAX, TensorFlow cannot even be imported."""
    folder = make_folder(tmp_path / "images", size=16)
    block = "block-tensorflow" if backend == "jax" else "-"
    result = subprocess.run(
        [sys.executable, "-c", _FOLDER_RUN, str(folder), str(tmp_path / "out"), block],
        env=_env(jax_cache if backend == "jax" else None, KERAS_BACKEND=backend),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    first, second = out["runs"]
    assert first["backend"] == second["backend"] == backend and out["tensorflow"] == (
        backend == "tensorflow"
    )
    assert (
        first["start_epoch"],
        first["epochs_run"],
        second["start_epoch"],
        second["epochs_run"],
    ) == (0, 2, 2, 1)
    # 33 of the 49 listed files train, 16 are held out (two whole batches); the truncated one is
    # replaced
    assert first["skipped"] == 1
    assert len(first["history"]["accuracy"]) == 2 and len(first["history"]["val_accuracy"]) == 2
    assert len(second["history"]["val_accuracy"]) == 1
    assert all(np.isfinite(v) for values in first["history"].values() for v in values)
    # 0 against 1 is easy: the training batches are mostly right after 2 epochs of 4 steps (the
    # held-out accuracy is recorded, but BatchNorm's moving statistics need more steps than this)
    assert max(first["history"]["accuracy"][-1], second["history"]["accuracy"][-1]) >= 0.75, out
    assert all(
        0 <= v <= 1 for v in first["history"]["val_accuracy"] + second["history"]["val_accuracy"]
    )


def _args(out):
    """`keras-resnet train`'s arguments for the killed run and the runs it is compared with: 64
    digits of 16 px in batches of 16 (4 steps per epoch), 32 held out, 2 epochs, a checkpoint
    every 3 steps, into `out`."""
    return [
        "train",
        "cifar_resnet20",
        "--data",
        "digits",
        "--input-size",
        "16",
        "--limit",
        "64",
        "--validation-split",
        "0.018",  # 32 held-out digits: two whole batches
        "--epochs",
        "2",
        "--batch-size",
        "16",
        "--augment",
        "pad_crop",
        "--output",
        str(out),
        "--save-freq",
        "3",
        "--deterministic",
        "--quiet",
        "--seed",
        "3",
        "--workers",
        "2",
    ]


def _cli(out):
    return [sys.executable, "-m", "keras_resnet.cli", *_args(out)]


#: The uninterrupted run, then (once the file argv[1] exists: the other run has been killed) the
#: rerun of the killed one, in one process; "--then" separates their arguments.
_STRAIGHT_THEN_RESUMED = textwrap.dedent(
    """
    import pathlib, sys, time
    from keras_resnet import cli
    go, split = pathlib.Path(sys.argv[1]), sys.argv.index("--then")
    assert cli.main(sys.argv[2:split]) == 0
    print("== the rerun of the killed run ==", file=sys.stderr, flush=True)
    while not go.exists():
        time.sleep(0.02)
    sys.exit(cli.main(sys.argv[split + 1 :]))
    """
)


def _weights(path):
    arrays = []
    with h5py.File(path, "r") as f:
        f.visititems(
            lambda name, item: (
                arrays.append((name, item[()])) if isinstance(item, h5py.Dataset) else None
            )
        )
    return dict(arrays)


def _saved_step(process, backup, step):
    """Polls (every 20 ms) until the checkpoint of global step `step` or a later one is in
    `backup`; the process must not end before."""
    deadline = time.time() + 300
    while time.time() < deadline and not any(s >= step for s, _ in checkpoints.saved(backup)):
        assert process.poll() is None, f"the run ended before its checkpoint of step {step}"
        time.sleep(0.02)


def _kill_mid_epoch(command, env, backup, step=6):
    """Starts `command`, freezes it (SIGSTOP) as soon as the checkpoint of global step `step`
    exists (mid-epoch: 4 steps per epoch), and SIGKILLs it."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _saved_step(process, backup, step)
    process.send_signal(signal.SIGSTOP)
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.mark.parametrize("backend", _BACKENDS_JAX_SLOW)
def test_a_run_killed_mid_epoch_resumes_to_the_same_final_weights(tmp_path, backend, jax_cache):
    """SIGKILL right after the checkpoint of step 6 (epoch 1, step 2 of 4); the rerun starts the
    stream at that step and ends as the uninterrupted run did: bit-identical on TensorFlow with
    --deterministic, within float32 round-off on JAX. The uninterrupted run and the rerun are
    two `keras-resnet train` calls of one process (the uninterrupted one first, in the fresh
    process), beside the process that is killed."""
    env = _env(jax_cache if backend == "jax" else None, KERAS_BACKEND=backend)
    interrupted, go = tmp_path / "interrupted", tmp_path / "go"
    with open(tmp_path / "runs.err", "w+") as err:
        runs = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _STRAIGHT_THEN_RESUMED,
                str(go),
                *_args(tmp_path / "straight"),
                "--then",
                *_args(interrupted),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            if backend == "jax":
                # the killed run starts once the uninterrupted one has compiled its training
                # step, and loads the compiled programs from the cache instead of compiling them
                _saved_step(runs, tmp_path / "straight" / "backup", 3)
            _kill_mid_epoch(_cli(interrupted), env, interrupted / "backup")
            assert not (interrupted / "final.weights.h5").exists()
            go.touch()
            assert runs.wait(timeout=600) == 0, (tmp_path / "runs.err").read_text()[-3000:]
        finally:
            if runs.poll() is None:  # the test failed before the runs ended
                runs.kill()
                runs.wait()
    log = (tmp_path / "runs.err").read_text()
    rerun = log.split("== the rerun of the killed run ==")[1]
    assert "starting at epoch 1, step 2 of 4" in rerun, log[-3000:]
    straight, again = (
        _weights(tmp_path / "straight" / "final.weights.h5"),
        _weights(interrupted / "final.weights.h5"),
    )
    assert straight.keys() == again.keys()
    for name in straight:
        if backend == "tensorflow":
            np.testing.assert_array_equal(straight[name], again[name], err_msg=name)
        else:
            np.testing.assert_allclose(
                straight[name], again[name], rtol=1e-4, atol=1e-5, err_msg=name
            )


_RSS = textwrap.dedent(
    """
    import resource, sys
    from keras_resnet.training import stream
    batches = stream.Batches(stream.from_folder(sys.argv[1]), 16, 160, seed=0,
                             augment="random_resized_crop_flip", preprocessing="unit", classes=2)
    for images, labels in stream.dataset(batches, 0, batches.steps_per_epoch, workers=2):
        pass
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """
)


def test_the_stream_memory_does_not_grow_with_the_image_count(tmp_path):
    """A whole epoch of 400 images of 200x200 (decoded at 160 px: 31 MB as uint8, 123 MB as
    float32) peaks at the RSS of an epoch of 40, within 25 MB."""
    rng = np.random.default_rng(0)
    tile = Image.fromarray(rng.integers(0, 256, (50, 50, 3), dtype=np.uint8)).resize((200, 200))
    peaks = []
    for count in (40, 400):
        root = tmp_path / f"n{count}"
        for index in range(count):
            folder = root / f"class{index % 2}"
            folder.mkdir(parents=True, exist_ok=True)
            tile.save(folder / f"{index}.jpg", quality=90)
        result = subprocess.run(
            [sys.executable, "-c", _RSS, str(root)],
            env=_env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        peaks.append(int(result.stdout.split()[-1]))
    assert peaks[1] - peaks[0] < 25, peaks


@pytest.fixture
def no_heavy_work(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a model was built before the data were checked")

    monkeypatch.setattr(registry, "create_model", refuse)


def test_an_empty_class_folder_or_no_class_folder_is_named_before_any_work(tmp_path, no_heavy_work):
    folder = make_folder(tmp_path / "images")
    (folder / "digit7").mkdir()
    (folder / "digit7" / "notes.txt").write_text("no image here")
    with pytest.raises(ValueError, match="the class folder 'digit7' has no image"):
        train("cifar_resnet20", folder, epochs=1, verbose=0)
    (tmp_path / "flat").mkdir()
    (tmp_path / "flat" / "0.jpg").write_bytes((folder / "digit0" / "0.jpg").read_bytes())
    with pytest.raises(ValueError, match="has no class subfolders"):
        train("cifar_resnet20", tmp_path / "flat", epochs=1, verbose=0)
    with pytest.raises(ValueError, match="train_data='.*missing' is not a folder"):
        train("cifar_resnet20", str(tmp_path / "missing"), epochs=1, verbose=0)


class _Digits(keras.utils.PyDataset):
    def __init__(self, x, y, batch):
        super().__init__()
        self.x, self.y, self.batch = x, y, batch

    def __len__(self):
        return len(self.x) // self.batch

    def __getitem__(self, index):
        part = slice(index * self.batch, (index + 1) * self.batch)
        return self.x[part], self.y[part]


def test_dataset_objects_train_as_they_are():
    """A keras.utils.PyDataset and a tf.data.Dataset of prepared batches (64 digits of 8 px in
    batches of 32): their batch size and length are read from them; the class count must be
    given."""
    import tensorflow as tf

    (x, y), _ = data.digits(8)
    x, y = x[:64], y[:64]
    for dataset in (_Digits(x, y, 32), tf.data.Dataset.from_tensor_slices((x, y)).batch(32)):
        result = train(
            "cifar_resnet20", dataset, classes=10, epochs=2, verbose=0, tensorboard=False
        )
        assert result.global_batch_size == 32 and len(result.history["loss"]) == 2
        assert np.isfinite(result.history["loss"]).all()
    with pytest.raises(ValueError, match="classes is needed when train_data is a dataset object"):
        train("cifar_resnet20", _Digits(x, y, 32), epochs=1, verbose=0)


def test_fine_tuning_from_a_checkpoint_freezes_then_trains_everything_and_exports(tmp_path):
    """A random-initialized torchvision ResNet-18 saved to .safetensors, fine-tuned on a folder
    (32 px, the smallest input ResNet-18 takes; nothing held out): after the frozen phase the
    backbone equals the checkpoint and the head has moved; after the second phase every
    trainable weight has moved; the saved model exports to TFLite with the checkpoint's
    preprocessing (torchvision's) recorded."""
    import safetensors.numpy

    import tests.torch_reference as reference
    from keras_resnet import export
    from keras_resnet.export import tflite as tflite_format

    state = {
        k: np.ascontiguousarray(v.detach().numpy())
        for k, v in reference.build(18, "b").state_dict().items()
    }
    checkpoint = tmp_path / "resnet18.safetensors"
    safetensors.numpy.save_file(state, str(checkpoint))
    folder = make_folder(tmp_path / "images", per_class=12)
    output = tmp_path / "run"
    result = train(
        "resnet18",
        folder,
        weights=str(checkpoint),
        epochs=2,
        head_epochs=1,
        batch_size=8,
        image_size=32,
        output_dir=output,
        workers=2,
        seed=0,
        verbose=0,
        tensorboard=False,
    )
    assert (
        result.preprocessing == "torch"
        and result.class_names == ("digit0", "digit1")
        and result.skipped == 1
    )
    assert len(result.history["loss"]) == 2  # one epoch per phase

    def backbone_and_head(weights_file):
        model = keras.models.clone_model(result.model)
        model.load_weights(str(weights_file))
        return model.get_layer("resnet18").get_weights(), model.get_layer(
            "predictions"
        ).get_weights()

    pretrained = registry.create_model(
        "resnet18",
        include_top=False,
        pooling="avg",
        input_shape=(32, 32, 3),
        weights=str(checkpoint),
    ).get_weights()
    after_head = backbone_and_head(output / "head" / "final.weights.h5")
    for before, after in zip(pretrained, after_head[0], strict=True):
        np.testing.assert_array_equal(before, after)
    assert np.abs(after_head[1][1]).max() > 0  # the head's bias starts at 0: it moved
    final_backbone = result.model.get_layer("resnet18")
    moved = [
        not np.array_equal(v.numpy(), before)
        for v, before in zip(final_backbone.weights, after_head[0], strict=True)
        if v.trainable
    ]
    assert moved and all(moved), (
        f"{moved.count(False)} of {len(moved)} trainable backbone weights did not move"
    )
    assert (output / "final.keras").is_file()
    saved = keras.models.load_model(output / "final.keras")
    (report,) = export.export(
        saved,
        tmp_path / "art",
        format="tflite",
        preprocessing=result.preprocessing,
        verify_artifacts=False,
        verbose=False,
    )
    assert tflite_format.read_metadata(report.path)["preprocessing"]["name"] == "torch"


def test_profile_measures_the_input_and_the_training_step_apart(tmp_path):
    """`--profile`: the stream alone and the step alone, each in images/s, and which one limits
    (digits of 8 px, the call and the command line)."""
    from keras_resnet import cli
    from keras_resnet.training import profile

    (x, y), _ = data.digits(8)
    measured = profile.profile(
        "cifar_resnet20", (x[:128], y[:128]), steps=3, batch_size=32, workers=1, verbose=0
    )
    assert measured.input_images_per_second > 0 and measured.train_images_per_second > 0
    assert measured.bottleneck in ("input", "model") and measured.batch_size == 32
    text = measured.describe()
    assert (
        "input stream alone" in text
        and "training step alone" in text
        and f"the {measured.bottleneck} is the bottleneck" in text
    )
    args = [
        "train",
        "cifar_resnet20",
        "--data",
        "digits",
        "--limit",
        "64",
        "--batch-size",
        "32",
        "--input-size",
        "8",
        "--profile",
        "2",
        "-o",
        str(tmp_path / "unused"),
    ]
    assert cli.main(args) == 0 and not (tmp_path / "unused").exists()


def write_shards(root, shards=2, per_shard=24, size=32):
    """Digits 0 and 1 as PNG records in `shards` TFRecord files (the ImageNet layout)."""
    import tensorflow as tf

    (x, y), _ = data.digits(size, seed=1)
    keep = y < 2
    pixels, labels = (x[keep] * 255).round().astype("uint8"), y[keep]
    for shard in range(shards):
        with tf.io.TFRecordWriter(str(root / f"train-{shard:05d}-of-{shards:05d}")) as writer:
            for i in range(shard * per_shard, (shard + 1) * per_shard):
                features = {
                    "image/encoded": tf.train.Feature(
                        bytes_list=tf.train.BytesList(value=[tf.io.encode_png(pixels[i]).numpy()])
                    ),
                    "image/class/label": tf.train.Feature(
                        int64_list=tf.train.Int64List(value=[int(labels[i])])
                    ),
                }
                writer.write(
                    tf.train.Example(
                        features=tf.train.Features(feature=features)
                    ).SerializeToString()
                )
    return str(root / "train-*")


def test_tfrecord_shards_resume_at_a_step_with_the_same_batches(tmp_path):
    """The stream started at step 3 is the uninterrupted stream's batches from 3 on, crops and
    flips included, across the end of a pass over the shards (48 records, batches of 8)."""
    from keras_resnet.training import augment

    pattern = write_shards(tmp_path)
    read = dict(
        image_size=24,
        batch_size=8,
        preprocessing="unit",
        seed=3,
        repeat=True,
        one_hot=2,
        augment=augment.tf_random_resized_crop_flip,
    )
    whole = [b for b in data.tfrecords(pattern, **read).take(9).as_numpy_iterator()]
    resumed = [b for b in data.tfrecords(pattern, start=3, **read).take(6).as_numpy_iterator()]
    for (x, y), (x2, y2) in zip(whole[3:], resumed, strict=True):
        np.testing.assert_array_equal(x, x2)
        np.testing.assert_array_equal(y, y2)
    assert whole[0][0].shape == (8, 24, 24, 3) and whole[0][1].shape == (8, 2)
    assert not np.array_equal(
        whole[0][0], whole[6][0]
    )  # the second pass is reshuffled and re-cropped


def test_the_cli_trains_on_tfrecord_shards_and_resumes(tmp_path, capsys):
    """Two shards of 8 records of 16 px, batches of 8: one epoch of 2 steps, then a second epoch
    resumed from the first's checkpoint."""
    from keras_resnet import cli

    pattern = write_shards(tmp_path, per_shard=8, size=16)
    args = [
        "train",
        "cifar_resnet20",
        "--data",
        pattern,
        "--validation-data",
        pattern,
        "--batch-size",
        "8",
        "--input-size",
        "16",
        "--augment",
        "pad_crop",
        "--output",
        str(tmp_path / "run"),
        "--quiet",
    ]
    assert cli.main(args + ["--epochs", "1"]) == 2  # --classes and --steps-per-epoch are needed
    assert "--classes is needed with TFRecord shards" in capsys.readouterr().err
    args += ["--classes", "2", "--steps-per-epoch", "2"]
    assert cli.main(args + ["--epochs", "1"]) == 0
    assert cli.main(args + ["--epochs", "2"]) == 0
    out = capsys.readouterr().out
    assert "1 epoch from epoch 1" in out and "held-out accuracy" in out
    assert (tmp_path / "run" / "final.weights.h5").is_file()


def _bomb_png(path):
    """A PNG whose header claims 30000 x 30000 pixels: beyond Pillow's decompression-bomb limit,
    which is kept."""
    import struct
    import zlib

    def chunk(kind, payload):
        crc = struct.pack(">I", zlib.crc32(kind + payload))
        return struct.pack(">I", len(payload)) + kind + payload + crc

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))


def test_the_stream_skips_each_kind_of_broken_file_and_names_it(tmp_path):
    """A truncated JPEG and PNG, a text file named .jpg and a decompression bomb are each
    replaced by the next file and counted; the summary names each file under its folder, with
    the reason (the bomb's with Pillow's limit)."""
    from keras_resnet.training import stream

    root = make_folder(tmp_path / "images", per_class=4, size=16)
    png = tmp_path / "whole.png"
    Image.fromarray(np.random.default_rng(3).integers(0, 256, (16, 16, 3), "uint8")).save(png)
    (root / "digit0" / "truncated.png").write_bytes(png.read_bytes()[:400])
    (root / "digit0" / "text.jpg").write_text("not a JPEG")
    _bomb_png(root / "digit1" / "bomb.png")
    examples = stream.from_folder(root)
    batches = stream.Batches(examples, 4, 16, seed=0, training=False)
    shapes = [batches(step)[0].shape for step in range(batches.steps_per_epoch)]
    assert shapes == [(4, 16, 16, 3)] * 3  # 12 listed files, each broken one replaced
    summary = batches.skipped.summary()
    assert summary.startswith(f"skipped 4 unreadable images in {root}: "), summary
    for name, reason in (
        ("digit0/text.jpg", "not an image"),
        ("digit0/truncated.png", "truncated"),
        ("digit1/bomb.png", "exceeds limit of"),
        ("digit1/truncated.jpg", "truncated"),
    ):
        assert f"{name} (" in summary and reason in summary, (name, summary)
    assert "MAX_IMAGE_PIXELS" in batches.skipped.reasons[str(root / "digit1" / "bomb.png")]
