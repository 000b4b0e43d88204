"""`keras-resnet train`, `lesion` and `optimize` read --data through one resolver, so each takes
every form: the digits, a CIFAR binary folder, an image folder, an .npz file and TFRecord shards
(tiny sizes: 8-pixel images, a few steps)."""

import json

import pytest

import keras_resnet
from keras_resnet import cli
from tests import data_forms

FORMS = ["digits", "cifar_folder", "image_folder", "npz", "tfrecords"]


def _spec(form, root):
    """The --data value of `form`, written under `root`, and the extra flags it needs."""
    if form == "digits":
        return "digits", ["--limit", "32"]
    if form == "cifar_folder":
        return str(data_forms.cifar10_folder(root)), []
    if form == "image_folder":
        return str(data_forms.image_folder(root / "images")), []
    if form == "npz":
        return str(data_forms.npz_file(root)), []
    return data_forms.tfrecord_shards(root), ["--classes", "2", "--steps-per-epoch", "2"]


@pytest.mark.parametrize("form", FORMS)
def test_train_takes_every_form(form, tmp_path, capsys):
    spec, extra = _spec(form, tmp_path)
    argv = ["train", "cifar_resnet20", "--data", spec, "--epochs", "1", "--batch-size", "8"]
    argv += ["--input-size", "8", "--quiet", "--output", str(tmp_path / "run"), *extra]
    assert cli.main(argv) == 0, capsys.readouterr().err
    assert "cifar_resnet20: 1 epoch from epoch 0" in capsys.readouterr().out
    assert (tmp_path / "run" / "final.weights.h5").is_file()


@pytest.mark.parametrize("form", FORMS)
def test_lesion_takes_every_form(form, tmp_path, capsys):
    spec, extra = _spec(form, tmp_path)
    extra = [flag for flag in extra if flag not in ("--steps-per-epoch", "2")]
    classes = {"tfrecords": 2, "image_folder": 2, "npz": 4}.get(form, 10)
    size = 32 if form == "cifar_folder" else 8  # CIFAR's arrays keep their size
    weights = tmp_path / "r20.weights.h5"
    keras_resnet.CifarResNet20(input_shape=(size, size, 3), classes=classes).save_weights(weights)
    argv = ["lesion", "cifar_resnet20", "--weights", str(weights), "--input-size", str(size)]
    argv += ["--classes", str(classes), "--data", spec, "--json", str(tmp_path / "l.json")]
    argv += [flag for flag in extra if flag != "--classes" and flag != "2"]
    assert cli.main(argv) == 0, capsys.readouterr().err
    study = json.loads((tmp_path / "l.json").read_text())
    assert len(study["rows"]) == 9 and study["images"] > 0


def test_an_unknown_data_form_is_a_usage_error_naming_the_forms(tmp_path, capsys):
    for command in (
        ["train", "cifar_resnet20", "--output", str(tmp_path / "run")],
        ["lesion", "cifar_resnet20", "--input-size", "8"],
        ["optimize", "cifar_resnet20", "--method", "qat", "--output", str(tmp_path / "o")],
    ):
        assert cli.main([*command, "--data", str(tmp_path / "missing")]) == 2
        error = capsys.readouterr().err.strip().splitlines()
        assert len(error) == 1 and "is not a folder, a file or a data set name" in error[0]
        assert "TFRecord shards" in error[0] and ".npz" in error[0]
    assert not (tmp_path / "run").exists() and not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "form", ["npz", pytest.param("tfrecords", marks=pytest.mark.slow), "cifar_folder"]
)
def test_optimize_takes_arrays_and_shards(form, tmp_path, capsys):
    pytest.importorskip("tensorflow_model_optimization")
    spec, _ = _spec(form, tmp_path)
    classes = {"tfrecords": 2, "npz": 4}.get(form, 10)
    size = 32 if form == "cifar_folder" else 8
    model = keras_resnet.CifarResNet20(input_shape=(size, size, 3), classes=classes)
    model.save(tmp_path / "m.keras")
    argv = ["optimize", str(tmp_path / "m.keras"), "--method", "prune", "--data", spec]
    argv += ["--epochs", "1", "--batch-size", "8", "--format", "tflite"]
    argv += ["--output", str(tmp_path / "out")]
    assert cli.main(argv) == 0, capsys.readouterr().err
    report = json.loads((tmp_path / "out" / f"{model.name}_prune_report.json").read_text())
    assert report["sparsity"] > 0.3 and report["artifacts"][0]["format"] == "tflite"


def test_arrays_of_another_size_than_the_model_are_a_usage_error(tmp_path, capsys):
    weights = tmp_path / "r20.weights.h5"
    keras_resnet.CifarResNet20(input_shape=(8, 8, 3)).save_weights(weights)
    folder = data_forms.cifar10_folder(tmp_path)
    argv = ["lesion", "cifar_resnet20", "--weights", str(weights), "--input-size", "8"]
    assert cli.main([*argv, "--data", str(folder)]) == 2
    assert "holds 32x32 images but model 'cifar_resnet20' takes 8x8" in capsys.readouterr().err


def test_a_folder_of_one_class_is_a_usage_error_with_or_without_weights(tmp_path, capsys):
    folder = data_forms.image_folder(tmp_path / "one", classes=("cats",))
    weights = tmp_path / "r20.weights.h5"
    keras_resnet.CifarResNet20(input_shape=(8, 8, 3)).save_weights(weights)
    argv = ["train", "cifar_resnet20", "--data", str(folder), "-o", str(tmp_path / "run")]
    for extra in ([], ["--weights", str(weights)]):
        assert cli.main([*argv, *extra]) == 2
        error = capsys.readouterr().err.strip().splitlines()
        assert len(error) == 1 and f"--data='{folder}' has one class folder ('cats')" in error[0]
    assert not (tmp_path / "run").exists()
