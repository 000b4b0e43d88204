"""The rest of the family (ResNeXt, Wide ResNet, SE, ECA, ResNet-RS) and backbones with feature
maps: exact conversion of checkpoints in timm's and torchvision's layout (against the PyTorch
reference in tests/torch_reference.py, which follows timm's source; random weights, BatchNorm
statistics included), dilation, `feature_info`, and export of grouped convolutions and feature
outputs to ONNX and TFLite."""

import numpy as np
import pytest
import safetensors.numpy as safetensors_numpy

import keras_resnet
from keras_resnet import registry, resnet, specs
from tests import ROOT

#: registry name -> the reference's (depth, form, keywords): timm's definitions of these names.
REFERENCE = {
    "resnext50_32x4d": (50, "b", dict(cardinality=32, base_width=4)),
    "wide_resnet50_2": (50, "b", dict(base_width=128)),
    "seresnet18": (18, "b", dict(attention="se")),
    "seresnext50_32x4d": (50, "b", dict(cardinality=32, base_width=4, attention="se")),
    "ecaresnet50d": (50, "d", dict(attention="eca")),
    "resnetrs50": (50, "d", dict(attention="se4", stem_conv_pool=True)),
    "resnet50d": (50, "d", {}),
}


def _reference(name, **kwargs):
    import tests.torch_reference as reference

    depth, form, knobs = REFERENCE[name]
    return reference.build(depth, form, **knobs, **kwargs)


def _save(module, path):
    state = {k: v.detach().numpy().copy() for k, v in module.state_dict().items()}
    safetensors_numpy.save_file({k: np.ascontiguousarray(v) for k, v in state.items()}, str(path))
    return str(path)


def _torch_run(module, x):
    import torch

    with torch.no_grad():
        out = module(torch.from_numpy(x.transpose(0, 3, 1, 2).copy()))
    outs = out if isinstance(out, (list, tuple)) else [out]
    return [o.numpy().transpose(0, 2, 3, 1) if o.ndim == 4 else o.numpy() for o in outs]


def _images(n=2, size=64, seed=0):
    return np.random.default_rng(seed).normal(0, 1, (n, size, size, 3)).astype("float32")


def _relative(a, b):
    return float(np.abs(a - b).max() / max(1.0, np.abs(b).max()))


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.slow) if n == "wide_resnet50_2" else n
        for n in REFERENCE
        if n != "resnet50d"
    ],
)
def test_timm_and_torchvision_checkpoints_convert_exactly(tmp_path, name):
    """One model of each new kind: grouped, widened (slow tier: the same code path with one group),
    SE on basic and grouped bottleneck blocks, ECA with the D form, ResNet-RS."""
    reference = _reference(name, num_classes=10)
    path = _save(reference, tmp_path / f"{name}.safetensors")
    model = keras_resnet.create_model(
        name, input_shape=(64, 64, 3), classes=10, weights=path, classifier_activation=None
    )
    x = _images()
    (expected,) = _torch_run(reference, x)
    assert _relative(np.asarray(model(x)), expected) <= 1e-4


