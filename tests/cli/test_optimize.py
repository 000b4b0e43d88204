"""`keras-resnet optimize`: fine-tuning on a folder with each method, and a bad export request
refused before any training."""

import json
import pathlib

import keras
import pytest

import keras_resnet
from keras_resnet import data, optimize


@pytest.fixture(scope="module")
def image_folder(tmp_path_factory):
    """24 digit PNGs (16 px) of each of 3 classes, a subfolder per class (read, never written, by
    the tests)."""
    import tensorflow as tf

    root = tmp_path_factory.mktemp("images")
    (x, y), _ = data.digits(image_size=16)
    for c in range(3):
        folder = root / f"digit_{c}"
        folder.mkdir(parents=True)
        for i, image in enumerate(x[y == c][:24]):
            tf.io.write_file(
                str(folder / f"{i}.png"), tf.io.encode_png((image * 255).astype("uint8"))
            )
    return root


@pytest.mark.long  # fine-tuning and two exports
@pytest.mark.parametrize("method", ["prune", "qat"])
def test_cli_optimize_fine_tunes_on_a_folder_and_exports(tmp_path, image_folder, method):
    """`optimize` on a saved CIFAR ResNet-8 (16 px, 3 classes) and a folder of 72 digits: one
    epoch of each method, its report with the accuracies before and after, and its verified
    artifacts (QAT: int8; pruned: float32, the Keras model at 50% sparsity, and a second run
    refused without --overwrite)."""
    from keras_resnet import cli

    folder = image_folder
    model = keras_resnet.CifarResNet(
        8, input_shape=(16, 16, 3), classes=3, classifier_activation=None
    )
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
    report = json.loads((out / f"cifar_resnet8_{method}_report.json").read_text())
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
