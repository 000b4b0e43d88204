"""Plain nets, the lesion study and the degradation benchmark (He et al. 2015, section 4.2; Veit et
al. 2016): plain nets are their ResNets without shortcuts, a lesion removes exactly one block, and
the benchmark runs end to end."""

import importlib.util
import json
import os
import re
import subprocess
import sys

import keras
import numpy as np
import pytest

import keras_resnet
from keras_resnet import analysis, data
from tests import ROOT
from tests.golden import REGISTRY
from tests.tiers import assert_learned, registry_params

#: ResNet-20's blocks: (name, stage, index in the stage, downsampling)
RESNET20_BLOCKS = [
    (f"conv{s + 1}_block{i}", s, i, s > 1 and i == 1) for s in (1, 2, 3) for i in (1, 2, 3)
]


def _weights(model):
    return [(w.path, tuple(w.shape)) for w in model.weights]


@pytest.mark.parametrize(
    "name", registry_params(keras_resnet.list_models("cifar_plain*"), heavy=re.compile(r".*110$"))
)
def test_plain_nets_are_their_resnets_without_shortcuts(name):
    """Golden: every registered plain net has exactly the weights (names, shapes, so parameters) of
    its option-A ResNet, no addition, and the same block outputs."""
    resnet_name = name.replace("plain", "resnet")
    plain, resnet = keras_resnet.create_model(name), keras_resnet.create_model(resnet_name)
    assert (
        analysis.count_params(plain)
        == analysis.count_params(resnet)
        == REGISTRY[resnet_name][0]
        == REGISTRY[name][0]
    )
    assert _weights(plain) == _weights(resnet)
    blocks = keras_resnet.registry.get_entry(name).arch.num_blocks
    assert not [layer.name for layer in plain.layers if isinstance(layer, keras.layers.Add)]
    assert sum(isinstance(layer, keras.layers.Add) for layer in resnet.layers) == blocks
    outs = [layer.name for layer in plain.layers if layer.name.endswith("_out")]
    assert (
        outs == [layer.name for layer in resnet.layers if layer.name.endswith("_out")]
        and len(outs) == blocks
    )


def test_plain_nets_refuse_what_needs_a_residual_branch():
    assert keras_resnet.CifarResNet20(shortcut=None, input_shape=(8, 8, 3)).name == "cifar_plain20"
    assert keras_resnet.CifarResNet(
        20, shortcut=None, preact=True, input_shape=(8, 8, 3)
    ).get_layer("conv4_block3_out")
    for argument, value in (("drop_path_rate", 0.1), ("zero_init_residual", True)):
        with pytest.raises(
            ValueError, match=rf"{argument} needs residual blocks.*received {argument}={value}"
        ):
            keras_resnet.create_model("cifar_plain20", **{argument: value})
    with pytest.raises(TypeError, match=r"fixes shortcut=None"):
        keras_resnet.create_model("cifar_plain20", shortcut="A")


def test_lesion_study_gives_one_row_per_block_and_keeps_the_shortcut(images):
    """ResNet-20: 9 rows, the two stage entries marked as downsampling. With zero-initialized
    residual branches every branch adds 0, so removing any one (its shortcut kept, the downsampling
    ones included) must leave the logits exactly as they were."""
    model = keras_resnet.CifarResNet20(
        input_shape=(8, 8, 3), classes=3, zero_init_residual=True, classifier_activation=None
    )
    x, y = images(6, size=8), np.array([0, 1, 2, 0, 1, 2])
    study = analysis.lesion_study(
        model, (x, keras.utils.to_categorical(y, 3)), batch_size=4
    )  # one-hot labels, 2 batches
    assert [(r.block, r.stage, r.index, r.downsampling) for r in study.rows] == RESNET20_BLOCKS
    assert study.residual and study.images == 6
    assert all(r.accuracy == study.intact_accuracy and r.drop == 0 for r in study.rows)
    assert len(study.table().splitlines()) == 4 + 9 + 2
    without = analysis.remove_block(model, "conv3_block1")
    assert np.array_equal(np.asarray(without(x)), np.asarray(model(x)))
    names = {layer.name for layer in without.layers}
    assert (
        "conv3_block1_1_conv" not in names
        and {"conv3_block1_0_pad", "conv3_block1_out", "conv3_block2_1_conv"} <= names
    )


