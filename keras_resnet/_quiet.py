"""Quiet command-line output: no TensorFlow, absl, LiteRT or converter log lines unless asked.

The level is TensorFlow's ``TF_CPP_MIN_LOG_LEVEL`` (0 all, 1 no INFO, 2 no WARNING, 3 no ERROR):
the user's value if set, else 3; ``--verbose`` sets 0. It must be set before TensorFlow is
imported, and even then TensorFlow 2.21 writes the lines it logs before ``absl::InitializeLog()``
(oneDNN, CUDA stubs, CPU features) at every level (abseil/abseil-cpp#1957), LiteRT prints
``INFO: Created TensorFlow Lite XNNPACK delegate``, and the MLIR quantizer prints
``fully_quantize: ...``. So `install` also routes file descriptor 2 through a filter thread that
drops those native lines below the level, while Python's own ``sys.stderr`` writes straight to
the terminal (progress bars keep their carriage returns, and errors are never held back).
Python loggers of TensorFlow, absl, tf2onnx and ONNX Runtime get the same level.
"""

from __future__ import annotations

import atexit
import io
import logging
import os
import re
import select
import sys
import threading

ENV = "TF_CPP_MIN_LOG_LEVEL"
DEFAULT_LEVEL = 3

#: (pattern of a native stderr line, its severity: 0 info, 1 warning, 2 error)
_NATIVE_LINES = (
    (re.compile(rb"^I\d{4} \d\d:\d\d:\d+\.\d+ +\d+ [^ \]]+:\d+\] "), 0),
    (re.compile(rb"^W\d{4} \d\d:\d\d:\d+\.\d+ +\d+ [^ \]]+:\d+\] "), 1),
    (re.compile(rb"^E\d{4} \d\d:\d\d:\d+\.\d+ +\d+ [^ \]]+:\d+\] "), 2),
    (re.compile(rb"^WARNING: All log messages before absl::InitializeLog\(\) is called"), 0),
    (
        re.compile(rb"^To enable the following instructions: .*compiler flags\.$"),
        0,
    ),  # 2nd line of an I-line
    (re.compile(rb"^(INFO|VERBOSE): "), 0),  # LiteRT's minimal logger
    (re.compile(rb"^WARNING: "), 1),
    (re.compile(rb"^ERROR: "), 2),
    (re.compile(rb"^fully_quantize: \d+, inference_type: "), 0),  # the MLIR quantizer's printf
    (
        re.compile(rb"^Improper call to JPEG library in state \d+$"),
        1,
    ),  # libjpeg, for a file reported in one warning
)
_PYTHON_LOGGERS = ("tensorflow", "absl", "tf2onnx", "onnxruntime", "h5py")
_PYTHON_LEVELS = {0: logging.NOTSET, 1: logging.WARNING, 2: logging.ERROR, 3: logging.CRITICAL}


def level(verbose: bool = False) -> int:
    """The effective level, and ``TF_CPP_MIN_LOG_LEVEL`` set to it for TensorFlow and children."""
    if verbose:
        os.environ[ENV] = "0"
    value = os.environ.setdefault(ENV, str(DEFAULT_LEVEL))
    try:
        return min(max(int(value), 0), 3)
    except ValueError:
        return DEFAULT_LEVEL


def keep(line: bytes, min_level: int) -> bool:
    """Whether a native stderr line is shown at `min_level`."""
    for pattern, severity in _NATIVE_LINES:
        if pattern.match(line):
            return severity >= min_level
    return True


class _ThirdPartyRecords(logging.Filter):
    """Drops records below the level that ONNX Runtime's quantizer logs on the root logger."""

    def __init__(self, minimum: int) -> None:
        super().__init__()
        self.minimum = minimum

    def filter(self, record: logging.LogRecord) -> bool:
        third_party = any(f"{os.sep}{name}{os.sep}" in record.pathname for name in _PYTHON_LOGGERS)
        return record.levelno >= self.minimum or not third_party


def quiet_python_loggers(min_level: int) -> None:
    python_level = _PYTHON_LEVELS[min_level]
    if python_level == logging.NOTSET:
        return
    for name in _PYTHON_LOGGERS:
        logging.getLogger(name).setLevel(python_level)
    logging.getLogger().addFilter(_ThirdPartyRecords(python_level))


class _NativeFilter:
    """Routes file descriptor 2 through a pipe; a thread passes on the lines `keep` accepts."""

    def __init__(self, min_level: int) -> None:
        self.min_level = min_level
        self.terminal = os.dup(2)
        read, write = os.pipe()
        os.dup2(write, 2)
        os.close(write)
        self.thread = threading.Thread(
            target=self._pump, args=(read,), name="keras-resnet-stderr", daemon=True
        )
        self.thread.start()

    def _emit(self, data: bytes) -> None:
        if data:
            os.write(self.terminal, data)

    def _pump(self, read: int) -> None:
        pending = b""
        while True:
            ready, _, _ = select.select([read], [], [], 0.1)
            if not ready:  # a partial line that waited: show it (progress without a newline)
                if pending and keep(pending, self.min_level):
                    self._emit(pending)
                    pending = b""
                continue
            chunk = os.read(read, 65536)
            if not chunk:
                break
            *lines, pending = (pending + chunk).split(b"\n")
            self._emit(b"".join(line + b"\n" for line in lines if keep(line, self.min_level)))
        if keep(pending, self.min_level):
            self._emit(pending)
        os.close(read)

    def close(self) -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os.dup2(self.terminal, 2)  # closes the pipe's write end: the thread drains and stops
        self.thread.join(timeout=2)


def install(verbose: bool = False) -> int:
    """Quiet output for this process (the command line); returns the level."""
    min_level = level(verbose)
    quiet_python_loggers(min_level)
    if min_level == 0 or os.name != "posix":  # the filter thread selects on a pipe: POSIX only
        return min_level
    try:
        if sys.stderr.fileno() != 2:
            return min_level
    except (
        AttributeError,
        OSError,
        io.UnsupportedOperation,
    ):  # stderr replaced (a test capturing it)
        return min_level
    sys.stderr.flush()
    native = _NativeFilter(min_level)
    sys.stderr = io.TextIOWrapper(
        os.fdopen(os.dup(native.terminal), "wb", buffering=0),
        encoding=sys.stderr.encoding,
        errors="backslashreplace",
        line_buffering=True,
    )
    atexit.register(native.close)
    return min_level
