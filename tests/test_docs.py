"""README promises, the generated model table and docstring examples."""

import doctest
import importlib.util
import re

import tomllib

from keras_resnet import registry
from tests import ROOT
from tests.golden import REGISTRY

README = (ROOT / "README.md").read_text()
MODELS_PAGE = ROOT / "docs" / "guides" / "models.md"


def _first_commands():
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", README, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    head = README.split("```")[0]
    assert len(head.splitlines()) < 12, "the two commands must come first"
    main_job, tests = _first_commands()
    assert main_job.startswith("pip install") and "keras-resnet" in main_job
    assert tests.startswith("pip install") and "pytest" in tests
    test_command = tests.split("&&")[-1].strip()
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_the_model_table_matches_the_golden_numbers():
    """The table `scripts/model_table.py` writes into the models page: one row per registered
    model, in the registry's order, with its exact parameter count and rounded MACs."""
    text = MODELS_PAGE.read_text()
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| ([\d,]+) \| ([\d.]+) ([GM]) \|", text, re.M)
    assert [name for name, *_ in rows] == registry.list_models()
    for name, params, macs, unit in rows:
        assert int(params.replace(",", "")) == REGISTRY[name][0], name
        scale = 1e9 if unit == "G" else 1e6
        half_last_digit = 0.5 * 10 ** -len(macs.split(".")[1]) * scale  # the table rounds
        assert abs(float(macs) * scale - REGISTRY[name][1]) <= half_last_digit, name


def test_the_command_line_page_is_generated_from_the_parser():
    """docs/cli.md is what scripts/cli_reference.py writes from the parser (CI also runs its
    --check): every command and flag, none typed by hand."""
    spec = importlib.util.spec_from_file_location(
        "cli_reference", ROOT / "scripts" / "cli_reference.py"
    )
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    page = reference.render()
    assert reference.PAGE.read_text() == page, "run python scripts/cli_reference.py"
    from keras_resnet import cli

    for name in cli.COMMANDS:
        assert f"## `keras-resnet {name}`" in page
    assert "`--calibration-data CALIBRATION_DATA`" in page and "`--output OUTPUT`, `-o`" in page


def test_every_docstring_example_is_collected_by_the_test_run():
    """The package's examples run as one doctest collection (``--doctest-modules`` over
    ``keras_resnet``), the named builders' included: none is left to a hand-written runner."""
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in options["addopts"] and "keras_resnet" in options["testpaths"]
    import keras_resnet._named
    import keras_resnet.resnet

    finder = doctest.DocTestFinder()
    examples = {
        t.name
        for module in (keras_resnet.resnet, keras_resnet._named)
        for t in finder.find(module)
        if t.examples
    }
    assert {
        "keras_resnet.resnet.ResNet",
        "keras_resnet.resnet.CifarResNet",
        "keras_resnet._named.ResNet50D",
    } <= examples
