"""`keras-resnet predict`: a preset model and its exported TFLite file agree on the samples; a
folder is classified in order; a broken image exits 1 naming it; usage errors and a broken
artifact exit 2 before any work."""

import hashlib
import io
import json
import os
import struct
import zlib

import keras
import numpy as np
import pytest
import safetensors.numpy as safetensors_numpy
from PIL import Image

import keras_resnet
from keras_resnet import cli, predict

pytest.importorskip("tf2onnx", reason="pip install 'keras-resnet[export]'")


_COMMIT = "0123456789abcdef0123456789abcdef01234567"


def _reference_18(seed=0):
    import tests.torch_reference as reference

    model = reference.build(18, "b", seed=seed)
    return model, {
        k: np.ascontiguousarray(v.detach().numpy()) for k, v in model.state_dict().items()
    }


def _safetensors_bytes(state, tmp_path):
    path = tmp_path / "state.safetensors"
    safetensors_numpy.save_file(state, str(path))
    return path.read_bytes()


def _hub_cache(cache, repo, files, revision="main"):
    """Files of a Hub repository written as huggingface_hub caches them: ``blobs/<sha256>``,
    ``refs/<revision>`` holding the commit, ``snapshots/<commit>/<name>`` linking to the blob."""
    root = cache / f"models--{repo.replace('/', '--')}"
    (root / "blobs").mkdir(parents=True, exist_ok=True)
    (root / "refs").mkdir(exist_ok=True)
    (root / "refs" / revision).write_text(_COMMIT)
    snapshot = root / "snapshots" / _COMMIT
    snapshot.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        blob = hashlib.sha256(data).hexdigest()
        (root / "blobs" / blob).write_bytes(data)
        if os.path.lexists(snapshot / name):
            (snapshot / name).unlink()
        (snapshot / name).symlink_to(f"../../blobs/{blob}")
    return snapshot


@pytest.fixture
def hub(monkeypatch, tmp_path):
    """An offline Hugging Face Hub cache in a temporary folder."""
    import huggingface_hub.constants

    cache = tmp_path / "hf_hub"
    cache.mkdir()
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    return cache


def test_predict_a_model_and_its_exported_tflite_agree_on_the_samples(hub, tmp_path, capsys):
    _, state = _reference_18()
    _hub_cache(
        hub, "timm/resnet18.a1_in1k", {"model.safetensors": _safetensors_bytes(state, tmp_path)}
    )
    assert (
        cli.main(["predict", "resnet18", "--weights", "resnet18.a1_in1k", "--json", "--top", "3"])
        == 0
    )
    results = json.loads(capsys.readouterr().out)
    assert [os.path.basename(r["image"]) for r in results] == list(predict.SAMPLE_LABELS)
    assert all(
        len(r["top"]) == 3 and abs(sum(t["probability"] for t in r["top"])) <= 1 for r in results
    )

    from keras_resnet import export

    model = keras_resnet.create_model("resnet18", weights="resnet18.a1_in1k")
    path = tmp_path / "resnet18.tflite"
    export.export(model, path, format="tflite", verbose=False)
    assert cli.main(["predict", str(path), "--json", "--top", "3"]) == 0
    deployed = json.loads(capsys.readouterr().out)
    for keras_result, tflite_result in zip(results, deployed, strict=True):
        assert [t["index"] for t in keras_result["top"]] == [
            t["index"] for t in tflite_result["top"]
        ]
        assert np.allclose(
            [t["probability"] for t in keras_result["top"]],
            [t["probability"] for t in tflite_result["top"]],
            atol=1e-4,
        )
    classifier = predict.from_artifact(
        path
    )  # the artifact's metadata carried the preset's transform
    assert (
        classifier.transform.resize,
        classifier.transform.interpolation,
        classifier.transform.preprocessing.name,
    ) == (235, "bicubic", "torch")


def test_predict_cli_errors_are_one_line(capsys):
    assert cli.main(["predict", "resnet18", "missing.jpg"]) == 2
    assert "image 'missing.jpg' does not exist" in capsys.readouterr().err
    assert cli.main(["predict", "cifar_resnet20"]) == 2
    assert "weights='imagenet' has no preset for model 'cifar_resnet20'" in capsys.readouterr().err


RNG_SEED = 7


def _rng():
    return np.random.default_rng(RNG_SEED)


def _chunk(kind, payload):
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload))
    )


def _png16(samples):
    """A 16-bit PNG written here byte by byte (Pillow writes 16-bit grayscale only): gray, gray
    with alpha, RGB or RGBA by the last axis."""
    samples = samples if samples.ndim == 3 else samples[..., None]
    height, width, channels = samples.shape
    color_type = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    rows = b"".join(b"\0" + samples[y].astype(">u2").tobytes() for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 16, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def _save(image, path, **options):
    image.save(path, **options)
    return path


def _bomb_png(path):
    """A PNG whose header claims 30000 x 30000 pixels, beyond Pillow's decompression-bomb limit."""
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + _chunk(b"IEND", b"")
    )
    return path


