"""Presets: their metadata, loading by name from fabricated checkpoints in the exact cache layouts
of huggingface_hub and keras.utils.get_file (no network), hash checks, offline errors, and
`keras-resnet presets` / `predict` (on a model and on an exported artifact)."""

import dataclasses
import hashlib
import json
import os
import subprocess
import sys

import keras
import numpy as np
import pytest

import keras_resnet
from keras_resnet import downloads, predict, presets
from tests.checkpoints import hub_cache, offline_hub, reference_18, safetensors_bytes

pytest.importorskip("tf2onnx", reason="pip install 'keras-resnet[export]'")


@pytest.fixture
def hub(monkeypatch, tmp_path):
    """An offline Hugging Face Hub cache in a temporary folder."""
    return offline_hub(monkeypatch, tmp_path / "hf_hub")


def _logits(model, x):
    import torch

    with torch.no_grad():
        return model(torch.from_numpy(x.transpose(0, 3, 1, 2).copy())).numpy()


def test_every_preset_is_complete_and_fits_a_registry_model():
    assert len(presets.PRESETS) >= 25 and len({p.model for p in presets.PRESETS.values()}) >= 20
    for p in presets.PRESETS.values():
        assert p.model in keras_resnet.list_models() and p.license and p.recipe, p.name
        assert 60 < p.top1 < p.top5 < 100 and p.eval.size in (160, 192, 224, 256, 384), p.name
        assert p.eval.interpolation in ("bilinear", "bicubic") and 0.8 < p.eval.crop_pct <= 1.0, (
            p.name
        )
        if p.hub_repo:
            assert p.hub_repo == f"timm/{p.name}" and p.library == "timm"
        else:
            assert p.url.startswith("https://") and p.file_hash
            if p.library == "torchvision":  # the SHA-256 prefix in torchvision's file names
                assert p.filename.rsplit("-", 1)[1].split(".")[0] == p.file_hash[:8]
    assert (
        presets.get("resnet50.tv2_in1k").top1 == 80.858
        and presets.get("resnet50.tv2_in1k").eval.resize == 232
    )
    assert presets.get("resnet50b.tv_in1k") is presets.get(
        "resnet50.tv_in1k"
    )  # <registry model>.<tag>
    for model, name in presets.DEFAULTS.items():
        assert presets.PRESETS[name].top1 == max(
            p.top1 for p in presets.PRESETS.values() if p.model == model
        )


def test_a_model_preset_mismatch_lists_the_presets_that_fit():
    with pytest.raises(
        ValueError,
        match=r"fits model 'resnet50b', not 'resnet50'; "
        r"presets for 'resnet50': resnet50.keras_in1k",
    ):
        keras_resnet.create_model("resnet50", weights="resnet50.a1_in1k")
    with pytest.raises(ValueError, match=r"Did you mean 'resnet50d.ra2_in1k'"):
        keras_resnet.create_model("resnet50d", weights="resnet50d.ra2_in1k_")
    with pytest.raises(ValueError, match=r"'resnet26' is not a model of this library"):
        presets.registry_model_of("resnet26")


def test_a_timm_preset_loads_from_the_hub_cache_and_converts_exactly(hub, tmp_path):
    reference, state = reference_18()
    hub_cache(
        hub, "timm/resnet18.a1_in1k", {"model.safetensors": safetensors_bytes(state, tmp_path)}
    )
    model = keras_resnet.create_model(
        "resnet18", weights="resnet18.a1_in1k", classifier_activation=None
    )
    x = np.random.default_rng(0).normal(0, 1, (2, 224, 224, 3)).astype("float32")
    assert np.abs(np.asarray(model(x)) - _logits(reference, x)).max() <= 1e-4
    cfg = model.pretrained_cfg
    assert (
        cfg["preset"] == "resnet18.a1_in1k"
        and cfg["top1"] == 71.504
        and cfg["interpolation"] == "bicubic"
    )
    assert cfg["crop_pct"] == 0.95 and cfg["preprocessing"]["mean"] == (0.485, 0.456, 0.406)
    again = keras_resnet.create_model(
        "resnet18", weights="hf-hub:timm/resnet18.a1_in1k", classifier_activation=None
    )
    assert np.array_equal(np.asarray(again(x)), np.asarray(model(x)))


