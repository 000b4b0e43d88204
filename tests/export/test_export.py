"""keras_resnet.export: every format and precision, verified in its own runtime."""

import dataclasses
import json
import pathlib
import subprocess
import sys

import keras
import numpy as np
import onnx
import onnxruntime as ort
import pytest
import tensorflow as tf

import keras_resnet
from keras_resnet import _machine, export
from keras_resnet.export import tflite as tflite_format
from keras_resnet.export import verify as verify_lib
from tests.tiers import assert_learned

ALL_PRECISIONS = ["float32", "float16", "dynamic", "int8", "int16x8"]


@pytest.fixture(scope="module")
def cifar20():
    keras.utils.set_random_seed(1)
    return keras_resnet.CifarResNet20(classifier_activation=None, name="c20")


@pytest.fixture(scope="module")
def calibration():
    return np.random.default_rng(1).random((16, 32, 32, 3), dtype="float32")


def _listing(folder):
    return sorted(str(p.relative_to(folder)) for p in pathlib.Path(folder).rglob("*"))


@pytest.fixture(scope="module")
def every_format(cifar20, calibration, tmp_path_factory):
    """Every format and precision of `cifar20`, exported once for the tests that read them."""
    folder = tmp_path_factory.mktemp("every_format")
    reports = export.export(
        cifar20,
        folder,
        format=["saved_model", "tflite", "onnx"],  # OpenVINO: tests/export/test_openvino.py
        quantize=ALL_PRECISIONS,
        calibration_data=calibration,
        class_names=[str(i) for i in range(10)],
        verbose=False,
    )
    return folder, reports


def test_every_format_and_precision_is_written_and_verified(every_format):
    tmp_path, reports = every_format
    expected = (
        [("saved_model", "float32")]
        + [("tflite", p) for p in ALL_PRECISIONS]
        + [("onnx", p) for p in ("float32", "float16", "dynamic", "int8")]
    )
    assert [(r.format, r.precision) for r in reports] == expected
    for r in reports:
        assert r.verified and pathlib.Path(r.path).exists() and r.size_bytes > 0, r
        assert r.output == "logits" and r.batch_sizes == (1, 3)
        assert r.relative_diff <= verify_lib.TOLERANCES[r.precision][0]
    by = {(r.format, r.precision): r for r in reports}
    assert by["tflite", "float32"].max_abs_diff < 1e-4 and by["onnx", "float32"].max_abs_diff < 1e-4
    assert by["saved_model", "float32"].max_abs_diff < 1e-5
    # Quantized artifacts are smaller: float16 about half, int8 about a quarter.
    assert by["tflite", "float16"].size_bytes < 0.6 * by["tflite", "float32"].size_bytes
    assert by["tflite", "int8"].size_bytes < 0.4 * by["tflite", "float32"].size_bytes
    assert by["onnx", "int8"].size_bytes < 0.4 * by["onnx", "float32"].size_bytes
    assert not [p for p in _listing(tmp_path) if ".tmp-" in p]
    assert "| tflite | int8 |" in reports.table()


