"""The example scripts under examples/ run as a user runs them."""

import subprocess
import sys

import pytest

import keras_resnet
from keras_resnet import data
from tests import ROOT

EXAMPLES = ROOT / "examples"


def _example(name, *args, cwd=None):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _digit_png(path):
    import tensorflow as tf

    from keras_resnet import data

    (x, _), _ = data.digits(seed=0)
    tf.io.write_file(str(path), tf.io.encode_png((x[0] * 255).astype("uint8")))
    return path


@pytest.mark.long
def test_deployment_examples_run_on_a_given_model(tmp_path):
    """The deployment examples without their training (the offline default, which trains first,
    and the fine-tuning example run in the slow tier, test_deployment_examples_run):
    export_tflite_int8 on a saved model with a calibration folder, onnx_runtime_inference on its
    ONNX int8 output with a real digit image, the TF Serving client's request (dry run)."""
    import keras_resnet

    keras_resnet.CifarResNet20(classifier_activation=None).save(tmp_path / "model.keras")
    folder = tmp_path / "calibration" / "digits"
    folder.mkdir(parents=True)
    image = _digit_png(folder / "0.png")
    out = _example(
        "export_tflite_int8.py",
        "--model",
        tmp_path / "model.keras",
        "--calibration",
        folder.parent,
        "--calibration-size",
        "8",
        "--output",
        tmp_path / "int8",
    )
    assert "| tflite | int8 |" in out and "| onnx | int8 |" in out
    lines = _example(
        "onnx_runtime_inference.py",
        tmp_path / "int8" / "cifar_resnet20_int8.onnx",
        image,
        "--top",
        "3",
    ).splitlines()
    assert len(lines) == 3 and all(float(line.split()[0]) >= 0 for line in lines)
    body = _example("tf_serving_client.py", image, "--dry-run")
    assert '"signature_name": "serving_bytes"' in body and '"image_bytes": {"b64": "iVBOR' in body


@pytest.mark.slow  # trains twice (digits for the int8 export, the fine-tuning example)
def test_deployment_examples_run(tmp_path):
    """export_tflite_int8 (offline default), onnx_runtime_inference on its output with a real
    digit image, the TF Serving client's request (dry run), fine-tuning with a new head."""
    import tensorflow as tf

    from keras_resnet import data

    out = _example("export_tflite_int8.py", "--output", tmp_path / "int8")
    assert "| tflite | int8 |" in out and "| onnx | int8 |" in out
    (x, y), _ = data.digits()
    image = tmp_path / "digit.png"
    tf.io.write_file(str(image), tf.io.encode_png((x[0] * 255).astype("uint8")))
    lines = _example(
        "onnx_runtime_inference.py",
        tmp_path / "int8" / "cifar_resnet20_int8.onnx",
        image,
        "--top",
        "3",
    ).splitlines()
    assert len(lines) == 3 and all(float(line.split()[0]) >= 0 for line in lines)
    body = _example("tf_serving_client.py", image, "--dry-run")
    assert '"signature_name": "serving_bytes"' in body and '"image_bytes": {"b64": "iVBOR' in body
    out = _example(
        "finetune_pretrained.py",
        "--model",
        "resnet18",
        "--size",
        "32",
        "--head-epochs",
        "1",
        "--epochs",
        "1",
        "--output",
        tmp_path / "ft.keras",
    )
    assert (tmp_path / "ft.keras").is_file() and "saved" in out


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


# slow: the same fine-tuning and exports as test_cli_optimize_fine_tunes_on_a_folder_and_exports
@pytest.mark.slow
def test_example_script_runs_on_a_folder(tmp_path):
    folder = _image_folder(tmp_path / "images", per_class=16)
    model = keras_resnet.CifarResNet20(classes=3, classifier_activation=None)
    model.save(tmp_path / "model.keras")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "examples" / "optimize_qat_and_prune.py"),
            "--model",
            str(tmp_path / "model.keras"),
            "--data",
            str(folder),
            "--output",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert {p.name for p in (tmp_path / "out" / "qat").iterdir()} == {
        "cifar_resnet20_int8.tflite",
        "cifar_resnet20_int8.onnx",
    }
    assert (tmp_path / "out" / "pruned.tflite").is_file() and (
        tmp_path / "out" / "pruned.keras"
    ).is_file()
    assert "sparsity 50.0%" in result.stdout
