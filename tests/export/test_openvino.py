"""The OpenVINO format: a small model in every precision, written as one .xml + .bin artifact,
verified in OpenVINO Runtime, its metadata and inference precision read back, run by `predict`;
an export that fails or is interrupted leaves neither file. ResNet-50's round trip is slow."""

import json
import pathlib

import keras
import numpy as np
import pytest

import keras_resnet
from keras_resnet import _machine, atomic, predict
from keras_resnet import export as export_lib
from keras_resnet.export import openvino as openvino_format
from keras_resnet.export import verify as verify_lib

ov = pytest.importorskip("openvino", reason="pip install 'keras-resnet[openvino]'")

PRECISIONS = ["float32", "float16", "bfloat16", "int8"]


@pytest.fixture(scope="module")
def small():
    keras.utils.set_random_seed(5)
    return keras_resnet.CifarResNet(
        8, input_shape=(32, 32, 3), classes=10, classifier_activation=None, name="c8"
    )


@pytest.fixture(scope="module")
def calibration():
    return np.random.default_rng(1).random((16, 32, 32, 3), dtype="float32")


@pytest.fixture(scope="module")
def written(small, calibration, tmp_path_factory):
    folder = tmp_path_factory.mktemp("openvino")
    reports = export_lib.export(
        small,
        folder,
        format="openvino",
        quantize=PRECISIONS,
        calibration_data=calibration,
        verbose=False,
    )
    return folder, {r.precision: r for r in reports}


@pytest.mark.long  # the module's export of four precisions, NNCF included
def test_every_precision_is_one_verified_xml_and_bin(written):
    folder, reports = written
    assert sorted(reports) == sorted(PRECISIONS)
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        f"c8{'' if p == 'float32' else '_' + p}{suffix}"
        for p in PRECISIONS
        for suffix in (".xml", ".bin")
    )
    for precision, report in reports.items():
        xml = pathlib.Path(report.path)
        assert report.verified and report.output == "logits", report
        assert report.relative_diff <= verify_lib.tolerance(openvino_format.FORMAT, precision)[0]
        # the reported size is the artifact's: both files
        assert report.size_bytes == xml.stat().st_size + xml.with_suffix(".bin").stat().st_size
    assert reports["float32"].max_abs_diff < 1e-4
    weights = {
        p: (folder / pathlib.Path(r.path).name).with_suffix(".bin") for p, r in reports.items()
    }
    sizes = {p: w.stat().st_size for p, w in weights.items()}
    assert sizes["float16"] < 0.6 * sizes["float32"] and sizes["int8"] < 0.45 * sizes["float32"]


def test_the_metadata_and_the_inference_precision_travel_with_the_file(written):
    _, reports = written
    metadata = openvino_format.read_metadata(reports["int8"].path)
    assert metadata["model_name"] == "c8" and metadata["input_layout"] == "NHWC"
    assert metadata["precision"] == "int8" and metadata["target"] == _machine.target()
    assert metadata["preprocessing"]["name"] == "none" and metadata["classes"] == 10
    # plain OpenVINO sees it too, in the model's rt_info
    model = ov.Core().read_model(reports["float32"].path)
    stored = json.loads(model.get_rt_info(["keras_resnet", "metadata"]).astype(str))
    assert stored["inference_precision"] == "f32" and stored["outputs"] == [
        "logits",
        "probabilities",
    ]
    bf16 = "AVX-512 BF16" in _machine.cpu().isa or "AMX" in _machine.cpu().isa
    ran = {p: export_lib.load_runner(r.path).inference_precision for p, r in reports.items()}
    assert ran["float32"] == ran["float16"] == "float32"
    assert ran["bfloat16"] == ("bfloat16" if bf16 else "float32")


def test_int8_runs_int8_kernels(written):
    _, reports = written
    compiled = openvino_format.compile(reports["int8"].path)
    runtime = {
        op.get_rt_info()["runtimePrecision"].astype(str)
        for op in compiled.get_runtime_model().get_ops()
        if op.get_rt_info()["layerType"].astype(str) == "Convolution"
    }
    assert runtime & {"i8", "u8"}, runtime