def test_saved_model_as_tf_serving_sees_it(tmp_path, images):
    """The SavedModel's signatures, metadata and in-graph image decoding, as TensorFlow loads
    them, and as ``saved_model_cli`` shows them (run in a child while this process checks the
    rest)."""
    keras.utils.set_random_seed(2)
    model = keras_resnet.CifarResNet20(classes=5)  # 32 px, softmax head
    reports = export.export(
        model,
        tmp_path,
        preprocessing="unit",
        class_names=list("abcde"),
        image_bytes_signature=True,
        verbose=False,
    )
    version = tmp_path / "cifar_resnet20" / "1"
    assert reports[0].path == str(version) and (version / "saved_model.pb").exists()
    # saved_model_cli, as a TF Serving user would inspect it.
    # TensorFlow installs it as a console script; where that is not beside this Python, its module.
    cli = pathlib.Path(sys.executable).with_name("saved_model_cli")
    command = (
        [str(cli)]
        if cli.exists()
        else [
            sys.executable,
            "-c",
            "import sys; from tensorflow.python.tools.saved_model_cli import main; "
            "sys.exit(main())",
        ]
    )
    shown = subprocess.Popen(
        [*command, "show", "--dir", str(version), "--all"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    loaded = tf.saved_model.load(str(version))
    serving = loaded.signatures["serving_default"]
    args, kwargs = serving.structured_input_signature
    assert args == () and list(kwargs) == ["image"]
    assert kwargs["image"].dtype == tf.float32 and kwargs["image"].shape.as_list() == [
        None,
        32,
        32,
        3,
    ]
    assert list(serving.structured_outputs) == ["probabilities"]
    metadata = json.loads(loaded.metadata().numpy())
    assert metadata["class_names"] == list("abcde") and metadata["preprocessing"]["name"] == "unit"
    assert metadata["signatures"] == ["serving_default", "serving_bytes"]
    assert (version / "assets" / "keras_resnet_metadata.json").exists()
    # The bytes signature decodes, resizes and preprocesses inside the graph.
    pixels = (images(2, size=40) * 255).round().astype("uint8")
    encoded = tf.stack([tf.io.encode_png(p) for p in pixels])
    got = loaded.signatures["serving_bytes"](image_bytes=encoded)["probabilities"].numpy()
    resized = tf.image.resize(pixels.astype("float32"), (32, 32), antialias=True).numpy() / 255.0
    np.testing.assert_allclose(got, np.asarray(model(resized)), atol=1e-5)
    out, err = shown.communicate(timeout=240)
    assert shown.returncode == 0, err[-3000:]
    assert "signature_def['serving_bytes']" in out and "image_bytes" in out and "DT_STRING" in out


def test_dynamic_batch_and_metadata_in_tflite_and_onnx(cifar20, every_format):
    by = {(r.format, r.precision): r for r in every_format[1]}
    tfl, onx = (pathlib.Path(by[f, "float32"].path) for f in ("tflite", "onnx"))
    meta = tflite_format.read_metadata(tfl)
    assert meta["model_name"] == "c20" and meta["precision"] == "float32" and meta["classes"] == 10
    assert meta["versions"]["tensorflow"] == tf.__version__
    interpreter = tflite_format.tflite_interpreter(tfl)
    detail = interpreter.get_signature_runner("serving_default").get_input_details()["image"]
    assert list(detail["shape_signature"]) == [-1, 32, 32, 3]
    model = onnx.load(onx)
    props = {p.key: p.value for p in model.metadata_props}
    assert json.loads(props["keras_resnet_metadata"])["opset"] == 17
    session = ort.InferenceSession(str(onx), providers=["CPUExecutionProvider"])
    (inp,) = session.get_inputs()
    assert inp.name == "image" and isinstance(inp.shape[0], str) and inp.shape[1:] == [32, 32, 3]
    assert [o.name for o in session.get_outputs()] == ["logits", "probabilities"]
    for batch in (1, 3, 5):
        x = np.random.default_rng(batch).random((batch, 32, 32, 3), dtype="float32")
        np.testing.assert_allclose(
            session.run(["logits"], {"image": x})[0], np.asarray(cifar20(x)), atol=1e-4
        )


def test_onnx_nchw_and_tflite_uint8_io(cifar20, calibration, tmp_path):
    (r,) = export.export(
        cifar20, tmp_path / "m.onnx", format="onnx", nchw=True, opset=13, verbose=False
    )
    session = ort.InferenceSession(r.path, providers=["CPUExecutionProvider"])
    assert session.get_inputs()[0].shape[1:] == [3, 32, 32] and r.verified
    (q,) = export.export(
        cifar20,
        tmp_path / "m.tflite",
        format="tflite",
        quantize="int8",
        calibration_data=calibration,
        inference_input_type="uint8",
        inference_output_type="uint8",
        verbose=False,
    )
    runner = tflite_format.tflite_interpreter(q.path).get_signature_runner("serving_default")
    assert runner.get_input_details()["image"]["dtype"] == np.uint8 and q.verified


def _int8_graph(path):
    """(activation zero-point dtypes, smallest and largest int8 conv weight) of a QDQ ONNX file."""
    graph = onnx.load(path).graph
    constants = {i.name: onnx.numpy_helper.to_array(i) for i in graph.initializer}
    activations = {
        constants[n.input[2]].dtype.name
        for n in graph.node
        if n.op_type == "QuantizeLinear" and n.input[2] in constants
    }
    weights = [
        constants[n.input[0]]
        for n in graph.node
        if n.op_type == "DequantizeLinear" and constants.get(n.input[0], np.empty(0)).ndim == 4
    ]
    return activations, min(int(w.min()) for w in weights), max(int(w.max()) for w in weights)


def test_onnx_int8_is_quantized_for_its_cpu_target(cifar20, calibration, every_format, tmp_path):
    """uint8 activations on x86 (7-bit weights without VNNI), int8 on ARM; the default is this
    machine's target; every artifact agrees with the float model it came from."""
    by = {(r.format, r.precision): r for r in every_format[1]}
    assert by["onnx", "int8"].details["target"] == _machine.target()
    reference = np.asarray(cifar20(calibration, training=False))
    errors = {}
    for target, activations, weight_range in (
        ("x86", {"uint8"}, 64),
        ("x86-vnni", {"uint8"}, 127),
        ("arm", {"int8"}, 127),
    ):
        (r,) = export.export(
            cifar20,
            tmp_path / f"{target}.onnx",
            format="onnx",
            quantize="int8",
            calibration_data=calibration,
            target=target,
            verbose=False,
        )
        assert r.verified and r.details["target"] == target
        assert (
            json.loads(
                ort.InferenceSession(r.path)
                .get_modelmeta()
                .custom_metadata_map["keras_resnet_metadata"]
            )["target"]
            == target
        )
        found, low, high = _int8_graph(r.path)
        assert found == activations and -weight_range <= low and high == weight_range, (
            target,
            found,
            low,
            high,
        )
        logits = export.load_runner(r.path)(calibration)["logits"]
        assert (logits.argmax(-1) == reference.argmax(-1)).mean() >= 0.9
        errors[target] = float(np.abs(logits - reference).max() / np.abs(reference).max())
    if (
        _machine.target() == "x86"
    ):  # AVX2 without VNNI: VPMADDUBSW saturates with full 8-bit weights
        assert errors["x86"] < errors["x86-vnni"], errors


def test_tflite_and_onnx_convert_one_frozen_graph(cifar20, tmp_path, monkeypatch):
    """The trace is frozen once and both converters start from it; the TFLite file still has
    its serving_default signature (the frozen-graph path writes none; the export adds it)."""
    from keras_resnet.export import _trace

    calls = []
    frozen = _trace.Traced.frozen
    monkeypatch.setattr(
        _trace.Traced,
        "frozen",
        lambda self: calls.append("cached" if "frozen" in self.cache else "froze") or frozen(self),
    )
    reports = export.export(cifar20, tmp_path, format=["tflite", "onnx"], verbose=False)
    assert [r.verified for r in reports] == [True, True] and calls == ["froze", "cached"]
    interpreter = tflite_format.tflite_interpreter(reports[0].path)
    assert interpreter.get_signature_list() == {
        "serving_default": {"inputs": ["image"], "outputs": ["logits", "probabilities"]}
    }


def test_calibration_from_dataset_and_image_folder(cifar20, tmp_path):
    data = tf.data.Dataset.from_tensor_slices(
        (np.random.default_rng(3).random((10, 32, 32, 3), dtype="float32"), np.zeros(10))
    ).batch(4)
    (r,) = export.export(
        cifar20,
        tmp_path / "a.tflite",
        format="tflite",
        quantize="int8",
        calibration_data=data,
        verbose=False,
    )
    assert r.verified
    folder = tmp_path / "images" / "cats"
    folder.mkdir(parents=True)
    for i in range(6):
        pixels = np.random.default_rng(i).integers(0, 255, (40, 48, 3), dtype="uint8")
        tf.io.write_file(str(folder / f"{i}.png"), tf.io.encode_png(pixels))
    (r,) = export.export(
        cifar20,
        tmp_path / "b.onnx",
        format="onnx",
        quantize="int8",
        calibration_data=tmp_path / "images",
        preprocessing="unit",
        verbose=False,
    )
    assert r.verified


def test_undefined_input_size_needs_input_size(tmp_path):
    backbone = keras_resnet.CifarResNet20(include_top=False, pooling="avg")
    with pytest.raises(
        ValueError, match=r"TFLite export needs a fixed input size.*pass input_size"
    ):
        export.export(backbone, tmp_path / "b.tflite", format="tflite", verbose=False)
    assert _listing(tmp_path) == []
    (r,) = export.export(
        backbone, tmp_path / "b.tflite", format="tflite", input_size=40, verbose=False
    )
    assert r.verified and r.output == "output"


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (
            dict(format="coreml"),
            ValueError,
            r"format must be one of 'saved_model', 'tflite', 'onnx', 'openvino'; received "
            r"format='coreml'",
        ),
        (
            dict(format="onnx", nchw=True, image_bytes_signature=True),
            ValueError,
            r"option image_bytes_signature is not accepted by format onnx",
        ),
        (
            dict(format="onnx", quantize="int16x8"),
            ValueError,
            r"quantize='int16x8' is not offered by format \['onnx'\]",
        ),
        (
            dict(format="tflite", quantize="int4"),
            ValueError,
            r"quantize must be one of .*received quantize='int4'",
        ),
        (
            dict(format="tflite", quantize="int8"),
            ValueError,
            r"quantize='int8' needs calibration_data \(an array, a tf.data.Dataset or an image "
            r"folder\)",
        ),
        (
            dict(
                format="tflite",
                quantize="int8",
                calibration_data=np.zeros((0, 32, 32, 3), "float32"),
            ),
            ValueError,
            r"N >= 1; received shape \(0, 32, 32, 3\)",
        ),
        (
            dict(
                format="tflite",
                quantize="int8",
                calibration_data=np.zeros((4, 28, 28, 3), "float32"),
            ),
            ValueError,
            r"calibration_data images have shape \(28, 28, 3\); the model takes \(32, 32, 3\)",
        ),
        (
            dict(format="onnx", quantize="int8", calibration_data=[1, 2]),
            TypeError,
            r"calibration_data must be a NumPy array",
        ),
        (
            dict(format="tflite", quantize="float32", inference_input_type="uint8"),
            ValueError,
            r"inference_input_type for tflite float32 must be one of 'float32'",
        ),
        (
            dict(format="onnx", opset=21),
            ValueError,
            r"opset must be an int from 13 to 18.*received opset=21",
        ),
        (
            dict(format="onnx", target="x87"),
            ValueError,
            r"target must be one of 'x86', 'x86-vnni', 'arm'; received target='x87'",
        ),
        (
            dict(format="tflite", input_size=(16, 16)),
            ValueError,
            r"input_size=\(16, 16\) disagrees with the model's fixed input shape",
        ),
        (
            dict(preprocessing="imagenet"),
            ValueError,
            r"preprocessing must be one of .*received preprocessing='imagenet'",
        ),
    ],
)
def test_bad_arguments_fail_before_anything_is_written(cifar20, tmp_path, kwargs, error, message):
    with pytest.raises(error, match=message):
        export.export(cifar20, tmp_path / "out", verbose=False, **kwargs)
    assert _listing(tmp_path) == []


