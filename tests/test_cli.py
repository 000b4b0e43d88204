"""The keras-resnet command line."""

import itertools
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
        err.startswith("keras-resnet info: error: Unknown model 'resnet5d'")
        and "resnet50d" in err
        and "`keras-resnet list` lists all" in err
    )
    assert cli.main(["info", "resnet50", "--input-size", "8"]) == 2
    assert "at least 32" in capsys.readouterr().err
    assert cli.main(["list", "zzz*"]) == 1


def test_console_script_is_installed():
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    result = subprocess.run(
        [*_command_line(), "list", "cifar*v2"], capture_output=True, text=True, env=env, check=True
    )
    assert "cifar_resnet1202v2" in result.stdout


def _command_line():
    """The installed ``keras-resnet`` script, else ``python -m keras_resnet.cli``."""
    script = shutil.which("keras-resnet")
    return [script] if script else [sys.executable, "-m", "keras_resnet.cli"]


def test_help_in_a_fresh_process_imports_no_framework():
    """Help, of the command line and of each command, loads neither TensorFlow nor Keras and
    prints nothing on stderr; the top-level help imports no command's module (the shared
    `_args` and `_errors` modules are not commands)."""
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    for command, argv in itertools.product(
        (_command_line(), [sys.executable, "-m", "keras_resnet.cli"]),
        (["--help"], ["export", "--help"]),
    ):
        result = subprocess.run(
            [*command, *argv], capture_output=True, text=True, env=env, timeout=120
        )
        assert result.returncode == 0 and result.stderr == "", result.stderr
        assert result.stdout.startswith("usage: keras-resnet")
    code = (
        "import contextlib, io, json, sys\n"
        "from keras_resnet import cli\n"
        "def show(*argv):\n"
        "    with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "        try:\n"
        "            cli.main([*argv, '--help'])\n"
        "        except SystemExit as done:\n"
        "            assert done.code == 0, argv\n"
        "    return out.getvalue()\n"
        "top = show()\n"
        "commands = {f'keras_resnet.cli.{c.module}' for c in cli.COMMANDS.values()}\n"
        "loaded = sorted(m for m in sys.modules if m in commands)\n"
        "helps = {c: show(c) for c in cli.COMMANDS}\n"
        "heavy = sorted(m for m in ('tensorflow', 'keras') if m in sys.modules)\n"
        "print(json.dumps({'top': top, 'loaded': loaded, 'helps': helps, 'heavy': heavy}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    shown = json.loads(result.stdout)
    assert shown["heavy"] == [] and shown["loaded"] == []
    assert all(name in shown["top"] for name in cli.COMMANDS)
    assert "saved_model, tflite, onnx (several) or all" in " ".join(
        shown["helps"]["export"].split()
    )
    for name, text in shown["helps"].items():
        assert text.startswith(f"usage: keras-resnet {name} "), text


def test_help_names_the_formats_and_precisions_export_registers():
    """Help names the built-in formats and precisions without importing `keras_resnet.export`:
    the command line's copy of their names matches the table the export package builds."""
    from keras_resnet import export

    builtin = cli._BUILTIN_FORMATS
    assert tuple(export.FORMATS)[: len(builtin)] == builtin
    offered = (p for name in builtin for p in export.FORMATS[name].precisions)
    assert tuple(dict.fromkeys(offered)) == cli._BUILTIN_PRECISIONS


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
