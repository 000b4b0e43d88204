"""The pre-activation (V2) presets and the V2 layouts they need: keras.applications'
ResNet50V2/101V2/152V2 files (against keras.applications itself, the file written in its own
Keras 2 HDF5 layout) and timm's ``resnetv2_*`` state dicts (against timm itself, written as
safetensors in the Hub's cache layout), both loaded by preset name, offline."""

import dataclasses

import h5py
import keras
import numpy as np
import pytest

import keras_resnet
from keras_resnet import converters, downloads, identity, presets, specs
from keras_resnet.resnet import feature_info
from tests.checkpoints import hub_cache, offline_hub, safetensors_bytes
from tests.torch_reference import import_timm


@pytest.fixture(scope="module")
def timm():
    return import_timm()


@pytest.fixture
def hub(monkeypatch, tmp_path):
    return offline_hub(monkeypatch, tmp_path / "hf_hub")


def _images(size, n=2, seed=0):
    """`n` noise images of different brightness and contrast (noise alone pools to nearly the same
    features everywhere)."""
    rng = np.random.default_rng(seed)
    images = [rng.normal(i - 0.5, 1 + i, (size, size, 3)) for i in range(n)]
    return np.stack(images).astype("float32")


# ------------------------------------------------------------------------- keras.applications
def _randomize_keras(model, seed=0):
    """Seeded random BatchNorm statistics and conv biases (the kernels keep their random init)."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            g, b, m, v = (w.shape for w in layer.get_weights())
            layer.set_weights(
                [
                    rng.uniform(0.5, 1.0, g),
                    rng.normal(0, 0.1, b),
                    rng.normal(0, 0.1, m),
                    rng.uniform(0.5, 1.5, v),
                ]
            )
        elif isinstance(layer, keras.layers.Conv2D) and layer.use_bias:
            kernel, bias = layer.get_weights()
            layer.set_weights([kernel, rng.normal(0, 0.1, bias.shape)])


def _write_keras_h5(model, path):
    """`model`'s weights in keras.applications' published layout: Keras 2 HDF5 with the
    ``layer_names`` of every layer (the unnamed 1x1 max-pool shortcuts too) and each layer's
    ``weight_names`` (``conv1_conv/kernel:0``)."""
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = [layer.name.encode() for layer in model.layers]
        for layer in model.layers:
            group = f.create_group(layer.name)
            names = [f"{layer.name}/{w.path.rsplit('/', 1)[-1]}:0" for w in layer.weights]
            group.attrs["weight_names"] = [n.encode() for n in names]
            for name, value in zip(names, layer.get_weights(), strict=True):
                group.create_dataset(name, data=value)
    return path


def _keras_v2_cache(monkeypatch, tmp_path, depth, size):
    """keras.applications' ResNet{depth}V2 at `size` with seeded random weights, written where
    `keras.utils.get_file` caches its preset (``$KERAS_HOME/keras_resnet/<file>``); the preset's
    MD5 is replaced by the fabricated file's (it cannot match the published one)."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    reference = getattr(keras.applications, f"ResNet{depth}V2")(
        weights=None, input_shape=(size, size, 3), classifier_activation=None
    )
    _randomize_keras(reference)
    preset = presets.get(f"resnet{depth}v2.keras_in1k")
    target = tmp_path / "keras_resnet" / preset.filename
    target.parent.mkdir()
    _write_keras_h5(reference, target)
    preset = dataclasses.replace(
        preset, file_hash=downloads.file_hash(target, preset.hash_algorithm)
    )
    monkeypatch.setitem(presets.PRESETS, preset.name, preset)
    return reference, preset


@pytest.mark.parametrize(
    "depth",
    [50, pytest.param(101, marks=pytest.mark.slow), pytest.param(152, marks=pytest.mark.slow)],
)
def test_keras_applications_v2_presets_convert_exactly(monkeypatch, tmp_path, depth):
    reference, preset = _keras_v2_cache(monkeypatch, tmp_path, depth, size=32)
    model = keras_resnet.create_model(
        f"resnet{depth}v2_keras",
        weights=preset.name,
        input_shape=(32, 32, 3),
        classifier_activation=None,
    )
    x = _images(32)
    expected = np.asarray(reference(x))
    assert np.abs(np.asarray(model(x)) - expected).max() <= 1e-4
    assert np.abs(expected).max() > 0.1  # a real comparison, not of two near-zero outputs
    assert model.pretrained_cfg["preprocessing"]["name"] == "tf"
    assert model.pretrained_cfg["top1"] == preset.top1 and preset.model == f"resnet{depth}v2_keras"
    with pytest.raises(ValueError, match=r"timm's layout .*v2_layout='keras'"):
        keras_resnet.create_model(
            f"resnet{depth}v2", weights=str(presets.fetch(preset, verbose=False))
        )