def test_bad_calibration_folders(cifar20, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="holds no image files"):
        export.export(
            cifar20,
            tmp_path / "x.onnx",
            format="onnx",
            quantize="int8",
            calibration_data=tmp_path / "empty",
            verbose=False,
        )
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "broken.png").write_bytes(b"not a png")
    with pytest.raises(ValueError, match="cannot decode image"):
        export.export(
            cifar20,
            tmp_path / "x.onnx",
            format="onnx",
            quantize="int8",
            calibration_data=tmp_path / "bad",
            verbose=False,
        )
    assert not (tmp_path / "x.onnx").exists()


def test_existing_outputs_are_kept_unless_overwrite(cifar20, tmp_path):
    target = tmp_path / "m.onnx"
    target.write_text("precious")
    with pytest.raises(ValueError, match=r"already exists; pass overwrite=True"):
        export.export(cifar20, target, format="onnx", verbose=False)
    assert target.read_text() == "precious"
    (r,) = export.export(cifar20, target, format="onnx", overwrite=True, verbose=False)
    assert r.verified and onnx.load(target).graph.input[0].name == "image"
    # SavedModel: the version folder is the unit that must not be replaced silently.
    export.export(cifar20, tmp_path / "serving", verbose=False)
    with pytest.raises(ValueError, match=r"c20/1' already exists"):
        export.export(cifar20, tmp_path / "serving", verbose=False)
    (r,) = export.export(cifar20, tmp_path / "serving", version=2, verbose=False)
    assert sorted(p.name for p in (tmp_path / "serving" / "c20").iterdir()) == ["1", "2"]


