"""`keras-resnet export`: writing, verifying and the table it prints; a model file as input;
outputs that are folders, overwrite, and the faults of a real child process (SIGKILL, two
exports racing, a full disk, Ctrl-C, a read-only folder).

Faults that live in process state (signals, resource limits, file permissions, the stderr file
descriptor) are tested on a real ``python -m keras_resnet.cli`` child process."""

import hashlib
import os
import pathlib
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

from keras_resnet import atomic, cli
from tests.processes import cli_env, interruptible, run_cli, start_cli, temporaries, wait_for

pytest.importorskip("tf2onnx", reason="pip install 'keras-resnet[export]'")


def _assert_one_line_error(err, code_word="error"):
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err, err[-3000:]
    assert lines and lines[-1].startswith(f"keras-resnet export: {code_word}"), err[-2000:]


def _digest(path):
    path = pathlib.Path(path)
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    digest = hashlib.sha256()
    for file in files:
        digest.update(
            str(file.relative_to(path) if path.is_dir() else "").encode() + file.read_bytes()
        )
    return digest.hexdigest()


def _classes_of(path):
    """The class count of a complete artifact (it fails on a partial one)."""
    path = pathlib.Path(path)
    if path.suffix == ".onnx":
        import onnx

        model = onnx.load(str(path))
        onnx.checker.check_model(model)
        return model.graph.output[0].type.tensor_type.shape.dim[-1].dim_value
    if path.suffix == ".tflite":
        from keras_resnet.export.tflite import tflite_interpreter

        interpreter = tflite_interpreter(path)
        return int(interpreter.get_output_details()[0]["shape"][-1])
    import tensorflow as tf

    serve = tf.saved_model.load(str(path)).signatures["serving_default"]
    return int(next(iter(serve.structured_outputs.values())).shape[-1])


@pytest.mark.long  # three child processes, each killed mid-export
def test_sigkill_during_export_leaves_old_or_new_and_the_next_run_cleans_up(
    tmp_path, monkeypatch, capsys
):
    """A ``python -m keras_resnet.cli export`` child is killed (SIGKILL) at three moments of one
    export over an earlier one: inside a converter, while an artifact's temporary is being
    written, and after the first artifact was replaced. Every output stays the old artifact or a
    complete new one, and the next run removes what the kills left. The earlier export and the
    next run are the same command run in this process (its temporary folder set to the children's
    ``TMPDIR``): only the kills need a child of their own."""
    out, scratch = tmp_path / "out", tmp_path / "tmp"
    scratch.mkdir()
    args = ["export", "cifar_resnet20", "--format", "tflite", "onnx", "saved_model", "-o", str(out)]
    targets = [
        out / "cifar_resnet20.tflite",
        out / "cifar_resnet20.onnx",
        out / "saved_model" / "cifar_resnet20" / "1",
    ]
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # this process's TMPDIR is the scratch
    assert cli.main([*args, "--classes", "3"]) == 0, capsys.readouterr().err[-3000:]
    old = {t: _digest(t) for t in targets}

    def converting():  # inside a converter: its temporaries live in the scratch folder
        return any(
            p.is_dir() and any(p.iterdir()) for p in scratch.glob(atomic.SCRATCH_PREFIX + "*")
        )

    def writing():  # an artifact's temporary exists beside its target
        return bool(temporaries(out))

    def published_one():  # the first artifact replaced, the others not yet
        return targets[0].exists() and _digest(targets[0]) != old[targets[0]]

    left = []
    for moment in (converting, writing, published_one):
        process = start_cli([*args, "--overwrite"], scratch)
        wait_for(process, moment)
        process.kill()
        process.communicate()
        left += temporaries(out, scratch)
        for target in targets:  # each output is the old one or a complete new one (10 classes)
            assert target.exists(), f"{target} vanished after a kill at {moment.__name__}"
            if _digest(target) != old[target]:
                assert _classes_of(target) == 10, target
    assert left, "the kills should have left temporaries for the next run to remove"
    assert cli.main([*args, "--overwrite"]) == 0, capsys.readouterr().err[-3000:]
    assert not temporaries(out, scratch), temporaries(out, scratch)
    assert all(_classes_of(t) == 10 for t in targets)


