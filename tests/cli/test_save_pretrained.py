"""`keras-resnet save-pretrained`, and `keras-resnet train --save-pretrained`."""

import json

import numpy as np

import keras_resnet
from keras_resnet import cli, weights
from tests.processes import tiny_training


def _run_folder(run):
    """A finished training run's folder as `train` leaves it: final.weights.h5 recording the
    model, and log.csv with two epochs."""
    model = keras_resnet.create_model(
        "cifar_resnet20", input_shape=(8, 8, 3), classes=3, classifier_activation=None
    )
    run.mkdir()
    weights.save_weights(model, run / "final.weights.h5")
    (run / "log.csv").write_text(
        "epoch,accuracy,loss,val_accuracy,val_loss\n0,0.5,1.0,0.6,0.9\n1,0.7,0.8,0.75,0.7\n"
    )
    return model


def test_a_run_folder_becomes_a_shared_folder(tmp_path, capsys):
    model = _run_folder(tmp_path / "run")
    names = tmp_path / "classes.txt"
    names.write_text("cat\ndog\nbird\n")
    out = tmp_path / "shared"
    argv = ["save-pretrained", str(tmp_path / "run"), str(out), "--class-names", str(names)]
    assert cli.main([*argv, "--preprocessing", "unit", "--dataset", "digits"]) == 0
    config = json.loads((out / "config.json").read_text())
    assert config["label_names"] == ["cat", "dog", "bird"]
    card = config["keras_resnet"]["card"]
    assert (card["epochs"], card["accuracy"], card["dataset"]) == (2, 0.75, "digits")
    x = np.random.default_rng(0).normal(0, 1, (2, 8, 8, 3)).astype("float32")
    back = keras_resnet.create_model(
        "cifar_resnet20",
        input_shape=(8, 8, 3),
        classes=3,
        classifier_activation=None,
        weights=str(out),
    )
    np.testing.assert_array_equal(np.asarray(back(x)), np.asarray(model(x)))
    capsys.readouterr()
    assert cli.main([*argv, "--preprocessing", "unit"]) == 2  # exists
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "already exists; pass --overwrite" in err, err
    assert cli.main([*argv[:2], str(tmp_path / "other"), *argv[3:]]) == 2
    err = capsys.readouterr().err.strip()
    assert "does not record how its images were preprocessed" in err and "--preprocessing" in err
    assert not (tmp_path / "other").exists()
    assert cli.main(["save-pretrained", str(tmp_path), str(tmp_path / "o")]) == 2
    assert "not a finished `keras-resnet train` run" in capsys.readouterr().err


def test_train_writes_the_folder_with_the_card_filled_from_the_run(tmp_path, capsys):
    out = tmp_path / "shared"
    args = [*tiny_training(tmp_path / "run"), "--epochs", "1", "--save-pretrained", str(out)]
    assert cli.main(args) == 0, capsys.readouterr().err[-2000:]
    config = json.loads((out / "config.json").read_text())
    section = config["keras_resnet"]
    assert section["model"] == "cifar_resnet20" and section["preprocessing"] == "none"
    assert section["card"]["recipe"] == "cifar" and section["card"]["epochs"] == 1
    assert section["card"]["dataset"] == "digits" and section["card"]["accuracy"] is not None
    assert config["num_classes"] == 10 and len(config["label_names"]) == 10
    assert "| Recipe | `cifar` |" in (out / "README.md").read_text()
    capsys.readouterr()
    assert cli.main(args) == 2  # the folder exists: refused before training
    assert "already exists" in capsys.readouterr().err
