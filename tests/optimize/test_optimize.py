"""keras_resnet.optimize: the tf_keras twin, quantization-aware training, pruning, their exports and
the digits study (PTQ vs QAT vs pruning)."""

import json
import subprocess
import sys

import keras
import numpy as np
import pytest

import keras_resnet
from keras_resnet import export, optimize
from keras_resnet.export import tflite as tflite_format
from tests import ROOT
from tests.checkpoints import randomize_batchnorm

#: one model per family and knob: ImageNet original/B/C/D, V2 plain/C/D, CIFAR options A/B/C and V2
FAMILIES = [
    "resnet18",
    "resnet50",
    "resnet50b",
    "resnet50c",
    "resnet50d",
    "resnet50v2",
    "resnet18v2c",
    "resnet18v2d",
    "cifar_resnet20",
    "cifar_resnet20_b",
    "cifar_resnet20_c",
    "cifar_resnet20v2",
]


#: The twin maps layers one by one, so the default tier converts one model per layer mix: basic and
#: bottleneck blocks, the D shortcut with the deep stem, pre-activation (plain, C and D), the CIFAR
#: shortcuts; resnet50b and resnet50c (the same layers as resnet50, other strides and stem widths)
#: are converted in the slow tier.
TWIN_IN_SLOW_TIER = {"resnet50b", "resnet50c"}


def _size(name):
    return 64 if name.startswith("resnet") else 32


def _model(name, classes=7, **kwargs):
    size = _size(name)
    model = keras_resnet.create_model(
        name, input_shape=(size, size, 3), classes=classes, classifier_activation=None, **kwargs
    )
    randomize_batchnorm(model)
    return model


def _resnet8(classes=10, shortcut="A"):
    """CIFAR ResNet-8 (one basic block per stage, 32 px): the layers of CIFAR ResNet-20 (the zero
    channels of option A's shortcuts, or option B's projections) in less than half the graph, for
    the tests of what QAT, pruning and their exports do with a model rather than with each family.
    """
    model = keras_resnet.CifarResNet(
        8, shortcut=shortcut, classes=classes, classifier_activation=None
    )
    randomize_batchnorm(model)
    return model


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.slow) if n in TWIN_IN_SLOW_TIER else n for n in FAMILIES],
)
def test_twin_matches_keras3_model(name, images):
    model = _model(name, drop_path_rate=0.1, dropout_rate=0.2)
    twin = optimize.to_tf_keras(model)
    assert optimize.is_tf_keras_model(twin) and not optimize.is_tf_keras_model(model)
    assert [layer.name for layer in twin.layers] == [layer.name for layer in model.layers]
    assert twin.count_params() == model.count_params()
    x = images(3, _size(name))
    expected = np.asarray(model(x, training=False))
    got = twin(x, training=False).numpy()
    # 1e-5 relative to the logits' scale (as the export verification measures): with random BN
    # statistics the logits reach ~30, where float32 rounding of two kernels alone is ~1e-5.
    relative = np.abs(got - expected).max() / max(1.0, np.abs(expected).max())
    assert relative <= 1e-5, relative
    # the twin carries the knobs too: drop-path noise shape, head dropout, BN momentum/epsilon
    config = {layer.name: layer.get_config() for layer in twin.layers}
    assert config["head_dropout"]["rate"] == 0.2
    bn = next(c for n, c in config.items() if n.endswith("_bn"))
    assert (bn["momentum"], bn["epsilon"]) == (0.9, 1e-5)


def test_twin_of_nested_and_sequential_models(images):
    backbone = keras_resnet.CifarResNet20(input_shape=(32, 32, 3), include_top=False, pooling="avg")
    randomize_batchnorm(backbone)
    inputs = keras.Input((32, 32, 3))
    outputs = keras.layers.Dense(3)(backbone(keras.layers.Rescaling(1 / 255.0)(inputs)))
    functional = keras.Model(inputs, outputs)
    sequential = keras.Sequential([keras.Input((32, 32, 3)), backbone, keras.layers.Dense(3)])
    x = images(2) * 255
    for model in (functional, sequential):
        twin = optimize.to_tf_keras(model)
        expected = np.asarray(model(x))
        assert np.abs(twin(x).numpy() - expected).max() <= 1e-5 * max(1.0, np.abs(expected).max())


