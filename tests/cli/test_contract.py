"""The command line's contract, command by command: options before, between and after the
positionals; and one exit status per kind of fault (`keras_resnet.cli.EXIT_CODES`): 2 for what
can be checked before the work (flags, values, paths, names, empty inputs, weights that are no
weights or do not fit), 1 for what fails during it (I/O, corrupt content met on the way,
downloads), 130 for Ctrl-C; each with one line on stderr naming the file or flag, and nothing
half-written left behind.

Each case fails before any work, most of them before a model is built. A Ctrl-C is a
KeyboardInterrupt raised by the command's work function (the signal itself is tested on a real
process in tests/cli/test_export.py and tests/cli/test_train.py)."""

import hashlib
import pathlib
import re
import time

import numpy as np
import pytest

from keras_resnet import cli, downloads
from tests.checkpoints import offline_hub

# --- Options anywhere ---------------------------------------------------------------------------

#: command -> (positionals, two options, what the Namespace holds); options of one value each (a
#: list-valued option before a positional would take it as one more value, as argparse does)
_PARSED = {
    "list": (
        ["resnet50*"],
        ["--details"],
        ["--verbose"],
        {"pattern": "resnet50*", "details": True},
    ),
    "info": (["resnet18"], ["--input-size", "64"], ["--json"], {"model": "resnet18", "json": True}),
    "export": (
        ["cifar_resnet20"],
        ["--calibration-size", "8"],
        ["-o", "out"],
        {"model": "cifar_resnet20", "calibration_size": 8, "output": "out"},
    ),
    "optimize": (
        ["m.keras"],
        ["--method", "prune"],
        ["--data", "d", "-o", "o"],
        {"model": "m.keras", "method": "prune", "data": "d", "output": "o"},
    ),
    "convert-weights": (
        ["w.pth"],
        ["--model", "resnet18"],
        ["-o", "o.weights.h5"],
        {"source": "w.pth", "model": "resnet18", "output": "o.weights.h5"},
    ),
    "presets": ([], ["--model", "resnet50"], ["--json"], {"model": "resnet50", "json": True}),
    "predict": (
        ["resnet50", "a.jpg", "b.jpg"],
        ["--weights", "w.safetensors"],
        ["--top", "3"],
        {"model": "resnet50", "images": ["a.jpg", "b.jpg"], "weights": "w.safetensors", "top": 3},
    ),
    "train": (
        ["cifar_resnet20"],
        ["--data", "digits"],
        ["-o", "run"],
        {"model": "cifar_resnet20", "data": "digits", "output": "run"},
    ),
    "demo": ([], ["-o", "d"], ["--epochs", "2"], {"output": "d", "epochs": 2}),
    "benchmark": (
        ["cifar_resnet20"],
        ["--batch", "2"],
        ["--json", "b.json"],
        {"model": "cifar_resnet20", "batch": 2, "json": "b.json"},
    ),
    "lesion": (
        ["cifar_resnet20"],
        ["--plot", "p.png"],
        ["--limit", "10"],
        {"model": "cifar_resnet20", "plot": "p.png", "limit": 10},
    ),
    "save-pretrained": (
        ["run", "out"],
        ["--preprocessing", "unit"],
        ["--dataset", "d"],
        {"source": "run", "folder": "out", "preprocessing": "unit", "dataset": "d"},
    ),
    "push": (
        ["f", "me/r"],
        ["--revision", "v1"],
        ["--commit-message", "m"],
        {"folder": "f", "repo_id": "me/r", "revision": "v1", "commit_message": "m"},
    ),
}


def _placed(command, where):
    """The command line of `command` with its options first, between (around the first
    positional), or last."""
    positionals, first, second, _ = _PARSED[command]
    if where == "first":
        return [command, *first, *second, *positionals]
    if where == "between":
        return [command, *positionals[:1], *first, *positionals[1:], *second]
    return [command, *positionals, *first, *second]


def test_every_command_is_in_the_placement_table():
    assert set(_PARSED) == set(cli.COMMANDS)


