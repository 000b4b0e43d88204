"""The keras-resnet command line."""

import json
import os
import shutil
import subprocess
import sys

from keras_resnet import cli


def test_list_names_and_details(capsys):
    assert cli.main(["list", "resnet50*"]) == 0
    out = capsys.readouterr().out
    assert [line.split("`")[1] for line in out.splitlines()[2:]] == [
        "resnet50",
        "resnet50b",
        "resnet50c",
        "resnet50d",
        "resnet50v2",
        "resnet50v2c",
        "resnet50v2d",
    ]
    assert cli.main(["list", "cifar_resnet20*", "--details"]) == 0
    captured = capsys.readouterr()
    assert "| `cifar_resnet20` | 269,722 | 40.6 M | 32x32 |" in captured.out
    assert (
        "counting cifar_resnet20v2 [########################] 4/4" in captured.err
        and "counted in" in captured.err
    )


def test_info_text_and_json(capsys):
    assert cli.main(["info", "cifar_resnet56"]) == 0
    out = capsys.readouterr().out
    assert "853,018" in out and "32x32x3" in out
    assert cli.main(["info", "resnet18", "--json", "--input-size", "64"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["params"] == 11_689_512 and info["input_shape"] == [64, 64, 3]


def test_errors_are_one_clear_line(capsys):
    assert cli.main(["info", "resnet5d"]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith("keras-resnet info: error: Unknown model name='resnet5d'")
        and "resnet50d" in err
    )
    assert cli.main(["info", "resnet50", "--input-size", "8"]) == 2
    assert "at least 32" in capsys.readouterr().err
    assert cli.main(["list", "zzz*"]) == 1


def test_console_script_is_installed():
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    command = (
        [shutil.which("keras-resnet")]
        if shutil.which("keras-resnet")
        else [sys.executable, "-m", "keras_resnet.cli"]
    )
    result = subprocess.run(
        [*command, "list", "cifar*v2"], capture_output=True, text=True, env=env, check=True
    )
    assert "cifar_resnet1202v2" in result.stdout


def test_export_command_writes_verifies_and_prints_a_table(tmp_path, capsys):
    import numpy as np

    np.save(tmp_path / "cal.npy", np.random.default_rng(0).random((8, 32, 32, 3), dtype="float32"))
    argv = [
        "export",
        "cifar_resnet20",
        "--format",
        "tflite",
        "onnx",
        "--quantize",
        "float32",
        "int8",
        "--calibration-data",
        str(tmp_path / "cal.npy"),
        "--output",
        str(tmp_path / "out"),
    ]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    for name in (
        "cifar_resnet20.tflite",
        "cifar_resnet20_int8.tflite",
        "cifar_resnet20.onnx",
        "cifar_resnet20_int8.onnx",
    ):
        assert (tmp_path / "out" / name).is_file() and name in out
    assert "| tflite | int8 |" in out
    # The same command again refuses to overwrite, in one line.
    assert cli.main(argv) == 2
    assert (
        "already exists; pass --overwrite to replace it" in capsys.readouterr().err
    )  # the flag, not the API argument


def test_export_command_takes_a_keras_file(tmp_path, capsys):
    import keras_resnet

    keras_resnet.CifarResNet20(classes=3).save(tmp_path / "m.keras")
    assert (
        cli.main(
            [
                "export",
                str(tmp_path / "m.keras"),
                "--format",
                "onnx",
                "--output",
                str(tmp_path / "m.onnx"),
            ]
        )
        == 0
    )
    assert (tmp_path / "m.onnx").is_file()
    assert (
        cli.main(["export", str(tmp_path / "missing.keras"), "--output", str(tmp_path / "x")]) == 2
    )
    assert "not an existing .keras file" in capsys.readouterr().err
