"""`keras-resnet optimize`: fine-tuning on a folder with each method, and a bad export request
refused before any training."""

import json
import pathlib

import keras
import pytest

import keras_resnet
from keras_resnet import data, optimize


def _image_folder(root, classes=3, per_class=24):
    import tensorflow as tf

    (x, y), _ = data.digits()
    for c in range(classes):
        folder = root / f"digit_{c}"
        folder.mkdir(parents=True)
        for i, image in enumerate(x[y == c][:per_class]):
            tf.io.write_file(
                str(folder / f"{i}.png"), tf.io.encode_png((image * 255).astype("uint8"))
            )
    return root


@pytest.mark.parametrize("method", ["prune", "qat"])
def test_cli_optimize_fine_tunes_on_a_folder_and_exports(tmp_path, method):
    from keras_resnet import cli

    folder = _image_folder(tmp_path / "images")
    model = keras_resnet.CifarResNet20(classes=3, classifier_activation=None)
    model.save(tmp_path / "model.keras")
    out = tmp_path / "out"
    argv = [
        "optimize",
        str(tmp_path / "model.keras"),
        "--method",
        method,
        "--data",
        str(folder),
        "-o",
        str(out),
        "--epochs",
        "1",
    ]
    if method == "prune":
        argv.append("--sparse-weights")
    assert cli.main(argv) == 0
    report = json.loads((out / f"cifar_resnet20_{method}_report.json").read_text())
    assert 0.0 <= report["accuracy"] <= 1.0 and 0.0 <= report["baseline_accuracy"] <= 1.0
    artifacts = {(a["format"], a["precision"]): a for a in report["artifacts"]}
    expected = (
        {("tflite", "int8"), ("onnx", "int8")}
        if method == "qat"
        else {("tflite", "float32"), ("onnx", "float32")}
    )
    assert set(artifacts) == expected
    for artifact in artifacts.values():
        assert pathlib.Path(artifact["path"]).is_file() and artifact["verified"]
        assert 0 < artifact["compressed_bytes"] < artifact["size_bytes"]
    if method == "prune":
        assert abs(report["sparsity"] - 0.5) < 0.01
        reloaded = keras.models.load_model(report["keras_model"])
        assert abs(optimize.sparsity(reloaded)["total"] - 0.5) < 0.01
        assert cli.main(argv) == 2  # outputs exist: refused without --overwrite


def test_cli_optimize_fails_before_training_on_a_bad_export_request(tmp_path, capsys):
    from keras_resnet import cli

    code = cli.main(
        [
            "optimize",
            "cifar_resnet20",
            "--method",
            "qat",
            "--data",
            str(tmp_path),
            "-o",
            str(tmp_path / "o"),
            "--quantize",
            "float16",
            "--format",
            "tflite",
        ]
    )
    assert code == 2
    assert "nothing requested for tflite fits" in capsys.readouterr().err
