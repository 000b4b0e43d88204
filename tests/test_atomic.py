"""keras_resnet.atomic: a name created meanwhile is refused, and temporaries of dead processes are
removed."""

import os
import subprocess
import sys

import pytest

from keras_resnet import atomic
from tests.processes import temporaries

pytest.importorskip("tf2onnx", reason="pip install 'keras-resnet[export]'")


@pytest.mark.parametrize("kind", ["file", "saved_model"])
def test_atomic_publish_refuses_a_name_created_meanwhile(tmp_path, kind):
    final = tmp_path / ("a.bin" if kind == "file" else "model")

    def write(path, text):
        if kind == "file":
            path.write_text(text)
        else:
            path.mkdir()
            (path / "saved_model.pb").write_text(text)

    with pytest.raises(atomic.OutputExistsError, match="already exists"):
        with atomic.atomic_path(final, overwrite=False, kind=kind) as first:
            write(first, "first")
            with atomic.atomic_path(final, overwrite=False, kind=kind) as second:
                write(second, "second")
    content = final.read_text() if kind == "file" else (final / "saved_model.pb").read_text()
    assert content == "second" and not temporaries(tmp_path)


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(dead.stdout)
    host = atomic._host()
    stale = tmp_path / f".m{atomic.TMP_MARK}{host}-{pid}-0123abcd.onnx"
    live = (
        tmp_path / f".m{atomic.TMP_MARK}{host}-{os.getppid()}-0123abcd.onnx"
    )  # pytest's parent: alive
    other_host = tmp_path / f".m{atomic.TMP_MARK}elsewhere-{pid}-0123abcd.onnx"
    for path in (stale, live, other_host):
        path.write_bytes(b"partial")
    assert atomic.remove_stale(tmp_path) == [stale]
    assert live.exists() and other_host.exists() and not stale.exists()
