"""Weights know their model: every weights file, checkpoint, ``.keras`` file and run folder that
keras_resnet writes records the model it came from, and loading it into another architecture is
refused in one line naming both, even where every shape fits, unless the transfer is explicit.
Files without the record (plain Keras, other tools) load on their shapes as before."""

import contextlib
import io
import json
import shutil
import warnings
import zipfile

import h5py
import keras
import numpy as np
import pytest

import keras_resnet
from keras_resnet import cli, data, identity, registry, saving, variants, weights
from keras_resnet.training import checkpoints, plan, train

#: (weights of, offered to, input size): plain vs residual, V1 vs V2, B vs D, C vs D (the same
#: shapes), a CIFAR depth mismatch.
PAIRS = [
    ("cifar_plain20", "cifar_resnet20", 8),
    ("cifar_resnet20", "cifar_resnet20v2", 8),
    ("resnet18b", "resnet18d", 32),
    ("resnet18c", "resnet18d", 32),
    ("cifar_resnet20", "cifar_resnet32", 8),
]


def _model(name, size, **kwargs):
    keras.utils.set_random_seed(0)
    return keras_resnet.create_model(name, input_shape=(size, size, 3), classes=10, **kwargs)


def _saved(folder, name, size):
    """A `.weights.h5` file of `name` written by keras_resnet, and the model it came from."""
    model = _model(name, size)
    path = folder / f"{name}.weights.h5"
    weights.save_weights(model, path)
    return path, model


def _same_weights(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a.get_weights(), b.get_weights(), strict=True))


@pytest.fixture(scope="module")
def plain20(tmp_path_factory):
    """cifar_plain20's weights at 8x8 (they fit cifar_resnet20's shapes exactly)."""
    return _saved(tmp_path_factory.mktemp("plain20"), "cifar_plain20", 8)


@pytest.mark.parametrize("stored, target, size", PAIRS)
def test_weights_of_another_architecture_are_refused_in_one_line_naming_both(
    stored, target, size, tmp_path
):
    path, _ = _saved(tmp_path, stored, size)
    with pytest.raises(ValueError) as refused:
        _model(target, size, weights=str(path))
    message = str(refused.value)
    assert message.startswith(f"weights of {stored} do not fit {target} (weights='{path}': ")
    assert "allow_other_architecture=True" in message and "\n" not in message


def test_the_refusal_says_how_the_architectures_differ(plain20, tmp_path):
    with pytest.raises(ValueError, match=r"shortcut 'none', not 'zero_pad'"):
        _model("cifar_resnet20", 8, weights=str(plain20[0]))
    path, _ = _saved(tmp_path, "cifar_resnet20", 8)
    with pytest.raises(ValueError, match=r"preact False, not True"):
        _model("cifar_resnet20v2", 8, weights=str(path))


def test_the_explicit_transfer_loads_the_weights(plain20):
    path, plain = plain20
    resnet = _model("cifar_resnet20", 8, weights=str(path), allow_other_architecture=True)
    assert _same_weights(resnet, plain)
    assert identity.of_model(resnet).model == "cifar_resnet20"  # the model keeps its own


def test_loading_into_a_built_model_is_refused_unless_explicit(plain20):
    path, plain = plain20
    resnet = _model("cifar_resnet20", 8)
    before = resnet.get_weights()
    with pytest.raises(ValueError, match="^weights of cifar_plain20 do not fit cifar_resnet20 "):
        weights.load_weights(resnet, path)
    assert all(np.array_equal(a, b) for a, b in zip(before, resnet.get_weights(), strict=True))
    weights.load_weights(resnet, path, allow_other_architecture=True)
    assert _same_weights(resnet, plain)


def test_the_flag_must_be_a_bool(plain20):
    with pytest.raises(TypeError, match="received allow_other_architecture='yes'"):
        _model("cifar_resnet20", 8, weights=str(plain20[0]), allow_other_architecture="yes")