def test_any_timm_hub_repository_is_described_by_its_config(hub, tmp_path):
    _, state = reference_18(seed=1)
    config = {
        "architecture": "resnet18",
        "num_classes": 1000,
        "pretrained_cfg": {
            "input_size": [3, 160, 160],
            "crop_pct": 0.9,
            "interpolation": "bilinear",
            "license": "mit",
            "mean": [0.5, 0.5, 0.5],
            "std": [0.5, 0.5, 0.5],
        },
    }
    hub_cache(
        hub,
        "timm/resnet18.unlisted_in1k",
        {
            "config.json": json.dumps(config).encode(),
            "model.safetensors": safetensors_bytes(state, tmp_path),
        },
    )
    model = keras_resnet.create_model(
        "resnet18", weights="hf-hub:timm/resnet18.unlisted_in1k", input_shape=(160, 160, 3)
    )
    cfg = model.pretrained_cfg
    assert (cfg["input_size"], cfg["crop_pct"], cfg["resize"], cfg["license"]) == (
        (160, 160, 3),
        0.9,
        177,
        "mit",
    )
    assert cfg["preprocessing"]["name"] == "tf"  # (x / 255 - 0.5) / 0.5
    assert np.allclose(
        model.get_layer("conv1_conv").get_weights()[0], state["conv1.weight"].transpose(2, 3, 1, 0)
    )
    with pytest.raises(ValueError, match=r"fits model 'resnet18', not 'resnet34'"):
        keras_resnet.create_model("resnet34", weights="hf-hub:timm/resnet18.unlisted_in1k")


def test_offline_with_a_cold_hub_cache_names_the_file_the_url_and_the_command(hub):
    with pytest.raises(ValueError) as error:
        keras_resnet.create_model("resnet50d", weights="resnet50d.ra2_in1k")
    message = str(error.value)
    assert (
        "could not get https://huggingface.co/timm/resnet50d.ra2_in1k/resolve/main/model.safetensors"
        in message
    )
    assert "HF_HUB_OFFLINE=1 is set" in message and str(hub) in message
    assert "`hf download timm/resnet50d.ra2_in1k model.safetensors --revision main`" in message


