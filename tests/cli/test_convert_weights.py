"""`keras-resnet convert-weights`: a checkpoint converted into a weights file that loads."""

import numpy as np

import keras_resnet
from tests.checkpoints import save_safetensors, state_18


def test_cli_convert_weights_round_trip(tmp_path):
    from keras_resnet import cli

    state = state_18()
    rng = np.random.default_rng(1)
    state = {
        k: (rng.normal(0, 0.05, v.shape).astype("float32") if v.dtype == np.float32 else v)
        for k, v in state.items()
    }
    state = {k: (np.abs(v) + 0.5 if k.endswith("running_var") else v) for k, v in state.items()}
    source = save_safetensors(state, tmp_path / "r18.safetensors")
    out = tmp_path / "r18.weights.h5"
    assert cli.main(["convert-weights", str(source), "--model", "resnet18", "-o", str(out)]) == 0
    assert (
        cli.main(["convert-weights", str(source), "--model", "resnet18", "-o", str(out)]) == 2
    )  # exists
    direct = keras_resnet.ResNet18(weights=str(source), input_shape=(64, 64, 3))
    saved = keras_resnet.ResNet18(weights=str(out), input_shape=(64, 64, 3))
    x = np.random.default_rng(0).normal(0, 1, (1, 64, 64, 3)).astype("float32")
    np.testing.assert_allclose(np.asarray(saved(x)), np.asarray(direct(x)), atol=1e-6)
