"""`keras-resnet presets`: the table, JSON, and a model without presets refused."""

import json

import pytest

from keras_resnet import cli, presets

pytest.importorskip("tf2onnx", reason="pip install 'keras-resnet[export]'")


def test_presets_cli_lists_them_and_refuses_a_model_without(capsys):
    assert cli.main(["presets", "--model", "resnet50d"]) == 0
    out = capsys.readouterr().out
    assert (
        "| resnet50d.ra2_in1k | resnet50d | timm (hf-hub:timm/resnet50d.ra2_in1k) | 80.55% "
        "| 95.16% | 224, 0.875, bicubic |" in out
    )
    assert cli.main(["presets", "--model", "cifar_resnet20"]) == 2
    assert "--model 'cifar_resnet20' has no presets" in capsys.readouterr().err
    assert cli.main(["presets", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(presets.PRESETS)
