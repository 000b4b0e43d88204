"""`keras-resnet`: the console script, one-line errors, and help that imports no framework."""

import itertools
import json
import os
import shutil
import subprocess
import sys

from keras_resnet import cli
from tests import processes


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
    assert "saved_model, tflite, onnx, openvino (several) or all" in " ".join(
        shown["helps"]["export"].split()
    )
    for name, text in shown["helps"].items():
        assert text.startswith(f"usage: keras-resnet {name} "), text


_CTRL_C_IN_A_GC_CALLBACK = """
import gc, signal, sys, threading
import jax.numpy as jnp
from keras_resnet import cli
from keras_resnet.cli import list_info

jnp.ones(1).block_until_ready()  # JAX's own collector callback is installed


def interrupted_during_collection(phase, info):
    if phase == "start" and threading.current_thread() is threading.main_thread():
        signal.raise_signal(signal.SIGINT)


def run(args):
    gc.callbacks.append(interrupted_during_collection)
    try:
        gc.collect()
    finally:
        gc.callbacks.remove(interrupted_during_collection)
    return 0


list_info.run_list = run
code = cli.main(["list"])
assert sys.unraisablehook is sys.__unraisablehook__, "the hook is put back"
sys.exit(code)
"""


def test_a_ctrl_c_inside_a_garbage_collector_callback_is_one_line_and_exit_130(tmp_path):
    """Ctrl-C can land while Python runs a garbage-collector callback (JAX installs one), where
    it cannot be raised: it still ends the command as interrupted, with no "Exception ignored"
    traceback. In a child with a terminal's SIGINT handler: a real SIGINT in a test worker would
    reach the worker itself if it landed after the command had put its handler back."""
    result = subprocess.run(
        [sys.executable, "-c", _CTRL_C_IN_A_GC_CALLBACK],
        capture_output=True,
        text=True,
        env=processes.child_env(TF_CPP_MIN_LOG_LEVEL="2", KERAS_BACKEND="jax"),
        preexec_fn=processes.interruptible,
        timeout=120,
        check=False,
    )
    assert result.returncode == 130, result.stderr
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.endswith("keras-resnet list: interrupted\n"), result.stderr
