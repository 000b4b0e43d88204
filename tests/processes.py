"""Command-line child processes, for the faults that live in process state (signals, resource
limits, file permissions, the stderr file descriptor): a ``python -m keras_resnet.cli`` child
started and waited for, the moment to interrupt it, and the temporaries a killed one leaves."""

import os
import pathlib
import re
import signal
import subprocess
import sys
import time

from keras_resnet import atomic

#: A line that TensorFlow, absl, LiteRT or the TFLite quantizer writes on its own: the command
#: line keeps them off the terminal unless asked (-v, or the user's own TF_CPP_MIN_LOG_LEVEL).
NATIVE_LINE = re.compile(
    r"^([IWEF]\d{4} \d\d:\d\d:\d+\.\d+ +\d+ \S+:\d+\]|WARNING: All log messages before absl"
    r"|INFO: Created TensorFlow Lite|fully_quantize: )",
    re.M,
)


def child_env(**extra):
    """A child's environment: this process's without TF_CPP_MIN_LOG_LEVEL (the root conftest sets
    it for this process; a child shows the command line's own default), unbuffered."""
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    return {**env, "PYTHONUNBUFFERED": "1", **extra}


def cli_env(tmp_root, **extra):
    """The child's environment: its own temp folder (to see what converters leave there)."""
    return child_env(**{"TMPDIR": str(tmp_root), **extra})


def interruptible():
    """The child as in a terminal: a test runner started as a background job ignores SIGINT, and a
    child that inherits that ignores Ctrl-C too (Python installs no KeyboardInterrupt handler)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_cli(args, tmp_root, *, preexec_fn=interruptible, **extra_env):
    """``keras-resnet <args>`` started in a child with `cli_env` (its stdout and stderr piped)."""
    return subprocess.Popen(
        [sys.executable, "-m", "keras_resnet.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(tmp_root, **extra_env),
        preexec_fn=preexec_fn,
    )


def run_cli(args, tmp_root, *, preexec_fn=interruptible, timeout=240, **extra_env):
    """`start_cli` waited for: its exit status, stdout and stderr."""
    process = start_cli(args, tmp_root, preexec_fn=preexec_fn, **extra_env)
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def wait_for(process, condition, timeout=180):
    """Polls until `condition()` holds while `process` runs; fails if it ends or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            raise AssertionError(
                f"the process ended (rc {process.returncode}) before the moment to interrupt it:\n"
                + process.stderr.read()[-2000:]
            )
        time.sleep(0.02)
    process.kill()
    raise AssertionError("timed out waiting for the moment to interrupt")


def temporaries(*folders):
    """What `keras_resnet.atomic` leaves under `folders` until it publishes or cleans up: its
    temporaries beside a target and its scratch folders."""
    found = []
    for folder in folders:
        found += [
            p
            for p in pathlib.Path(folder).rglob("*")
            if atomic.TMP_MARK in p.name or p.name.startswith(atomic.SCRATCH_PREFIX)
        ]
    return found


def tiny_training(output):
    """``keras-resnet train`` of cifar_resnet20 on 64 digits at 8 pixels in one batch of 64 (one
    step per epoch), quiet, into `output`; the caller adds ``--epochs``."""
    return [
        "train",
        "cifar_resnet20",
        "--data",
        "digits",
        "--input-size",
        "8",
        "--limit",
        "64",
        "--batch-size",
        "64",
        "--quiet",
        "-o",
        str(output),
    ]
