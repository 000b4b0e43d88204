"""Loading weights into the library's models: the one place that does.

Today ``weights=`` takes a Keras ``.weights.h5`` file saved from the same architecture.
"""

from __future__ import annotations

import os
import re
import warnings


def check_weights_argument(weights) -> str | None:
    """Validates a builder's ``weights`` argument; returns the file path or None."""
    if weights is None:
        return None
    if not isinstance(weights, (str, os.PathLike)):
        raise TypeError(f"weights must be None or a file path; received weights={weights!r}")
    path = os.fspath(weights)
    if not os.path.isfile(path):
        raise ValueError(
            "weights must be None or the path of an existing weights file; "
            f"received weights={weights!r}, which is not a file"
        )
    if not path.endswith(".h5"):
        raise ValueError(f"weights must be a Keras '.weights.h5' file; received weights={weights!r}")
    return path


def _open_h5(path):
    import h5py

    try:
        return h5py.File(path, "r")
    except OSError as error:
        raise ValueError(f"weights={path!r} is not a readable HDF5 weights file ({error})") from None


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


def load_weights_file(model, path: str) -> None:
    """Loads a ``.weights.h5`` file into `model`; on failure the model is left unchanged and a
    ValueError says why."""
    before = model.get_weights()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            model.load_weights(path)
    except Exception as error:  # Keras raises ValueError/KeyError/OSError for mismatched files
        model.set_weights(before)
        raise ValueError(f"weights={path!r} does not fit model {model.name!r}: {error}") from None
    for warning in caught:  # the load worked: pass Keras' warnings on
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
