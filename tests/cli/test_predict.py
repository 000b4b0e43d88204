"""`keras-resnet predict`: a preset model and its exported TFLite file agree on the samples; a
folder is classified in order; a broken image exits 1 naming it; usage errors and a broken
artifact exit 2 before any work."""

import json
import os

import numpy as np
import pytest
from PIL import Image

import keras_resnet
from keras_resnet import cli, predict
from tests.checkpoints import hub_cache, offline_hub, reference_18, safetensors_bytes
from tests.image_files import BROKEN, garbage_artifacts, png16, save, save_tiny_model, seeded_rng

pytest.importorskip("tf2onnx", reason="pip install 'keras-resnet[export]'")


@pytest.fixture
def hub(monkeypatch, tmp_path):
    """An offline Hugging Face Hub cache in a temporary folder."""
    return offline_hub(monkeypatch, tmp_path / "hf_hub")


def test_predict_a_model_and_its_exported_tflite_agree_on_the_samples(hub, tmp_path, capsys):
    _, state = reference_18()
    hub_cache(
        hub, "timm/resnet18.a1_in1k", {"model.safetensors": safetensors_bytes(state, tmp_path)}
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


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A .keras classifier of 8 x 8 images into 3 classes."""
    return save_tiny_model(tmp_path_factory.mktemp("model"))


def _one_error_line(capsys, *named):
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("keras-resnet predict: error: "), err
    assert all(str(n) in lines[0] for n in named), err
    return lines[0]


def test_predict_names_a_broken_image_and_exits_1(tiny_model, tmp_path, capsys):
    from keras_resnet import cli

    good = save(Image.fromarray(np.zeros((8, 8, 3), "uint8")), tmp_path / "good.png")
    for name, (make, _) in BROKEN.items():
        path = make(tmp_path / name)
        assert cli.main(["predict", tiny_model, str(good), str(path)]) == 1, name
        _one_error_line(capsys, path)


def test_predict_names_a_broken_artifact_as_a_usage_error(tmp_path, capsys):
    """The model is loaded before the work starts: a MODEL that is no model exits 2."""
    from keras_resnet import cli

    good = save(Image.fromarray(np.zeros((8, 8, 3), "uint8")), tmp_path / "good.png")
    for path in garbage_artifacts(tmp_path):
        assert cli.main(["predict", str(path), str(good)]) == 2, path
        assert "cannot be loaded as format" in _one_error_line(capsys, path)


def test_predict_usage_errors_exit_2_before_any_work(tiny_model, tmp_path, capsys):
    from keras_resnet import cli

    good = save(Image.fromarray(np.zeros((8, 8, 3), "uint8")), tmp_path / "good.png")
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
    pixels = seeded_rng().integers(0, 256, (3, 8, 8, 3)).astype("uint8")
    for name, image in zip(("b.png", "a.jpg", "c.bmp"), pixels, strict=True):
        save(Image.fromarray(image), folder / name)
    save(Image.fromarray(pixels[0]), folder / "nested" / "deeper.png")  # not recursive
    (folder / "notes.txt").write_text("not an image")
    (folder / "gray16.png").write_bytes(png16(np.full((8, 8), 40000, "uint16")))
    assert cli.main(["predict", tiny_model, str(folder), "--json", "--top", "1"]) == 0
    results = json.loads(capsys.readouterr().out)
    names = [r["image"].rsplit("/", 1)[-1] for r in results]
    assert names == ["a.jpg", "b.png", "c.bmp", "gray16.png"]


def test_predict_an_openvino_artifact_like_its_model(tiny_model, tmp_path, capsys):
    """``keras-resnet predict model.xml``: the OpenVINO IR's top classes are the model's."""
    pytest.importorskip("openvino", reason="pip install 'keras-resnet[openvino]'")
    xml = tmp_path / "tiny.xml"
    assert cli.main(["export", str(tiny_model), "--format", "openvino", "-o", str(xml)]) == 0
    capsys.readouterr()
    images = [str(p) for p in predict.sample_images()]
    assert cli.main(["predict", str(tiny_model), *images, "--json"]) == 0
    expected = json.loads(capsys.readouterr().out)
    assert cli.main(["predict", str(xml), *images, "--json"]) == 0
    captured = capsys.readouterr()
    got = json.loads(captured.out)
    assert "(openvino;" in captured.err
    for mine, theirs in zip(got, expected, strict=True):
        assert [r["index"] for r in mine["top"]] == [r["index"] for r in theirs["top"]]
        np.testing.assert_allclose(
            [r["probability"] for r in mine["top"]],
            [r["probability"] for r in theirs["top"]],
            atol=1e-5,
        )
