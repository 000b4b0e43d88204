"""Regenerates the model table in README.md from the registry (never typed by hand).

python scripts/model_table.py            # rewrite the table between the README markers
python scripts/model_table.py --check    # exit 1 if the README table is out of date
python scripts/model_table.py --print    # print the table only
"""

from __future__ import annotations

import argparse
import pathlib
import sys

from keras_resnet import _quiet, list_models, registry

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- model-table:start -->", "<!-- model-table:end -->"


def render() -> str:
    return registry.model_table(list_models(), details=True, progress=registry.progress_bar)


def splice(text: str, table: str) -> str:
    if START not in text or END not in text:
        raise SystemExit(f"{README} has no {START} ... {END} markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{table}\n{END}{tail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "\n").splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true")
    group.add_argument("--print", action="store_true")
    args = parser.parse_args()
    _quiet.install()  # TensorFlow's and absl's native log lines off stderr, as the CLI does
    table = render()
    if args.print:
        print(table)
        return 0
    text = README.read_text()
    new = splice(text, table)
    if args.check:
        if new != text:
            print(
                "README.md model table is out of date: run python scripts/model_table.py",
                file=sys.stderr,
            )
            return 1
        return 0
    README.write_text(new)
    print(f"wrote {len(list_models())} rows into {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
