"""Keras 3 ``.weights.h5`` files saved from this library's own models: write them with the record
of the model they came from (`save_weights`), read the classifier's class count and the record,
check both, load the file all or nothing with a one-line error.

The record is three attributes of the HDF5 file's root, ``keras_resnet.model``,
``keras_resnet.fingerprint`` and ``keras_resnet.arch`` (`keras_resnet.identity.Identity`); Keras
itself ignores them. A file without them (saved by plain Keras, or by another tool) is loaded on
its shapes alone, as before.
"""

from __future__ import annotations

import os
import re
import warnings
from typing import TYPE_CHECKING, Any

from keras_resnet import identity as identity_lib

if TYPE_CHECKING:
    import keras


def _open_h5(path: str | os.PathLike[str]) -> Any:
    import h5py

    try:
        return h5py.File(path, "r")
    except OSError as error:
        raise ValueError(
            f"weights={path!r} is not a readable HDF5 weights file ({error})"
        ) from None


#: The prefix of the root attributes that hold a file's `identity_lib.Identity`.
_RECORD_PREFIX = "keras_resnet."


def read_record(path: str | os.PathLike[str]) -> identity_lib.Identity | None:
    """The identity recorded in a ``.weights.h5`` file; None for a file without the record."""
    with _open_h5(path) as f:
        record = {
            key[len(_RECORD_PREFIX) :]: value.decode() if isinstance(value, bytes) else value
            for key, value in f.attrs.items()
            if key.startswith(_RECORD_PREFIX)
        }
    return identity_lib.Identity.from_record(record)


def write_record(path: str | os.PathLike[str], identity: identity_lib.Identity) -> None:
    """Records `identity` in the root attributes of the HDF5 file at `path`."""
    import h5py

    with h5py.File(path, "a") as f:
        for key, value in identity.as_record().items():
            f.attrs[_RECORD_PREFIX + key] = value


def save_weights(
    model: keras.Model,
    path: str | os.PathLike[str],
    *,
    identity: identity_lib.Identity | None = None,
) -> None:
    """``model.save_weights(path)`` with the record of `identity` (default: the one the model
    carries, `keras_resnet.identity.of_model`; a model without one is saved without it)."""
    model.save_weights(str(path))
    identity = identity or identity_lib.of_model(model)
    if identity is not None:
        write_record(path, identity)


def check_record(
    path: str | os.PathLike[str],
    target: identity_lib.Identity | None,
    *,
    allow_other_architecture: bool = False,
) -> None:
    """Refuses the ``.weights.h5`` file at `path` for a model of `target` when it records
    another architecture, unless `allow_other_architecture`; a file without the record, or an
    unknown `target`, passes (the shape checks of the load remain)."""
    if allow_other_architecture or target is None:
        return
    stored = read_record(path)
    if stored is not None and not stored.fits(target):
        raise identity_lib.mismatch(stored, target, str(path))


_DENSE_GROUP = re.compile(r"^dense(?:_(\d+))?$")


def head_classes(path: str) -> int | None:
    """The class count of the last Dense layer stored in a Keras 3 ``.weights.h5`` file, or None
    if the file holds no Dense layer (a backbone)."""
    with _open_h5(path) as f:
        group = f.get("layers")
        if group is None:
            return None
        dense = [(int(m.group(1) or 0), key) for key in group if (m := _DENSE_GROUP.match(key))]
        for _, key in sorted(dense, reverse=True):
            bias = group[key].get("vars/1")
            kernel = group[key].get("vars/0")
            if bias is not None:
                return int(bias.shape[0])
            if kernel is not None:
                return int(kernel.shape[-1])
    return None


def check_head_classes(path: str, classes: int) -> None:
    """With ``include_top=True`` the file's classifier must have ``classes`` outputs."""
    stored = head_classes(path)
    if stored is not None and stored != classes:
        raise ValueError(
            f"weights={path!r} holds a classifier for {stored} classes but classes={classes}; "
            f"pass classes={stored}, or include_top=False to load only the backbone"
        )


_FAILED = re.compile(
    r"A total of (\d+) objects could not be loaded.*?object <\w+ name=([^,>]+)", re.S
)
_SHAPES = re.compile(r"variable\.shape=(\([^)]*\)), Received: value\.shape=(\([^)]*\))")


def _summary(error: Exception) -> str:
    """Keras' load error in one line: how many layers failed, the first with both shapes (Keras'
    own message prints the tensors' values, 100+ lines)."""
    text = str(error)
    failed, shapes = _FAILED.search(text), _SHAPES.search(text)
    if failed:
        detail = f" (the model's shape {shapes[1]}, the file's {shapes[2]})" if shapes else ""
        return (
            f"{failed[1]} of its layers could not be loaded, e.g. {failed[2]}{detail}; "
            "the file was saved from another architecture or class count"
        )
    first = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return first if len(first) <= 300 else first[:297] + "..."


def load_weights_file(
    model: keras.Model, path: str, *, allow_other_architecture: bool = False
) -> None:
    """Loads a ``.weights.h5`` file into `model`; on failure the model is left unchanged and a
    ValueError says why. A file that records another architecture than the model's
    (`check_record`) is refused unless `allow_other_architecture`."""
    check_record(
        path, identity_lib.of_model(model), allow_other_architecture=allow_other_architecture
    )
    before = model.get_weights()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            model.load_weights(path)
    except Exception as error:  # Keras raises ValueError/KeyError/OSError for mismatched files
        model.set_weights(before)
        raise ValueError(
            f"weights={path!r} does not fit model {model.name!r}: {_summary(error)}"
        ) from None
    for warning in caught:  # the load worked: pass Keras' warnings on
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