def test_the_keras_layout_is_keras_applications_layer_for_layer():
    """Same weighted layers, names, kernel and bias shapes, parameters and MACs as
    keras.applications' ResNet50V2 (timm's layout has the same shapes but strides elsewhere and
    has no conv biases)."""
    from keras_resnet import analysis

    ours = keras_resnet.create_model("resnet50v2_keras", input_shape=(64, 64, 3))
    theirs = keras.applications.ResNet50V2(weights=None, input_shape=(64, 64, 3))

    def shapes(model):
        return {
            layer.name: [tuple(w.shape) for w in layer.weights]
            for layer in model.layers
            if layer.weights
        }

    assert shapes(ours) == shapes(theirs)
    assert analysis.count_params(ours) == analysis.count_params(theirs)
    assert analysis.count_macs(ours) == analysis.count_macs(theirs)
    strided = [n for n in ("conv2_block3", "conv3_block4", "conv4_block6", "conv5_block3")]
    assert [ours.get_layer(f"{n}_2_conv").strides for n in strided] == [(2, 2)] * 3 + [(1, 1)]
    assert {"conv2_block3_0_pool", "conv4_block6_0_pool"} <= {layer.name for layer in ours.layers}


# ------------------------------------------------------------------------------------- timm
def _timm_state(timm, name, seed=0):
    """timm's `name` with seeded random weights: its own init for the kernels, random BatchNorm
    affine parameters and statistics (the branch's last norm kept small, so that the residual
    stream, which no norm rescales, keeps the logits of order one)."""
    import torch

    torch.manual_seed(seed)
    model = timm.create_model(name, pretrained=False).eval()
    last = "norm3" if "50" in name or "101" in name else "norm2"
    with torch.no_grad():
        fc = model.get_classifier()
        fc.weight.normal_(0, fc.weight.shape[1] ** -0.5)  # timm starts it at std 0.01
        for key, module in model.named_modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                scale = 0.2 if key.endswith(last) else 1.0
                module.weight.uniform_(0.5 * scale, scale)
                module.bias.normal_(0, 0.1)
                module.running_mean.normal_(0, 0.1)
                module.running_var.uniform_(0.5, 1.5)
    state = {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}
    return model, state


def _torch_logits(model, x):
    import torch

    with torch.no_grad():
        return model(torch.from_numpy(x.transpose(0, 3, 1, 2).copy())).numpy()


@pytest.mark.parametrize(
    "preset_name, size",
    [
        ("resnetv2_50.a1h_in1k", 64),
        ("resnetv2_18d.ra4_e3600_r224_in1k", 57),  # odd: the stem pool's last window is padded
        pytest.param("resnetv2_101.a1h_in1k", 64, marks=pytest.mark.slow),
        pytest.param("resnetv2_34.ra4_e3600_r224_in1k", 64, marks=pytest.mark.slow),
    ],
)
def test_timm_resnetv2_presets_convert_exactly(timm, hub, tmp_path, preset_name, size):
    reference, state = _timm_state(timm, preset_name.split(".")[0])
    hub_cache(hub, f"timm/{preset_name}", {"model.safetensors": safetensors_bytes(state, tmp_path)})
    preset = presets.get(preset_name)
    model = keras_resnet.create_model(
        preset.model, weights=preset_name, input_shape=(size, size, 3), classifier_activation=None
    )
    x = _images(size)
    expected = _torch_logits(reference, x)
    assert np.abs(np.asarray(model(x)) - expected).max() <= 1e-4
    assert 0.1 < np.abs(expected).max() < 100 and np.abs(expected[0] - expected[1]).max() > 0.01
    assert model.pretrained_cfg["preprocessing"]["name"] == "tf"  # timm's mean/std 0.5
    if preset.model == "resnet50v2":  # the same shapes in keras.applications' layout: refused
        keras_layout = keras_resnet.create_model("resnet50v2_keras", input_shape=(size, size, 3))
        with pytest.raises(ValueError, match=r"laid out as keras.applications' ResNet V2"):
            converters.load_checkpoint(keras_layout, presets.fetch(preset, verbose=False))