def test_weights_of_the_same_model_load_and_give_the_same_outputs(tmp_path):
    path, model = _saved(tmp_path, "cifar_resnet20", 8)
    loaded = _model("cifar_resnet20", 8, weights=str(path))
    images = np.random.default_rng(0).random((2, 8, 8, 3), dtype="float32")
    np.testing.assert_array_equal(
        loaded.predict(images, verbose=0), model.predict(images, verbose=0)
    )


def test_the_record_names_the_model_and_its_fingerprint(tmp_path):
    path, _ = _saved(tmp_path, "cifar_resnet20", 8)
    expected = identity.fingerprint(variants.MODELS["cifar_resnet20"].arch)
    with h5py.File(path, "r") as f:
        assert f.attrs["keras_resnet.model"] == "cifar_resnet20"
        assert f.attrs["keras_resnet.fingerprint"] == expected
        assert json.loads(f.attrs["keras_resnet.arch"])["shortcut"] == "zero_pad"
    assert weights.read_record(path) == identity.of_name("cifar_resnet20")


def test_the_fingerprint_ignores_the_class_count_and_the_input_size(tmp_path):
    keras.utils.set_random_seed(0)
    model = keras_resnet.create_model("cifar_resnet20", input_shape=(16, 16, 3), classes=100)
    path = tmp_path / "r20_100.weights.h5"
    weights.save_weights(model, path)
    assert weights.read_record(path) == identity.of_name("cifar_resnet20")
    with pytest.raises(ValueError, match="holds a classifier for 100 classes but classes=10"):
        _model("cifar_resnet20", 8, weights=str(path))  # the head check, not the identity's


def test_only_two_names_of_one_network_share_a_fingerprint():
    """A fingerprint is shared only by names of the same network: ResNet-18/34 and their B forms
    (a basic block has no 1x1 conv to move the stride from)."""
    names_of = {}
    for name, entry in variants.MODELS.items():
        names_of.setdefault(identity.fingerprint(entry.arch), []).append(name)
    shared = sorted(sorted(names) for names in names_of.values() if len(names) > 1)
    assert shared == [["resnet18", "resnet18b"], ["resnet34", "resnet34b"]]


def test_weights_of_the_same_network_under_another_name_load(tmp_path):
    path, model = _saved(tmp_path, "resnet18", 32)
    assert _same_weights(_model("resnet18b", 32, weights=str(path)), model)


def test_a_file_from_plain_keras_loads_on_its_shapes_as_before(tmp_path):
    keras.utils.set_random_seed(0)
    plain = _model("cifar_plain20", 8)
    path = tmp_path / "plain_keras.weights.h5"
    plain.save_weights(path)  # Keras' own: no record
    assert weights.read_record(path) is None
    assert _same_weights(_model("cifar_resnet20", 8, weights=str(path)), plain)
    with pytest.raises(ValueError, match="does not fit model 'cifar_resnet32': .* could not be"):
        _model("cifar_resnet32", 8, weights=str(path))  # the shape checks remain


def test_a_file_whose_record_was_removed_loads_on_its_shapes(plain20, tmp_path):
    path = tmp_path / "no_record.weights.h5"
    shutil.copy(plain20[0], path)
    assert weights.read_record(path) is not None
    with h5py.File(path, "a") as f:
        for key in [k for k in f.attrs if k.startswith("keras_resnet.")]:
            del f.attrs[key]
    assert weights.read_record(path) is None
    assert _same_weights(_model("cifar_resnet20", 8, weights=str(path)), plain20[1])