@pytest.mark.parametrize("where", ["first", "between", "last"])
@pytest.mark.parametrize("command", sorted(_PARSED))
def test_options_are_taken_before_between_and_after_the_positionals(command, where):
    args = cli.build_parser().parse_args(_placed(command, where))
    expected = _PARSED[command][3]
    assert args.command == command
    assert {k: getattr(args, k) for k in expected} == expected


def test_the_readme_form_of_predict_parses():
    args = cli.build_parser().parse_args(
        ["predict", "resnet50", "--weights", "w.safetensors", "a.jpg", "b.jpg"]
    )
    assert (args.model, args.weights, args.images) == (
        "resnet50",
        "w.safetensors",
        ["a.jpg", "b.jpg"],
    )


# --- One exit status per fault ------------------------------------------------------------------


@pytest.fixture(scope="module")
def cifar20_weights(tmp_path_factory):
    """A CIFAR ResNet-20's weights: they fit cifar_resnet20, not cifar_resnet32."""
    import keras_resnet

    path = tmp_path_factory.mktemp("weights") / "c20.weights.h5"
    keras_resnet.CifarResNet20().save_weights(path)
    return path


@pytest.fixture
def workspace(tmp_path, monkeypatch, cifar20_weights):
    """A folder to run in, with the inputs the cases name: a random binary, an empty folder, a
    file where a folder is expected, an image folder of two classes, an image that does not
    decode, weights of cifar_resnet20; and a Hub cache that is empty and offline."""
    monkeypatch.chdir(tmp_path)
    pathlib.Path("rand.bin").write_bytes(np.random.default_rng(0).bytes(4096))
    pathlib.Path("empty").mkdir()
    pathlib.Path("afile").write_text("a file, not a folder")
    for name in ("cat", "dog"):
        pathlib.Path("images", name).mkdir(parents=True)
        pathlib.Path("images", name, "a.png").write_bytes(b"listed, never opened")
    pathlib.Path("junk").mkdir()
    pathlib.Path("junk", "junk.jpg").write_bytes(b"not a JPEG")
    pathlib.Path("c20.weights.h5").write_bytes(cifar20_weights.read_bytes())
    offline_hub(monkeypatch, tmp_path / "hub_cache")
    return tmp_path


def _digest(path):
    path = pathlib.Path(path)
    if not path.exists():
        return None
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return hashlib.sha256(b"".join(str(f).encode() + f.read_bytes() for f in files)).hexdigest()


def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt


class _Interrupting:
    """A classifier whose work is interrupted."""

    def predict(self, *args, **kwargs):
        raise KeyboardInterrupt


def _offline_cifar(monkeypatch):
    import keras

    def offline():
        raise OSError("[Errno -2] Name or service not known")

    monkeypatch.setattr(keras.datasets.cifar10, "load_data", offline)


_HUB = "hf-hub:timm/resnet18.unlisted_in1k"  # not listed: its config.json is fetched first


def _case(command, fault, argv, code, names, *, output=None, before=None, patch=None):
    """One row: `argv` of `command` (after the command) exits `code` with one line naming each of
    `names`; `output` is unchanged afterwards (absent, or the content it had); `before` makes the
    output exist first; `patch` is ``(module, attribute, value)`` or a function of monkeypatch."""
    return pytest.param(
        [command, *argv], code, names, output, before, patch, id=f"{command}-{fault}"
    )


def _write_file(path):
    pathlib.Path(path).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(path).write_text("an earlier output")


