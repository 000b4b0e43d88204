"""Saving and loading `.keras` files of any depth, with the record of the model they hold.

`load_model` is `keras.models.load_model` with room on the Python stack for Keras' recursive
graph walk (see `keras_resnet._recursion`): CIFAR ResNet-1202 needs more than Python's default
1,000 frames. Every other model of the zoo loads with plain ``keras.models.load_model`` as well.

`save_model` writes ``model.save(path)`` and records the model's `keras_resnet.identity` in one
more member of the archive, ``keras_resnet.json``, beside Keras' own ``config.json``,
``metadata.json`` and ``model.weights.h5``: Keras ignores it, so plain
``keras.models.load_model`` loads the file without custom objects; `load_model` gives the loaded
model its identity back, so weights saved from it record it too.
"""

from __future__ import annotations

import json
import os
import zipfile
from typing import TYPE_CHECKING, Any

from keras_resnet import _recursion
from keras_resnet import identity as identity_lib

if TYPE_CHECKING:
    import keras

#: The archive member of a `.keras` file that holds the model's identity.
RECORD = "keras_resnet.json"


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


def read_identity(path: str | os.PathLike[str]) -> identity_lib.Identity | None:
    """The identity recorded in a `.keras` file; None for a file without the record."""
    try:
        with zipfile.ZipFile(path) as archive:
            record = json.loads(archive.read(RECORD))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return None
    return identity_lib.Identity.from_record(record) if isinstance(record, dict) else None


def save_model(
    model: keras.Model,
    path: str | os.PathLike[str],
    *,
    identity: identity_lib.Identity | None = None,
) -> None:
    """``model.save(path)`` (a `.keras` file) with the record of `identity` (default: the one the
    model carries, `keras_resnet.identity.of_model`; a model without one is saved without it)."""
    model.save(str(path))
    identity = identity or identity_lib.of_model(model)
    if identity is not None:
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(RECORD, json.dumps(identity.as_record(), indent=1))


def load_model(path: str | os.PathLike[str], **kwargs: Any) -> keras.Model:
    """`keras.models.load_model(path, **kwargs)` for a `.keras` file, with a clear error for a
    missing or corrupt file and enough recursion room for the deepest models of the zoo; the
    model carries the identity the file records (`keras_resnet.identity.of_model`)."""
    import keras

    if not os.path.isfile(path):
        raise ValueError(f"model={os.fspath(path)!r} is not an existing .keras file")
    with _recursion.room_for(stored_layers(path)):
        model = keras.models.load_model(path, **kwargs)
    return identity_lib.attach(model, read_identity(path))


__all__ = ["RECORD", "load_model", "read_identity", "save_model", "stored_layers"]
