"""Reading checkpoint files into ``{key: numpy array}``, with the file's kind detected from its
bytes, never from trust in its name or in its content:

* ``safetensors``: read with the safetensors package (no torch, no code execution);
* ``torch``: ``.pth``/``.pt``/``.bin`` (zip or legacy pickle), read with
  ``torch.load(..., weights_only=True)``, which refuses anything but tensors and containers;
* ``keras_h5``: a keras.applications weights file (Keras 2 HDF5: ``layer_names`` /
  ``weight_names`` attributes, optionally under ``model_weights``);
* ``keras_weights``: a Keras 3 ``.weights.h5`` (loaded by Keras itself).
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Callable
from typing import Any

import numpy as np

_HDF5 = b"\x89HDF\r\n\x1a\n"
_ZIP = b"PK\x03\x04"


def detect(path: str | os.PathLike[str]) -> str:
    """The kind of checkpoint at `path`: safetensors, torch, keras_h5 or keras_weights."""
    path = pathlib.Path(path)
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(_HDF5):
        import h5py

        try:
            with h5py.File(path, "r") as f:
                if "layer_names" in f.attrs or (
                    "model_weights" in f and "layer_names" in f["model_weights"].attrs
                ):
                    return "keras_h5"
                if "layers" in f or "vars" in f:
                    return "keras_weights"
        except OSError as error:
            raise ValueError(
                f"weights={str(path)!r} is not a readable HDF5 weights file ({error})"
            ) from None
        raise ValueError(
            f"weights={str(path)!r} is an HDF5 file but neither a Keras weights file "
            "nor a keras.applications one"
        )
    if head.startswith(_ZIP) or head[:1] == b"\x80":  # torch.save: zip archive, or a legacy pickle
        return "torch"
    if len(head) >= 9 and head[8:9] == b"{":  # safetensors: 8-byte header length, then JSON
        return "safetensors"
    raise ValueError(
        f"weights={str(path)!r} is not a checkpoint this library reads "
        "(.safetensors, torch .pth/.pt/.bin, keras.applications .h5, Keras .weights.h5)"
    )


def _read_safetensors(path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    from keras_resnet._optional import require

    numpy_io = require("safetensors.numpy", "weights")
    try:
        return dict(numpy_io.load_file(str(path)))
    except Exception as error:  # SafetensorError: truncated or malformed
        raise ValueError(
            f"weights={str(path)!r} is not a readable safetensors file ({error})"
        ) from None


def _unwrap_state_dict(obj: Any, path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    """A state dict, possibly inside {'state_dict': ...} / {'model': ...}, with 'module.'
    prefixes removed."""
    for key in ("state_dict", "model", "model_state_dict"):
        if isinstance(obj, dict) and key in obj and isinstance(obj[key], dict):
            obj = obj[key]
    if not isinstance(obj, dict) or not obj:
        raise ValueError(f"weights={str(path)!r} holds no state dict (found {type(obj).__name__})")
    tensors: dict[str, np.ndarray] = {}
    for key, value in obj.items():
        if not hasattr(value, "detach"):
            raise ValueError(
                f"weights={str(path)!r}: entry {key!r} is a {type(value).__name__}, not a tensor"
            )
        name = key[len("module.") :] if key.startswith("module.") else key
        tensors[name] = (
            value.detach().cpu().float().numpy()
            if value.is_floating_point()
            else value.detach().cpu().numpy()
        )
    return tensors


def _read_torch(path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    try:
        import torch
    except ImportError:
        raise ImportError(
            f"weights={str(path)!r} is a PyTorch checkpoint; reading it needs torch "
            "(pip install torch), "
            "or convert it to .safetensors, which this library reads without torch"
        ) from None
    try:
        obj = torch.load(str(path), map_location="cpu", weights_only=True)
    except Exception as error:  # UnpicklingError for code, RuntimeError/EOFError for a damaged file
        raise ValueError(
            f"weights={str(path)!r} could not be loaded as a plain PyTorch state dict with "
            f"weights_only=True (refusing to run code from a checkpoint): {error}"
        ) from None
    return _unwrap_state_dict(obj, path)


def _read_keras_h5(path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    """{'layer_name/weight_name': array} from a keras.applications (Keras 2) HDF5 weights file."""
    import h5py

    tensors: dict[str, np.ndarray] = {}
    try:
        with h5py.File(path, "r") as f:
            group = (
                f["model_weights"] if "layer_names" not in f.attrs and "model_weights" in f else f
            )
            for layer in group.attrs["layer_names"]:
                layer = layer.decode() if isinstance(layer, bytes) else layer
                for weight in group[layer].attrs.get("weight_names", []):
                    weight = weight.decode() if isinstance(weight, bytes) else weight
                    short = weight.split("/")[-1].split(":")[0]
                    tensors[f"{layer}/{short}"] = np.asarray(group[layer][weight])
    except (OSError, KeyError) as error:
        raise ValueError(
            f"weights={str(path)!r} is not a readable keras.applications weights file ({error})"
        ) from None
    return tensors


READERS: dict[str, Callable[[str | os.PathLike[str]], dict[str, np.ndarray]]] = {
    "safetensors": _read_safetensors,
    "torch": _read_torch,
    "keras_h5": _read_keras_h5,
}


def read(path: str | os.PathLike[str]) -> tuple[str, dict[str, np.ndarray]]:
    """``(kind, {key: float32/int array})`` for a checkpoint file."""
    if not isinstance(path, (str, os.PathLike)) or not os.path.isfile(path):
        raise ValueError(f"weights={path!r} is not an existing file")
    kind = detect(path)
    if kind == "keras_weights":
        return kind, {}
    return kind, READERS[kind](path)
