"""Writes keras_resnet/_named.py: one function per registered model with a builder function
(``ResNet50D``, ``CifarResNet56``, ...), generated from the registry (never typed by hand).

python scripts/generate_named.py            # rewrite keras_resnet/_named.py
python scripts/generate_named.py --check    # exit 1 if keras_resnet/_named.py is out of date

The text is written already formatted as ``ruff format`` leaves it
(tests/models/test_named.py checks that ruff changes nothing and reports nothing).
"""

from __future__ import annotations

import argparse
import ast
import pathlib
import sys
import textwrap

from keras_resnet import variants

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARGET = ROOT / "keras_resnet" / "_named.py"
RESNET = ROOT / "keras_resnet" / "resnet.py"
WIDTH = 100  # ruff's line length (pyproject.toml)

HEADER = '''"""The named builders: one function per registered model with a builder function
(``ResNet50D``, ``SEResNeXt50_32x4d``, ``CifarResNet56``, ...), keras.applications style.

Each is its family's builder (`keras_resnet.ResNet` or `keras_resnet.CifarResNet`) with the
model's architecture arguments fixed; ``keras_resnet.ResNet50D`` resolves here on first use.

Generated from the registry (`keras_resnet.variants.MODELS`) by ``scripts/generate_named.py``:
change the registry and run ``python scripts/generate_named.py`` rather than editing this file.
"""

from __future__ import annotations

import os
from typing import Any

import keras

from keras_resnet import resnet, variants


def _build(model: str, /, **kwargs: Any) -> keras.Model:
    """Registered `model` built by its family's builder with `kwargs`, after refusing a keyword
    that no builder takes or that the name fixes (a CIFAR net's ``shortcut`` stays free)."""
    entry = variants.MODELS[model]
    call = f"{entry.function}()"
    resnet.check_keywords(call, kwargs, family=entry.family)
    fixed = sorted(set(kwargs) & (set(entry.arch_args) - {"shortcut"}))
    if fixed:
        raise TypeError(f"{call} does not take {', '.join(fixed)}: the name fixes it")
    builder = getattr(resnet, variants.FAMILIES[entry.family].builder)
    return builder(**{**entry.arch_args, **kwargs})
'''

SIGNATURE = """(
    include_top: bool = True,
    weights: str | os.PathLike[str] | None = None,
    input_tensor: Any = None,
    input_shape: tuple[int | None, int | None, int] | None = None,
    pooling: str | None = None,
    **kwargs: Any,
) -> keras.Model:"""

BODY = """    return _build(
        "{model}",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        **kwargs,
    )"""

V2_LAYOUT = (
    " ``v2_layout=\"keras\"`` lays it out as keras.applications' ResNet V2 instead of timm's"
    " ``resnetv2_*`` (stride in the last block of the previous stage, a 1x1 max-pool shortcut,"
    " biased convs where no BatchNorm follows, a zero-padded stem pool; see"
    " ``keras_resnet.specs.V2_LAYOUTS``)."
)
CIFAR_SHORTCUT = (
    ' ``shortcut`` ("A", "B", "C", or None: the plain net) picks the paper\'s shortcut option.'
)


def build_args_doc() -> str:
    """`keras_resnet.resnet.BUILD_ARGS_DOC`, read from the module's source: importing it would
    import Keras (slow, and noisy on stderr) for one string."""
    for node in ast.parse(RESNET.read_text()).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "BUILD_ARGS_DOC"
            for target in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise SystemExit(f"{RESNET} defines no BUILD_ARGS_DOC string")


def _paragraph(text: str, first_prefix: str = "    ") -> str:
    """`text` wrapped to the line length, indented as a docstring paragraph."""
    return textwrap.fill(
        text,
        width=WIDTH,
        initial_indent=first_prefix,
        subsequent_indent="    ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def docstring(entry: variants.ModelEntry, args_doc: str) -> str:
    """The docstring of `entry`'s builder, with its quotes and indentation: the summary, the
    generic builder it fixes, every argument (`args_doc`: `build_args_doc`) and an example that
    builds the model at its default size."""
    family = variants.FAMILIES[entry.family]
    size = family.default_size
    extra = (
        CIFAR_SHORTCUT
        if entry.family == "cifar"
        else V2_LAYOUT
        if entry.arch_args.get("preact")
        else ""
    )
    fixed = ", ".join(f"{k}={v!r}" for k, v in entry.arch_args.items())
    same_as = (
        f"Same as ``keras_resnet.{family.builder}({fixed}, ...)``; default {size}x{size} input, "
        f"{family.default_classes} classes."
    )
    args = args_doc.replace("    Args:", "    Args (and keyword-only knobs):")
    return "\n".join(
        [
            _paragraph(f"{entry.summary}.{extra}", first_prefix='    """'),
            "",
            _paragraph(same_as),
            args.rstrip("\n"),
            "",
            "    Example:",
            f"        >>> model = {entry.function}(input_shape=({size}, {size}, 3))",
            '    """',
        ]
    )


def function_source(entry: variants.ModelEntry, args_doc: str) -> str:
    """One builder's definition."""
    return "\n".join(
        [
            f"def {entry.function}{SIGNATURE}",
            docstring(entry, args_doc),
            BODY.format(model=entry.name),
        ]
    )


def render() -> str:
    """The whole text of keras_resnet/_named.py."""
    entries = [e for e in variants.MODELS.values() if e.function]
    args_doc = build_args_doc()
    functions = "\n\n\n".join(function_source(e, args_doc) for e in entries)
    names = "".join(f'    "{e.function}",\n' for e in entries)
    return f"{HEADER}\n\n{functions}\n\n\n__all__ = [\n{names}]\n"


def _shown(path: pathlib.Path) -> str:
    """`path` relative to the repository when it is inside it."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "\n").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    parser.add_argument(
        "--output", type=pathlib.Path, default=TARGET, help=f"the file (default: {TARGET})"
    )
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.output.read_text() if args.output.exists() else None
        if current != text:
            print(
                f"{_shown(args.output)} is out of date: run python scripts/generate_named.py",
                file=sys.stderr,
            )
            return 1
        return 0
    args.output.write_text(text)
    count = sum(1 for e in variants.MODELS.values() if e.function)
    print(f"wrote {count} named builders into {_shown(args.output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
