"""Builders: every registered model trains, and every knob and error behaves as documented."""

import os
import subprocess
import sys

import keras
import numpy as np
import pytest

import keras_resnet
from keras_resnet import registry
from tests.tiers import HEAVY_TO_TRAIN, TRAINED_IN_DEFAULT_TIER, registry_params


def _train_mode_loss(model, x, y):
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return float(loss(y, model(x, training=True)))


#: Open findings (slow tier), kept strict so a change in behaviour shows up: at init, one clipped
#: SGD step goes uphill for option B and gives NaN for option C at depth 1202; option A and the
#: pre-activation form descend. The paper trained ResNet-1202 with option A only. To be
#: investigated (gradient overflow?).
KNOWN_1202 = pytest.mark.xfail(
    strict=True, reason="open finding: one-step descent fails for 1202 with option B/C"
)


def _fit_params():
    params = registry_params(heavy=HEAVY_TO_TRAIN, default_tier=TRAINED_IN_DEFAULT_TIER)
    return [
        pytest.param(p.values[0], marks=[*p.marks, KNOWN_1202])
        if not isinstance(p, str) and p.values[0] in ("cifar_resnet1202_b", "cifar_resnet1202_c")
        else p
        for p in params
    ]


def _step_length(name: str) -> float:
    """The clipped SGD step's length: 1e-3, and 1e-4 for the plain nets, whose gradients at
    initialization grow with depth (the optimization difficulty the paper shows): a 1e-3 step
    goes uphill for CIFAR plain-56 (1.578 -> 1.593) where a 1e-4 step descends (-> 1.490)."""
    return 1e-4 if "plain" in name else 1e-3


