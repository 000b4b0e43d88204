"""Keras 3 ``.weights.h5`` files saved from this library's own models: read the classifier's class
count, check it, load the file all or nothing with a one-line error."""

from __future__ import annotations

import os
import re
import warnings
from typing import TYPE_CHECKING, Any

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


def load_weights_file(model: keras.Model, path: str) -> None:
    """Loads a ``.weights.h5`` file into `model`; on failure the model is left unchanged and a
    ValueError says why."""
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
