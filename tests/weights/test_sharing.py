"""Sharing a model: `save_pretrained` writes a folder timm loads with the same logits and
keras_resnet loads back exactly; its card parses on the Hub's rules; `weights=` takes the folder
and a Hub repository holding one (offline, from a fabricated Hub cache); `push_to_hub`'s calls
through a recording `HfApi`."""

import json

import keras
import numpy as np
import pytest

import keras_resnet
from keras_resnet import pretrained, sharing
from tests.checkpoints import hub_cache, offline_hub, randomize_batchnorm
from tests.torch_reference import import_timm


def _model(name, classes=5, size=32, seed=0):
    """Registry model `name` (logits), seeded, with BatchNorm statistics and scales drawn so that
    every layer's conversion shows in the logits; the classifier is then scaled so that the
    logits of `_images` are of order 4 (deep bottleneck stacks otherwise reach hundreds, where
    float32's rounding alone exceeds the 1e-4 bar) and differ between the images."""
    keras.utils.set_random_seed(seed)
    model = keras_resnet.create_model(
        name, input_shape=(size, size, 3), classes=classes, classifier_activation=None
    )
    randomize_batchnorm(model, seed, gamma=(0.9, 1.3), shift=0.1, variance=(0.5, 1.5))
    head = model.get_layer("predictions")
    scale = 4.0 / np.abs(np.asarray(model(_images(size)))).max()
    head.set_weights([w * scale for w in head.get_weights()])
    return model


def _images(size=32, seed=1):
    return np.random.default_rng(seed).normal(0, 1, (2, size, size, 3)).astype("float32")


def _timm_logits(timm_model, x):
    import torch

    with torch.no_grad():
        return timm_model(torch.from_numpy(x.transpose(0, 3, 1, 2).copy())).numpy()


@pytest.mark.parametrize(
    "name,timm_name",
    [
        ("resnet18d", "resnet18d"),
        pytest.param("resnet50d", "resnet50d", marks=pytest.mark.slow),
        pytest.param("seresnext50_32x4d", "seresnext50_32x4d", marks=pytest.mark.slow),
        # resnet50.tv2_in1k's architecture: torchvision's ResNet-50, timm's resnet50
        pytest.param("resnet50b", "resnet50", marks=pytest.mark.slow),
    ],
)
def test_timm_loads_the_folder_and_keras_resnet_loads_it_back(tmp_path, name, timm_name):
    timm = import_timm()
    model = _model(name)
    folder = sharing.save_pretrained(
        model, tmp_path / name, preprocessing="torch", class_names=list("abcde"), verbose=False
    )
    config = json.loads((folder / "config.json").read_text())
    assert config["architecture"] == timm_name and config["label_names"] == list("abcde")
    x = _images()
    logits = np.asarray(model(x))
    assert np.abs(logits[0] - logits[1]).max() > 0.05  # logits that depend on the image
    by_file = timm.create_model(
        timm_name,
        pretrained=True,
        num_classes=5,
        pretrained_cfg_overlay=dict(file=str(folder / "model.safetensors"), num_classes=5),
    ).eval()
    by_folder = timm.create_model(f"local-dir:{folder}", pretrained=True).eval()
    for timm_model in (by_file, by_folder):
        np.testing.assert_allclose(_timm_logits(timm_model, x), logits, atol=1e-4, rtol=0)
    assert list(by_folder.pretrained_cfg["mean"]) == [0.485, 0.456, 0.406]
    back = keras_resnet.create_model(
        name,
        input_shape=(32, 32, 3),
        classes=5,
        classifier_activation=None,
        weights=str(folder),
    )
    np.testing.assert_array_equal(np.asarray(back(x)), logits)
    assert back.pretrained_cfg["preprocessing"]["name"] == "torch"


def test_the_card_parses_on_the_hubs_rules(tmp_path):
    from huggingface_hub import ModelCard

    info = sharing.CardInfo(
        base="resnet18d.ra2_in1k",
        dataset="data/flowers",
        recipe="finetune",
        epochs=3,
        accuracy=0.875,
        exports=("onnx", "tflite"),
    )
    folder = sharing.save_pretrained(
        _model("resnet18d", classes=3), tmp_path / "shared", preprocessing="torch", info=info
    )
    card = ModelCard.load(folder / "README.md")
    data = card.data
    assert data.library_name == "timm" and data.license == "apache-2.0"
    assert {"image-classification", "keras-resnet", "resnet18d", "timm"} <= set(data.tags)
    assert data.datasets == ["flowers", "imagenet-1k"] and data.metrics == ["accuracy"]
    assert data.base_model == "timm/resnet18d.ra2_in1k"
    assert data.eval_results[0].metric_value == 0.875
    for text in ("87.50%", "`finetune`", "onnx, tflite", "| Epochs | 3 |", 'timm.create_model("'):
        assert text in card.text, text


