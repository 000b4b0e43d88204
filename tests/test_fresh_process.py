"""What only a fresh process shows: ``python -OO``, Python's default recursion limit, and the
command line's quiet output. Each check runs in a child process, so that nothing this test
process has imported or configured can mask a fault."""

import subprocess
import sys

import pytest

from tests.processes import NATIVE_LINE, child_env


def _python(code, *flags, cwd, timeout=600, **env):
    """Run `code` in a fresh interpreter in `cwd` (a test's own folder: whatever it writes stays
    there)."""
    result = subprocess.run(
        [sys.executable, *flags, "-c", code],
        capture_output=True,
        text=True,
        env=child_env(**env),
        timeout=timeout,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout


def test_builders_and_the_cli_work_under_python_OO(tmp_path):
    out = _python(
        "import keras_resnet as kr, keras_resnet.cli, keras_resnet.export\n"
        "m = kr.ResNet18(input_shape=(64, 64, 3), classes=3)\n"
        "c = kr.create_model('cifar_resnet20')  # 269,722 trainable + 2 x 688 BN statistics\n"
        "print(m.output_shape, c.count_params(), kr.ResNet18.__name__)",
        "-OO",
        cwd=tmp_path,
    )
    assert out.split() == ["(None,", "3)", "271098", "ResNet18"]


def test_the_library_makes_room_for_keras_graph_walk_and_restores_the_limit(tmp_path):
    """At a recursion limit below what a 164-layer CIFAR ResNet's graph walk needs (CIFAR
    ResNet-1202 needs more than Python's default: slow tier below), the library's build and load
    succeed, plain Keras loading fails, and the limit is restored after each call. The limit,
    120, leaves room both ways: the rest of the script runs under 60 frames, and plain Keras
    loading that model needs more than 180."""
    out = _python(
        "import sys, keras, keras_resnet\n"
        "sys.setrecursionlimit(120)\n"
        "m = keras_resnet.CifarResNet(164)\n"
        "assert sys.getrecursionlimit() == 120\n"
        "m.save('m.keras')\n"
        "n = keras_resnet.load_model('m.keras')\n"
        "assert sys.getrecursionlimit() == 120 and len(n.layers) == len(m.layers)\n"
        "try:\n"
        "    keras.models.load_model('m.keras')\n"
        "    print('plain keras loaded')\n"
        "except RecursionError:\n"
        "    print('plain keras: RecursionError')\n",
        cwd=tmp_path,
    )
    assert out.strip() == "plain keras: RecursionError"


@pytest.mark.slow
def test_cifar_resnet1202_builds_saves_loads_and_exports_at_the_default_limit(tmp_path):
    out = _python(
        "import sys, numpy as np, keras_resnet\n"
        "from keras_resnet import export\n"
        "assert sys.getrecursionlimit() == 1000\n"
        "m = keras_resnet.create_model(\n"
        "    'cifar_resnet1202', zero_init_residual=True, classifier_activation=None\n"
        ")\n"
        f"m.save({str(tmp_path / 'm.keras')!r})\n"
        f"n = keras_resnet.load_model({str(tmp_path / 'm.keras')!r})\n"
        "x = np.random.default_rng(0).random((2, 32, 32, 3), dtype='float32')\n"
        "assert np.allclose(m.predict(x, verbose=0), n.predict(x, verbose=0), atol=1e-5)\n"
        f"r = export.export(n, {str(tmp_path)!r}, format=['tflite', 'onnx'], verbose=False)\n"
        "print(sys.getrecursionlimit(), [x.verified for x in r])",
        timeout=1800,
        cwd=tmp_path,
    )
    assert out.strip() == "1000 [True, True]"


def _start_cli(args, cwd, **env):
    return subprocess.Popen(
        [sys.executable, "-m", "keras_resnet.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=child_env(**env),
    )


def _finish(process):
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err[-4000:]
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _cli(args, cwd, **env):
    return _finish(_start_cli(args, cwd, **env))


def test_export_prints_no_native_log_lines_unless_asked(tmp_path):
    """Three commands at once, each in its own process: an export as it is (quiet), `info -v` and
    `info` under the user's own TF_CPP_MIN_LOG_LEVEL=0 (native lines show). A training's output
    is checked in tests/cli/test_train.py's Ctrl-C test."""
    started = [
        _start_cli(["export", "cifar_resnet20", "--format", "tflite", "-o", "a.tflite"], tmp_path),
        # Asked for, they show: `info` imports TensorFlow and builds the model, which logs
        # natively.
        _start_cli(["info", "cifar_resnet20", "-v"], tmp_path),
        _start_cli(["info", "cifar_resnet20"], tmp_path, TF_CPP_MIN_LOG_LEVEL="0"),
    ]
    quiet, verbose, user_level = [_finish(process) for process in started]
    assert not NATIVE_LINE.search(quiet.stderr), quiet.stderr
    assert "[1/1] tflite float32" in quiet.stderr and "| tflite | float32 |" in quiet.stdout
    assert NATIVE_LINE.search(verbose.stderr), verbose.stderr
    assert NATIVE_LINE.search(user_level.stderr), (
        user_level.stderr
    )  # the user's own setting is respected


@pytest.mark.slow
def test_demo_prints_no_native_log_lines(tmp_path):
    result = _cli(["demo", "-o", "demo", "--epochs", "1", "--repeats", "2"], tmp_path)
    assert not NATIVE_LINE.search(result.stderr + result.stdout), result.stderr
    assert "| tflite | int8 |" in result.stdout
