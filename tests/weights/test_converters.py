"""Pretrained weights: exact conversion from torchvision/timm state dicts (against a PyTorch
reference written in tests/torch_reference.py) and from keras.applications files (against
keras.applications itself), bad checkpoints, ImageNet decoding (presets:
tests/weights/test_presets.py), `convert-weights`."""

import os
import pickle

import h5py
import keras
import numpy as np
import pytest

import keras_resnet
from keras_resnet import converters, imagenet
from tests.checkpoints import save_safetensors, state_18


def _torch_state(depth, form, classes=1000):
    import tests.torch_reference as reference

    model = reference.build(depth, form, classes)
    state = {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}
    return model, state


def _torch_logits(model, x):
    import torch

    with torch.no_grad():
        return model(torch.from_numpy(x.transpose(0, 3, 1, 2).copy())).numpy()


def _images(n=2, size=224, seed=0):
    return np.random.default_rng(seed).normal(0, 1, (n, size, size, 3)).astype("float32")


def _conversion_params():
    """Every architecture from both file kinds; the .pth reader (one code path for any architecture)
    on ResNet-50-B/D in the slow tier."""
    params = []
    for suffix in (".safetensors", ".pth"):
        for depth, form in [(18, "b"), (50, "b"), (50, "d")]:
            slow = suffix == ".pth" and depth == 50
            params.append(
                pytest.param(depth, form, suffix, marks=pytest.mark.slow)
                if slow
                else (depth, form, suffix)
            )
    return params


@pytest.mark.parametrize("depth,form,suffix", _conversion_params())
def test_torchvision_timm_checkpoints_convert_exactly(tmp_path, depth, form, suffix):
    import torch

    reference, state = _torch_state(depth, form)
    path = tmp_path / f"resnet{depth}{form}{suffix}"
    if suffix == ".pth":
        torch.save(reference.state_dict(), path)
    else:
        save_safetensors(state, path)
    name = f"resnet{depth}{form if depth >= 50 else ''}"
    model = keras_resnet.create_model(name, weights=str(path), classifier_activation=None)
    x = _images()
    diff = np.abs(np.asarray(model(x)) - _torch_logits(reference, x)).max()
    assert diff <= 1e-4, diff


def _keras_applications_file(path, classes=1000, seed=0):
    """keras.applications ResNet50 with random weights (biases and BN statistics included),
    written in keras.applications' own file layout (Keras 2 HDF5, layer_names/weight_names)."""
    reference = keras.applications.ResNet50(
        weights=None, classes=classes, classifier_activation=None
    )
    rng = np.random.default_rng(seed)
    for layer in reference.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            g, b, m, v = layer.get_weights()
            layer.set_weights(
                [
                    rng.uniform(0.5, 1.0, g.shape),
                    rng.normal(0, 0.1, b.shape),
                    rng.normal(0, 0.1, m.shape),
                    rng.uniform(0.5, 1.5, v.shape),
                ]
            )
        elif isinstance(layer, keras.layers.Conv2D):
            kernel, bias = layer.get_weights()
            layer.set_weights([kernel, rng.normal(0, 0.1, bias.shape)])
    with h5py.File(path, "w") as f:
        names = [layer.name for layer in reference.layers]
        f.attrs["layer_names"] = [n.encode() for n in names]
        for layer in reference.layers:
            group = f.create_group(layer.name)
            short = {
                "Conv2D": ["kernel", "bias"],
                "Dense": ["kernel", "bias"],
                "BatchNormalization": ["gamma", "beta", "moving_mean", "moving_variance"],
            }.get(type(layer).__name__, [])
            weight_names = [f"{layer.name}/{s}:0" for s in short]
            group.attrs["weight_names"] = [w.encode() for w in weight_names]
            for weight_name, value in zip(weight_names, layer.get_weights(), strict=False):
                group.create_dataset(weight_name, data=value)
    return reference


def test_keras_applications_weights_fold_exactly(tmp_path):
    path = tmp_path / "resnet50_weights_tf_dim_ordering_tf_kernels.h5"
    reference = _keras_applications_file(path)
    model = keras_resnet.create_model("resnet50", weights=str(path), classifier_activation=None)
    x = _images()
    diff = np.abs(np.asarray(model(x)) - np.asarray(reference(x))).max()
    assert diff <= 1e-4, diff
    with pytest.raises(ValueError, match=r"strides in the 3x3 convolution \(B form\)"):
        keras_resnet.create_model("resnet50b", weights=str(path))


def test_head_left_fresh_for_other_classes_or_no_top(tmp_path, capsys):
    reference, state = _torch_state(18, "b")
    path = save_safetensors(state, tmp_path / "r18.safetensors")
    x = _images(1, 64)
    backbone = keras_resnet.ResNet18(
        include_top=False, pooling="avg", input_shape=(64, 64, 3), weights=str(path)
    )
    assert "include_top=False" in capsys.readouterr().err
    ten = keras_resnet.ResNet18(classes=10, input_shape=(64, 64, 3), weights=str(path))
    assert "1000 classes, the model 10" in capsys.readouterr().err
    assert np.allclose(
        ten.get_layer("conv1_conv").get_weights()[0], state["conv1.weight"].transpose(2, 3, 1, 0)
    )
    import torch

    with torch.no_grad():
        features = reference.layer4(
            reference.layer3(
                reference.layer2(
                    reference.layer1(
                        reference.maxpool(
                            torch.relu(
                                reference.bn1(
                                    reference.conv1(
                                        torch.from_numpy(x.transpose(0, 3, 1, 2).copy())
                                    )
                                )
                            )
                        )
                    )
                )
            )
        )
    expected = features.mean((2, 3)).numpy()
    assert np.abs(np.asarray(backbone(x)) - expected).max() <= 1e-4