def _one_fit_step(name: str) -> dict:
    """Builds `name` for 5 classes, runs it in inference and training mode, takes one SGD step of
    bounded length on 4 seeded images, and returns what the test asserts on."""
    entry = registry.get_entry(name)
    factor = 3 if HEAVY_TO_TRAIN.match(name) else 2
    size = max(32, factor * entry.arch.total_stride)
    model = keras_resnet.create_model(
        name, input_shape=(size, size, 3), classes=5, classifier_activation=None
    )
    x = np.random.default_rng(0).random((4, size, size, 3), dtype="float32")
    y = np.array([0, 1, 2, 3])
    result = {"shape": tuple(model(x).shape)}
    out = np.asarray(model(x, training=True))
    result["train_shape"] = out.shape
    result["finite"] = bool(np.isfinite(out).all())
    result["before"] = _train_mode_loss(model, x, y)
    model.compile(
        optimizer=keras.optimizers.SGD(_step_length(name), global_clipnorm=1.0),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    history = model.fit(x, y, batch_size=4, epochs=1, verbose=0)
    result["fit_loss"] = history.history["loss"][0]
    result["after"] = _train_mode_loss(model, x, y)
    return result


@pytest.mark.parametrize("name", _fit_params())
def test_every_model_runs_and_one_fit_step_lowers_the_loss(name, isolated):
    """One SGD step of bounded length (`_step_length` along the clipped gradient) must lower the
    training-mode loss on the batch it was taken on.

    The input is twice the network's stride (64 px ImageNet, 32 px CIFAR), three times for the
    slow-tier ImageNet depths (101-200), so the last stage sees 2x2 or 3x3 maps. On 1x1 maps
    BatchNorm normalizes 4 numbers per channel, and the loss surface gets so rough that even
    1e-4 steps can go uphill for ResNet-101; at 2x2, ResNet-200-D still did.

    Finiteness is checked in training mode. At initialization BN's moving statistics are
    (0, 1), so in inference mode BN is the identity, and ~600 un-normalized residual additions
    overflow float32 in CIFAR ResNet-1202 (as they would in PyTorch's eval mode).

    The default tier's models run in the worker; the slow tier's full-size ones in a recycled
    child process (`isolated`), so that what they leave behind never accumulates in the worker.
    """
    in_worker = name in TRAINED_IN_DEFAULT_TIER
    step = _one_fit_step(name) if in_worker else isolated.call(_one_fit_step, name)
    assert step["shape"] == (4, 5)
    assert step["train_shape"] == (4, 5) and step["finite"]
    assert np.isfinite(step["fit_loss"])
    before, after = step["before"], step["after"]
    assert after < before, f"{name}: loss {before:.4f} -> {after:.4f}"


@pytest.mark.parametrize(
    "name, features",
    [("resnet18", 512), ("resnet50d", 2048), ("resnet34v2c", 512), ("cifar_resnet20_b", 64)],
)
def test_backbone_outputs_for_every_pooling(name, features, images):
    stride = registry.get_entry(name).arch.total_stride
    x = images(2, size=2 * stride, width=3 * stride)  # non-square
    shapes = {
        None: (2, 2, 3, features),
        "avg": (2, features),
        "max": (2, features),
    }
    for pooling, shape in shapes.items():
        model = keras_resnet.create_model(name, include_top=False, pooling=pooling)
        assert model.input_shape == (None, None, None, 3)
        assert tuple(model(x).shape) == shape
    avg = keras_resnet.create_model(name, include_top=False, pooling="avg")
    assert avg.layers[-1].name == "avg_pool"


def test_grayscale_non_square_and_odd_inputs(images):
    model = keras_resnet.ResNet50D(input_shape=(65, 97, 1), classes=3)
    out = np.asarray(model(images(2, size=65, width=97, channels=1)))
    assert out.shape == (2, 3) and np.allclose(out.sum(axis=1), 1, atol=1e-5)
    # PyTorch's output-size arithmetic (ceil for odd sizes) is kept along every path.
    assert model.get_layer("conv1_1_conv").output.shape[1:3] == (33, 49)
    assert model.get_layer("conv3_block1_out").output.shape[1:3] == (9, 13)


def test_input_tensor_and_preprocessing_in_front(images):
    inputs = keras.Input((48, 48, 3), name="raw")
    scaled = keras.layers.Rescaling(1 / 255.0)(inputs)
    model = keras_resnet.CifarResNet20(input_tensor=scaled, classes=4)
    assert model.inputs[0] is inputs and model.output_shape == (None, 4)
    model = keras_resnet.ResNet18(input_tensor=inputs, include_top=False)
    assert model.output_shape == (None, 2, 2, 512)
    with pytest.raises(ValueError, match="disagrees with input_tensor"):
        keras_resnet.ResNet18(input_tensor=inputs, input_shape=(64, 64, 3))


def test_layer_names_follow_the_documented_scheme():
    names = {layer.name for layer in keras_resnet.ResNet50(input_shape=(64, 64, 3)).layers}
    assert {
        "conv1_pad",
        "conv1_conv",
        "conv1_bn",
        "conv1_relu",
        "pool1_pad",
        "pool1_pool",
        "conv2_block1_0_conv",
        "conv2_block1_0_bn",
        "conv2_block1_1_conv",
        "conv2_block3_3_bn",
        "conv2_block3_add",
        "conv2_block3_out",
        "conv5_block3_out",
        "avg_pool",
        "predictions",
    } <= names
    names = {layer.name for layer in keras_resnet.ResNet50D(input_shape=(64, 64, 3)).layers}
    assert {
        "conv1_1_pad",
        "conv1_1_conv",
        "conv1_3_bn",
        "conv3_block1_0_pool",
        "conv3_block1_2_pad",
    } <= names
    assert "conv2_block1_0_pool" not in names  # stride-1 stage: no pooling in the D shortcut
    names = {layer.name for layer in keras_resnet.ResNet50V2(input_shape=(64, 64, 3)).layers}
    assert {
        "conv2_block1_preact_bn",
        "conv2_block1_preact_relu",
        "conv2_block1_0_conv",
        "post_bn",
        "post_relu",
    } <= names
    assert "conv2_block1_0_bn" not in names and "conv1_bn" not in names  # pre-activation
    names = {layer.name for layer in keras_resnet.CifarResNet20().layers}
    assert {"conv1_conv", "conv3_block1_0_pool", "conv3_block1_0_pad", "conv4_block3_out"} <= names
    assert not any("_0_conv" in n for n in names)  # option A has no projection
    names = {layer.name for layer in keras_resnet.ResNetRS50(input_shape=(64, 64, 3)).layers}
    assert {
        "pool1_pad",
        "pool1_conv",
        "pool1_bn",
        "pool1_relu",
        "conv2_block1_se_squeeze",
        "conv2_block1_se_reduce",
        "conv2_block1_se_expand",
        "conv2_block1_se_excite",
    } <= names and "pool1_pool" not in names
    names = {layer.name for layer in keras_resnet.ECAResNet50D(input_shape=(64, 64, 3)).layers}
    assert {
        f"conv5_block3_eca_{k}" for k in ("squeeze", "reshape", "conv", "gate", "excite")
    } <= names


def test_stride_placement_and_shortcuts_of_each_variant():
    def strides(model, layer):
        return model.get_layer(layer).strides

    original, b, d = (
        keras_resnet.create_model(n, input_shape=(64, 64, 3))
        for n in ("resnet50", "resnet50b", "resnet50d")
    )
    assert strides(original, "conv3_block1_1_conv") == (2, 2) and strides(
        original, "conv3_block1_2_conv"
    ) == (1, 1)
    assert strides(b, "conv3_block1_1_conv") == (1, 1) and strides(b, "conv3_block1_2_conv") == (
        2,
        2,
    )
    assert strides(b, "conv3_block1_0_conv") == (2, 2)
    assert strides(d, "conv3_block1_0_conv") == (1, 1)
    assert isinstance(d.get_layer("conv3_block1_0_pool"), keras.layers.AveragePooling2D)
    # Stage 1 of a basic-block ResNet keeps 64 channels: no projection shortcut there.
    for name in ("resnet18", "resnet34", "resnet18d"):
        layers = {
            layer.name for layer in keras_resnet.create_model(name, input_shape=(64, 64, 3)).layers
        }
        assert "conv2_block1_0_conv" not in layers and "conv3_block1_0_conv" in layers
    # Option C projects in every block, B only where the shape changes.
    c = {layer.name for layer in keras_resnet.create_model("cifar_resnet20_c").layers}
    assert {f"conv{s}_block{i}_0_conv" for s in (2, 3, 4) for i in (1, 2, 3)} <= c


def test_option_a_shortcut_is_subsample_then_zero_channels(images):
    model = keras_resnet.CifarResNet20()
    block_in = model.get_layer("conv2_block3_out").output
    shortcut = model.get_layer("conv3_block1_0_pad").output
    probe = keras.Model(model.input, [block_in, shortcut])
    x_in, x_short = (np.asarray(t) for t in probe(images(2)))
    np.testing.assert_array_equal(x_short[..., :16], x_in[:, ::2, ::2, :])
    assert not x_short[..., 16:].any()


def test_defaults_follow_torchvision():
    model = keras_resnet.ResNet18D(input_shape=(32, 32, 3))
    convs = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    bns = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    assert convs and all(not c.use_bias for c in convs)
    init = convs[0].kernel_initializer
    assert isinstance(init, keras.initializers.VarianceScaling) and (init.scale, init.mode) == (
        2.0,
        "fan_out",
    )
    assert all(bn.momentum == 0.9 and bn.epsilon == 1e-5 for bn in bns)
    custom = keras_resnet.ResNet18(
        input_shape=(32, 32, 3), bn_momentum=0.99, bn_epsilon=1e-3, kernel_initializer="he_uniform"
    )
    assert all(
        bn.momentum == 0.99 and bn.epsilon == 1e-3
        for bn in custom.layers
        if isinstance(bn, keras.layers.BatchNormalization)
    )
    assert isinstance(
        custom.get_layer("conv1_conv").kernel_initializer, keras.initializers.HeUniform
    )


def test_zero_init_residual_makes_every_block_start_as_identity(images):
    post = keras_resnet.ResNet50D(input_shape=(64, 64, 3), zero_init_residual=True)
    last_bns = [
        layer for layer in post.layers if "_block" in layer.name and layer.name.endswith("_3_bn")
    ]
    assert len(last_bns) == 16 and all(not np.asarray(bn.gamma).any() for bn in last_bns)
    assert np.asarray(post.get_layer("conv2_block1_1_bn").gamma).all()
    pre = keras_resnet.CifarResNet20V2(zero_init_residual=True)
    last_convs = [
        layer for layer in pre.layers if "_block" in layer.name and layer.name.endswith("_2_conv")
    ]
    assert len(last_convs) == 9 and all(not np.asarray(c.kernel).any() for c in last_convs)
    # Every residual branch adds zero: each block's output is its (shortcut-mapped) input.
    probe = keras.Model(
        pre.input,
        [pre.get_layer("conv2_block1_preact_bn").input, pre.get_layer("conv2_block3_out").output],
    )
    a, b = (np.asarray(t) for t in probe(images(2)))
    np.testing.assert_allclose(a, b, atol=1e-6)
    default = keras_resnet.ResNet50D(input_shape=(64, 64, 3))
    assert np.asarray(default.get_layer("conv2_block1_3_bn").gamma).all()


def test_drop_path_rate_grows_linearly_and_dropout_rate_feeds_the_head(images):
    model = keras_resnet.ResNet18(input_shape=(32, 32, 3), drop_path_rate=0.2, dropout_rate=0.3)
    drops = [layer for layer in model.layers if layer.name.endswith("_drop")]
    # 8 blocks: the first has rate 0 (no layer), then 0.2 * k / 7.
    assert [round(d.rate, 6) for d in drops] == [round(0.2 * k / 7, 6) for k in range(1, 8)]
    assert all(d.noise_shape == (None, 1, 1, 1) for d in drops)
    assert model.get_layer("head_dropout").rate == 0.3
    x = images(4)
    np.testing.assert_array_equal(model(x, training=False), model(x, training=False))
    assert not np.allclose(model(x, training=True), model(x, training=True))
    assert "head_dropout" not in {
        layer.name for layer in keras_resnet.ResNet18(input_shape=(32, 32, 3)).layers
    }


@pytest.mark.parametrize(
    "name",
    [
        "resnet18d",
        "resnet50",
        "resnet50v2d",
        "cifar_resnet20",
        "cifar_resnet20_c",
        "cifar_resnet20v2",
        "ecaresnet50d",
    ],
)
def test_save_load_and_config_round_trips(name, images, tmp_path):
    model = keras_resnet.create_model(
        name, input_shape=(32, 32, 3), classes=7, drop_path_rate=0.1, dropout_rate=0.1
    )
    x = images(2)
    expected = np.asarray(model(x))
    path = tmp_path / f"{name}.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    np.testing.assert_array_equal(np.asarray(loaded(x)), expected)
    clone = keras.Model.from_config(model.get_config())
    assert [layer.name for layer in clone.layers] == [layer.name for layer in model.layers]
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(np.asarray(clone(x)), expected, atol=1e-6)


def test_keras_file_loads_in_a_fresh_process_without_keras_resnet(images, tmp_path):
    model = keras_resnet.CifarResNet20(classes=3)  # option A: the most unusual layers
    x = images(2)
    path = tmp_path / "m.keras"
    model.save(path)
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", np.asarray(model(x)))
    code = (
        "import sys, numpy as np, keras; m = keras.models.load_model(sys.argv[1]); "
        "assert 'keras_resnet' not in sys.modules; "
        "np.testing.assert_allclose("
        "np.asarray(m(np.load(sys.argv[2]))), np.load(sys.argv[3]), atol=1e-6)"
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    subprocess.run(
        [sys.executable, "-c", code, str(path), str(tmp_path / "x.npy"), str(tmp_path / "y.npy")],
        check=True,
        cwd=tmp_path,
        env=env,
    )


def test_weights_file_round_trip_backbone_and_errors(images, tmp_path):
    model = keras_resnet.CifarResNet20(classes=6)
    x = images(2)
    path = str(tmp_path / "c20.weights.h5")
    model.save_weights(path)
    again = keras_resnet.CifarResNet20(classes=6, weights=path)
    np.testing.assert_array_equal(np.asarray(again(x)), np.asarray(model(x)))
    backbone = keras_resnet.CifarResNet20(include_top=False, pooling="avg", weights=path)
    features = keras.Model(model.input, model.get_layer("avg_pool").output)
    np.testing.assert_array_equal(np.asarray(backbone(x)), np.asarray(features(x)))
    with pytest.raises(
        ValueError, match=r"holds a classifier for 6 classes but classes=10; pass classes=6"
    ):
        keras_resnet.CifarResNet20(weights=path)
    with pytest.raises(ValueError, match=r"does not fit model 'cifar_resnet20_b'"):
        keras_resnet.CifarResNet20(classes=6, shortcut="B", weights=path)
    # A failed load leaves the model as it was.
    other = keras_resnet.CifarResNet20(classes=6, shortcut="C")
    before = [w.copy() for w in other.get_weights()]
    with pytest.raises(ValueError, match="does not fit"):
        keras_resnet.weights.load_weights_file(other, path)
    assert all(np.array_equal(a, b) for a, b in zip(before, other.get_weights(), strict=True))


def test_mixed_precision_gives_float32_outputs_and_trains(images):
    keras.mixed_precision.set_global_policy("mixed_float16")
    model = keras_resnet.ResNet18(input_shape=(32, 32, 3), classes=4)
    assert model.get_layer("conv1_conv").compute_dtype == "float16"
    out = model(images(4))
    assert out.dtype == "float32" and np.isfinite(np.asarray(out)).all()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    history = model.fit(images(4), np.array([0, 1, 2, 3]), epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"][0])
    backbone = keras_resnet.ResNet18(include_top=False, pooling="avg")
    assert backbone(images(2)).dtype == "float16"


BAD_ARGUMENTS = [
    (dict(classes=0), ValueError, r"classes must be >= 1; received classes=0"),
    (dict(classes="10"), TypeError, r"classes must be an int; received classes='10'"),
    (dict(classes=True), TypeError, r"received classes=True"),
    (
        dict(pooling="mean"),
        ValueError,
        r"pooling must be one of None, 'avg', 'max'; received pooling='mean'",
    ),
    (
        dict(include_top="yes"),
        TypeError,
        r"include_top must be True or False; received include_top='yes'",
    ),
    (
        dict(input_shape=(16, 16, 3)),
        ValueError,
        r"input_shape=\(16, 16, 3\) is too small: .* downsamples its input by 32, "
        r"so height and width must be at least 32",
    ),
    (
        dict(input_shape=(224, 224)),
        ValueError,
        r"input_shape must be \(height, width, channels\).*received input_shape=\(224, 224\)",
    ),
    (
        dict(input_shape=(64, 64, 0)),
        ValueError,
        r"positive channel count; received input_shape=\(64, 64, 0\)",
    ),
    (
        dict(weights="no/such/file.weights.h5"),
        ValueError,
        r"weights must be None, a preset name or the path of an existing weights file; "
        r"received weights='no/such/file.weights.h5'",
    ),
    (
        dict(weights="imagenet21k"),
        ValueError,
        r"weights='imagenet21k' is neither an existing file nor a preset",
    ),
    (
        dict(weights=3),
        TypeError,
        r"weights must be None, a preset name or a file path; received weights=3",
    ),
    (
        dict(drop_path_rate=1.0),
        ValueError,
        r"drop_path_rate must be in \[0, 1\); received drop_path_rate=1.0",
    ),
    (
        dict(dropout_rate=-0.1),
        ValueError,
        r"dropout_rate must be in \[0, 1\); received dropout_rate=-0.1",
    ),
    (dict(bn_epsilon=0), ValueError, r"bn_epsilon must be in \(0, 1\); received bn_epsilon=0"),
    (dict(classifier_activation="nope"), ValueError, r"received classifier_activation='nope'"),
    (dict(name=""), ValueError, r"name must be a non-empty string; received name=''"),
    (dict(name=5), TypeError, r"name must be a string; received name=5"),
    (
        dict(input_tensor="x"),
        TypeError,
        r"input_tensor must be a Keras symbolic tensor.*received input_tensor='x'",
    ),
    (
        dict(input_tensor=np.zeros((1, 64, 64, 3))),
        TypeError,
        r"input_tensor must be a Keras symbolic tensor",
    ),
    (dict(depth=42), ValueError, r"depth must be one of .*received depth=42"),
    (dict(variant="e"), ValueError, r"received variant='e'"),
    (dict(preact=1), TypeError, r"preact must be True or False; received preact=1"),
]


@pytest.mark.parametrize("kwargs, error, message", BAD_ARGUMENTS)
def test_bad_arguments_fail_early_with_a_clear_message(kwargs, error, message):
    with pytest.raises(error, match=message):
        keras_resnet.ResNet(**kwargs)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(depth=21), ValueError, r"6n\+2 .*received depth=21"),
        (dict(shortcut="D"), ValueError, r"received shortcut='D'"),
        (dict(input_shape=(2, 2, 3)), ValueError, r"at least 4"),
    ],
)
def test_bad_cifar_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        keras_resnet.CifarResNet(**kwargs)


def test_bad_weights_files(tmp_path):
    text = tmp_path / "weights.txt"
    text.write_text("not weights")
    with pytest.raises(ValueError, match=r"is not a checkpoint this library reads"):
        keras_resnet.CifarResNet20(weights=str(text))
    truncated = tmp_path / "broken.weights.h5"
    truncated.write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 10)
    with pytest.raises(ValueError, match="not a readable HDF5 weights file"):
        keras_resnet.CifarResNet20(weights=str(truncated))
    with pytest.raises(TypeError, match=r"ResNet50D\(\) does not take variant"):
        keras_resnet.ResNet50D(variant="b")
