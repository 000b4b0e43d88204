"""`keras-resnet demo`, end to end at a reduced size: the outputs are real (accuracies in [0, 1],
the same in report.md and report.json, files present, a valid PNG)."""

import json
import pathlib

import pytest

from keras_resnet import cli


@pytest.mark.long
def test_demo_end_to_end_reduced(tmp_path):
    out = tmp_path / "demo"
    assert (
        cli.main(
            [
                "demo",
                "-o",
                str(out),
                "--epochs",
                "1",
                "--formats",
                "tflite",
                "onnx",
                "--repeats",
                "2",
            ]
        )
        == 0
    )
    report = json.loads((out / "report.json").read_text())
    rows = report["rows"]
    assert [(r["format"], r["precision"]) for r in rows] == [
        ("tflite", "float32"),
        ("tflite", "float16"),
        ("tflite", "int8"),
        ("onnx", "float32"),
        ("onnx", "int8"),
    ]
    assert 0.0 <= report["keras_accuracy"] <= 1.0
    markdown = (out / "report.md").read_text()
    for row in rows:
        assert 0.0 <= row["accuracy"] <= 1.0 and row["latency_ms"] > 0 and row["speedup"] > 0
        assert (
            pathlib.Path(row["path"]).is_file()
            and row["size_bytes"] == pathlib.Path(row["path"]).stat().st_size
        )
        line = (
            f"| {row['format']} | {row['precision']} | {row['size_bytes'] / 2**20:.2f} MiB | "
            f"{row['accuracy']:.2%} |"
        )
        assert line in markdown, line
    assert f"| keras | float32 | | {report['keras_accuracy']:.2%} |" in markdown
    png = (out / "chart.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    import matplotlib.image

    assert matplotlib.image.imread(out / "chart.png").shape[2] in (3, 4)