def _tamper_cases():
    def missing(s):
        del s["layer1.0.conv1.weight"]

    def extra(s):
        s["layer5.0.conv1.weight"] = np.zeros((1, 1, 1, 1), "float32")

    def shape(s):
        s["layer1.0.conv2.weight"] = np.zeros((64, 64, 1, 1), "float32")

    return [
        (missing, r"1 missing keys, e.g. \['layer1.0.conv1.weight'\]"),
        (extra, r"1 unexpected keys, e.g. \['layer5.0.conv1.weight'\]"),
        (
            shape,
            r"key 'layer1.0.conv2.weight' has shape \(1, 1, 64, 64\) after conversion, "
            r"layer 'conv2_block1_2_conv' needs \(3, 3, 64, 64\)",
        ),
    ]


@pytest.mark.parametrize("tamper,message", _tamper_cases())
def test_bad_checkpoints_are_named_and_leave_the_model_unchanged(tmp_path, tamper, message):
    state = state_18()
    tamper(state)
    path = save_safetensors(state, tmp_path / "bad.safetensors")
    model = keras_resnet.ResNet18(input_shape=(64, 64, 3))
    before = [w.copy() for w in model.get_weights()]
    with pytest.raises(ValueError, match=message):
        converters.load_checkpoint(model, path)
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights(), strict=True))


def test_a_checkpoint_of_another_architecture_is_refused(tmp_path):
    """A ResNet-50-D file into a ResNet-50-B: the error names the keys and what the file is."""
    d = keras_resnet.create_model("resnet50d", input_shape=(64, 64, 3))
    from keras_resnet.converters import torchvision_timm

    state = {}
    for layer in d.layers:
        prefix = torchvision_timm._prefix(layer.name, True)
        for field, value in zip(
            ("weight",) if isinstance(layer, keras.layers.Conv2D) else torchvision_timm.BN_FIELDS,
            layer.get_weights(),
            strict=False,
        ):
            state[f"{prefix}.{field}"] = value.transpose(3, 2, 0, 1) if value.ndim == 4 else value
    path = save_safetensors(
        {k: v for k, v in state.items() if not k.startswith("fc.")},
        tmp_path / "resnet50d.safetensors",
    )
    b = keras_resnet.create_model("resnet50b", input_shape=(64, 64, 3))
    before = [w.copy() for w in b.get_weights()]
    with pytest.raises(
        ValueError,
        match=r"missing keys, e.g. \['conv1.weight'.*unexpected keys.*"
        r"form D \(deep stem, average-pool shortcut\)",
    ):
        converters.load_checkpoint(b, path)
    assert all(np.array_equal(x, y) for x, y in zip(before, b.get_weights(), strict=True))
    with pytest.raises(ValueError, match=r"strides in the first 1x1 convolution .* use the B form"):
        converters.load_checkpoint(
            keras_resnet.create_model("resnet50", input_shape=(64, 64, 3)), path
        )


def test_truncated_and_foreign_files_are_refused(tmp_path):
    good = save_safetensors(state_18(), tmp_path / "good.safetensors").read_bytes()
    truncated = tmp_path / "truncated.safetensors"
    truncated.write_bytes(good[: len(good) // 2])
    model = keras_resnet.ResNet18(input_shape=(64, 64, 3))
    with pytest.raises(ValueError, match="is not a readable safetensors file"):
        converters.load_checkpoint(model, truncated)
    text = tmp_path / "notes.pth"
    text.write_text("hello")
    with pytest.raises(ValueError, match="is not a checkpoint this library reads"):
        keras_resnet.ResNet18(weights=str(text))


class _Exploit:
    """A pickle that would run a command when loaded without weights_only."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_with_code_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pth"
    with open(path, "wb") as f:
        pickle.dump({"conv1.weight": _Exploit(marker)}, f, protocol=2)
    with pytest.raises(
        ValueError, match=r"weights_only=True \(refusing to run code from a checkpoint\)"
    ):
        converters.load_checkpoint(keras_resnet.ResNet18(input_shape=(64, 64, 3)), path)
    assert not marker.exists()
    truncated = tmp_path / "truncated.pth"
    import torch

    torch.save({"w": torch.zeros(1000)}, tmp_path / "whole.pth")
    truncated.write_bytes((tmp_path / "whole.pth").read_bytes()[:300])
    with pytest.raises(ValueError, match="could not be loaded as a plain PyTorch state dict"):
        converters.load_checkpoint(keras_resnet.ResNet18(input_shape=(64, 64, 3)), truncated)


def test_imagenet_decoding_and_preprocessing():
    assert len(imagenet.classes()) == 1000 and imagenet.classes()[0] == ("n01440764", "tench")
    scores = np.eye(1000, dtype="float32")[[0, 999]]
    decoded = imagenet.decode_predictions(scores, top=1)
    assert decoded == [[("n01440764", "tench", 1.0)], [("n15075141", "toilet_tissue", 1.0)]]
    pixels = np.full((1, 2, 2, 3), 255.0, "float32")
    torch_style = imagenet.preprocess_input(pixels, mode="resnet18.tv_in1k")
    np.testing.assert_allclose(
        torch_style[0, 0, 0],
        (1 - np.array([0.485, 0.456, 0.406])) / np.array([0.229, 0.224, 0.225]),
        rtol=1e-6,
    )
    caffe = imagenet.preprocess_input(pixels, mode="caffe")
    np.testing.assert_allclose(
        caffe, keras.applications.resnet.preprocess_input(pixels.copy()), rtol=1e-6
    )
    with pytest.raises(ValueError, match=r"expects a batch of 1000 ImageNet scores"):
        imagenet.decode_predictions(np.zeros((1, 10)))