_CASES = [
    # predict
    _case("predict", "bad-value", ["resnet18", "--top", "0"], 2, ["--top"]),
    _case("predict", "missing-model-file", ["missing.keras", "afile"], 2, ["missing.keras"]),
    _case(
        "predict",
        "random-binary-weights",
        ["cifar_resnet20", "--weights", "rand.bin", "afile"],
        2,
        ["rand.bin"],
    ),
    _case(
        "predict",
        "weights-that-do-not-fit",
        ["cifar_resnet32", "--weights", "c20.weights.h5", "afile"],
        2,
        ["c20.weights.h5"],
    ),
    _case(
        "predict",
        "image-that-does-not-decode",
        ["cifar_resnet20", "--weights", "c20.weights.h5", "junk/junk.jpg"],
        1,
        ["junk.jpg"],
    ),
    _case("predict", "offline-hub", ["resnet18", "--weights", _HUB, "afile"], 1, [_HUB]),
    _case(
        "predict",
        "ctrl-c",
        ["cifar_resnet20", "--weights", "c20.weights.h5", "afile"],
        130,
        [],
        patch=("keras_resnet.predict", "from_model", lambda model: _Interrupting()),
    ),
    # presets
    _case("presets", "unknown-model", ["--model", "resnet5d"], 2, ["resnet5d"]),
    _case(
        "presets",
        "ctrl-c",
        [],
        130,
        [],
        patch=("keras_resnet.presets", "presets_table", _interrupt),
    ),
    # export
    _case(
        "export", "bad-value", ["cifar_resnet20", "--format", "bogus", "-o", "o.onnx"], 2, ["bogus"]
    ),
    _case(
        "export",
        "missing-calibration-data",
        ["cifar_resnet20", "--quantize", "int8", "--calibration-data", "missing", "-o", "o.onnx"],
        2,
        ["--calibration-data", "missing"],
        output="o.onnx",
    ),
    _case(
        "export",
        "output-exists",
        ["cifar_resnet20", "--format", "onnx", "-o", "o.onnx"],
        2,
        ["o.onnx", "--overwrite"],
        output="o.onnx",
        before=_write_file,
    ),
    _case(
        "export",
        "output-under-a-file",
        ["cifar_resnet20", "--format", "onnx", "-o", "afile/o.onnx"],
        2,
        ["afile"],
    ),
    _case("export", "empty-output", ["cifar_resnet20", "-o", ""], 2, ["--output"]),
    _case(
        "export",
        "random-binary-weights",
        ["cifar_resnet20", "--weights", "rand.bin", "-o", "o.onnx"],
        2,
        ["rand.bin"],
        output="o.onnx",
    ),
    _case(
        "export",
        "empty-calibration-folder",
        ["cifar_resnet20", "--format", "tflite", "--quantize", "int8"]
        + ["--calibration-data", "empty", "-o", "o.tflite"],
        2,
        ["--calibration-data", "empty"],
        output="o.tflite",
    ),
    _case(
        "export",
        "image-that-does-not-decode",
        ["cifar_resnet20", "--format", "tflite", "--quantize", "int8"]
        + ["--calibration-data", "junk", "-o", "o.tflite"],
        1,
        ["junk"],
        output="o.tflite",
    ),
    _case(
        "export",
        "offline-hub",
        ["resnet18", "--weights", _HUB, "-o", "o.onnx"],
        1,
        [_HUB],
        output="o.onnx",
    ),
    _case(
        "export",
        "ctrl-c",
        ["cifar_resnet20", "--format", "onnx", "-o", "o.onnx"],
        130,
        [],
        output="o.onnx",
        patch=("keras_resnet.export", "export", _interrupt),
    ),
    # optimize
    _case(
        "optimize", "bad-value", ["m.keras", "--method", "bogus", "--data", "d", "-o", "o"], 2, []
    ),
    _case(
        "optimize",
        "missing-model-file",
        ["missing.keras", "--method", "prune", "-o", "o", "--data", "digits"],
        2,
        ["missing.keras"],
        output="o",
    ),
    _case(
        "optimize",
        "output-exists",
        ["cifar_resnet20", "--method", "prune", "--data", "digits", "-o", "o"],
        2,
        ["cifar_resnet20_pruned.keras", "--overwrite"],
        output="o",
        before=lambda out: _write_file(pathlib.Path(out, "cifar_resnet20_pruned.keras")),
    ),
    _case(
        "optimize",
        "output-under-a-file",
        ["cifar_resnet20", "--method", "prune", "--data", "digits", "-o", "afile/o"],
        2,
        ["afile"],
    ),
    _case(
        "optimize",
        "empty-data-folder",
        ["cifar_resnet20", "--method", "prune", "--data", "empty", "-o", "o"],
        2,
        ["--data", "empty"],
        output="o",
    ),
    _case(
        "optimize",
        "offline-hub",
        ["resnet18", "--weights", _HUB, "--method", "prune", "--data", "digits", "-o", "o"],
        1,
        [_HUB],
        output="o",
    ),
    _case(
        "optimize",
        "ctrl-c",
        ["cifar_resnet20", "--method", "prune", "--data", "digits", "-o", "o"],
        130,
        [],
        output="o",
        patch=("keras_resnet.optimize", "fine_tune", _interrupt),
    ),
    # convert-weights
    _case(
        "convert-weights",
        "bad-value",
        ["rand.bin", "--model", "cifar_resnet20", "-o", "o.h5"],
        2,
        ["--output", "o.h5"],
        output="o.h5",
    ),
    _case(
        "convert-weights",
        "missing-source",
        ["missing.pth", "--model", "cifar_resnet20", "-o", "o.weights.h5"],
        2,
        ["missing.pth"],
        output="o.weights.h5",
    ),
    _case(
        "convert-weights",
        "output-exists",
        ["c20.weights.h5", "--model", "cifar_resnet20", "-o", "o.weights.h5"],
        2,
        ["o.weights.h5", "--overwrite"],
        output="o.weights.h5",
        before=_write_file,
    ),
    _case(
        "convert-weights",
        "output-under-a-file",
        ["c20.weights.h5", "--model", "cifar_resnet20", "-o", "afile/o.weights.h5"],
        2,
        ["afile"],
    ),
    _case(
        "convert-weights",
        "random-binary-source",
        ["rand.bin", "--model", "cifar_resnet20", "-o", "o.weights.h5"],
        2,
        ["rand.bin"],
        output="o.weights.h5",
    ),
    _case(
        "convert-weights",
        "source-that-does-not-fit",
        ["c20.weights.h5", "--model", "cifar_resnet32", "-o", "o.weights.h5"],
        2,
        ["c20.weights.h5"],
        output="o.weights.h5",
    ),
    _case(
        "convert-weights",
        "offline-hub",
        [_HUB, "--model", "resnet18", "-o", "o.weights.h5"],
        1,
        [_HUB],
        output="o.weights.h5",
    ),
    _case(
        "convert-weights",
        "ctrl-c",
        ["c20.weights.h5", "--model", "cifar_resnet20", "-o", "o.weights.h5"],
        130,
        [],
        output="o.weights.h5",
        patch=("keras_resnet.registry", "create_model", _interrupt),
    ),
    # train
    _case(
        "train", "bad-value", ["cifar_resnet20", "--recipe", "bogus", "-o", "r"], 2, ["--recipe"]
    ),
    _case(
        "train",
        "missing-data",
        ["cifar_resnet20", "--data", "missing", "-o", "r"],
        2,
        ["--data", "missing"],
        output="r",
    ),
    _case("train", "output-is-a-file", ["cifar_resnet20", "-o", "afile"], 2, ["afile"]),
    _case("train", "output-under-a-file", ["cifar_resnet20", "-o", "afile/r"], 2, ["afile"]),
    _case(
        "train",
        "empty-data-folder",
        ["cifar_resnet20", "--data", "empty", "-o", "r"],
        2,
        ["--data", "empty"],
        output="r",
    ),
    _case(
        "train",
        "limit-on-files",
        ["cifar_resnet20", "--data", "images", "--limit", "3", "-o", "r"],
        2,
        ["--limit", "--data"],
        output="r",
    ),
    _case(
        "train",
        "offline-cifar",
        ["cifar_resnet20", "--data", "cifar10", "-o", "r"],
        1,
        ["CIFAR-10", "--data"],
        output="r",
        patch=_offline_cifar,
    ),
    _case(
        "train",
        "offline-hub",
        ["resnet18", "--weights", _HUB, "--data", "digits", "-o", "r"],
        1,
        [_HUB],
        output="r",
    ),
    _case(
        "train",
        "ctrl-c",
        ["cifar_resnet20", "--data", "digits", "-o", "r"],
        130,
        [],
        output="r",
        patch=("keras_resnet.training", "train", _interrupt),
    ),
    # demo
    _case("demo", "bad-value", ["--formats", "bogus", "-o", "d"], 2, ["--formats"], output="d"),
    _case("demo", "output-under-a-file", ["-o", "afile/d"], 2, ["afile"]),
    _case(
        "demo",
        "ctrl-c",
        ["-o", "d"],
        130,
        [],
        output="d",
        patch=("keras_resnet.demo", "run", _interrupt),
    ),
    # benchmark
    _case("benchmark", "bad-value", ["cifar_resnet20", "--formats", "bogus"], 2, ["--formats"]),
    _case(
        "benchmark",
        "missing-data",
        ["cifar_resnet20", "--data", "missing.npy", "--json", "b.json"],
        2,
        ["--data", "missing.npy"],
        output="b.json",
    ),
    _case(
        "benchmark",
        "json-under-a-file",
        ["cifar_resnet20", "--json", "afile/b.json"],
        2,
        ["afile"],
    ),
    _case(
        "benchmark",
        "output-under-a-file",
        ["cifar_resnet20", "--output", "afile/artifacts"],
        2,
        ["afile"],
    ),
    _case(
        "benchmark",
        "random-binary-data",
        ["cifar_resnet20", "--data", "rand.bin", "--json", "b.json"],
        2,
        ["--data", "rand.bin"],
        output="b.json",
    ),
    _case(
        "benchmark",
        "random-binary-weights",
        ["cifar_resnet20", "--weights", "rand.bin", "--json", "b.json"],
        2,
        ["rand.bin"],
        output="b.json",
    ),
    _case(
        "benchmark",
        "offline-hub",
        ["resnet18", "--weights", _HUB, "--json", "b.json"],
        1,
        [_HUB],
        output="b.json",
    ),
    _case(
        "benchmark",
        "ctrl-c",
        ["cifar_resnet20", "--json", "b.json"],
        130,
        [],
        output="b.json",
        patch=("keras_resnet.benchmark", "benchmark", _interrupt),
    ),
    # lesion
    _case("lesion", "bad-value", ["cifar_resnet20", "--batch-size", "0"], 2, ["--batch-size"]),
    _case(
        "lesion",
        "missing-data",
        ["cifar_resnet20", "--data", "missing", "--json", "l.json"],
        2,
        ["--data", "missing"],
        output="l.json",
    ),
    _case("lesion", "plot-under-a-file", ["cifar_resnet20", "--plot", "afile/p.png"], 2, ["afile"]),
    _case(
        "lesion", "json-under-a-file", ["cifar_resnet20", "--json", "afile/l.json"], 2, ["afile"]
    ),
    _case(
        "lesion",
        "empty-data-folder",
        ["cifar_resnet20", "--data", "empty", "--json", "l.json"],
        2,
        ["--data", "empty"],
        output="l.json",
    ),
    _case(
        "lesion",
        "random-binary-weights",
        ["cifar_resnet20", "--weights", "rand.bin", "--json", "l.json"],
        2,
        ["rand.bin"],
        output="l.json",
    ),
    _case(
        "lesion",
        "weights-that-do-not-fit",
        ["cifar_resnet32", "--weights", "c20.weights.h5", "--json", "l.json"],
        2,
        ["c20.weights.h5"],
        output="l.json",
    ),
    _case(
        "lesion",
        "offline-cifar",
        ["cifar_resnet20", "--data", "cifar10", "--json", "l.json"],
        1,
        ["CIFAR-10", "--data"],
        output="l.json",
        patch=_offline_cifar,
    ),
    _case(
        "lesion",
        "ctrl-c",
        ["cifar_resnet20", "--weights", "c20.weights.h5", "--plot", "p.png", "--json", "l.json"],
        130,
        [],
        output="p.png",
        patch=("keras_resnet.analysis", "lesion_study", _interrupt),
    ),
]


