"""`keras-resnet list` and `keras-resnet info`."""

import json

from keras_resnet import cli
from tests.golden import RESNET50_NAMES


def test_list_names_and_details(capsys):
    assert cli.main(["list", "resnet50*"]) == 0
    out = capsys.readouterr().out
    assert [line.split("`")[1] for line in out.splitlines()[2:]] == RESNET50_NAMES
    assert cli.main(["list", "cifar_resnet20*", "--details"]) == 0
    captured = capsys.readouterr()
    assert "| `cifar_resnet20` | 269,722 | 40.6 M | 32x32 |" in captured.out
    assert "counting cifar_resnet20v2: 4/4 in " in captured.err and "counted in" in captured.err


def test_info_text_and_json(capsys):
    assert cli.main(["info", "cifar_resnet56"]) == 0
    out = capsys.readouterr().out
    assert "853,018" in out and "32x32x3" in out
    assert cli.main(["info", "resnet18", "--json", "--input-size", "64"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["params"] == 11_689_512 and info["input_shape"] == [64, 64, 3]
