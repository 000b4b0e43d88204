"""`keras-resnet demo` and `keras-resnet benchmark`, end to end at a reduced size: the outputs are
real (accuracies in [0, 1], the same in report.md and report.json, files present, a valid PNG)."""

import json
import pathlib

import pytest

from keras_resnet import cli


def test_demo_end_to_end_reduced(tmp_path):
    out = tmp_path / "demo"
    assert (
        cli.main(
            [
                "demo",
                "-o",
                str(out),
                "--epochs",
                "2",
                "--formats",
                "tflite",
                "onnx",
                "--repeats",
                "3",
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


def test_benchmark_command_any_model_with_json(tmp_path, capsys):
    path = tmp_path / "bench.json"
    assert (
        cli.main(
            [
                "benchmark",
                "cifar_resnet20",
                "--formats",
                "tflite",
                "onnx",
                "--quantize",
                "float32",
                "int8",
                "--repeats",
                "3",
                "--json",
                str(path),
                "--preprocessing",
                "unit",
            ]
        )
        == 0
    )
    result = json.loads(path.read_text())
    assert {(r["format"], r["precision"]) for r in result["rows"]} == {
        ("tflite", "float32"),
        ("tflite", "int8"),
        ("onnx", "float32"),
        ("onnx", "int8"),
    }
    assert result["keras_accuracy"] is None and all(r["accuracy"] is None for r in result["rows"])
    assert "Fastest float32 artifact" in capsys.readouterr().out
    assert (
        cli.main(["benchmark", "cifar_resnet20", "--formats", "tflite", "--quantize", "dynamic16"])
        == 2
    )


def test_interleaved_latencies_rotate_the_order_every_round():
    import numpy as np

    from keras_resnet import benchmark

    calls = []
    runners = {name: (lambda x, name=name: calls.append(name)) for name in "abc"}
    seconds = benchmark.interleaved_latencies(runners, np.zeros(1), repeats=3, warmup=1)
    assert "".join(calls) == "abc" + "abc" + "bca" + "cab"  # warm-up, then one rotated round each
    assert set(seconds) == set("abc") and all(s >= 0 for s in seconds.values())


def test_benchmark_measures_the_peer_route_in_the_same_rounds(tmp_path):
    """A small stand-in for keras.applications' ResNet50 goes the peer route (Keras' own ONNX
    export, quantize_static u8s8); its rows are timed with ours and every row of ours gets its
    speed-up against the peer's row of the same kind; the report names the machine."""
    import keras
    import numpy as np

    import keras_resnet
    from keras_resnet import benchmark

    keras.utils.set_random_seed(0)
    model = keras_resnet.CifarResNet20(classifier_activation=None)
    inputs = keras.Input((32, 32, 3))
    x = keras.layers.Conv2D(8, 3, strides=2, activation="relu")(inputs)
    peer = keras.Model(
        inputs, keras.layers.Dense(10)(keras.layers.GlobalAveragePooling2D()(x)), name="tiny_peer"
    )
    images = np.random.default_rng(0).random((8, 32, 32, 3), dtype="float32")
    result = benchmark.benchmark(
        model,
        tmp_path,
        jobs=[("onnx", "float32"), ("onnx", "int8")],
        images=images,
        repeats=3,
        warmup=1,
        peer=peer,
        threads=1,
        verbose=False,
    )
    rows = {(r.route, r.precision): r for r in result.rows}
    assert set(rows) == {
        (route, p) for route in ("keras_resnet", "peer") for p in ("float32", "int8")
    }
    for precision in ("float32", "int8"):
        ours, theirs = rows["keras_resnet", precision], rows["peer", precision]
        assert (
            ours.peer_speedup == pytest.approx(theirs.latency_ms / ours.latency_ms)
            and theirs.peer_speedup is None
        )
        assert (
            pathlib.Path(theirs.path).is_file() and theirs.top1_agreement >= 0.75
        )  # against the peer's own Keras model
    import onnx

    graph = onnx.load(rows["peer", "int8"].path).graph
    zero_points = {i.name: i.data_type for i in graph.initializer}
    assert {zero_points[n.input[2]] for n in graph.node if n.op_type == "QuantizeLinear"} == {
        onnx.TensorProto.UINT8
    }
    markdown = result.markdown()
    assert (
        "speed-up vs peer" in markdown
        and "Peer rows: tiny_peer -> Keras' `model.export" in markdown
    )
    assert (
        f"Machine: {benchmark.machine()}" in markdown
        and "onnxruntime" in markdown
        and "on 1 thread" in markdown
    )
    environment = result.as_dict()["environment"]
    assert (
        environment["cores"] >= 1
        and "onnxruntime" in environment["versions"]
        and environment["load_average"]
    )


@pytest.mark.parametrize(
    "argv, words",
    [
        (
            ["export", "cifar_resnet20", "--format", "onnx", "--target", "x87", "-o", "x.onnx"],
            ["--target", "'x87'", "x86-vnni"],
        ),
        (["benchmark", "cifar_resnet20", "--peer", "VGG16"], ["--peer", "'VGG16'", "ResNet50"]),
    ],
)
def test_unknown_target_or_peer_is_a_usage_error(argv, words, capsys):
    try:
        code = cli.main(argv)
    except SystemExit as exit_info:  # argparse's own choices check
        code = exit_info.code
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and all(w in err for w in words), err


EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def _example(name, *args, cwd=None):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _digit_png(path):
    import tensorflow as tf

    from keras_resnet import data

    (x, _), _ = data.digits(seed=0)
    tf.io.write_file(str(path), tf.io.encode_png((x[0] * 255).astype("uint8")))
    return path


def test_deployment_examples_run_on_a_given_model(tmp_path):
    """The deployment examples without their training (the offline default, which trains first,
    and the fine-tuning example run in the slow tier, test_deployment_examples_run):
    export_tflite_int8 on a saved model with a calibration folder, onnx_runtime_inference on its
    ONNX int8 output with a real digit image, the TF Serving client's request (dry run)."""
    import keras_resnet

    keras_resnet.CifarResNet20(classifier_activation=None).save(tmp_path / "model.keras")
    folder = tmp_path / "calibration" / "digits"
    folder.mkdir(parents=True)
    image = _digit_png(folder / "0.png")
    out = _example(
        "export_tflite_int8.py",
        "--model",
        tmp_path / "model.keras",
        "--calibration",
        folder.parent,
        "--calibration-size",
        "8",
        "--output",
        tmp_path / "int8",
    )
    assert "| tflite | int8 |" in out and "| onnx | int8 |" in out
    lines = _example(
        "onnx_runtime_inference.py",
        tmp_path / "int8" / "cifar_resnet20_int8.onnx",
        image,
        "--top",
        "3",
    ).splitlines()
    assert len(lines) == 3 and all(float(line.split()[0]) >= 0 for line in lines)
    body = _example("tf_serving_client.py", image, "--dry-run")
    assert '"signature_name": "serving_bytes"' in body and '"image_bytes": {"b64": "iVBOR' in body


@pytest.mark.slow  # trains twice (digits for the int8 export, the fine-tuning example)
def test_deployment_examples_run(tmp_path):
    """export_tflite_int8 (offline default), onnx_runtime_inference on its output with a real
    digit image, the TF Serving client's request (dry run), fine-tuning with a new head."""
    import tensorflow as tf

    from keras_resnet import data

    out = _example("export_tflite_int8.py", "--output", tmp_path / "int8")
    assert "| tflite | int8 |" in out and "| onnx | int8 |" in out
    (x, y), _ = data.digits()
    image = tmp_path / "digit.png"
    tf.io.write_file(str(image), tf.io.encode_png((x[0] * 255).astype("uint8")))
    lines = _example(
        "onnx_runtime_inference.py",
        tmp_path / "int8" / "cifar_resnet20_int8.onnx",
        image,
        "--top",
        "3",
    ).splitlines()
    assert len(lines) == 3 and all(float(line.split()[0]) >= 0 for line in lines)
    body = _example("tf_serving_client.py", image, "--dry-run")
    assert '"signature_name": "serving_bytes"' in body and '"image_bytes": {"b64": "iVBOR' in body
    out = _example(
        "finetune_pretrained.py",
        "--model",
        "resnet18",
        "--size",
        "32",
        "--head-epochs",
        "1",
        "--epochs",
        "1",
        "--output",
        tmp_path / "ft.keras",
    )
    assert (tmp_path / "ft.keras").is_file() and "saved" in out