def _model_folder(path):
    """A folder as `keras_resnet.sharing.save_pretrained` writes it (config and Keras weights)."""
    folder = pathlib.Path(path)
    folder.mkdir()
    (folder / "config.json").write_text('{"num_classes": 10, "keras_resnet": {}}')
    (folder / "model.weights.h5").write_bytes(pathlib.Path("c20.weights.h5").read_bytes())


_CASES += [
    # save-pretrained
    _case("save-pretrained", "not-a-run-folder", ["empty", "out"], 2, ["empty"], output="out"),
    _case(
        "save-pretrained",
        "output-exists",
        ["cifar_resnet20", "afile", "--preprocessing", "unit"],
        2,
        ["afile", "--overwrite"],
        output="afile",
    ),
    _case(
        "save-pretrained",
        "preprocessing-unknown",
        ["cifar_resnet20", "out"],
        2,
        ["--preprocessing"],
        output="out",
    ),
    _case(
        "save-pretrained",
        "weights-that-do-not-fit",
        ["cifar_resnet32", "out", "--weights", "c20.weights.h5", "--preprocessing", "unit"],
        2,
        ["c20.weights.h5"],
        output="out",
    ),
    _case(
        "save-pretrained",
        "ctrl-c",
        ["cifar_resnet20", "out", "--preprocessing", "unit"],
        130,
        [],
        output="out",
        patch=("keras_resnet.sharing", "save_pretrained", _interrupt),
    ),
    # push
    _case("push", "not-a-model-folder", ["empty", "me/r"], 2, ["FOLDER 'empty'"]),
    _case(
        "push",
        "not-a-repository-name",
        ["f", "not a repo"],
        2,
        ["REPO_ID 'not a repo'"],
        output="f",
        before=_model_folder,
    ),
    _case(
        "push", "offline", ["f", "me/r"], 1, ["HF_HUB_OFFLINE=1"], output="f", before=_model_folder
    ),
]