def _truncated_png(path):
    buffer = io.BytesIO()
    Image.fromarray(_rng().integers(0, 256, (32, 32, 3)).astype("uint8")).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    return path


def _text_as_jpg(path):
    path.write_text("this is not a JPEG\n")
    return path


BROKEN = {
    "truncated.png": (_truncated_png, "truncated"),
    "text.jpg": (_text_as_jpg, "not an image"),
    "bomb.png": (_bomb_png, r"exceeds limit of \d+ pixels.*MAX_IMAGE_PIXELS"),
}


def _garbage_artifacts(tmp_path):
    (tmp_path / "garbage.tflite").write_bytes(b"not a flatbuffer " * 8)
    (tmp_path / "empty.tflite").write_bytes(b"")
    (tmp_path / "garbage.onnx").write_bytes(b"not a protobuf " * 8)
    (tmp_path / "saved_model").mkdir()
    (tmp_path / "saved_model" / "saved_model.pb").write_bytes(b"not a protobuf " * 8)
    names = ("garbage.tflite", "empty.tflite", "garbage.onnx", "saved_model")
    return [tmp_path / n for n in names]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A .keras classifier of 8 x 8 images into 3 classes."""

    inputs = keras.Input((8, 8, 3), name="image")
    pooled = keras.layers.GlobalAveragePooling2D()(keras.layers.Rescaling(1 / 255)(inputs))
    outputs = keras.layers.Dense(3, activation="softmax", name="probabilities")(pooled)
    path = tmp_path_factory.mktemp("model") / "tiny.keras"
    keras.Model(inputs, outputs, name="tiny").save(path)
    return str(path)


def _one_error_line(capsys, *named):
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("keras-resnet predict: error: "), err
    assert all(str(n) in lines[0] for n in named), err
    return lines[0]


def test_predict_names_a_broken_image_and_exits_1(tiny_model, tmp_path, capsys):
    from keras_resnet import cli

    good = _save(Image.fromarray(np.zeros((8, 8, 3), "uint8")), tmp_path / "good.png")
    for name, (make, _) in BROKEN.items():
        path = make(tmp_path / name)
        assert cli.main(["predict", tiny_model, str(good), str(path)]) == 1, name
        _one_error_line(capsys, path)


def test_predict_names_a_broken_artifact_as_a_usage_error(tmp_path, capsys):
    """The model is loaded before the work starts: a MODEL that is no model exits 2."""
    from keras_resnet import cli

    good = _save(Image.fromarray(np.zeros((8, 8, 3), "uint8")), tmp_path / "good.png")
    for path in _garbage_artifacts(tmp_path):
        assert cli.main(["predict", str(path), str(good)]) == 2, path
        assert "cannot be loaded as format" in _one_error_line(capsys, path)


def test_predict_usage_errors_exit_2_before_any_work(tiny_model, tmp_path, capsys):
    from keras_resnet import cli

    good = _save(Image.fromarray(np.zeros((8, 8, 3), "uint8")), tmp_path / "good.png")
    assert cli.main(["predict", tiny_model, str(tmp_path / "missing.png")]) == 2
    assert "does not exist" in _one_error_line(capsys, tmp_path / "missing.png")
    for model in ("missing.tflite", "missing.onnx", "missing.keras"):
        assert cli.main(["predict", str(tmp_path / model), str(good)]) == 2
        assert "does not exist" in _one_error_line(capsys, tmp_path / model)
    (tmp_path / "no_images").mkdir()
    (tmp_path / "no_images" / "notes.txt").write_text("no image here")
    assert cli.main(["predict", tiny_model, str(tmp_path / "no_images")]) == 2
    assert "is a folder without images" in _one_error_line(capsys, tmp_path / "no_images")


def test_predict_a_folder_classifies_its_images_in_order(tiny_model, tmp_path, capsys):
    from keras_resnet import cli

    folder = tmp_path / "photos"
    (folder / "nested").mkdir(parents=True)
    pixels = _rng().integers(0, 256, (3, 8, 8, 3)).astype("uint8")
    for name, image in zip(("b.png", "a.jpg", "c.bmp"), pixels, strict=True):
        _save(Image.fromarray(image), folder / name)
    _save(Image.fromarray(pixels[0]), folder / "nested" / "deeper.png")  # not recursive
    (folder / "notes.txt").write_text("not an image")
    (folder / "gray16.png").write_bytes(_png16(np.full((8, 8), 40000, "uint16")))
    assert cli.main(["predict", tiny_model, str(folder), "--json", "--top", "1"]) == 0
    results = json.loads(capsys.readouterr().out)
    names = [r["image"].rsplit("/", 1)[-1] for r in results]
    assert names == ["a.jpg", "b.png", "c.bmp", "gray16.png"]
