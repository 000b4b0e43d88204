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
        "resnet50", "resnet50b", "resnet50c", "resnet50d", "resnet50v2", "resnet50v2c", "resnet50v2d",
    ]
    assert cli.main(["list", "cifar_resnet20*", "--details"]) == 0
    captured = capsys.readouterr()
    assert "| `cifar_resnet20` | 269,722 | 40.6 M | 32x32 |" in captured.out
    assert "[4/4] counting" in captured.err and "counted in" in captured.err


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
    assert err.startswith("keras-resnet info: error: Unknown model name='resnet5d'") and "resnet50d" in err
    assert cli.main(["info", "resnet50", "--input-size", "8"]) == 2
    assert "at least 32" in capsys.readouterr().err
    assert cli.main(["list", "zzz*"]) == 1


def test_console_script_is_installed():
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    command = [shutil.which("keras-resnet")] if shutil.which("keras-resnet") else [sys.executable, "-m", "keras_resnet.cli"]
    result = subprocess.run([*command, "list", "cifar*v2"], capture_output=True, text=True, env=env, check=True)
    assert "cifar_resnet1202v2" in result.stdout
