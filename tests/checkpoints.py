"""Fabricated checkpoints, and the Hugging Face Hub cache they are found in: a resnet18 state dict
with or without torch, written as safetensors, and laid out as huggingface_hub caches it, offline
(no network). Keras, torch and huggingface_hub are imported by the functions that use them."""

import hashlib
import os

import numpy as np
import safetensors.numpy as safetensors_numpy

#: The commit every fabricated Hub repository is at.
COMMIT = "0123456789abcdef0123456789abcdef01234567"


def reference_18(seed=0):
    """The PyTorch reference resnet18 (tests/torch_reference.py) and its state dict in NumPy."""
    import tests.torch_reference as reference

    model = reference.build(18, "b", seed=seed)
    return model, {
        k: np.ascontiguousarray(v.detach().numpy()) for k, v in model.state_dict().items()
    }


def state_18():
    """A resnet18-shaped state dict without torch: the keys and shapes torchvision writes."""
    import keras

    import keras_resnet

    model = keras_resnet.ResNet18(input_shape=(64, 64, 3))
    from keras_resnet.converters import torchvision_timm

    state = {}
    for layer in model.layers:
        prefix = torchvision_timm._prefix(layer.name, False)
        weights = layer.get_weights()
        if isinstance(layer, keras.layers.Conv2D):
            state[f"{prefix}.weight"] = weights[0].transpose(3, 2, 0, 1)
        elif isinstance(layer, keras.layers.BatchNormalization):
            for field, value in zip(torchvision_timm.BN_FIELDS, weights, strict=True):
                state[f"{prefix}.{field}"] = value
            state[f"{prefix}.num_batches_tracked"] = np.array(0, "int64")
        elif isinstance(layer, keras.layers.Dense):
            state[f"{prefix}.weight"], state[f"{prefix}.bias"] = weights[0].T, weights[1]
    return state


def save_safetensors(state, path):
    """`state` written to `path` as a safetensors file; returns `path`."""
    safetensors_numpy.save_file({k: np.ascontiguousarray(v) for k, v in state.items()}, str(path))
    return path


def safetensors_bytes(state, folder):
    """The bytes of `state` as a safetensors file (written to ``folder/state.safetensors``)."""
    path = folder / "state.safetensors"
    safetensors_numpy.save_file(state, str(path))
    return path.read_bytes()


def offline_hub(monkeypatch, cache):
    """Makes the folder `cache` huggingface_hub's cache, offline (for the test's duration);
    returns `cache`."""
    import huggingface_hub.constants

    cache.mkdir()
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    return cache


def hub_cache(cache, repo, files, revision="main"):
    """Files of a Hub repository written as huggingface_hub caches them: ``blobs/<sha256>``,
    ``refs/<revision>`` holding the commit, ``snapshots/<commit>/<name>`` linking to the blob."""
    root = cache / f"models--{repo.replace('/', '--')}"
    (root / "blobs").mkdir(parents=True, exist_ok=True)
    (root / "refs").mkdir(exist_ok=True)
    (root / "refs" / revision).write_text(COMMIT)
    snapshot = root / "snapshots" / COMMIT
    snapshot.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        blob = hashlib.sha256(data).hexdigest()
        (root / "blobs" / blob).write_bytes(data)
        if os.path.lexists(snapshot / name):
            (snapshot / name).unlink()
        (snapshot / name).symlink_to(f"../../blobs/{blob}")
    return snapshot


def randomize_batchnorm(model, seed=0, gamma=(0.5, 1.5), shift=0.2, variance=(0.5, 2.0)):
    """Sets every BatchNormalization layer's scale, offset and moving statistics to seeded draws
    (scale and variance uniform in the given ranges, offset and mean normal with `shift` as their
    spread), so that a mistake in converting or copying them shows in the outputs."""
    import keras

    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            g, b, m, v = layer.get_weights()
            layer.set_weights(
                [
                    rng.uniform(*gamma, g.shape),
                    rng.normal(0, shift, b.shape),
                    rng.normal(0, shift, m.shape),
                    rng.uniform(*variance, v.shape),
                ]
            )