def test_a_cifar_resnet_is_written_in_the_keras_layout_only(tmp_path, capsys):
    model = _model("cifar_resnet20", classes=10, size=8)
    folder = sharing.save_pretrained(model, tmp_path / "c20", preprocessing="unit")
    assert "Keras only" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "config.json",
        "model.weights.h5",
    ]
    config = json.loads((folder / "config.json").read_text())
    assert "architecture" not in config and config["num_classes"] == 10
    assert "timm has no CIFAR ResNet" in config["keras_resnet"]["keras_only_reason"]
    assert (
        "timm cannot load this model: timm has no CIFAR ResNet"
        in (folder / "README.md").read_text()
    )
    x = _images(size=8)
    back = keras_resnet.create_model(
        "cifar_resnet20", input_shape=(8, 8, 3), classifier_activation=None, weights=str(folder)
    )
    np.testing.assert_array_equal(np.asarray(back(x)), np.asarray(model(x)))
    with pytest.raises(ValueError, match=r"weights of cifar_resnet20 do not fit cifar_plain20"):
        keras_resnet.create_model("cifar_plain20", input_shape=(8, 8, 3), weights=str(folder))
    with pytest.raises(ValueError, match=r"holds a classifier for 10 classes but classes=4"):
        keras_resnet.create_model(
            "cifar_resnet20", input_shape=(8, 8, 3), classes=4, weights=str(folder)
        )


def test_timm_architecture_names_every_model_timm_has():
    timm = import_timm()
    assert sharing.TIMM_ARCHITECTURES <= set(timm.list_models())
    assert sharing.timm_architecture("resnet50b") == ("resnet50", "")
    assert sharing.timm_architecture("resnet18b") == ("resnet18", "")
    assert sharing.timm_architecture("resnet50")[0] is None  # stride in the 1x1: not timm's
    assert "pre-activation" in sharing.timm_architecture("resnet50v2")[1]
    assert sharing.timm_architecture("resnet18c") == (None, "timm has no 'resnet18c' architecture")
    assert "plain net" in sharing.timm_architecture("cifar_plain20")[1]


def test_a_fine_tuned_model_is_saved_as_its_registry_model(tmp_path):
    """A backbone under a new head (what `train` fine-tunes) is written as the flat registry
    model, which loads back with the same logits."""
    keras.utils.set_random_seed(0)
    backbone = keras_resnet.create_model(
        "resnet18", input_shape=(32, 32, 3), include_top=False, pooling="avg"
    )
    inputs = keras.Input((32, 32, 3))
    x = keras.layers.Dropout(0.2)(backbone(inputs, training=False))
    tuned = keras.Model(inputs, keras.layers.Dense(3, name="predictions")(x))
    folder = sharing.save_pretrained(tuned, tmp_path / "tuned", preprocessing="unit")
    back = keras_resnet.create_model(
        "resnet18",
        input_shape=(32, 32, 3),
        classes=3,
        classifier_activation=None,
        weights=str(folder),
    )
    x = _images()
    np.testing.assert_allclose(np.asarray(back(x)), np.asarray(tuned(x)), atol=1e-5)


