"""Export of a channels_first model: it exports as its channels_last twin with the same weights,
each artifact verifies in its own runtime, and the metadata says which layout the model and the
artifact's input take (ONNX takes NCHW, as the model does, unless ``nchw=False``)."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

import keras_resnet
from keras_resnet import export, layouts, predict
from tests import ROOT

ort = pytest.importorskip("onnxruntime", reason="pip install 'keras-resnet[export]'")


@pytest.fixture(scope="module")
def nchw_model():
    return keras_resnet.create_model(
        "cifar_resnet20",
        input_shape=(3, 16, 16),
        classes=5,
        classifier_activation=None,
        data_format="channels_first",
    )


@pytest.mark.long
def test_a_channels_first_model_exports_to_every_format_and_verifies(nchw_model, tmp_path):
    reports = export.export(
        nchw_model, tmp_path, format=["saved_model", "tflite", "onnx"], verbose=False
    )
    assert [(r.format, r.verified) for r in reports] == [
        ("saved_model", True),
        ("tflite", True),
        ("onnx", True),
    ]
    assert all(r.top1_agreement == 1.0 for r in reports)
    layouts_found = {
        r.format: (
            predict.artifact_metadata(r.path)["model_data_format"],
            predict.artifact_metadata(r.path)["input_layout"],
        )
        for r in reports
    }
    assert layouts_found == {
        "saved_model": ("channels_first", "NHWC"),
        "tflite": ("channels_first", "NHWC"),
        "onnx": ("channels_first", "NCHW"),
    }
    onnx_path = next(r.path for r in reports if r.format == "onnx")
    session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    assert session.get_inputs()[0].shape[1:] == [3, 16, 16]
    # the ONNX artifact takes what the model takes, and gives the model's logits: against the
    # twin, which gives the model's own logits (tests/models/test_layouts.py)
    x = np.random.default_rng(0).normal(size=(2, 3, 16, 16)).astype("float32")
    (logits,) = session.run(["logits"], {"image": x})
    twin = layouts.twin(nchw_model, "channels_last")
    expected = np.asarray(twin(x.transpose(0, 2, 3, 1)))
    assert np.abs(logits - expected).max() <= 1e-4 * np.abs(expected).max()  # float32's bar
    assert layouts.of_model(nchw_model) == "channels_first"  # the caller's model is untouched


def test_onnx_of_a_channels_first_model_takes_nhwc_when_asked(nchw_model, tmp_path):
    (report,) = export.export(
        nchw_model, tmp_path / "m.onnx", format="onnx", nchw=False, verbose=False
    )
    session = ort.InferenceSession(report.path, providers=["CPUExecutionProvider"])
    assert session.get_inputs()[0].shape[1:] == [16, 16, 3] and report.verified
    assert predict.artifact_metadata(report.path)["input_layout"] == "NHWC"


_EXPORT_WITHOUT_NCHW = """
import json, sys, keras_resnet
from keras_resnet import export, layouts
model = keras_resnet.create_model(
    "cifar_resnet20", input_shape=(3, 8, 8), classes=5, data_format="channels_first"
)
try:
    layouts.check_runnable(model)
    refused = False
except ValueError:
    refused = True
(report,) = export.export(model, sys.argv[1], format="tflite", verbose=False)
print(json.dumps([refused, report.verified]))
"""


@pytest.mark.long
def test_export_works_where_tensorflow_cannot_run_the_model(tmp_path):
    """TensorFlow without NCHW convolutions on the CPU (oneDNN off) refuses to run the model but
    exports and verifies it (the trace and the artifact are channels_last)."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"},
        "KERAS_BACKEND": "tensorflow",
        "TF_ENABLE_ONEDNN_OPTS": "0",
        "TF_CPP_MIN_LOG_LEVEL": "3",
    }
    result = subprocess.run(
        [sys.executable, "-c", _EXPORT_WITHOUT_NCHW, str(tmp_path / "m.tflite")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [True, True]
