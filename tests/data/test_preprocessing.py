"""One preprocessing formula (`keras_resnet.preprocessing`), the same numbers on every path: the
same seeded raw pixels through NumPy, Keras ops (eager and in a functional model), the data
pipelines (`data.image_folder`, `data.tfrecords`, the trainer's stream), an exported
SavedModel's image-bytes signature (PNG, lossless), and the TFLite and ONNX artifacts (which take
preprocessed input and record the preset in their metadata), for every preset, to 1e-5.

The model is one Dense layer with an identity kernel on the flattened image: its logits are its
preprocessed input, so each artifact's output is compared with the NumPy preprocessing itself."""

import json

import keras
import numpy as np
import onnx
import pytest
import tensorflow as tf

from keras_resnet import data, export, preprocessing
from keras_resnet.export import tflite as tflite_format
from keras_resnet.training import stream

SIZE, COUNT = 6, 3
ATOL = 1e-5


@pytest.fixture(scope="module")
def pixels():
    return np.random.default_rng(13).integers(0, 256, (COUNT, SIZE, SIZE, 3), dtype="uint8")


@pytest.fixture(scope="module")
def identity_model():
    """Flatten, then Dense with an identity kernel: logits == the flattened (preprocessed) input."""
    inputs = keras.Input((SIZE, SIZE, 3), name="image")
    units = SIZE * SIZE * 3
    dense = keras.layers.Dense(
        units, kernel_initializer="identity", bias_initializer="zeros", name="logits"
    )
    return keras.Model(inputs, dense(keras.layers.Flatten()(inputs)), name="identity")


def _png_folder(pixels, root):
    """Image i in class folder i, so the labels give the order back."""
    for i, image in enumerate(pixels):
        (root / f"class_{i:03d}").mkdir(parents=True)
        tf.io.write_file(str(root / f"class_{i:03d}" / "image.png"), tf.io.encode_png(image))
    return root


def _tfrecord(pixels, path):
    with tf.io.TFRecordWriter(str(path)) as writer:
        for i, image in enumerate(pixels):
            features = {
                "image/encoded": tf.train.Feature(
                    bytes_list=tf.train.BytesList(value=[tf.io.encode_png(image).numpy()])
                ),
                "image/class/label": tf.train.Feature(int64_list=tf.train.Int64List(value=[i])),
            }
            writer.write(
                tf.train.Example(features=tf.train.Features(feature=features)).SerializeToString()
            )
    return path


def _keras_paths(preset, pixels):
    """Keras ops, eager and symbolic (a functional model taking raw pixels)."""
    eager = keras.ops.convert_to_numpy(preset.keras_ops(keras.ops.convert_to_tensor(pixels)))
    raw = keras.Input((SIZE, SIZE, 3), dtype="uint8")
    in_model = keras.Model(raw, preset.keras_ops(raw))
    return {"keras_ops": eager, "keras_ops in a model": np.asarray(in_model(pixels))}


def _data_paths(preset, pixels, tmp_path):
    """tf.data: an image folder of PNGs, TFRecords of PNGs, the trainer's stream over uint8 arrays
    (the label of image i is i), and the TensorFlow method itself."""
    folder = _png_folder(pixels, tmp_path / "folder")
    train, _, _ = data.image_folder(
        folder,
        SIZE,
        batch_size=COUNT,
        preprocessing=preset.name,
        validation_split=None,
        shuffle=False,
    )
    records = data.tfrecords(
        _tfrecord(pixels, tmp_path / "train-0"),
        SIZE,
        batch_size=COUNT,
        preprocessing=preset.name,
        shuffle=False,
    )
    batches = stream.Batches(
        stream.from_arrays(pixels, np.arange(COUNT)),
        COUNT,
        None,
        seed=0,
        preprocessing=preset.name,
        classes=COUNT,
    )
    in_order = {}
    for path, dataset in (
        ("data.image_folder", train.as_numpy_iterator()),
        ("data.tfrecords", records.as_numpy_iterator()),
        ("training.stream", stream.dataset(batches, 0, 1, workers=0)),
    ):
        ((batch, labels),) = dataset  # one batch, maybe shuffled: the labels give the order back
        in_order[path] = batch[np.argsort(labels)]
    return {
        **in_order,
        "tf": preset.tf(tf.constant(pixels)).numpy(),
    }


