"""The registry: names, lookups, errors, and golden parameter / MAC figures."""

import subprocess
import sys

import pytest

import keras_resnet
from keras_resnet import registry, specs
from tests.golden import PUBLISHED_MACS, PUBLISHED_PARAMS, REGISTRY, RESNET50_NAMES
from tests.tiers import HEAVY_TO_TRAIN, registry_params


def test_registry_holds_every_family_and_variant():
    names = keras_resnet.list_models()
    assert len(names) == len(set(names)) == 95
    assert keras_resnet.list_models("resnet50*") == RESNET50_NAMES
    assert len(keras_resnet.list_models("cifar_*")) == 29
    assert keras_resnet.list_models("cifar_plain*") == [
        f"cifar_plain{d}" for d in (20, 32, 44, 56, 110)
    ]
    assert keras_resnet.list_models("cifar_resnet56*") == [
        "cifar_resnet56",
        "cifar_resnet56_b",
        "cifar_resnet56_c",
        "cifar_resnet56v2",
    ]
    assert keras_resnet.list_models("no_such_model*") == []
    assert set(REGISTRY) == set(names), "golden table and registry disagree"


def test_every_named_function_resolves_lazily():
    for entry in registry.MODELS.values():
        if entry.function:
            builder = getattr(keras_resnet, entry.function)
            assert builder.__name__ == entry.function
            assert entry.summary.split(":")[0] in builder.__doc__


@pytest.mark.parametrize(
    "name, near",
    [("resnet5d", "resnet50d"), ("resnt50", "resnet50"), ("cifar_resnet21", "cifar_resnet20")],
)
def test_unknown_name_suggests_near_names(name, near):
    with pytest.raises(ValueError, match=rf"Unknown model name='{name}'.*Did you mean.*'{near}'"):
        keras_resnet.create_model(name)
    with pytest.raises(ValueError, match="Unknown model"):
        keras_resnet.model_info(name)


def test_create_model_rejects_arguments_the_name_fixes():
    with pytest.raises(TypeError, match=r"fixes variant='d'; received variant='b'"):
        keras_resnet.create_model("resnet50d", variant="b")
    with pytest.raises(TypeError, match=r"fixes shortcut='B'"):
        keras_resnet.create_model("cifar_resnet20_b", shortcut="C")
    with pytest.raises(TypeError, match="pattern must be a string"):
        keras_resnet.list_models(50)
    with pytest.raises(TypeError, match="name must be a registered model name"):
        keras_resnet.create_model(None)


def test_create_model_names_and_configures():
    model = keras_resnet.create_model("cifar_resnet20_c", classes=100, input_shape=(40, 40, 3))
    assert model.name == "cifar_resnet20_c"
    assert model.output_shape == (None, 100)
    assert (
        keras_resnet.create_model("resnet18d", name="mine", input_shape=(32, 32, 3)).name == "mine"
    )