@pytest.mark.long  # two child processes export at once
def test_two_exports_racing_to_one_path_exactly_one_wins(tmp_path):
    target = tmp_path / "same.onnx"
    processes = [
        start_cli(["export", "cifar_resnet20", "--format", "onnx", "-o", str(target)], tmp_path)
        for _ in range(2)
    ]
    results = [(p.returncode, err) for p in processes for _, err in [p.communicate(timeout=240)]]
    codes = sorted(code for code, _ in results)
    assert codes[0] == 0 and codes[1] in (1, 2), results
    loser = next(err for code, err in results if code != 0)
    assert "already exists" in loser.splitlines()[-1] and "Traceback" not in loser
    assert not temporaries(tmp_path) and _classes_of(target) == 10


def _small_files():
    interruptible()
    resource.setrlimit(
        resource.RLIMIT_FSIZE, (300_000, 300_000)
    )  # a ~1 MB artifact cannot be written


@pytest.mark.long  # a child process each
@pytest.mark.parametrize("fmt", ["tflite", "saved_model"])
def test_a_full_disk_is_one_line_and_leaves_nothing(tmp_path, fmt):
    out = tmp_path / "out"
    code, _, err = run_cli(
        ["export", "cifar_resnet20", "--format", fmt, "-o", str(out / "deep" / "er")],
        tmp_path,
        preexec_fn=_small_files,
    )
    assert code == 1
    _assert_one_line_error(err)
    assert "File too large" in err.splitlines()[-1] and str(out) in err.splitlines()[-1]
    assert not out.exists(), list(out.rglob("*"))  # no partial file, no empty folders


@pytest.mark.long  # a child process
def test_ctrl_c_during_export_exits_130_with_one_line(tmp_path):
    out = tmp_path / "out"
    process = start_cli(
        ["export", "cifar_resnet20", "--format", "tflite", "onnx", "saved_model", "-o", str(out)],
        tmp_path,
    )
    # The first artifact's temporary: two more artifacts are still to come, so the signal lands
    # mid-work.
    wait_for(process, lambda: any(p.suffix == ".tflite" for p in temporaries(out)))
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err[-3000:]
    assert "Traceback" not in err and err.splitlines()[-1] == "keras-resnet export: interrupted"
    assert not temporaries(out, tmp_path)


def _read_only_command(folder: pathlib.Path, args):
    """The CLI command that sees `folder` read-only: by its mode for an ordinary user; for root
    (whom modes do not stop) in a private mount namespace where the folder is a read-only bind
    mount. Nothing outside the child changes."""
    command = [sys.executable, "-m", "keras_resnet.cli", *args]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return command
    if shutil.which("unshare") is None:
        pytest.skip("root needs unshare(1) (util-linux) to see a folder read-only")
    mount = (
        f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" '
        '&& exec "$0" "$@"'
    )
    return ["unshare", "-m", "sh", "-c", mount, *command]