def _artifact_paths(preset, pixels, model, expected, tmp_path):
    """SavedModel image bytes (in-graph decoding and preprocessing), TFLite and ONNX on the NumPy
    preprocessed input; each artifact's recorded preset, rebuilt, gives the same numbers."""
    reports = export.export(
        model,
        tmp_path / "artifacts",
        format=["saved_model", "tflite", "onnx"],
        preprocessing=preset.name,
        image_bytes_signature=True,
        verify_artifacts=False,
        verbose=False,
    )
    by = {r.format: r.path for r in reports}
    loaded = tf.saved_model.load(by["saved_model"])
    encoded = tf.stack([tf.io.encode_png(p) for p in pixels])
    got = {
        "saved_model image bytes": loaded.signatures["serving_bytes"](image_bytes=encoded)[
            "logits"
        ].numpy()
    }
    for fmt in ("tflite", "onnx"):
        got[fmt] = export.load_runner(by[fmt], fmt)(expected.reshape(COUNT, SIZE, SIZE, 3))[
            "logits"
        ]
    recorded = {
        "saved_model": json.loads(loaded.metadata().numpy()),
        "tflite": tflite_format.read_metadata(by["tflite"]),
        "onnx": json.loads(
            {p.key: p.value for p in onnx.load(by["onnx"]).metadata_props}["keras_resnet_metadata"]
        ),
    }
    for fmt, metadata in recorded.items():
        recorded_preset = preprocessing.Preprocessing.from_dict(metadata["preprocessing"])
        assert recorded_preset == preset, fmt
        got[f"{fmt} metadata preset"] = recorded_preset.numpy(pixels).reshape(COUNT, -1)
    return got


@pytest.mark.parametrize("name", list(preprocessing.PRESETS))
def test_every_path_preprocesses_the_same(name, pixels, identity_model, tmp_path):
    preset = preprocessing.get(name)
    expected = preset.numpy(pixels)
    assert expected.dtype == np.float32 and expected.shape == pixels.shape
    np.testing.assert_array_equal(preset(pixels), expected)
    paths = {**_keras_paths(preset, pixels), **_data_paths(preset, pixels, tmp_path)}
    for path, got in paths.items():
        assert got.dtype == np.float32 and got.shape == expected.shape, path
        np.testing.assert_allclose(got, expected, rtol=0, atol=ATOL, err_msg=f"{name}: {path}")
    flat = expected.reshape(COUNT, -1)
    np.testing.assert_array_equal(
        np.asarray(identity_model(expected)), flat
    )  # the model shows its input
    for path, got in _artifact_paths(preset, pixels, identity_model, flat, tmp_path).items():
        np.testing.assert_allclose(got, flat, rtol=0, atol=ATOL, err_msg=f"{name}: {path}")


def test_the_presets_differ_and_keep_numpy_only_import():
    """The comparison above means something: each preset gives other numbers on the same pixels;
    and `keras_resnet.preprocessing` still imports neither Keras nor TensorFlow."""
    pixels = np.arange(2 * 2 * 3, dtype="uint8").reshape(1, 2, 2, 3) * 20
    outputs = [preset.numpy(pixels) for preset in preprocessing.PRESETS.values()]
    assert all(not np.allclose(a, b) for i, a in enumerate(outputs) for b in outputs[i + 1 :])
    np.testing.assert_array_equal(
        preprocessing.get("caffe").numpy(pixels)[..., 0], pixels[..., 2] - np.float32(103.939)
    )
    import subprocess
    import sys

    code = (
        "import sys, keras_resnet.preprocessing\n"
        "bad = [m for m in ('keras', 'tensorflow') if m in sys.modules]\n"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