def test_a_keras_file_keeps_the_record_and_plain_keras_still_loads_it(tmp_path):
    model = _model("cifar_plain20", 8)
    path = tmp_path / "plain20.keras"
    saving.save_model(model, path)
    with zipfile.ZipFile(path) as archive:
        assert json.loads(archive.read(saving.RECORD))["model"] == "cifar_plain20"
    images = np.random.default_rng(0).random((2, 8, 8, 3), dtype="float32")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning either
        plain_keras = keras.saving.load_model(path)
    np.testing.assert_array_equal(
        plain_keras.predict(images, verbose=0), model.predict(images, verbose=0)
    )
    loaded = saving.load_model(path)
    assert identity.of_model(loaded) == identity.of_name("cifar_plain20")
    again = tmp_path / "from_keras_file.weights.h5"
    weights.save_weights(loaded, again)  # the loaded model passes its identity on
    with pytest.raises(ValueError, match="^weights of cifar_plain20 do not fit cifar_resnet20 "):
        _model("cifar_resnet20", 8, weights=str(again))


def _cli(argv, capsys):
    """``(exit status, stderr lines)`` of the command line."""
    code = cli.main(argv)
    return code, capsys.readouterr().err.strip().splitlines()


@pytest.mark.parametrize(
    "command",
    [
        ["predict", "cifar_resnet20"],
        ["lesion", "cifar_resnet20", "--input-size", "8"],
        ["train", "cifar_resnet20", "--input-size", "8", "--epochs", "1"],
    ],
)
def test_the_command_line_refuses_them_in_one_line_before_any_work(
    command, plain20, tmp_path, capsys
):
    """Exit status 2: a usage error found before the work starts."""
    argv = [*command, "--weights", str(plain20[0])]
    if command[0] == "train":
        argv += ["--output", str(tmp_path / "run")]
    code, err = _cli(argv, capsys)
    assert code == 2 and len(err) == 1, err
    assert err[0].startswith(
        f"keras-resnet {command[0]}: error: weights of cifar_plain20 do not fit cifar_resnet20 "
    )
    assert "pass --allow-other-architecture" in err[0]


def test_the_command_line_transfer_is_explicit(plain20, tmp_path, capsys):
    argv = ["lesion", "cifar_resnet20", "--weights", str(plain20[0]), "--input-size", "8"]
    argv += ["--limit", "8", "--json", str(tmp_path / "lesion.json")]
    code, err = _cli([*argv, "--allow-other-architecture"], capsys)
    assert code == 0, err
    assert len(json.loads((tmp_path / "lesion.json").read_text())["rows"]) == 9


# ---- run folders ----


def _train(model, output, **kwargs):
    (x, y), _ = data.digits(8)
    with contextlib.redirect_stderr(io.StringIO()):
        settings = dict(epochs=1, batch_size=16, augment="none", tensorboard=False, verbose=0)
        return train(model, (x[:32], y[:32]), output_dir=output, seed=0, **{**settings, **kwargs})


@pytest.fixture(scope="module")
def resnet20_run(tmp_path_factory):
    """A finished one-epoch run of cifar_resnet20 on 32 digits."""
    output = tmp_path_factory.mktemp("resnet20_run")
    _train("cifar_resnet20", output)
    keras.backend.clear_session()
    return output


def test_a_run_records_its_model_in_every_file_and_resumes_as_that_model(resnet20_run, tmp_path):
    resnet20 = identity.of_name("cifar_resnet20")
    recorded = json.loads((resnet20_run / "backup" / "run.json").read_text())
    assert (recorded["model"], recorded["fingerprint"]) == ("cifar_resnet20", resnet20.fingerprint)
    assert weights.read_record(resnet20_run / "final.weights.h5") == resnet20
    saved = checkpoints.saved(resnet20_run / "backup")
    assert saved and all(weights.read_record(path) == resnet20 for _, path in saved)
    output = tmp_path / "run"
    shutil.copytree(resnet20_run, output)
    result = _train("cifar_resnet20", output)  # its own folder: not refused
    assert result.already_complete and result.start_epoch == 1