def test_a_plain_block_is_replaced_by_its_input(images):
    plain = keras_resnet.create_model("cifar_plain20", input_shape=(8, 8, 3), classes=3)
    x = images(2, size=8)
    same = analysis.remove_block(plain, "conv2_block2")
    assert {layer.name for layer in plain.layers} - {layer.name for layer in same.layers} == {
        f"conv2_block2_{part}" for part in ("1_conv", "1_bn", "1_relu", "2_conv", "2_bn", "out")
    }
    # where it downsamples, by option A's map: the input subsampled, zero channels appended
    down = analysis.remove_block(plain, "conv3_block1")
    assert {"conv3_block1_lesion_0_pool", "conv3_block1_lesion_0_pad"} <= {
        layer.name for layer in down.layers
    }
    assert not np.allclose(np.asarray(down(x)), np.asarray(plain(x)))
    assert len(plain.layers) == 62  # the original model is untouched


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda m: analysis.lesion_study("m", (np.zeros((1, 8, 8, 3)), [0])),
            TypeError,
            "model must be a keras.Model",
        ),
        (
            lambda m: analysis.lesion_study(m, np.zeros((4, 8, 8, 3))),
            TypeError,
            "data must be a pair",
        ),
        (
            lambda m: analysis.lesion_study(m, (np.zeros((4, 8, 8, 3)), [0, 1])),
            ValueError,
            r"received shapes \(4, 8, 8, 3\) and \(2,\)",
        ),
        (
            lambda m: analysis.lesion_study(m, (np.zeros((2, 8, 8, 3)), [0.5, 1])),
            ValueError,
            "integer classes",
        ),
        (
            lambda m: analysis.lesion_study(m, (np.zeros((2, 8, 8, 3)), [0, 1]), batch_size=0),
            ValueError,
            "batch_size",
        ),
        (
            lambda m: analysis.remove_block(m, "conv9_block1"),
            ValueError,
            r"conv2_block1, .*received block='conv9_block1'",
        ),
        (
            lambda m: analysis.lesion_study(
                keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Flatten()]),
                (np.zeros((2, 8, 8, 3)), [0, 1]),
            ),
            ValueError,
            "has no blocks",
        ),
        (lambda m: analysis.plot_lesions([]), TypeError, "studies must be a non-empty sequence"),
    ],
)
def test_lesion_errors_name_the_argument(call, error, message, resnet20):
    with pytest.raises(error, match=message):
        call(resnet20)


@pytest.fixture(scope="module")
def resnet20():
    return keras_resnet.CifarResNet20(input_shape=(8, 8, 3))


BACKEND_CODE = """
import json, numpy as np, keras_resnet
from keras_resnet import analysis
x = np.random.default_rng(0).random((4, 8, 8, 3), dtype="float32")
y, out = np.array([0, 1, 2, 0]), {}
for name, kwargs in (("cifar_resnet20", {"zero_init_residual": True}), ("cifar_plain20", {})):
    model = keras_resnet.create_model(name, input_shape=(8, 8, 3), classes=3, **kwargs)
    study = analysis.lesion_study(model, (x, y))
    rows = study.rows
    out[name] = [len(rows), sum(r.downsampling for r in rows), max(abs(r.drop) for r in rows)]
print(json.dumps(out))
"""


# A fresh process per backend (JAX compiles every op on first use): slow tier.
@pytest.mark.slow
@pytest.mark.parametrize("backend", ["jax", "torch"])
def test_lesion_study_on_other_backends(backend):
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "2"}
    result = subprocess.run(
        [sys.executable, "-c", BACKEND_CODE], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["cifar_resnet20"] == [
        9,
        2,
        0.0,
    ]  # zero-initialized branches: no lesion changes anything
    assert out["cifar_plain20"][:2] == [9, 2]


def _degradation():
    spec = importlib.util.spec_from_file_location(
        "degradation", ROOT / "benchmarks" / "degradation.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.long
@pytest.mark.slow  # the benchmark script end to end (two trainings, two studies, figures): 19 s
def test_degradation_benchmark_quick_run(tmp_path):
    """benchmarks/degradation.py --quick: plain-20 and ResNet-20 trained by the training package
    (2 epochs), per-epoch errors, both figures, the tables, the lesion study of both."""
    result = _degradation().main(["--quick", "-o", str(tmp_path)])
    assert [(r.name, r.epochs, r.iterations) for r in result["runs"]] == [
        ("cifar_plain20", 2, 36),
        ("cifar_resnet20", 2, 36),
    ]
    for run in result["runs"]:
        assert len(run.train_error) == len(run.test_error) == 2
        assert all(0 <= e <= 1 for e in run.train_error + run.test_error + [run.val_error])
    assert [(s.model, s.residual, len(s.rows)) for s in result["studies"]] == [
        ("cifar_resnet20", True, 9),
        ("cifar_plain20", False, 9),
    ]
    for name in ("degradation.png", "lesion.png"):
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"
    assert (
        "| 20 | " in (tmp_path / "results.md").read_text()
        and "8.75%" in (tmp_path / "results.md").read_text()
    )
    assert len(json.loads((tmp_path / "results.json").read_text())["lesions"]) == 2


@pytest.mark.slow  # plain-20 and ResNet-20 trained for 240 steps each
def test_one_block_matters_less_in_a_trained_resnet_than_in_its_plain_net(tmp_path):
    """Veit et al.'s finding on trained nets (seeded): the median accuracy drop from removing one
    shape-keeping block, relative to the net's own intact accuracy, is smaller for ResNet-20 than
    for plain-20 (both trained to well above chance on digits first)."""
    result = _degradation().main(
        [
            "--depths",
            "20",
            "--plain-depths",
            "20",
            "--image-size",
            "8",
            "--augment",
            "none",
            "--batch-size",
            "32",
            "--iterations",
            "240",
            "--quiet",
            "-o",
            str(tmp_path),
        ]
    )
    resnet, plain = result["studies"]
    test_labels = data.digits(8)[1][1]
    for study in (resnet, plain):
        assert_learned(study.intact_accuracy, test_labels, study.model)
    relative = {s.model: s.median_drop() / s.intact_accuracy for s in (resnet, plain)}
    assert relative["cifar_resnet20"] < relative["cifar_plain20"], relative