def test_copy_weights_round_trip_and_errors():
    model = _model("cifar_resnet20")
    twin = optimize.to_tf_keras(model)
    fresh = keras_resnet.create_model(
        "cifar_resnet20", input_shape=(32, 32, 3), classes=7, classifier_activation=None
    )
    assert optimize.copy_weights(twin, fresh) == len(
        [layer for layer in fresh.layers if layer.weights]
    )
    for a, b in zip(fresh.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    other = keras_resnet.create_model("cifar_resnet20", input_shape=(32, 32, 3), classes=5)
    before = [w.copy() for w in other.get_weights()]
    with pytest.raises(ValueError, match=r"layer 'predictions'.*shapes"):
        optimize.copy_weights(twin, other)
    for a, b in zip(other.get_weights(), before, strict=True):  # nothing changed
        np.testing.assert_array_equal(a, b)


def test_twin_refuses_layers_without_tf_keras_equivalent():
    class Doubler(keras.layers.Layer):
        def call(self, x):
            return 2 * x

    inputs = keras.Input((8, 8, 3))
    model = keras.Model(inputs, Doubler(name="doubler")(inputs))
    with pytest.raises(ValueError, match=r"layer 'doubler'.*not a built-in Keras layer"):
        optimize.to_tf_keras(model)
    with pytest.raises(TypeError, match=r"model must be a functional or sequential keras.Model"):
        optimize.to_tf_keras("resnet50")


@pytest.mark.parametrize(
    "name",
    # CIFAR option C and V2 (projection shortcuts, pre-activation: as in resnet18d and resnet18v2)
    # in the slow tier
    [
        "cifar_resnet20",
        pytest.param("cifar_resnet20_c", marks=pytest.mark.slow),
        pytest.param("cifar_resnet20v2", marks=pytest.mark.slow),
        "resnet18d",
        "resnet18v2",
    ],
)
def test_quantize_aware_starts_close_to_the_float_model(name, images):
    """With ranges initialized from data, the fake-quantized model agrees with the float one
    before any training (tfmot's own start, ranges [-6, 6] and all-zero weight ranges, does not)."""
    model = _model(name, classes=10)
    x = images(16, _size(name))
    qat = optimize.quantize_aware(model, calibration_data=x)
    assert optimize.is_quantization_aware(qat)
    expected = np.asarray(model(x, training=False))
    got = qat(x, training=False).numpy()
    relative = np.abs(got - expected).max() / np.abs(expected).max()
    assert relative < 0.1, relative
    assert (got.argmax(-1) == expected.argmax(-1)).mean() >= 0.9


def test_qat_model_exports_full_int8_tflite_and_qdq_onnx(tmp_path, images):
    """A QAT CIFAR ResNet-8 (ranges from 16 images) exports its learned int8: a float32 SavedModel
    of the fake-quant graph, a TFLite with int8 input in which every computing op runs in int8, and
    a QDQ ONNX with the trace's input and output names; each verified against the QAT model."""
    model = _resnet8()
    x = images(16)
    qat = optimize.quantize_aware(model, calibration_data=x)
    reports = export.export(
        qat,
        tmp_path,
        format=["saved_model", "tflite", "onnx"],
        quantize=["float32", "int8"],
        inference_input_type="int8",
        verbose=False,
    )
    assert [(r.format, r.precision) for r in reports] == [
        ("saved_model", "float32"),
        ("tflite", "int8"),
        ("onnx", "int8"),
    ]
    assert all(r.verified for r in reports)
    tflite = next(r for r in reports if r.format == "tflite")
    interpreter = tflite_format.tflite_interpreter(tflite.path)
    tensors = interpreter.get_tensor_details()
    for op in interpreter._get_ops_details():
        if op["op_name"] in ("DEQUANTIZE", "DELEGATE"):
            continue
        dtypes = {tensors[i]["dtype"].__name__ for i in op["outputs"]}
        assert dtypes <= {"int8", "int32"}, (
            op["op_name"],
            dtypes,
        )  # every computing op runs in int8
    import onnx

    proto = onnx.load(next(r for r in reports if r.format == "onnx").path)
    kinds = {n.op_type for n in proto.graph.node}
    assert {"QuantizeLinear", "DequantizeLinear", "Conv"} <= kinds
    assert [i.name for i in proto.graph.input] == ["image"]
    assert {o.name for o in proto.graph.output} == {"logits", "probabilities"}


def test_qat_model_refuses_float_only_exports_before_writing(tmp_path):
    qat = optimize.quantize_aware(_resnet8(shortcut="B"))
    with pytest.raises(
        ValueError, match=r"quantization-aware model exports as .*nothing requested for tflite"
    ):
        export.export(qat, tmp_path / "m.tflite", format="tflite", quantize="float16")
    assert not list(tmp_path.iterdir())
    with pytest.raises(ValueError, match="already quantization-aware"):
        optimize.quantize_aware(qat)


def test_pruning_reaches_its_sparsity_and_strips_into_the_keras_model(tmp_path):
    """CIFAR ResNet-8 pruned to 50% (its stem excluded) over one epoch of 8 images: every pruned
    kernel at 50%, stripped into a Keras 3 model that saves and reloads with its zeros, and a
    TFLite export whose sparse encoding and deflate compression both shrink it."""
    model = _resnet8(classes=3)
    pruned = optimize.prune(model, 0.5, schedule="constant", frequency=1, exclude=("conv1_conv",))
    assert optimize.is_pruning_wrapped(pruned)
    pruned.compile("sgd", "sparse_categorical_crossentropy")
    x = np.random.default_rng(0).random((8, 32, 32, 3), dtype="float32")
    pruned.fit(
        x,
        np.zeros(8, "int64"),
        epochs=1,
        batch_size=4,
        verbose=0,
        callbacks=optimize.pruning_callbacks(),
    )
    with pytest.raises(ValueError, match="strip them first"):
        export.export(pruned, tmp_path / "wrapped.tflite", format="tflite")
    target = keras.models.clone_model(model)
    stripped = optimize.strip_pruning(pruned, into=target)
    assert stripped is target and isinstance(stripped, keras.Model)
    measured = optimize.sparsity(stripped)
    assert measured["conv1_conv"] == 0.0
    assert all(abs(v - 0.5) < 0.01 for k, v in measured.items() if k not in ("conv1_conv", "total"))
    # the .keras file keeps the zeros and loads without keras_resnet or tfmot objects
    stripped.save(tmp_path / "pruned.keras")
    reloaded = keras.models.load_model(tmp_path / "pruned.keras")
    assert optimize.sparsity(reloaded) == measured
    reports = export.export(
        stripped, tmp_path / "plain.tflite", format="tflite", compressed_size=True, verbose=False
    )
    sparse = export.export(
        stripped,
        tmp_path / "sparse.tflite",
        format="tflite",
        sparse_weights=True,
        compressed_size=True,
        verbose=False,
    )
    assert sparse[0].verified and sparse[0].size_bytes < 0.8 * reports[0].size_bytes
    assert reports[0].compressed_bytes < 0.8 * reports[0].size_bytes


def test_pruning_arguments_are_checked():
    model = _resnet8(shortcut="B")
    with pytest.raises(
        ValueError, match=r"target_sparsity must be in \(0, 1\); received target_sparsity=1.5"
    ):
        optimize.prune(model, 1.5)
    with pytest.raises(
        ValueError,
        match=r"schedule must be one of 'polynomial', 'constant'; received schedule='cosine'",
    ):
        optimize.prune(model, 0.5, schedule="cosine")
    with pytest.raises(ValueError, match="needs end_step"):
        optimize.prune(model, 0.5)
    with pytest.raises(
        ValueError, match=r"exclude names layers that .* does not have: \['conv9'\]"
    ):
        optimize.prune(model, 0.5, end_step=10, exclude=("conv9",))
    with pytest.raises(
        ValueError, match=r"sparse_weights=True is offered for tflite float32 and float16"
    ):
        export.plan("tflite", "int8", sparse_weights=True)


@pytest.mark.xdist_group("fresh_imports")  # one worker starts the shared child once
def test_missing_optimize_extra_names_what_to_install(fresh_imports):
    """Without tfmot, importing `keras_resnet.optimize` in a fresh interpreter fails with the
    extra to install (the `fresh_imports` child)."""
    assert fresh_imports["optimize"] is not None
    assert "pip install 'keras-resnet[optimize]'" in fresh_imports["optimize"]


def test_optimize_does_not_leak_tfmots_legacy_keras_switch_to_child_processes():
    import os

    assert (
        "TF_USE_LEGACY_KERAS" not in os.environ
    )  # tfmot sets it on import; keras_resnet.optimize restores it


@pytest.mark.xdist_group("fresh_imports")  # one worker starts the shared child once
def test_importing_keras_resnet_does_not_import_tfmot(fresh_imports):
    """A fresh interpreter that imports `keras_resnet` and `keras_resnet.export` and looks up a
    builder has imported neither tfmot nor tf_keras (the `fresh_imports` child)."""
    bad = [
        m
        for m in ("tensorflow_model_optimization", "tf_keras")
        if m in fresh_imports["after_builder"]
    ]
    assert not bad, bad


@pytest.mark.long  # a child process that trains and exports
def test_keras3_builds_trains_and_exports_after_tfmot_import(tmp_path):
    """tfmot switches tf.keras to tf_keras for the whole process; Keras 3 and this library must
    not notice. Run in a fresh process in that order: tfmot first, then everything else (a
    CIFAR ResNet-8 at 16 px built, trained one step, saved, reloaded and exported to every
    format)."""
    code = f"""
import tensorflow_model_optimization, tensorflow as tf
assert tf.keras.__name__.startswith("tf_keras"), tf.keras.__name__
import keras, numpy as np, keras_resnet
from keras_resnet import export
model = keras_resnet.CifarResNet(
    8, input_shape=(16, 16, 3), classes=3, classifier_activation=None
)
assert type(model).__module__.startswith("keras."), type(model)
model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
x = np.random.default_rng(0).random((4, 16, 16, 3), dtype="float32")
model.fit(x, np.arange(4) % 3, epochs=1, verbose=0)
model.save(r"{tmp_path}/m.keras")
assert np.allclose(keras.models.load_model(r"{tmp_path}/m.keras")(x), model(x), atol=1e-6)
reports = export.export(model, r"{tmp_path}/out", format="all", verbose=False)
assert all(r.verified for r in reports), reports
print("ok", len(reports))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ok 4" in result.stdout


@pytest.mark.slow  # the same script is the benchmark (python benchmarks/optimize_digits.py)
def test_digits_study_meets_the_goals(tmp_path, capsys):
    """PTQ int8 vs QAT int8 vs 50% pruning on real data (scikit-learn's digits), each artifact run
    in its own runtime on 359 held-out images (benchmarks/optimize_digits.py)."""
    out = tmp_path / "study.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "optimize_digits.py"), "--json", str(out)],
        capture_output=True,
        text=True,
    )
    with capsys.disabled():
        print("\n" + result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    study = json.loads(out.read_text())
    assert all(study["checks"].values()), study["checks"]
    accuracies = [row["accuracy"] for row in study["rows"]]
    assert all(0.0 <= a <= 1.0 for a in accuracies)
    assert min(accuracies) > 0.9  # really trained, not a constant
    assert study["compressed_ratio"] <= 0.6