def test_failures_leave_nothing_behind(cifar20, tmp_path, monkeypatch):
    monkeypatch.setitem(verify_lib.TOLERANCES, "float32", (0.0, 1.0))  # nothing passes
    with pytest.raises(
        export.VerificationError,
        match=r"tflite float32 artifact .* disagrees with Keras: max \|diff\|",
    ):
        export.export(cifar20, tmp_path / "m.tflite", format="tflite", verbose=False)
    assert _listing(tmp_path) == []

    def broken_writer(traced, path, **kwargs):
        path.write_bytes(b"half")
        raise RuntimeError("converter crashed")

    monkeypatch.setitem(
        export.FORMATS, "tflite", dataclasses.replace(export.FORMATS["tflite"], write=broken_writer)
    )
    with pytest.raises(RuntimeError, match="converter crashed"):
        export.export(cifar20, tmp_path / "m.tflite", format="tflite", verbose=False)
    assert _listing(tmp_path) == []


@pytest.mark.xdist_group("fresh_imports")  # one worker starts the shared child once
def test_export_package_imports_converters_lazily(fresh_imports):
    """A fresh interpreter that imports `keras_resnet.export` has imported no converter, runtime
    or other framework (the `fresh_imports` child)."""
    bad = [
        m
        for m in ("tf2onnx", "onnxruntime", "torch", "tf_keras")
        if m in fresh_imports["after_export"]
    ]
    assert not bad, bad