#: a Python argument (``folder=``, ``limit=``), which a command's message names as its flag
_PYTHON_ARGUMENT = re.compile(r"(?<![-\w])[a-z][a-z_]*=")


def _main(argv):
    try:
        return cli.main(argv)
    except SystemExit as done:  # argparse's own usage errors
        return done.code


def _apply(patch, monkeypatch):
    if callable(patch):
        patch(monkeypatch)
    elif patch is not None:
        module, attribute, value = patch
        monkeypatch.setattr(f"{module}.{attribute}", value)


def test_every_command_that_works_has_its_faults_in_the_table():
    covered = {p.values[0][0] for p in _CASES}
    assert covered == set(cli.COMMANDS) - {"list", "info"}


@pytest.mark.parametrize("argv, code, names, output, before, patch", _CASES)
def test_each_fault_has_its_exit_status_and_one_line(
    workspace, monkeypatch, capsys, argv, code, names, output, before, patch
):
    if before is not None:
        before(output)
    kept = _digest(output) if output else None
    _apply(patch, monkeypatch)
    start = time.monotonic()
    assert _main(argv) == code, capsys.readouterr().err
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith(f"keras-resnet {argv[0]}: "), line
    if code == 130:
        assert line == f"keras-resnet {argv[0]}: interrupted"
    assert all(name in line for name in names), (names, line)
    assert not _PYTHON_ARGUMENT.search(line), line
    if output is not None:
        assert _digest(output) == kept, f"{output} changed"
    assert time.monotonic() - start < 60


