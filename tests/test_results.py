"""Figures as data: a benchmark's results file (benchmarks/_results.py) and the tables rendered
from it into the docs (scripts/render_results.py), which must match the checked-in pages."""

import importlib.util
import json
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _load(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


results = _load(ROOT / "benchmarks" / "_results.py")
render = _load(ROOT / "scripts" / "render_results.py")

ROWS = [
    dict(format="keras", precision="float32", size_bytes=None, accuracy=0.9777, latency_ms=10.68,
         speedup=1.0, max_abs_diff=0.0, top1_agreement=1.0),
    dict(format="onnx", precision="int8", size_bytes=356_515, accuracy=0.9749, latency_ms=1.564,
         speedup=6.83, max_abs_diff=0.28, top1_agreement=1.0),
]  # fmt: skip


def test_the_checked_in_tables_match_their_results_files(capsys):
    assert render.main(["--check"]) == 0, capsys.readouterr().out


def test_a_results_file_names_its_machine_and_renders_into_its_block(tmp_path):
    folder = tmp_path / "docs" / "results"
    path = results.write_results(
        "demo",
        ROWS,
        command="python benchmarks/demo.py --record",
        notes="a test's figures",
        folder=folder,
    )
    document = json.loads(path.read_text())
    assert document["benchmark"] == "demo" and document["rows"] == ROWS
    assert document["machine"]["cores"] >= 1 and document["machine"]["cpu"]
    assert document["versions"]["keras"] and len(document["load"]["end"]) == 3
    page = tmp_path / "README.md"
    page.write_text("intro\n<!-- results:demo -->\nstale\n<!-- /results:demo -->\nend\n")
    assert render.main(["--check", "--root", str(tmp_path)]) == 1
    assert render.main(["--root", str(tmp_path)]) == 0
    assert render.main(["--check", "--root", str(tmp_path)]) == 0
    text = page.read_text()
    assert text.startswith("intro\n<!-- results:demo -->\n| format | precision |")
    assert text.endswith("<!-- /results:demo -->\nend\n") and "stale" not in text
    assert "| onnx | int8 | 0.34 MiB | 97.49% | 1.56 ms | 6.83x | 2.8e-01 | 100% |" in text
    assert "| keras | float32 |  | 97.77% | 10.68 ms | 1.00x | 0.0e+00 | 100% |" in text
    assert f"Measured on {document['machine']['cpu']}, {document['date']}" in text
    assert "\n\nCommand: `python benchmarks/demo.py --record`.\n\nA test's figures.\n" in text


def test_rows_must_be_data():
    with pytest.raises(ValueError, match=r"rows\[0\]\['latency_ms'\]"):
        results.write_results("x", [{"latency_ms": {"a": 1}}], command="c", folder="/nonexistent")
    with pytest.raises(ValueError, match="not finite"):
        results.write_results("x", [{"ms": float("nan")}], command="c", folder="/nonexistent")
    with pytest.raises(ValueError, match="name must be"):
        results.write_results("../x", [{"ms": 1.0}], command="c", folder="/nonexistent")


def test_an_unknown_table_is_named():
    with pytest.raises(SystemExit, match="unknown table 'nope'"):
        render.rendered("<!-- results:nope -->\n<!-- /results:nope -->")