@pytest.mark.parametrize("output_stride", [8, 16])
def test_feature_maps_match_timm_features_only_with_dilation(tmp_path, output_stride):
    """timm's ``features_only=True, output_stride=...`` of ResNet-50-D against ours: every feature
    map, including the dilated stages and the stride-1 average-pool shortcut (AvgPool2dSame)."""
    reference = _reference("resnet50d", features=True, output_stride=output_stride)
    path = _save(reference, tmp_path / "resnet50d.safetensors")
    model = keras_resnet.create_model(
        "resnet50d",
        input_shape=(64, 64, 3),
        features_only=True,
        out_indices=(0, 1, 2, 3, 4),
        output_stride=output_stride,
        weights=path,
    )
    x = _images(size=64)
    outputs = model(x)
    expected = _torch_run(reference, x)
    for info, want in zip(model.feature_info, expected, strict=True):
        assert (info["num_chs"], info["reduction"]) == (want.shape[-1], 64 // want.shape[1])
    for got, want in zip(outputs, expected, strict=True):
        assert got.shape == want.shape
        assert _relative(np.asarray(got), want) <= 1e-4


def test_dilated_resnext_classifier_matches_output_stride_8(tmp_path):
    """A ResNeXt dilated to output stride 8 (torchvision's ``replace_stride_with_dilation=[False,
    True, True]``, as its DeepLabV3 uses): grouped and dilated 3x3 convs; the classifier sees the
    stride-8 map."""
    reference = _reference("resnext50_32x4d", output_stride=8, num_classes=10)
    path = _save(reference, tmp_path / "resnext.safetensors")
    model = keras_resnet.create_model(
        "resnext50_32x4d",
        input_shape=(64, 64, 3),
        classes=10,
        output_stride=8,
        weights=path,
        classifier_activation=None,
    )
    x = _images()
    (expected,) = _torch_run(reference, x)
    assert _relative(np.asarray(model(x)), expected) <= 1e-4


def test_resnet50d_features_have_sides_32_16_8_4_and_output_stride_16_keeps_8():
    model = keras_resnet.create_model("resnet50d", input_shape=(128, 128, 3), features=True)
    assert [tuple(o.shape[1:3]) for o in model.outputs] == [(32, 32), (16, 16), (8, 8), (4, 4)]
    assert [(f["num_chs"], f["reduction"]) for f in model.feature_info] == [
        (256, 4),
        (512, 8),
        (1024, 16),
        (2048, 32),
    ]
    assert [f["module"] for f in model.feature_info] == [
        "conv2_block3_out",
        "conv3_block4_out",
        "conv4_block6_out",
        "conv5_block3_out",
    ]
    dilated = keras_resnet.create_model(
        "resnet50d", input_shape=(128, 128, 3), features=True, output_stride=16
    )
    assert [tuple(o.shape[1:3]) for o in dilated.outputs] == [(32, 32), (16, 16), (8, 8), (8, 8)]
    assert dilated.get_layer("conv5_block2_2_conv").dilation_rate == (2, 2)
    assert dilated.count_params() == model.count_params()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            dict(features=True, output_stride=4),
            r"output_stride must be one of 8, 16, 32; received output_stride=4",
        ),
        (
            dict(features=True, out_indices=(1, 5)),
            r"out_indices must be .* in 0..4 .*received out_indices=\(1, 5\)",
        ),
        (dict(out_indices=(1, 2)), r"out_indices=\(1, 2\) needs features=True"),
        (dict(features=True, pooling="avg"), r"takes no pooling; received pooling='avg'"),
        (dict(features=True, features_only=False), r"disagree"),
    ],
)
def test_bad_feature_arguments_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        keras_resnet.create_model("resnet18", input_shape=(64, 64, 3), **kwargs)


def test_family_knobs_are_data_and_errors_name_the_argument():
    assert registry.get_entry("resnext101_64x4d").arch.bottleneck_width(64) == 256
    assert registry.get_entry("wide_resnet50_2").arch.bottleneck_width(64) == 128
    assert registry.get_entry("resnetrs50").arch.stem_pool == "conv"
    assert (
        keras_resnet.ResNet(
            50, variant="b", cardinality=32, base_width=4, input_shape=(64, 64, 3)
        ).name
        == "resnext50_32x4d"
    )
    with pytest.raises(ValueError, match="basic blocks have no grouped .* received cardinality=32"):
        keras_resnet.ResNet(18, cardinality=32)
    with pytest.raises(
        ValueError, match=r"attention must be one of None, 'se', 'eca'; received attention='cbam'"
    ):
        keras_resnet.ResNet(50, attention="cbam")
    with pytest.raises(TypeError, match=r"create_model\('resnext50_32x4d'\) fixes cardinality=32"):
        keras_resnet.create_model("resnext50_32x4d", cardinality=8)
    model = keras_resnet.create_model("ecaresnet50d", input_shape=(64, 64, 3))
    kernel_sizes = [
        model.get_layer(f"conv{s}_block1_eca_conv").kernel_size[0] for s in (2, 3, 4, 5)
    ]
    assert (
        kernel_sizes == [specs.eca_kernel_size(c) for c in (256, 512, 1024, 2048)] == [5, 5, 5, 7]
    )


