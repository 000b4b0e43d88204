"""A benchmark's figures as data: one JSON file under ``docs/results/`` per benchmark.

    import _results  # from a script in benchmarks/ (its folder is on sys.path)

    _results.add_argument(parser)  # --record [DIR]
    ...
    if args.record:
        _results.write_results(
            "cpu_inference",
            [{"runtime": "onnx", "precision": "int8", "median_ms": 9.8, "vs_peer": 1.7}],
            command=_results.command_line(),
            notes="other engineers' tests were running on the same 2 cores",
            folder=args.record,
        )

The file names the benchmark, the date, the command line, the machine (CPU description, model,
cores, ISA extensions, architecture, GPU), the library versions, the load average when the
benchmark started (this module's import, or `load_start`) and when it ended, the rows and notes.
Rows are data: numbers stay numbers; `scripts/render_results.py` formats them into the docs'
tables. The file is written atomically (a reader sees the old file or the new one, never half).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import pathlib
import shlex
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from keras_resnet import _machine
from keras_resnet.atomic import atomic_path

#: where the results files live (the docs render their tables from them)
RESULTS = pathlib.Path(__file__).resolve().parent.parent / "docs" / "results"

#: the runtimes a results file records by default
RUNTIMES = _machine.RUNTIMES

#: the load average when this module was imported (a benchmark imports it as it starts)
LOAD_AT_IMPORT = _machine.load_average()

_SCALARS = (str, int, float, bool, type(None))


def command_line(argv: list[str] | None = None) -> str:
    """The command that ran this benchmark, as a user would type it: ``python benchmarks/x.py
    --flag value`` (`argv` defaults to ``sys.argv``; the script's path is made relative to the
    repository when it lies inside it)."""
    argv = list(sys.argv if argv is None else argv)
    if argv:
        script = pathlib.Path(argv[0]).resolve()
        root = RESULTS.parent.parent
        if script.is_relative_to(root):
            argv[0] = str(script.relative_to(root))
    return shlex.join(["python", *argv])


def add_argument(parser: argparse.ArgumentParser) -> None:
    """``--record [DIR]``: write the figures to ``DIR/<benchmark>.json`` (default
    ``docs/results/``, whose files the docs' tables are rendered from); without it a run writes
    nothing there, so a trial run or a test leaves the recorded figures alone."""
    parser.add_argument(
        "--record",
        nargs="?",
        const=str(RESULTS),
        metavar="DIR",
        help="write the figures to DIR/<benchmark>.json (default DIR: docs/results, rendered "
        "into the docs by scripts/render_results.py)",
    )


def machine(gpu: str | None = None) -> dict[str, Any]:
    """This machine as a results file records it."""
    cpu = _machine.cpu()
    return {
        "cpu": cpu.describe(),
        "model": cpu.model,
        "cores": cpu.cores,
        "isa": list(cpu.isa),
        "architecture": cpu.architecture,
        "gpu": gpu,
    }


def _check_rows(name: str, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    checked = []
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping) or not row:
            raise ValueError(f"rows[{index}] of {name!r} must be a non-empty dict, got {row!r}")
        for key, value in row.items():
            values = list(value) if isinstance(value, (list, tuple)) else [value]
            if not isinstance(key, str) or not all(isinstance(v, _SCALARS) for v in values):
                raise ValueError(
                    f"rows[{index}][{key!r}] of {name!r} must be a str key with a number, "
                    f"string, bool, None or a list of them, got {value!r}"
                )
            if any(isinstance(v, float) and not math.isfinite(v) for v in values):
                raise ValueError(f"rows[{index}][{key!r}] of {name!r} is not finite: {value!r}")
        checked.append({k: list(v) if isinstance(v, tuple) else v for k, v in row.items()})
    if not checked:
        raise ValueError(f"rows of {name!r} must hold at least one row, got none")
    return checked


def write_results(
    name: str,
    rows: Iterable[Mapping[str, Any]],
    *,
    command: str,
    notes: str = "",
    gpu: str | None = None,
    versions_of: tuple[str, ...] = _machine.RUNTIMES,
    load_start: tuple[float, float, float] | None = None,
    date: str | None = None,
    machine_info: Mapping[str, Any] | None = None,
    versions: Mapping[str, str] | None = None,
    folder: str | pathlib.Path = RESULTS,
) -> pathlib.Path:
    """Writes ``<folder>/<name>.json`` (default ``docs/results/``) and returns its path.

    Args:
        name: the benchmark's name (the file's stem), letters, digits and ``_``.
        rows: one dict per measured row, keyword fields with scalar values (numbers stay numbers).
        command: the command line that produced the figures (`command_line()` gives this run's).
        notes: what a reader needs to weigh the figures: what else was running, what was left out.
        gpu: the GPU's name where one was used.
        versions_of: the distributions whose installed versions the file records.
        load_start: the load average when the benchmark started (default: at this import).
        date: ISO date of the measurement (default today); set for figures transcribed from an
            earlier measurement, with `machine_info` naming that machine.
        machine_info: the machine, for figures measured elsewhere (default: this machine); the
            load is then `load_start` only (this machine's load says nothing about that one).
        versions: the versions, for figures measured elsewhere (default: `versions_of` here).
        folder: where to write (tests write to a temporary folder).
    """
    if not name or not name.replace("_", "").isalnum():
        raise ValueError(f"name must be letters, digits and '_', got {name!r}")
    if not command.strip():
        raise ValueError(f"command must name the command line, got {command!r}")
    here = machine_info is None
    document = {
        "benchmark": name,
        "date": date or datetime.date.today().isoformat(),
        "command": command,
        "machine": machine(gpu) if here else dict(machine_info or {}),
        "versions": dict(versions) if versions is not None else _machine.versions(versions_of),
        "load": {
            "start": list(load_start or (LOAD_AT_IMPORT if here else None) or ()) or None,
            "end": list((_machine.load_average() if here else None) or ()) or None,
        },
        "rows": _check_rows(name, rows),
        "notes": notes,
    }
    final = pathlib.Path(folder) / f"{name}.json"
    with atomic_path(final, overwrite=True) as tmp:
        tmp.write_text(dumps(document))
    return final


def dumps(document: Mapping[str, Any]) -> str:
    """The file's text: one top-level field a line, one row a line (diffs read row by row)."""
    lines = []
    for key, value in document.items():
        if key == "rows":
            rows = ",\n".join(f"  {json.dumps(row)}" for row in value)
            lines.append(f' "rows": [\n{rows}\n ]')
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"
