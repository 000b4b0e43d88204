"""ImageNet-1k input preprocessing and prediction decoding, matched to each weight source.

* `preprocess_input(images, mode)`: RGB pixels in [0, 255] -> model input, where `mode` is a
  preprocessing preset (``"torch"``: /255 then ImageNet mean/std, for torchvision/timm weights;
  ``"caffe"``: RGB->BGR and mean subtraction, for keras.applications ResNet50/101/152) or a weights
  preset name, whose own preprocessing is used.
* `decode_predictions(predictions, top=5)`: ``[(wordnet_id, name, score), ...]`` per image, from
  the class index shipped inside the package (no download).

Example:
    >>> import numpy as np
    >>> from keras_resnet import imagenet
    >>> scores = np.zeros((1, 1000), "float32"); scores[0, 1] = 0.9; scores[0, 0] = 0.1
    >>> imagenet.decode_predictions(scores, top=2)
    [[('n01443537', 'goldfish', 0.9), ('n01440764', 'tench', 0.1)]]
    >>> x = imagenet.preprocess_input(np.full((1, 1, 1, 3), 255.0), mode="resnet50.keras_in1k")
    >>> x[0, 0, 0].astype(float).round(2).tolist()
    [151.06, 138.22, 131.32]
"""

from __future__ import annotations

import functools
import json
import pathlib
from typing import Any

import numpy as np

from keras_resnet import preprocessing as preprocessing_lib

_CLASSES_FILE = pathlib.Path(__file__).parent / "resources" / "imagenet_classes.json"


@functools.lru_cache(maxsize=1)
def classes() -> tuple[tuple[str, str], ...]:
    """The 1,000 ImageNet-1k classes in output order, as ``(wordnet_id, name)``."""
    return tuple((wnid, name) for wnid, name, _ in json.loads(_CLASSES_FILE.read_text()))


def preprocess_input(images: Any, mode: str = "torch") -> np.ndarray:
    """Pixels (RGB, [0, 255]) -> the input the weights expect. `mode`: a preprocessing preset
    (``"torch"``, ``"caffe"``, ``"tf"``, ``"unit"``, ``"none"``) or a weights preset name."""
    if mode not in preprocessing_lib.PRESETS:
        from keras_resnet import presets

        mode = presets.get(mode).preprocessing
    return preprocessing_lib.get(mode)(np.asarray(images, dtype="float32"))


def decode_predictions(predictions: Any, top: int = 5) -> list[list[tuple[str, str, float]]]:
    """The `top` classes of each row of `predictions` (N, 1000), best first."""
    predictions = np.asarray(predictions)
    if predictions.ndim != 2 or predictions.shape[1] != 1000:
        raise ValueError(
            "decode_predictions expects a batch of 1000 ImageNet scores (N, 1000); received shape "
            f"{predictions.shape}"
        )
    names = classes()
    result = []
    for row in predictions:
        best = np.argsort(row)[::-1][:top]
        result.append([(names[i][0], names[i][1], round(float(row[i]), 6)) for i in best])
    return result


__all__ = ["classes", "decode_predictions", "preprocess_input"]
