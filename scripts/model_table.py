"""Regenerates the model table of docs/guides/models.md from the registry (never typed by hand).

python scripts/model_table.py            # rewrite the table between the page's markers
python scripts/model_table.py --check    # exit 1 if the page's table is out of date
python scripts/model_table.py --print    # print the table only
"""

from __future__ import annotations

import argparse
import pathlib
import sys

from keras_resnet import _quiet, list_models, registry

PAGE = pathlib.Path(__file__).resolve().parents[1] / "docs" / "guides" / "models.md"
START, END = "<!-- model-table:start -->", "<!-- model-table:end -->"


def render() -> str:
    return registry.model_table(list_models(), details=True, progress=registry.progress_bar)


def splice(text: str, table: str) -> str:
    if START not in text or END not in text:
        raise SystemExit(f"{PAGE} has no {START} ... {END} markers")
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
    text = PAGE.read_text()
    new = splice(text, table)
    if args.check:
        if new != text:
            print(
                f"{PAGE.name}: the model table is out of date: run python scripts/model_table.py",
                file=sys.stderr,
            )
            return 1
        return 0
    PAGE.write_text(new)
    print(f"wrote {len(list_models())} rows into {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