def test_predict_runs_the_artifact_like_the_model(written, small):
    _, reports = written
    classifier = predict.from_artifact(reports["float32"].path)
    assert classifier.source == "openvino" and classifier.name == "c8"
    assert classifier.transform.size == 32
    sample = predict.sample_images()[:2]
    x = classifier.transform(sample)
    expected = predict.from_model(small).run(x)
    np.testing.assert_allclose(classifier.run(x), expected, atol=1e-5)
    assert predict.is_artifact(reports["int8"].path)


def test_a_failed_export_leaves_neither_file(small, tmp_path, monkeypatch):
    """Verification fails after both files were written: neither the .xml nor the .bin (nor a
    temporary) is left."""

    def disagree(report, traced, inputs, **_):
        raise verify_lib.VerificationError(
            verify_lib.Report(**{**report.as_dict(), "tolerance": (0, 1)})
        )

    monkeypatch.setattr(verify_lib, "verify", disagree)
    with pytest.raises(verify_lib.VerificationError):
        export_lib.export(small, tmp_path / "m.xml", format="openvino", verbose=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.long  # two exports of their own
def test_a_lone_bin_left_by_a_kill_is_replaced_and_overwrite_keeps_pairs(small, tmp_path):
    """A kill between publishing the .bin and the .xml leaves a lone .bin: the next export
    replaces it. Overwriting replaces both files."""
    target = tmp_path / "m.xml"
    target.with_suffix(".bin").write_bytes(b"left by a killed export")
    (report,) = export_lib.export(small, target, format="openvino", verbose=False)
    assert report.verified and target.with_suffix(".bin").stat().st_size > 1000
    with pytest.raises(atomic.OutputExistsError):
        export_lib.export(small, target, format="openvino", verbose=False)
    (again,) = export_lib.export(
        small, target, format="openvino", quantize="float16", overwrite=True, verbose=False
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.bin", "m.xml"]
    assert openvino_format.read_metadata(target)["precision"] == "float16"


def test_bad_paths_and_options_are_one_clear_error(small, tmp_path):
    with pytest.raises(ValueError, match=r"target must be one of 'x86', 'x86-vnni', 'arm'"):
        export_lib.plan("openvino", "int8", target="avx")
    with pytest.raises(ValueError, match=r"OpenVINO IR is a \.xml file"):
        export_lib.export(small, tmp_path / "m.ir", format="openvino", verbose=False)
    assert list(tmp_path.iterdir()) == []
    bad = tmp_path / "bad.xml"
    bad.write_text("<net>")
    with pytest.raises(ValueError, match=r"bad\.xml: cannot be loaded as format 'openvino'"):
        export_lib.load_runner(bad)


def test_format_all_includes_openvino_except_for_a_quantization_aware_model():
    jobs, _ = export_lib.plan("all", ["float32", "bfloat16"])
    assert ("openvino", "float32") in jobs and ("openvino", "bfloat16") in jobs
    # a QAT model's learned int8 goes to the formats that read it; OpenVINO is not one of them
    jobs, _ = export_lib.plan(["all"], ["float32", "int8"], quantization_aware=True)
    assert jobs == [("saved_model", "float32"), ("tflite", "int8"), ("onnx", "int8")]
    with pytest.raises(ValueError, match="nothing requested for openvino fits"):
        export_lib.plan("openvino", "int8", quantization_aware=True)


@pytest.mark.slow
def test_resnet50_round_trip(tmp_path):
    """ResNet-50 at 224 px in every precision, verified, and run by `predict`."""
    keras.utils.set_random_seed(0)
    model = keras_resnet.create_model("resnet50", classifier_activation=None)
    calibration = np.random.default_rng(0).standard_normal((8, 224, 224, 3)).astype("float32")
    reports = export_lib.export(
        model, tmp_path, format="openvino", quantize=PRECISIONS, calibration_data=calibration
    )
    assert all(r.verified for r in reports), reports.table()
    by = {r.precision: r for r in reports}
    classifier = predict.from_artifact(by["int8"].path)
    assert classifier.transform.size == 224
    assert len(classifier.predict(predict.sample_images()[:1], top=3)[0]["top"]) == 3
