"""How the package is laid out: layers that import only downward, nothing outside a
package importing its private modules, short functions, a typed public API, and a registry that
loads no framework. The checks live in scripts/check_layout.py, which CI also runs on its own."""

import importlib.util
import re
import subprocess
import sys

import pytest

from tests import ROOT

_spec = importlib.util.spec_from_file_location("check_layout", ROOT / "scripts" / "check_layout.py")
layout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(layout)


@pytest.fixture(scope="module")
def graph():
    return layout.import_graph()


def test_the_import_graph_has_no_cycle(graph):
    assert len(graph) > 40 and graph["keras_resnet.resnet"] >= {
        "keras_resnet.blocks",
        "keras_resnet.variants",
    }
    assert layout.cycles(graph) == []


def test_layers_point_down(graph):
    """specs and variants under the builders, the builders under the registry, the registry under
    training and export's users, the command line's command modules on top."""
    height = {m: level for level, names in enumerate(layout.layers(graph)) for m in names}
    order = [
        "keras_resnet.specs",
        "keras_resnet.variants",
        "keras_resnet.resnet",
        "keras_resnet.registry",
        "keras_resnet.training.trainer",
        "keras_resnet.cli.train",
    ]
    assert [height[m] for m in order] == sorted(height[m] for m in order)
    assert len({height[m] for m in order}) == len(order)
    assert "keras_resnet.registry" not in graph["keras_resnet.resnet"]
    assert "keras_resnet.weights" not in graph["keras_resnet.converters"]


def test_nothing_imports_the_command_line(graph):
    """The command line is the top: no library module imports it, and its package imports no
    command module (each is imported by name when its command runs or shows its help)."""
    cli = [m for m in graph if m == "keras_resnet.cli" or m.startswith("keras_resnet.cli.")]
    assert len(cli) > 10
    importers = {m for m, targets in graph.items() if targets & set(cli)}
    assert all(m.startswith("keras_resnet.cli") for m in importers), importers
    commands = {m for m in cli if m.startswith("keras_resnet.cli.") and "._" not in m}
    assert len(commands) >= 10
    assert not graph["keras_resnet.cli"] & commands


def test_nothing_outside_a_package_imports_its_private_modules(graph):
    assert layout.private_imports(graph) == []


def test_no_function_has_more_than_60_lines_of_code():
    assert layout.long_functions(60) == []


def test_every_public_function_is_annotated():
    assert layout.unannotated() == []


def test_the_checks_find_what_they_look_for(tmp_path):
    """A made-up package with a cycle, a private import from outside and a long, untyped
    function."""
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    files = {
        "pkg/__init__.py": "",
        "pkg/a.py": "from pkg import b\n",
        "pkg/b.py": "def f():\n    from pkg import a\n",  # a lazy import closes the cycle too
        "pkg/sub/__init__.py": "",
        "pkg/sub/_private.py": "",
        "pkg/c.py": "from pkg.sub import _private\n\n\ndef long(x):\n"
        + "    x += 1\n" * 61
        + "    return x\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    found = layout.modules(package)
    graph = layout.import_graph(found)
    assert layout.cycles(graph) == [["pkg.a", "pkg.b"]]
    assert layout.private_imports(graph) == ["pkg.c -> pkg.sub._private"]
    saved_root, layout.ROOT = layout.ROOT, tmp_path
    try:
        # 61 statements and the return: the signature is not counted
        assert layout.long_functions(60, found) == [("pkg/c.py:4 long", 62)]
        assert "pkg/c.py:4 long(x, return)" in layout.unannotated(found)
    finally:
        layout.ROOT = saved_root


def test_the_registry_and_the_command_line_parser_load_no_framework():
    code = (
        "import sys, keras_resnet.registry, keras_resnet.cli\n"
        "keras_resnet.cli.build_parser().parse_args(['list'])\n"
        "keras_resnet.cli.build_parser().parse_args(['export', 'resnet18', '-o', 'out'])\n"
        "print(sorted(m for m in ('keras', 'tensorflow', 'jax', 'torch') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


#: Where the tests of a subpackage live when the folder is named for what it checks, not for the
#: subpackage (the converters turn checkpoints into weights).
_TESTED_IN = {"converters": "weights"}


def test_the_test_tree_mirrors_the_package():
    """A folder of tests per subpackage, one test file per command, and test files named for what
    they check: no issue number or date in a name."""
    package = ROOT / "keras_resnet"
    subpackages = sorted(p.name for p in package.iterdir() if (p / "__init__.py").is_file())
    assert len(subpackages) >= 6
    for name in subpackages:
        assert (ROOT / "tests" / _TESTED_IN.get(name, name)).is_dir(), name
    commands = [p.stem for p in (package / "cli").glob("[a-z]*.py")]
    assert len(commands) >= 10
    for command in commands:
        assert (ROOT / "tests" / "cli" / f"test_{command}.py").is_file(), command
    names = [p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("test_*.py")]
    assert not [n for n in names if re.search(r"issue|\d{4}-\d\d|session", n)], names
