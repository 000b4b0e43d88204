"""keras_resnet.export.formats: a format is a plug-in. A toy NumPy ``.npz`` format, defined and
registered here in the test alone (no change to the package), is written, verified, loaded,
listed and refused like the built-in ones."""

import dataclasses
import json
import pathlib

import keras
import numpy as np
import pytest

import keras_resnet
from keras_resnet import cli, export


def _write(traced, path, *, precision, calibration=None, compress=False):
    """The model's Keras config and weights (float16 weights for ``float16``) in one .npz file."""
    model = traced.model
    dtype = "float16" if precision == "float16" else "float32"
    weights = {f"w{i}": np.asarray(w).astype(dtype) for i, w in enumerate(model.get_weights())}
    metadata = traced.metadata(format="toy", precision=precision)
    save = np.savez_compressed if compress else np.savez
    with open(path, "wb") as handle:  # np.savez(path) would append .npz to the temporary name
        save(
            handle,
            config=np.array(model.to_json()),
            metadata=np.array(json.dumps(metadata)),
            **weights,
        )
    return {"weights": len(weights), "compressed": compress}


def _load(path, details=None):
    """Rebuilds the model with Keras from the file and runs it: ``images -> {output: array}``."""
    with np.load(path) as data:
        model = keras.models.model_from_json(str(data["config"]))
        model.set_weights([data[f"w{i}"].astype("float32") for i in range(len(data.files) - 2)])
        output = json.loads(str(data["metadata"]))["outputs"][0]  # "logits" for a linear head
    return lambda x: {output: np.asarray(model(x, training=False), dtype="float32")}


def _validate(precision, *, compress=False):
    if not isinstance(compress, bool):
        raise TypeError(f"compress must be True or False; received compress={compress!r}")


TOY = export.Format(
    name="toy",
    write=_write,
    load=_load,
    suffix=".npz",
    precisions=("float32", "float16"),
    options=("compress",),
    validate=_validate,
    description="NumPy .npz of the Keras config and weights (a test plug-in)",
)


@pytest.fixture
def toy():
    export.register_format(TOY)
    yield TOY
    export.unregister_format("toy")
    assert "toy" not in export.FORMATS


@pytest.fixture(scope="module")
def model():
    keras.utils.set_random_seed(3)
    return keras_resnet.CifarResNet20(classifier_activation=None, name="c20")