def test_import_is_fast_and_light():
    code = (
        "import sys, time; t = time.time(); import keras_resnet; dt = time.time() - t; "
        "heavy = [m for m in ('keras', 'tensorflow', 'tensorflow_model_optimization', "
        "'tf_keras', 'torch', 'onnxruntime', 'tf2onnx') if m in sys.modules]; "
        "print(heavy, dt); assert not heavy, heavy; assert dt < 1.0, dt; "
        "keras_resnet.list_models(); assert 'keras' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_golden_parameters_equal_the_published_figures():
    """Every published parameter count is the golden one, which the built model must give
    (`test_golden_parameters_and_macs_of_every_registered_model`): one build per model."""
    assert set(PUBLISHED_PARAMS) <= set(REGISTRY)
    differing = {
        name: (REGISTRY[name][0], published)
        for name, published in PUBLISHED_PARAMS.items()
        if REGISTRY[name][0] != published
    }
    assert not differing, differing


@pytest.mark.parametrize("name", list(PUBLISHED_MACS))
def test_macs_within_two_percent_of_published_figures(name):
    """Every model with a published MAC figure, heavy ones included (ResNeXt-101, Wide ResNet-101):
    their exact published parameter counts are checked here too, in the default tier."""
    published, tolerance = PUBLISHED_MACS[name]
    info = keras_resnet.model_info(name)
    macs = info.macs
    if name in PUBLISHED_PARAMS:
        assert info.params == PUBLISHED_PARAMS[name]
    assert abs(macs - published) <= tolerance * published, (
        f"{name}: {macs / 1e9:.4f} G vs {published / 1e9:.4f} G"
    )


# Depths 101+ (ImageNet) and 110+ (CIFAR) are slow to build: their golden figures are checked in
# the slow tier (ResNet-101-B/D and CIFAR ResNet-110 against the published figures above by
# default).
@pytest.mark.parametrize("name", registry_params(heavy=HEAVY_TO_TRAIN))
def test_golden_parameters_and_macs_of_every_registered_model(name):
    info = keras_resnet.model_info(name)
    assert (info.params, info.macs) == REGISTRY[name]
    assert info.total_params > info.params  # BatchNorm moving statistics are not trainable
    size = registry.get_entry(name).default_size
    assert info.input_shape == (size, size, 3)


def test_tweaks_change_only_what_they_should():
    # B moves a stride: same parameters, more MACs (the 3x3 conv runs at full resolution).
    assert (
        REGISTRY["resnet50b"][0] == REGISTRY["resnet50"][0]
        and REGISTRY["resnet50b"][1] > REGISTRY["resnet50"][1]
    )
    # Basic blocks have no 1x1 conv: B changes nothing.
    assert (
        REGISTRY["resnet18b"] == REGISTRY["resnet18"]
        and REGISTRY["resnet34b"] == REGISTRY["resnet34"]
    )
    # D's average pool adds no parameters and no counted MACs over C.
    assert REGISTRY["resnet50d"] == REGISTRY["resnet50c"]
    # Option A is parameter-free, B adds projections at the two stage changes, C everywhere.
    a, b, c = (REGISTRY[f"cifar_resnet20{s}"][0] for s in ("", "_b", "_c"))
    assert a < b < c
    assert b - a == (16 * 32 + 2 * 32) + (32 * 64 + 2 * 64)


def test_macs_scale_with_resolution():
    small, large = keras_resnet.model_info("resnet50b"), keras_resnet.model_info("resnet50b", 448)
    dense = 2048 * 1000
    assert large.macs - dense == 4 * (small.macs - dense)
    assert large.params == small.params


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda: specs.imagenet_arch(42),
            ValueError,
            r"depth must be one of 18, 34, 50, 101, 152, 200; received depth=42",
        ),
        (
            lambda: specs.imagenet_arch(50, "e"),
            ValueError,
            r"variant must be one of .*received variant='e'",
        ),
        (
            lambda: specs.imagenet_arch(50, "b", preact=True),
            ValueError,
            r"already put the stride in the 3x3 conv",
        ),
        (lambda: specs.cifar_arch(21), ValueError, r"6n\+2.*received depth=21"),
        (lambda: specs.cifar_arch(2), ValueError, r"received depth=2"),
        (lambda: specs.cifar_arch("20"), ValueError, r"received depth='20'"),
        (
            lambda: specs.cifar_arch(20, "D"),
            ValueError,
            r"shortcut must be one of 'A', 'B', 'C', None; received shortcut='D'",
        ),
        (lambda: specs.cifar_arch(20, ["A"]), ValueError, r"received shortcut=\['A'\]"),
        (
            lambda: specs.Arch("tiny", (1,), (8,), (1,), "cifar", True, "projection", False),
            ValueError,
            r"Arch.block",
        ),
    ],
)
def test_arch_errors_name_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_arch_properties():
    arch = specs.imagenet_arch(50, "d")
    assert (arch.total_stride, arch.num_blocks, arch.num_features, arch.stem_widths) == (
        32,
        16,
        2048,
        (32, 32, 64),
    )
    cifar = specs.cifar_arch(110)
    assert (cifar.total_stride, cifar.depths, cifar.num_features) == (4, (18, 18, 18), 64)