@pytest.fixture
def nothing_read(monkeypatch):
    """Reading the data or building a model fails the test: the folder is checked first."""

    def refuse(*args, **kwargs):
        raise AssertionError("data were read or a model built before the folder was checked")

    monkeypatch.setattr(plan, "resolve", refuse)
    monkeypatch.setattr(registry, "create_model", refuse)


def test_a_run_folder_of_another_model_is_refused_before_any_work(resnet20_run, nothing_read):
    with pytest.raises(ValueError) as refused:
        _train("cifar_resnet32", resnet20_run)
    message = str(refused.value)
    assert message.startswith(
        f"output_dir {str(resnet20_run)!r} holds a run of cifar_resnet20, not cifar_resnet32 "
        "(depths [3, 3, 3], not [5, 5, 5])"
    )


def test_a_folder_whose_run_json_predates_the_record_is_judged_by_its_checkpoints(
    resnet20_run, tmp_path, nothing_read
):
    output = tmp_path / "run"
    shutil.copytree(resnet20_run, output)
    record = output / "backup" / "run.json"
    facts = json.loads(record.read_text())
    record.write_text(json.dumps({k: facts[k] for k in ("steps_per_epoch", "global_batch")}))
    with pytest.raises(ValueError, match="holds a run of cifar_resnet20, not cifar_plain20 "):
        _train("cifar_plain20", output)


def test_the_command_line_refuses_a_run_folder_of_another_model(resnet20_run, capsys, monkeypatch):
    monkeypatch.setattr(plan, "resolve", lambda *a, **k: pytest.fail("data were read"))
    argv = ["train", "cifar_resnet32", "--input-size", "8", "--output", str(resnet20_run)]
    code, err = _cli(argv, capsys)
    assert code == 2 and len(err) == 1, err
    assert err[0].startswith(
        f"keras-resnet train: error: output_dir {str(resnet20_run)!r} holds a run of "
        "cifar_resnet20, not cifar_resnet32 "
    )


def test_fine_tuning_from_another_architecture_is_refused_unless_explicit(plain20, tmp_path):
    with pytest.raises(ValueError, match="^weights of cifar_plain20 do not fit cifar_resnet20 "):
        _train("cifar_resnet20", tmp_path / "refused", weights=str(plain20[0]))
    assert not (tmp_path / "refused").exists()
    output = tmp_path / "transfer"
    result = _train(
        "cifar_resnet20",
        output,
        weights=str(plain20[0]),
        allow_other_architecture=True,
        epochs=2,
        head_epochs=1,
    )
    assert result.epochs_run == 1 and (output / "final.keras").is_file()
    assert saving.read_identity(output / "final.keras") == identity.of_name("cifar_resnet20")


pytest.importorskip("tf2onnx", reason="pip install 'keras-resnet[export]'")


def test_corrupt_and_foreign_model_files_are_named(tmp_path, capsys):
    import keras_resnet

    garbage = tmp_path / "garbage.keras"
    garbage.write_bytes(b"not a zip archive")
    assert cli.main(["export", str(garbage), "-o", str(tmp_path / "x")]) == 2
    assert "is not a readable .keras file" in capsys.readouterr().err
    keras_resnet.CifarResNet20().save_weights(tmp_path / "c20.weights.h5")
    with pytest.raises(ValueError) as error:
        keras_resnet.create_model("cifar_resnet32", weights=str(tmp_path / "c20.weights.h5"))
    message = str(error.value)
    assert (
        len(message.splitlines()) == 1
        and "could not be loaded" in message
        and "(3, 3, 16, 32)" in message
    )
    with pytest.raises(
        TypeError,
        match=(
            r"create_model\('resnet18'\) got an unexpected keyword argument 'clases'; "
            r"did you mean 'classes'"
        ),
    ):
        keras_resnet.create_model("resnet18", clases=10)
    with pytest.raises(
        TypeError,
        match=r"ResNet50D\(\) got an unexpected keyword argument 'clases'; did you mean 'classes'",
    ):
        keras_resnet.ResNet50D(clases=10)