def test_a_registered_format_is_written_verified_and_loaded(toy, model, tmp_path):
    assert list(export.FORMATS) == ["saved_model", "tflite", "onnx", "openvino", "toy"]
    (report,) = export.export(model, tmp_path, format="toy", verbose=False)
    path = tmp_path / "c20.npz"  # into an existing folder: <name><suffix>
    assert report.path == str(path) and path.is_file() and report.size_bytes == path.stat().st_size
    assert (report.format, report.precision, report.output, report.details) == (
        "toy",
        "float32",
        "logits",
        {"weights": len(model.get_weights()), "compressed": False},
    )
    assert (
        report.verified
        and report.tolerance == (1e-4, 1.0)
        and report.max_abs_diff < 1e-5
        and report.top1_agreement == 1.0
    )
    assert not [p for p in tmp_path.iterdir() if p != path]  # the temporary name is gone
    with np.load(path) as data:
        assert json.loads(str(data["metadata"]))["model_name"] == "c20"
    x = np.random.default_rng(0).random((4, 32, 32, 3), dtype="float32")
    for run in (
        export.load_runner(path),
        export.load_runner(path, "toy", report.details),
    ):  # by suffix, by name
        np.testing.assert_allclose(run(x)["logits"], np.asarray(model(x)), atol=1e-5)
    assert export.format_of(path) is toy
    # The table's own rules: its precisions, its options (checked by its validate), overwrite.
    with pytest.raises(ValueError, match=r"quantize='int8' is not offered by format \['toy'\]"):
        export.export(model, tmp_path / "b.npz", format="toy", quantize="int8", verbose=False)
    with pytest.raises(
        ValueError, match=r"option opset is not accepted by format toy; accepted options: compress"
    ):
        export.export(model, tmp_path / "b.npz", format="toy", opset=13, verbose=False)
    with pytest.raises(TypeError, match=r"compress must be True or False"):
        export.export(model, tmp_path / "b.npz", format="toy", compress="yes", verbose=False)
    with pytest.raises(ValueError, match=r"already exists; pass overwrite=True"):
        export.export(model, tmp_path, format="toy", verbose=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c20.npz"]


def test_several_precisions_beside_the_built_in_formats(toy, model, tmp_path):
    reports = export.export(
        model,
        tmp_path,
        format=["tflite", "toy"],
        quantize=["float32", "float16"],
        compress=True,
        verbose=False,
    )
    assert [(r.format, r.precision, r.verified) for r in reports] == [
        ("tflite", "float32", True),
        ("tflite", "float16", True),
        ("toy", "float32", True),
        ("toy", "float16", True),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "c20.npz",
        "c20.tflite",
        "c20_float16.npz",
        "c20_float16.tflite",
    ]
    toy16 = reports[3]
    assert (
        toy16.details["compressed"]
        and toy16.tolerance == (1e-2, 0.75)
        and 0 < toy16.max_abs_diff
        and toy16.relative_diff <= 1e-2
    )
    assert toy16.size_bytes < 0.6 * reports[2].size_bytes  # float16 weights, compressed
    assert "| toy | float16 |" in reports.table()


def test_a_wrong_artifact_fails_verification_and_leaves_nothing(toy, model, tmp_path):
    def wrong_load(path, details=None):
        run = _load(path, details)
        return lambda x: {"logits": run(x)["logits"] + 0.5}  # off by more than float32 allows

    export.register_format(dataclasses.replace(toy, load=wrong_load), replace=True)
    with pytest.raises(
        export.VerificationError, match=r"toy float32 artifact .* disagrees with Keras"
    ) as failure:
        export.export(model, tmp_path / "m.npz", format="toy", verbose=False)
    report = failure.value.report
    assert (
        not report.verified
        and report.max_abs_diff == pytest.approx(0.5, abs=1e-4)
        and report.top1_agreement == 1.0
    )
    assert list(tmp_path.iterdir()) == []
    # Without verification the same artifact is written, and its report says it was not verified.
    (report,) = export.export(
        model, tmp_path / "m.npz", format="toy", verify_artifacts=False, verbose=False
    )
    assert (
        not report.verified
        and np.isnan(report.max_abs_diff)
        and pathlib.Path(report.path).is_file()
    )


def test_registration_is_checked(toy):
    with pytest.raises(ValueError, match=r"format 'toy' is already registered; pass replace=True"):
        export.register_format(TOY)
    with pytest.raises(ValueError, match=r"a file format needs a suffix"):
        export.Format(name="bare", write=_write, load=_load)
    with pytest.raises(ValueError, match=r"int8 is not among its precisions"):
        dataclasses.replace(TOY, calibrated=("int8",))
    with pytest.raises(ValueError, match=r"not 'all'"):
        dataclasses.replace(TOY, name="all")
    with pytest.raises(KeyError, match=r"format 'nope' is not registered"):
        export.unregister_format("nope")
    with pytest.raises(
        ValueError,
        match=(
            r"format must be one of 'saved_model', 'tflite', 'onnx', 'openvino', 'toy'; "
            r"received format='nope'"
        ),
    ):
        export.plan("nope")


def test_the_command_line_takes_a_registered_format(toy, tmp_path, capsys):
    assert (
        cli.main(["export", "cifar_resnet20", "--format", "toy", "-o", str(tmp_path / "m.npz")])
        == 0
    )
    assert "| toy | float32 |" in capsys.readouterr().out and (tmp_path / "m.npz").is_file()
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    assert "saved_model, tflite, onnx, openvino, toy (several) or all" in " ".join(
        capsys.readouterr().out.split()
    )