# --- The Hub: a repository that does not exist fails at once ------------------------------------


def test_a_missing_hub_repository_is_one_line_at_once_without_a_retry(
    workspace, monkeypatch, capsys
):
    import httpx2
    import huggingface_hub
    from huggingface_hub.errors import RepositoryNotFoundError

    calls = []

    def not_found(repo_id, filename, **kwargs):
        calls.append((repo_id, filename))
        url = f"https://huggingface.co/{repo_id}/resolve/main/{filename}"
        response = httpx2.Response(404, request=httpx2.Request("HEAD", url))
        raise RepositoryNotFoundError(
            f"404 Client Error. Repository Not Found for url: {url}", response=response
        )

    monkeypatch.setattr(huggingface_hub, "hf_hub_download", not_found)
    for argv in (
        ["predict", "resnet18", "--weights", "hf-hub:timm/doesnotexist", "afile"],
        [
            "convert-weights",
            "hf-hub:timm/doesnotexist",
            "--model",
            "resnet18",
            "-o",
            "w.weights.h5",
        ],
    ):
        calls.clear()
        assert _main(argv) == 1
        (line,) = capsys.readouterr().err.strip().splitlines()
        assert "timm/doesnotexist" in line and "no such repository on the Hub" in line, line
        assert "hf download" not in line  # no command fetches what does not exist
        assert calls == [("timm/doesnotexist", "config.json")]
    assert not pathlib.Path("w.weights.h5").exists()


