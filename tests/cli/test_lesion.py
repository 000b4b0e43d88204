"""`keras-resnet lesion`."""

import json
import re

import keras

import keras_resnet
from keras_resnet import cli

#: ResNet-20's blocks: (name, stage, index in the stage, downsampling)
RESNET20_BLOCKS = [
    (f"conv{s + 1}_block{i}", s, i, s > 1 and i == 1) for s in (1, 2, 3) for i in (1, 2, 3)
]


def test_lesion_command(tmp_path, capsys):
    keras_resnet.CifarResNet20(input_shape=(8, 8, 3)).save_weights(tmp_path / "r20.weights.h5")
    argv = [
        "lesion",
        "cifar_resnet20",
        "--weights",
        str(tmp_path / "r20.weights.h5"),
        "--input-size",
        "8",
        "--limit",
        "40",
        "--json",
        str(tmp_path / "lesion.json"),
        "--plot",
        str(tmp_path / "lesion.png"),
    ]
    assert cli.main(argv) == 0
    captured = capsys.readouterr()
    assert len(re.findall(r"^\| `conv\d_block\d` \|", captured.out, re.M)) == 9
    assert "lesioning cifar_resnet20: 9/9 in " in captured.err and "40 images in" in captured.err
    rows = json.loads((tmp_path / "lesion.json").read_text())["rows"]
    assert [(r["block"], r["downsampling"]) for r in rows] == [
        (b, d) for b, _, _, d in RESNET20_BLOCKS
    ]
    assert (tmp_path / "lesion.png").read_bytes()[:4] == b"\x89PNG"
    # usage errors (exit 2) before any work, failures during it (exit 1), each in one line
    assert cli.main(["lesion", "cifar_resnet21"]) == 2
    assert cli.main(["lesion", "cifar_resnet20", "--data", "nope"]) == 2
    keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Flatten(), keras.layers.Dense(10)]).save(
        tmp_path / "flat.keras"
    )
    assert (
        cli.main(["lesion", str(tmp_path / "flat.keras"), "--input-size", "8", "--limit", "4"]) == 1
    )
    errors = capsys.readouterr().err.strip().splitlines()
    assert errors[0].startswith("keras-resnet lesion: error: Unknown model 'cifar_resnet21'")
    assert "--data='nope' is not a folder, a file or a data set name" in errors[1]
    assert "'digits'" in errors[1] and "has no blocks to remove" in errors[-1]
