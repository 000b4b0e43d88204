"""The named builders (``ResNet50D``, ...): real definitions in keras_resnet/_named.py, written by
scripts/generate_named.py from the registry, that build what ``create_model`` builds."""

import inspect
import subprocess
import sys

import pytest

import keras_resnet
from keras_resnet import _named, analysis, variants
from tests import ROOT
from tests.golden import REGISTRY

GENERATOR = ROOT / "scripts" / "generate_named.py"
MODULE = ROOT / "keras_resnet" / "_named.py"
FUNCTIONS = {e.function: e.name for e in variants.MODELS.values() if e.function}


def _generate(*args):
    return subprocess.run(
        [sys.executable, str(GENERATOR), *args], capture_output=True, text=True, cwd=ROOT
    )


def test_the_checked_in_module_is_what_the_generator_writes():
    result = _generate("--check")
    assert result.returncode == 0, result.stderr


def test_check_names_a_stale_file_in_one_line_and_writing_fixes_it(tmp_path):
    stale = tmp_path / "_named.py"
    stale.write_text(MODULE.read_text().replace("ResNet-50-D:", "ResNet-50-X:"))
    result = _generate("--check", "--output", str(stale))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{stale.resolve()} is out of date: run python scripts/generate_named.py"
    ]
    assert _generate("--output", str(stale)).returncode == 0
    assert stale.read_text() == MODULE.read_text()
    assert _generate("--check", "--output", str(stale)).returncode == 0


@pytest.mark.parametrize("command", [["format", "--check"], ["check"]])
def test_the_generated_module_is_as_ruff_formats_and_lints_it(command):
    pytest.importorskip("ruff")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, str(MODULE.relative_to(ROOT))],
        capture_output=True,
        text=True,
        cwd=ROOT,  # pyproject.toml's settings
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_named_builder_is_a_definition_with_the_applications_signature():
    assert _named.__all__ == list(FUNCTIONS)
    assert "def ResNet50D(" in inspect.getsource(keras_resnet.ResNet50D)
    for function in FUNCTIONS:
        builder = getattr(keras_resnet, function)
        assert builder is getattr(_named, function) and builder.__name__ == function
        assert inspect.getsource(builder).startswith(f"def {function}(\n")
        parameters = inspect.signature(builder).parameters
        assert list(parameters) == [
            "include_top",
            "weights",
            "input_tensor",
            "input_shape",
            "pooling",
            "kwargs",
        ]
        assert [p.default for p in list(parameters.values())[:5]] == [True, None, None, None, None]


def test_a_named_builder_refuses_what_its_name_fixes_but_not_the_cifar_shortcut():
    with pytest.raises(TypeError, match=r"ResNet50D\(\) does not take variant: the name fixes it"):
        keras_resnet.ResNet50D(variant="b")
    with pytest.raises(TypeError, match=r"SEResNet18\(\) does not take attention, depth"):
        keras_resnet.SEResNet18(depth=34, attention="eca")
    assert (
        keras_resnet.CifarResNet20(shortcut="B", input_shape=(8, 8, 3)).name == "cifar_resnet20_b"
    )


@pytest.mark.parametrize(
    "name",
    [
        "resnet18d",
        "resnet50v2",
        "seresnet18",
        "ecaresnet50d",
        "resnext50d_32x4d",
        "cifar_resnet20",
        "cifar_resnet20v2",
    ],
)
def test_a_named_builder_builds_what_create_model_builds(name):
    function = next(f for f, n in FUNCTIONS.items() if n == name)
    size = variants.MODELS[name].default_size if name.startswith("cifar") else 32
    named = getattr(keras_resnet, function)(input_shape=(size, size, 3))
    created = keras_resnet.create_model(name, input_shape=(size, size, 3))

    def layout(model):
        return [
            (layer.name, type(layer).__name__, [tuple(w.shape) for w in layer.weights])
            for layer in model.layers
        ]

    assert named.name == created.name == name
    assert layout(named) == layout(created)
    assert analysis.count_params(named) == REGISTRY[name][0]