def test_a_download_error_exits_1_wherever_it_is_raised():
    error = downloads.DownloadError("could not get it")
    assert cli._exit_code(error, started=False) == 1
    assert cli._exit_code(ConnectionError("reset"), started=False) == 1
    assert cli._exit_code(ValueError("bad value"), started=False) == 2
    assert cli._exit_code(ValueError("corrupt content"), started=True) == 1
    assert cli._exit_code(FileNotFoundError(2, "missing", "x"), started=False) == 2
    assert cli._exit_code(PermissionError(13, "denied", "x"), started=False) == 1
    assert cli._exit_code(KeyboardInterrupt(), started=True) == 130


# --- Messages in the command line's words -------------------------------------------------------


@pytest.mark.parametrize(
    "message, command, expected",
    [
        (
            "CIFAR-10 could not be downloaded (offline); download the binary version and pass "
            "folder=<its extracted folder>",
            "lesion",
            "pass --data=<its extracted folder>",
        ),
        (
            "a limit applies to arrays (digits, CIFAR, .npz), not to files; received limit=3 "
            "with --data='images'",
            "train",
            "received --limit=3 with --data='images'",
        ),
        ("weights='x.bin' is not a checkpoint", "convert-weights", "SOURCE 'x.bin' is not"),
        ("model='m.keras' is not an existing .keras file", "export", "MODEL 'm.keras' is not"),
        (
            "quantize='int8' needs calibration_data",
            "export",
            "--quantize='int8' needs --calibration",
        ),
        ("already exists; pass overwrite=True to replace it", "optimize", "pass --overwrite to"),
    ],
)
def test_messages_name_the_flags_not_python_arguments(message, command, expected):
    parser = cli.build_parser()
    (subparsers,) = [a for a in parser._actions if a.dest == "command"]
    command_parser = subparsers.choices[command]
    command_parser.format_usage()  # adds the command's arguments
    assert expected in cli._flag_words(message, command_parser)


# --- An empty output path -----------------------------------------------------------------------


def test_an_empty_export_path_is_refused_by_name(tmp_path, monkeypatch):
    import keras_resnet
    from keras_resnet import export

    monkeypatch.chdir(tmp_path)
    model = keras_resnet.CifarResNet20(classes=3)
    with pytest.raises(ValueError, match=r"path='' is empty"):
        export.export(model, "", format="onnx")
    assert list(tmp_path.iterdir()) == []


pytest.importorskip("tf2onnx", reason="pip install 'keras-resnet[export]'")


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "cifar_resnet20", "--input-size", "0", "-o", "x"],
        ["export", "cifar_resnet20", "--classes", "0", "-o", "x"],
        ["export", "cifar_resnet20", "--calibration-size", "0", "-o", "x"],
        ["train", "cifar_resnet20", "--batch-size", "0", "-o", "x"],
        ["train", "cifar_resnet20", "--epochs", "0", "-o", "x"],
        ["train", "cifar_resnet20", "--limit", "0", "-o", "x"],
        ["train", "cifar_resnet20", "--limit", "-5", "-o", "x"],
        ["train", "cifar_resnet20", "--save-freq", "0", "-o", "x"],
        ["benchmark", "cifar_resnet20", "--batch", "-2"],
        ["benchmark", "cifar_resnet20", "--batch", "0"],
        ["benchmark", "cifar_resnet20", "--repeats", "0"],
        ["demo", "--epochs", "0"],
        ["optimize", "m.keras", "--method", "qat", "--data", "d", "-o", "x", "--sparsity", "1.5"],
    ],
)
def test_counts_out_of_range_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "error: argument" in err and "received" in err, err


def test_cli_errors_name_flags_not_api_arguments(tmp_path, capsys):
    assert (
        cli.main(
            [
                "export",
                "cifar_resnet20",
                "--format",
                "tflite",
                "--quantize",
                "int8",
                "-o",
                str(tmp_path / "m.tflite"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err.strip()
    assert "--calibration-data" in err and "calibration_data" not in err, err
