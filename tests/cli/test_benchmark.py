"""`keras-resnet benchmark`: any model, JSON, the peer route measured in the same rounds, usage
errors."""

import json
import pathlib

import pytest

from keras_resnet import cli


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


def test_benchmark_shows_what_openvino_runs_in_and_recommends_one(tmp_path, capsys):
    """OpenVINO float32 and bfloat16 timed beside ONNX: each row's precision says what OpenVINO
    computes in, and --recommend names the fastest artifact that agrees with Keras enough."""
    pytest.importorskip("openvino", reason="pip install 'keras-resnet[openvino]'")
    from keras_resnet import _machine

    path = tmp_path / "bench.json"
    argv = ["benchmark", "cifar_resnet20", "--formats", "onnx", "openvino", "--quantize"]
    argv += ["float32", "bfloat16", "--repeats", "3", "--threads", "1", "--json", str(path)]
    assert cli.main([*argv, "--recommend", "1"]) == 0
    out = capsys.readouterr().out
    rows = {(r["format"], r["precision"]): r for r in json.loads(path.read_text())["rows"]}
    assert set(rows) == {("onnx", "float32"), ("openvino", "float32"), ("openvino", "bfloat16")}
    assert rows["openvino", "float32"]["runs_in"] == "float32"
    bf16 = "AVX-512 BF16" in _machine.cpu().isa or "AMX" in _machine.cpu().isa
    assert rows["openvino", "bfloat16"]["runs_in"] == ("bfloat16" if bf16 else "float32")
    assert "| openvino | float32 |" in out
    last = out.strip().splitlines()[-1]
    fastest = min(
        (r for r in rows.values() if r["top1_agreement"] >= 1), key=lambda r: r["latency_ms"]
    )
    assert last.startswith(f"recommended: {fastest['path']} ({fastest['format']} "), last
    assert "Recommended on this CPU at 1 thread(s)" in out
