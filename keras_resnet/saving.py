"""Loading `.keras` files of any depth.

`load_model` is `keras.models.load_model` with room on the Python stack for Keras' recursive
graph walk (see `keras_resnet._recursion`): CIFAR ResNet-1202 needs more than Python's default
1,000 frames. Every other model of the zoo loads with plain ``keras.models.load_model`` as well.
"""

from __future__ import annotations

import json
import os
import zipfile
from typing import TYPE_CHECKING, Any

from keras_resnet import _recursion

if TYPE_CHECKING:
    import keras


def _count_layers(config: object) -> int:
    """Layers in a serialized model config, nested models included."""
    if isinstance(config, dict):
        return len(config.get("layers", ())) + sum(_count_layers(v) for v in config.values())
    if isinstance(config, list):
        return sum(_count_layers(v) for v in config)
    return 0


def stored_layers(path: str | os.PathLike[str]) -> int:
    """The number of layers recorded in a `.keras` file's ``config.json``; a ValueError names a
    file that is not a readable `.keras` archive."""
    try:
        with zipfile.ZipFile(path) as archive:
            config = json.loads(archive.read("config.json"))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        reason = "no config.json in the archive" if isinstance(error, KeyError) else str(error)
        raise ValueError(
            f"model={os.fspath(path)!r} is not a readable .keras file ({reason})"
        ) from None
    return _count_layers(config)


def load_model(path: str | os.PathLike[str], **kwargs: Any) -> keras.Model:
    """`keras.models.load_model(path, **kwargs)` for a `.keras` file, with a clear error for a
    missing or corrupt file and enough recursion room for the deepest models of the zoo."""
    import keras

    if not os.path.isfile(path):
        raise ValueError(f"model={os.fspath(path)!r} is not an existing .keras file")
    with _recursion.room_for(stored_layers(path)):
        return keras.models.load_model(path, **kwargs)


__all__ = ["load_model", "stored_layers"]