def test_bad_arguments_and_folders_are_named(tmp_path):
    model = _model("resnet18", classes=2)
    with pytest.raises(ValueError, match=r"preprocessing=None: model 'resnet18' does not record"):
        sharing.save_pretrained(model, tmp_path / "a")
    with pytest.raises(ValueError, match=r"class_names has 3 names; the model has 2 classes"):
        sharing.save_pretrained(model, tmp_path / "a", preprocessing="torch", class_names="abc")
    plain = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    with pytest.raises(ValueError, match=r"was not built by keras_resnet"):
        sharing.save_pretrained(plain, tmp_path / "a", preprocessing="torch")
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError, match=r"already exists"):
        sharing.save_pretrained(model, other, preprocessing="torch")
    with pytest.raises(FileExistsError, match=r"not a model folder save_pretrained wrote"):
        sharing.save_pretrained(model, other, preprocessing="torch", overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other"]  # nothing half-written
    with pytest.raises(ValueError, match=r"is a folder, but not one keras_resnet.save_pretrained"):
        keras_resnet.create_model("resnet18", weights=str(other))


def test_a_hub_repository_of_keras_resnet_loads_offline(tmp_path, monkeypatch):
    model = _model("resnet18", classes=2)
    folder = sharing.save_pretrained(model, tmp_path / "f", preprocessing="torch", verbose=False)
    cache = offline_hub(monkeypatch, tmp_path / "hub")
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    hub_cache(cache, "someone/r18-flowers", files)
    back = keras_resnet.create_model(
        "resnet18",
        input_shape=(32, 32, 3),
        classes=2,
        classifier_activation=None,
        weights="hf-hub:someone/r18-flowers",
    )
    x = _images()
    np.testing.assert_array_equal(np.asarray(back(x)), np.asarray(model(x)))
    with pytest.raises(ValueError, match=r"weights of resnet18 do not fit resnet18d"):
        keras_resnet.create_model("resnet18d", weights="hf-hub:someone/r18-flowers")


class RecordingApi:
    """What `push_to_hub` asks of ``huggingface_hub.HfApi``, recorded: the calls with their
    arguments, and the files of the folder at upload time."""

    def __init__(self):
        self.calls = []

    def create_repo(self, repo_id, **kwargs):
        self.calls.append(("create_repo", repo_id, kwargs))
        return type("RepoUrl", (), {"repo_id": repo_id})()

    def create_branch(self, repo_id, **kwargs):
        self.calls.append(("create_branch", repo_id, kwargs))

    def upload_folder(self, **kwargs):
        import pathlib

        files = sorted(p.name for p in pathlib.Path(kwargs["folder_path"]).iterdir())
        self.calls.append(("upload_folder", files, kwargs))
        return "commit"


def _recording_api():
    """A `huggingface_hub.HfApi` subclass whose Hub calls are `RecordingApi`'s."""
    from huggingface_hub import HfApi

    return type("RecordingHfApi", (RecordingApi, HfApi), {})()


def test_push_to_hub_creates_the_repository_and_uploads_the_folder(tmp_path, monkeypatch):
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    folder = sharing.save_pretrained(
        _model("resnet18d", classes=2), tmp_path / "f", preprocessing="torch", verbose=False
    )
    api = _recording_api()
    result = sharing.push_to_hub(folder, "someone/r18d", api=api, private=True, revision="v1")
    assert result == "commit"
    assert [c[0] for c in api.calls] == ["create_repo", "create_branch", "upload_folder"]
    assert api.calls[0][1:] == ("someone/r18d", {"private": True, "exist_ok": True})
    assert api.calls[1][1:] == ("someone/r18d", {"branch": "v1", "exist_ok": True})
    files, upload = api.calls[2][1:]
    assert files == ["README.md", "config.json", "model.safetensors", "model.weights.h5"]
    assert upload["repo_id"] == "someone/r18d" and upload["revision"] == "v1"
    assert upload["folder_path"] == str(folder) and upload["create_pr"] is False
    assert upload["commit_message"] == "Upload model saved with keras_resnet"
    assert set(upload["allow_patterns"]) == set(files)

    api = _recording_api()  # a model: saved into a scratch folder, its card naming the repository
    sharing.push_to_hub(
        _model("cifar_resnet20", size=8), "someone/c20", api=api, preprocessing="unit"
    )
    assert api.calls[1][1] == ["README.md", "config.json", "model.weights.h5"]
    assert [c[0] for c in api.calls] == ["create_repo", "upload_folder"]


def test_push_to_hub_offline_or_refused_fails_in_one_line(tmp_path, monkeypatch):
    import huggingface_hub.constants

    folder = sharing.save_pretrained(
        _model("cifar_resnet20", size=8), tmp_path / "f", preprocessing="unit", verbose=False
    )
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(sharing.PushError, match=r"HF_HUB_OFFLINE=1 is set"):
        sharing.push_to_hub(folder, "someone/c20", api=_recording_api())
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)

    class Refusing(RecordingApi):
        def create_repo(self, repo_id, **kwargs):
            raise PermissionError("401 Client Error: Unauthorized\nmore lines")

    with pytest.raises(
        sharing.PushError, match=r"could not push .* \(PermissionError: 401 [^\n]*\)$"
    ):
        sharing.push_to_hub(folder, "someone/c20", api=Refusing())
    with pytest.raises(ValueError, match=r"repo_id='not a repo' is no Hub repository name"):
        sharing.push_to_hub(folder, "not a repo", api=Refusing())
    with pytest.raises(ValueError, match=r"not one keras_resnet.save_pretrained wrote"):
        sharing.push_to_hub(tmp_path, "someone/c20", api=Refusing())
    assert pretrained.read_config(folder)["num_classes"] == 5