def test_a_read_only_output_folder_is_one_line_before_any_work(tmp_path):
    """``export`` and ``demo`` into a read-only folder (two independent children, run at the same
    time): each fails with one line naming the folder, the demo before any training."""
    readonly = tmp_path / "ro"
    readonly.mkdir()
    start = time.monotonic()
    processes = [
        subprocess.Popen(
            _read_only_command(readonly, args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(tmp_path),
        )
        for args in (
            ["export", "cifar_resnet20", "--format", "onnx", "-o", str(readonly / "m.onnx")],
            ["demo", "-o", str(readonly / "demo")],
        )
    ]
    for process in processes:
        _, err = process.communicate(timeout=240)
        assert process.returncode == 1, err[-3000:]
        last = err.splitlines()[-1]
        assert "Traceback" not in err and str(readonly) in last, err[-3000:]
        assert "Permission denied" in last or "Read-only file system" in last, last
        assert (
            "training" not in err and time.monotonic() - start < 60
        )  # the demo fails before training
    assert list(readonly.iterdir()) == []


def test_export_into_an_existing_folder_and_overwrite_keeps_other_files(tmp_path, capsys):
    folder = tmp_path / "artifacts"
    folder.mkdir()
    (folder / "notes.txt").write_text("precious")
    argv = ["export", "cifar_resnet20", "--format", "tflite", "-o", str(folder)]
    assert cli.main(argv) == 0
    assert cli.main([*argv, "--overwrite"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["cifar_resnet20.tflite", "notes.txt"]
    assert (folder / "notes.txt").read_text() == "precious"
    assert cli.main(argv) == 2  # exists, no --overwrite: a usage error in the CLI's words
    assert (
        capsys.readouterr()
        .err.strip()
        .splitlines()[-1]
        .endswith("already exists; pass --overwrite to replace it")
    )


def test_overwrite_never_replaces_a_folder_of_other_things(tmp_path, capsys):
    version = tmp_path / "cifar_resnet20" / "1"
    version.mkdir(parents=True)
    (version / "notes.txt").write_text("precious")
    assert (
        cli.main(
            [
                "export",
                "cifar_resnet20",
                "--format",
                "saved_model",
                "-o",
                str(tmp_path),
                "--overwrite",
            ]
        )
        == 2
    )
    assert "is not a SavedModel folder (holds notes.txt)" in capsys.readouterr().err
    assert (version / "notes.txt").read_text() == "precious"
    assert (  # a file where the artifacts' folder must be: a usage error, before any work
        cli.main(["export", "cifar_resnet20", "--format", "all", "-o", str(version / "notes.txt")])
        == 2
    )
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "notes.txt: is a file" in err


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


def _lone_halves(folder):
    """OpenVINO .xml files without their .bin and .bin files without their .xml (temporaries
    left out)."""
    files = {p for p in pathlib.Path(folder).iterdir() if atomic.TMP_MARK not in p.name}
    return sorted(
        p.name
        for p in files
        if p.suffix in (".xml", ".bin")
        and p.with_suffix(".bin" if p.suffix == ".xml" else ".xml") not in files
    )


@pytest.mark.long  # a child process killed mid-export
def test_sigkill_during_an_openvino_export_leaves_no_lone_xml_or_bin(tmp_path, monkeypatch, capsys):
    """An OpenVINO artifact is a .xml and a .bin: a child killed after publishing its first pair,
    while the second is being written, leaves each pair whole or absent (its temporaries aside),
    and the next run (in this process) removes the temporaries and writes both pairs."""
    pytest.importorskip("openvino", reason="pip install 'keras-resnet[openvino]'")
    out, scratch = tmp_path / "out", tmp_path / "tmp"
    scratch.mkdir()
    args = ["export", "cifar_resnet20", "--format", "openvino", "--quantize", "float32", "float16"]
    args += ["-o", str(out)]
    process = start_cli(args, scratch)
    wait_for(process, (out / "cifar_resnet20.xml").exists)
    process.kill()
    process.communicate()
    assert not _lone_halves(out), _lone_halves(out)
    assert (out / "cifar_resnet20.bin").stat().st_size > 100_000
    assert temporaries(out, scratch), "the kill should have left temporaries to remove"
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert cli.main([*args, "--overwrite"]) == 0, capsys.readouterr().err[-3000:]
    assert "| openvino | float16 |" in capsys.readouterr().out
    assert not temporaries(out, scratch) and not _lone_halves(out)
    assert sorted(p.name for p in out.iterdir()) == [
        "cifar_resnet20.bin",
        "cifar_resnet20.xml",
        "cifar_resnet20_float16.bin",
        "cifar_resnet20_float16.xml",
    ]