@pytest.mark.parametrize("size", [7, 8])
def test_the_default_stem_pool_ignores_its_padding_as_pytorch_does(size):
    """The pre-activation stem pools the raw conv output, negative at the borders: the pool must
    never take a padded value (PyTorch's ``MaxPool2d(3, 2, padding=1)``), at odd and even sizes."""
    import torch

    model = keras_resnet.create_model("resnet18v2", input_shape=(64, 64, 3))
    pool = keras.Sequential([model.get_layer("pool1_pool"), model.get_layer("pool1_subsample")])
    conv = -np.random.default_rng(size).uniform(1, 2, (2, size, size, 4)).astype("float32")
    expected = torch.nn.functional.max_pool2d(
        torch.from_numpy(conv.transpose(0, 3, 1, 2).copy()), 3, 2, 1
    ).numpy()
    assert np.array_equal(np.asarray(pool(conv)), expected.transpose(0, 2, 3, 1))
    zero_padded = keras.Sequential([keras.layers.ZeroPadding2D(1), keras.layers.MaxPooling2D(3, 2)])
    assert np.asarray(zero_padded(conv)).max() == 0  # what the keras.applications layout computes


# ----------------------------------------------------------------------------- the layout knob
def test_v2_layout_is_a_knob_of_the_v2_builders_with_its_own_name_and_identity(monkeypatch):
    from keras_resnet import weights

    loaded = []
    monkeypatch.setattr(weights, "load", lambda model, spec, **kw: loaded.append(spec))
    model = keras_resnet.ResNet50V2(v2_layout="keras", weights="imagenet", input_shape=(32, 32, 3))
    assert model.name == "resnet50v2_keras" and loaded[-1].name == "resnet50v2.keras_in1k"
    keras_resnet.ResNet50V2(weights="imagenet", input_shape=(32, 32, 3))
    assert loaded[-1].name == "resnetv2_50.a1h_in1k"
    assert keras_resnet.ResNet(18, preact=True, v2_layout="keras").name == "resnet18v2_keras"
    keras_id, timm_id = identity.of_name("resnet50v2_keras"), identity.of_name("resnet50v2")
    assert not keras_id.fits(timm_id) and "v2_layout" in keras_id.differences(timm_id)
    assert "v2_layout" not in identity.knobs(specs.imagenet_arch(50, preact=True))
    with pytest.raises(ValueError, match=r"v2_layout applies to pre-activation .*preact=False"):
        keras_resnet.ResNet(50, v2_layout="keras")
    with pytest.raises(ValueError, match=r"v2_layout must be one of 'timm', 'keras'; .*'tf'"):
        keras_resnet.ResNet50V2(v2_layout="tf")
    with pytest.raises(ValueError, match=r"fits model 'resnet50v2_keras', not 'resnet50v2'"):
        keras_resnet.ResNet50V2(weights="resnet50v2.keras_in1k")


def test_the_keras_layout_reports_where_its_features_are():
    """Each stage's output is already downsampled by the next stage's stride."""
    keras_arch = specs.imagenet_arch(50, preact=True, v2_layout="keras")
    assert [f["reduction"] for f in feature_info(keras_arch)] == [2, 8, 16, 32, 32]
    timm_arch = specs.imagenet_arch(50, preact=True)
    assert [f["reduction"] for f in feature_info(timm_arch)] == [2, 4, 8, 16, 32]
    backbone = keras_resnet.create_model(
        "resnet50v2_keras", features=True, input_shape=(64, 64, 3), output_stride=16
    )
    assert [tuple(o.shape[1:3]) for o in backbone.outputs] == [(8, 8), (4, 4), (4, 4), (4, 4)]
    assert [f["reduction"] for f in backbone.feature_info] == [8, 16, 16, 16]


def test_every_v2_preset_names_its_source_and_normalization():
    v2 = {name: p for name, p in presets.PRESETS.items() if "v2" in p.model}
    assert {p.model for p in v2.values()} == {
        "resnet18v2",
        "resnet18v2d",
        "resnet34v2",
        "resnet34v2d",
        "resnet50v2",
        "resnet101v2",
        "resnet50v2_keras",
        "resnet101v2_keras",
        "resnet152v2_keras",
    }
    for p in v2.values():
        assert p.preprocessing == "tf" and p.license and p.recipe and p.top1 and p.top5, p.name
        if p.library == "keras.applications":
            assert p.hash_algorithm == "md5" and len(p.file_hash) == 32
            assert p.url.endswith(f"/{p.name.split('.')[0]}_weights_tf_dim_ordering_tf_kernels.h5")
        else:
            assert p.hub_repo == f"timm/{p.name}" and p.eval.interpolation == "bicubic"
            assert presets.registry_model_of(p.name.split(".")[0]) == p.model
    assert presets.get("resnet50v2.a1h_in1k") is presets.get("resnetv2_50.a1h_in1k")
    assert presets.DEFAULTS["resnet101v2_keras"] == "resnet101v2.keras_in1k"
