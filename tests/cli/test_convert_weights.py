"""`keras-resnet convert-weights`: a checkpoint converted into a weights file that loads."""

import keras
import numpy as np
import safetensors.numpy as safetensors_numpy

import keras_resnet


def _save(state, path):
    safetensors_numpy.save_file({k: np.ascontiguousarray(v) for k, v in state.items()}, str(path))
    return path


def _images(n=2, size=224, seed=0):
    return np.random.default_rng(seed).normal(0, 1, (n, size, size, 3)).astype("float32")


def _state_18():
    """A resnet18-shaped state dict without torch: the keys and shapes torchvision writes."""
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


def test_cli_convert_weights_round_trip(tmp_path):
    from keras_resnet import cli

    state = _state_18()
    rng = np.random.default_rng(1)
    state = {
        k: (rng.normal(0, 0.05, v.shape).astype("float32") if v.dtype == np.float32 else v)
        for k, v in state.items()
    }
    state = {k: (np.abs(v) + 0.5 if k.endswith("running_var") else v) for k, v in state.items()}
    source = _save(state, tmp_path / "r18.safetensors")
    out = tmp_path / "r18.weights.h5"
    assert cli.main(["convert-weights", str(source), "--model", "resnet18", "-o", str(out)]) == 0
    assert (
        cli.main(["convert-weights", str(source), "--model", "resnet18", "-o", str(out)]) == 2
    )  # exists
    direct = keras_resnet.ResNet18(weights=str(source), input_shape=(64, 64, 3))
    saved = keras_resnet.ResNet18(weights=str(out), input_shape=(64, 64, 3))
    x = _images(1, 64)
    np.testing.assert_allclose(np.asarray(saved(x)), np.asarray(direct(x)), atol=1e-6)