def _small(attention, **kwargs):
    """Every new layer kind at one block per stage: grouped 3x3 convs, `attention`, ResNet-RS's
    conv stem pool, the D shortcut."""
    arch = specs.Arch(
        block="bottleneck",
        depths=(1, 1, 1, 1),
        widths=specs.IMAGENET_WIDTHS,
        strides=specs.IMAGENET_STRIDES,
        stem="deep",
        stride_in_3x3=True,
        shortcut="avg_projection",
        preact=False,
        cardinality=8,
        base_width=4,
        attention=attention,
        attention_ratio=0.25,
        stem_pool="conv",
    )
    return resnet.build(
        arch, input_shape=(32, 32, 3), classes=10, name=f"small_{attention}", **kwargs
    )


def test_grouped_attention_blocks_train():
    """One SGD step on the one-block-per-stage model with every new layer kind lowers the loss
    (the registered models train in the slow tier's test_every_model_runs...)."""
    import keras

    for attention in ("se", "eca"):
        model = _small(attention, classifier_activation=None)
        x, y = _images(4, size=32), np.array([0, 1, 2, 3])
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        before = float(loss(y, model(x, training=True)))
        model.compile(optimizer=keras.optimizers.SGD(1e-3, global_clipnorm=1.0), loss=loss)
        model.fit(x, y, batch_size=4, epochs=1, verbose=0)
        assert float(loss(y, model(x, training=True))) < before, attention


@pytest.mark.parametrize(
    "attention, kwargs", [("se", {}), ("eca", dict(features=True, output_stride=16))]
)
def test_grouped_attention_and_feature_models_export_and_run_in_onnx_runtime_and_litert(
    tmp_path, attention, kwargs
):
    """Grouped convolutions with SE or ECA's 1-D conv, as a classifier and as a dilated
    multi-output backbone, export to TFLite, ONNX and OpenVINO and agree with Keras in their own
    runtimes (the export verifies every output; the SavedModel they are converted from is
    written and served in tests/export)."""
    from keras_resnet import export

    model = _small(attention, **kwargs)
    formats = ["tflite", "onnx", "openvino"]
    reports = export.export(model, tmp_path / model.name, formats, verbose=False)
    assert [r.format for r in reports] == formats and all(r.verified for r in reports), reports
    if kwargs:
        expected = "+".join(f"conv{s}_block1_out" for s in (2, 3, 4, 5))
        assert {r.output for r in reports} == {expected}


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["resnext50_32x4d", "seresnext50_32x4d", "ecaresnet50d", "resnetrs50"]
)
def test_registered_family_models_export_to_every_format(tmp_path, name, isolated):
    """In a recycled child process (`isolated`): four converters of a 50-layer model took a test
    worker to 9.7 GB."""
    found = isolated.call(_export_every_format, name, str(tmp_path / name))
    assert [f for f, _ in found] == ["saved_model", "tflite", "onnx", "openvino"], found
    assert all(verified for _, verified in found), found


def _export_every_format(name, folder):
    """The registered model `name` at 64 px exported to every format: each (format, verified)."""
    from keras_resnet import export

    # Logits, and inputs as the weights expect them: with raw [0, 255] pixels a random-initialized
    # 50-layer net's softmax saturates, and float32 rounding moves probabilities by up to 0.6%
    # (measured: from N(0, 1) inputs, ECA-ResNet-50-D's TFLite logits agree with Keras to 1.3e-6).
    model = keras_resnet.create_model(
        name, input_shape=(64, 64, 3), classes=10, classifier_activation=None
    )
    reports = export.export(model, folder, "all", preprocessing="torch", verbose=False)
    return [(r.format, bool(r.verified)) for r in reports]


@pytest.mark.slow  # an example script's training run (11 s): features=True is checked above
def test_segmentation_example_trains_a_head_on_the_backbone():
    """examples/segmentation_head.py --quick: an FPN-style head on ResNet-18-D features learns
    (training loss falls, held-out pixel accuracy rises above its untrained value)."""
    import importlib.util

    path = ROOT / "examples" / "segmentation_head.py"
    spec = importlib.util.spec_from_file_location("segmentation_head", path)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    before, after, losses = example.main(["--quick"])
    assert losses[-1] < losses[0]
    assert after[0] > before[0]
