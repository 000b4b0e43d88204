"""One source of calibration data for every int8 path.

`calibration_data` may be:

* a NumPy array ``(N, height, width, channels)`` already in the model's input space (what you
  would pass to `model.predict`);
* a `tf.data.Dataset` of such images, batched or not, or of ``(images, labels)`` pairs;
* a folder of image files (searched recursively): decoded by `keras_resnet.images.decode` (as
  every path that reads image files), resized to the model's input size and preprocessed with the
  export's `preprocessing` preset. A file that does not decode is an error that names it.
"""

from __future__ import annotations

import pathlib
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from keras_resnet import _console
from keras_resnet import images as images_lib

#: how raw pixels become model input (a `keras_resnet.preprocessing.Preprocessing` is one)
_Preprocess = Callable[[np.ndarray], np.ndarray]


def _from_folder(
    folder: pathlib.Path, input_shape: Sequence[Any], preprocessing: _Preprocess, limit: int
) -> np.ndarray:
    import tensorflow as tf

    files = sorted(p for p in folder.rglob("*") if images_lib.is_image_file(p) and p.is_file())
    if not files:
        raise ValueError(
            f"calibration_data={str(folder)!r} holds no image files "
            f"({', '.join(images_lib.IMAGE_EXTENSIONS)})"
        )
    files = files[:limit]
    height, width, channels = input_shape
    if channels not in (1, 3):
        raise ValueError(
            f"calibration_data={str(folder)!r}: image files give 1 or 3 channels; the model "
            f"takes {channels}"
        )
    found = []
    for path in files:
        try:
            image = images_lib.decode(path, channels=channels)
        except images_lib.ImageError as error:
            raise ValueError(f"calibration_data={str(folder)!r}: {error}") from None
        image = tf.image.resize(image.astype("float32"), (height, width), antialias=True)
        found.append(preprocessing(image.numpy()))
    return np.stack(found)


def _from_dataset(dataset: Any, limit: int) -> np.ndarray:
    images, count = [], 0
    for element in dataset:
        x = element[0] if isinstance(element, (tuple, list)) else element
        if isinstance(x, dict):
            raise ValueError(
                "calibration_data: a dataset of dicts is not supported; map it to images first"
            )
        x = np.asarray(x, dtype="float32")
        if x.ndim == 3:
            x = x[None]
        images.append(x)
        count += len(x)
        if count >= limit:
            break
    if not images:
        raise ValueError("calibration_data is an empty tf.data.Dataset")
    return np.concatenate(images)[:limit]


def load(
    calibration_data: Any,
    *,
    input_shape: Sequence[int | None],
    preprocessing: _Preprocess,
    limit: int = 200,
) -> np.ndarray:
    """Calibration images as one float32 array ``(N, height, width, channels)``, N <= `limit`."""
    if calibration_data is None:
        raise ValueError(
            "int8 quantization needs calibration_data (an array, a tf.data.Dataset or an image "
            "folder)"
        )
    if isinstance(calibration_data, (str, pathlib.Path)):
        folder = pathlib.Path(calibration_data)
        if not folder.is_dir():
            raise ValueError(f"calibration_data={str(calibration_data)!r} is not a folder")
        images = _from_folder(folder, input_shape, preprocessing, limit)
    elif isinstance(calibration_data, np.ndarray):
        images = calibration_data[:limit].astype("float32", copy=False)
    elif type(calibration_data).__module__.startswith("tensorflow") and hasattr(
        calibration_data, "element_spec"
    ):
        images = _from_dataset(calibration_data, limit)
    else:
        raise TypeError(
            "calibration_data must be a NumPy array, a tf.data.Dataset or a folder path; "
            f"received calibration_data of type {type(calibration_data).__name__}"
        )
    if images.ndim != 4 or len(images) == 0:
        raise ValueError(
            "calibration_data must hold images (N, height, width, channels) with N >= 1; received "
            f"shape {images.shape}"
        )
    expected = tuple(input_shape)
    got = images.shape[1:]
    if any(e is not None and e != g for e, g in zip(expected, got, strict=True)):
        raise ValueError(f"calibration_data images have shape {got}; the model takes {expected}")
    if not np.isfinite(images).all():
        raise ValueError("calibration_data holds NaN or infinite values")
    return images


def iterate(images: np.ndarray, label: str = "calibrating") -> Iterator[np.ndarray]:
    """Yields one image at a time as a batch of 1, with a progress bar on stderr."""
    start = time.perf_counter()
    total = len(images)
    for i in range(total):
        yield images[i : i + 1]
        _console.progress(i + 1, total, label, start=start, unit="img")