def test_a_corrupt_hub_file_is_removed_and_downloaded_again(hub, tmp_path, monkeypatch):
    _, state = reference_18()
    good = safetensors_bytes(state, tmp_path)
    snapshot = hub_cache(hub, "timm/resnet18.a1_in1k", {"model.safetensors": good})
    blob = os.path.realpath(snapshot / "model.safetensors")
    with open(blob, "r+b") as f:  # truncated in place: the blob's name no longer matches
        f.truncate(len(good) // 2)
    with pytest.raises(ValueError, match="the cached copy was corrupt and was removed"):
        presets.fetch(presets.get("resnet18.a1_in1k"), verbose=False)
    assert not os.path.exists(blob) and not os.path.lexists(snapshot / "model.safetensors")

    calls = []
    real = downloads._hub_download

    def redownload(repo, filename, revision, force=False):  # the network, as the Hub client would
        calls.append(force)
        if force:
            hub_cache(hub, repo, {filename: good})
        return real(repo, filename, revision, force=False)

    snapshot = hub_cache(hub, "timm/resnet18.a1_in1k", {"model.safetensors": good})
    flipped = bytearray(good)
    flipped[-1] ^= 0xFF  # one bit changed: same size, the blob's name no longer matches its bytes
    with open(os.path.realpath(snapshot / "model.safetensors"), "wb") as f:
        f.write(flipped)
    monkeypatch.setattr(downloads, "_hub_download", redownload)
    path = presets.fetch(presets.get("resnet18.a1_in1k"), verbose=False)
    assert calls == [False, True] and downloads.file_hash(path) == hashlib.sha256(good).hexdigest()


def test_a_url_preset_loads_from_the_keras_cache_and_checks_its_hash(monkeypatch, tmp_path):
    """torchvision's file in keras.utils.get_file's cache layout (``$KERAS_HOME/keras_resnet/``);
    the preset's hash is replaced by the fabricated file's, which cannot match torchvision's."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    reference, state = reference_18()
    target = tmp_path / "keras_resnet" / "resnet18-f37072fd.pth"
    target.parent.mkdir()
    import torch

    torch.save(reference.state_dict(), target)
    preset = presets.PRESETS["resnet18.tv_in1k"]
    monkeypatch.setitem(
        presets.PRESETS,
        preset.name,
        dataclasses.replace(preset, file_hash=downloads.file_hash(target)[:8]),
    )
    model = keras_resnet.create_model(
        "resnet18", weights="resnet18.tv_in1k", classifier_activation=None
    )
    x = np.random.default_rng(1).normal(0, 1, (1, 224, 224, 3)).astype("float32")
    assert np.abs(np.asarray(model(x)) - _logits(reference, x)).max() <= 1e-4
    assert (
        model.pretrained_cfg["resize"] == 256 and model.pretrained_cfg["license"] == "bsd-3-clause"
    )

    target.write_bytes(
        target.read_bytes()[:1000]
    )  # truncated: removed, and offline the error says so

    def offline(**kwargs):
        raise OSError("network is unreachable")

    monkeypatch.setattr(
        keras.utils, "get_file", lambda **kw: str(target) if target.exists() else offline()
    )
    with pytest.raises(
        ValueError,
        match=rf"corrupt and was removed\): could not get {preset.url} .*put it at {target}",
    ):
        keras_resnet.create_model("resnet18", weights="resnet18.tv_in1k")
    assert not target.exists()


def test_presets_table_is_markdown_with_one_row_per_preset():
    table = presets.presets_table("resnet50d").splitlines()
    assert table[0].startswith("| preset | model | source | top-1 | top-5 |")
    assert len(table) == 2 + len(presets.list_presets("resnet50d"))
    assert (
        "| resnet50d.ra2_in1k | resnet50d | timm (hf-hub:timm/resnet50d.ra2_in1k) | 80.55% "
        "| 95.16% | 224, 0.875, bicubic | apache-2.0 |" in table[2]
    )
    assert len(presets.presets_table().splitlines()) == 2 + len(presets.PRESETS)


def test_offline_cold_cache_in_a_fresh_process_is_one_line_and_exit_1(tmp_path):
    env = dict(
        os.environ,
        HF_HUB_OFFLINE="1",
        HF_HOME=str(tmp_path / "hf"),
        KERAS_HOME=str(tmp_path / "keras"),
    )
    env.pop("TF_CPP_MIN_LOG_LEVEL", None)  # the CLI's own default: quiet
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "keras_resnet.cli",
            "predict",
            "resnet18",
            "--weights",
            "resnet18.a1_in1k",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "hf download timm/resnet18.a1_in1k model.safetensors" in lines[0], (
        done.stderr
    )
    assert lines[0].endswith("pass the downloaded file as --weights="), lines[
        0
    ]  # in the flag words


@pytest.mark.slow
@pytest.mark.parametrize("name", ["resnet50.tv2_in1k", "resnet50d.ra2_in1k", "resnet50.keras_in1k"])
def test_real_presets_classify_the_shipped_samples(name):
    """Downloads the real checkpoint (skipped where the network is unreachable) and checks that the
    shipped photographs get one of their accepted ImageNet classes: a model of ~80% published top-1
    gets all three right."""
    preset = presets.get(name)
    try:
        presets.fetch(preset, verbose=False)
    except ValueError as error:
        pytest.skip(f"network unreachable: {str(error)[:120]}")
    model = keras_resnet.create_model(
        preset.model, weights=name, input_shape=(preset.eval.size, preset.eval.size, 3)
    )
    results = predict.from_model(model).predict(predict.sample_images(), top=1)
    right = sum(
        r["top"][0]["index"] in predict.SAMPLE_LABELS[os.path.basename(r["image"])]["accepted"]
        for r in results
    )
    assert right >= 2, results


def test_named_models_find_their_presets(monkeypatch):
    import keras_resnet
    from keras_resnet import presets, weights

    loaded = []
    monkeypatch.setattr(
        weights, "load", lambda model, spec, **kwargs: loaded.append((model.name, spec))
    )
    keras_resnet.create_model(
        "resnet50", name="backbone", weights="imagenet", input_shape=(64, 64, 3)
    )
    ((name, spec),) = loaded
    assert name == "backbone" and isinstance(spec, presets.Preset) and spec.model == "resnet50"