def test_missing_extra_names_what_to_install(monkeypatch):
    from keras_resnet import _optional

    with pytest.raises(ImportError, match=r"pip install 'keras-resnet\[export\]'"):
        _optional.require("no_such_converter_package", "export")


@pytest.mark.long  # first of the run to ask for digits_run: it trains it
@pytest.mark.xdist_group("digits_run")  # one worker trains the shared run once
def test_int8_artifacts_agree_with_the_float_model_they_came_from(digits_run, tmp_path, capsys):
    """The digits-trained CIFAR ResNet-20 (the `digits_run` fixture: `train` at 16 px, seed 0)
    after full-int8 TFLite and static-int8 ONNX quantization, calibrated on 200 training images, on
    the 359 held-out images: top-1 agreement with the float Keras model >= 97% and accuracy within
    1 point of the float model's own (bars with room for seed-to-seed variation). Float32
    artifacts agree exactly. Everything is compared with the float model the artifacts came from,
    on the same machine: no absolute accuracy bar it could miss itself."""
    model = digits_run.result.model
    (x_train, _), (x_test, y_test) = digits_run.train, digits_run.test
    reports = export.export(
        model,
        tmp_path,
        format=["tflite", "onnx"],
        quantize=["float32", "int8"],
        calibration_data=x_train[:200],
        calibration_size=200,
        preprocessing="unit",
        verbose=False,
    )
    assert [(r.format, r.precision) for r in reports] == [
        ("tflite", "float32"),
        ("tflite", "int8"),
        ("onnx", "float32"),
        ("onnx", "int8"),
    ]
    reference = np.asarray(model(x_test, training=False)).argmax(-1)  # no predict trace
    reference_accuracy = float((reference == y_test).mean())
    # The comparison means something only for a model that learned (a constant agrees with itself).
    assert_learned(reference_accuracy, y_test, "the float Keras model")
    assert len(np.unique(reference)) == 10
    results = {}
    for r in reports:
        run = export.load_runner(r.path, r.format, r.details)
        predictions = np.concatenate(
            [run(x_test[i : i + 50])["logits"] for i in range(0, len(x_test), 50)]
        ).argmax(-1)
        results[r.format, r.precision] = (
            float((predictions == y_test).mean()),
            float((predictions == reference).mean()),
        )
    with capsys.disabled():
        print(
            f"\nheld-out digits: keras float32 {reference_accuracy:.2%}; "
            + ", ".join(
                f"{f} {p}: {accuracy:.2%} (agrees {agreement:.2%})"
                for (f, p), (accuracy, agreement) in results.items()
            )
        )
    for (fmt, precision), (accuracy, agreement) in results.items():
        assert agreement >= (1.0 if precision == "float32" else 0.97), (fmt, precision, agreement)
        assert abs(accuracy - reference_accuracy) <= 0.01, (
            fmt,
            precision,
            accuracy,
            reference_accuracy,
        )
