"""ImageNet classification of image files, by a model with its preset or by an exported artifact.

The images go through the evaluation transform the weights were measured with (`Transform`:
resize the shorter side to ``size / crop_pct`` with the preset's interpolation, center-crop
``size``, normalize), which a model built from a preset carries in ``model.pretrained_cfg`` and an
exported artifact in its metadata. An artifact (``.tflite``, ``.onnx``, OpenVINO ``.xml`` or a
SavedModel folder) runs in its own runtime, so a deployed file can be checked on real pictures.

The package ships three labelled photographs (`sample_images`, `SAMPLE_LABELS`; public domain /
CC0, from scikit-image's sample data), used when no image is given.

Example:
    >>> from keras_resnet import predict
    >>> t = predict.Transform(size=224, crop_pct=0.875, interpolation="bicubic")
    >>> t.load(predict.sample_images()[0]).shape, t.resize
    ((224, 224, 3), 256)
"""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from keras_resnet import _optional, imagenet, images, layouts, presets
from keras_resnet import preprocessing as preprocessing_lib

_SAMPLES = pathlib.Path(__file__).parent / "resources" / "samples"
#: file name -> {"accepted": ImageNet class indices counted as right, "what", "source"}
SAMPLE_LABELS: dict[str, dict[str, Any]] = json.loads((_SAMPLES / "labels.json").read_text())


def sample_images() -> list[pathlib.Path]:
    """The shipped labelled photographs (a cat, an espresso, a rocket)."""
    return [_SAMPLES / name for name in SAMPLE_LABELS]


@dataclasses.dataclass(frozen=True)
class Transform:
    """Resize the shorter side to ``floor(size / crop_pct)``, center-crop ``size``, normalize."""

    size: int = 224
    crop_pct: float = 0.875
    interpolation: str = "bilinear"
    preprocessing: preprocessing_lib.Preprocessing = preprocessing_lib.PRESETS["none"]

    @property
    def resize(self) -> int:
        return presets.Eval(self.size, self.crop_pct, self.interpolation).resize

    @classmethod
    def from_config(cls, config: dict[str, Any] | None, size: int | None = None) -> Transform:
        """From a ``pretrained_cfg`` (a model's or an artifact's metadata); with none, resize by
        0.875 (256 -> 224) and leave pixels raw. `size` (a fixed model input) wins."""
        if not config:
            return cls(size or 224)
        return cls(
            size or int(config["input_size"][0]),
            float(config["crop_pct"]),
            str(config["interpolation"]),
            preprocessing_lib.Preprocessing.from_dict(config["preprocessing"]),
        )

    def load(self, path: str | os.PathLike[str]) -> np.ndarray:
        """One image file as float32 pixels (size, size, 3), decoded by
        `keras_resnet.images.decode` (16-bit, palette, CMYK and EXIF-rotated files as every path
        reads them), resized and center-cropped; a file that does not decode is a ValueError
        that names it."""
        image_module = _optional.require("PIL.Image", "weights")
        image = image_module.fromarray(images.decode(path))
        short, long = sorted(image.size)
        other = int(
            self.resize * long / short
        )  # torchvision's Resize(int): the long side truncated
        width, height = (self.resize, other) if image.width == short else (other, self.resize)
        width, height = max(self.size, width), max(self.size, height)
        resample = {"bilinear": image_module.BILINEAR, "bicubic": image_module.BICUBIC}[
            self.interpolation
        ]
        image = image.resize((width, height), resample=resample)
        left, top = (width - self.size) // 2, (height - self.size) // 2
        return np.asarray(
            image.crop((left, top, left + self.size, top + self.size)), dtype="float32"
        )

    def __call__(self, paths: Sequence[str | os.PathLike[str]]) -> np.ndarray:
        """A batch of image files, ready for the model."""
        return self.preprocessing(np.stack([self.load(p) for p in paths]))


@dataclasses.dataclass
class Classifier:
    """Images -> class probabilities, with the transform its weights expect."""

    name: str
    run: Callable[[np.ndarray], np.ndarray]  # model-ready batch -> probabilities (N, classes)
    transform: Transform
    source: str  # "keras" or the artifact's format

    def predict(
        self, paths: Sequence[str | os.PathLike[str]], top: int = 5
    ) -> list[dict[str, Any]]:
        """Per image: ``{"image", "top": [{"index", "wnid", "name", "probability"}, ...]}``."""
        probabilities = self.run(self.transform(paths))
        names = imagenet.classes() if probabilities.shape[-1] == 1000 else None
        results = []
        for path, row in zip(paths, probabilities, strict=True):
            best = np.argsort(row)[::-1][:top]
            results.append(
                {
                    "image": str(path),
                    "top": [
                        {
                            "index": int(i),
                            "wnid": names[i][0] if names else None,
                            "name": names[i][1] if names else f"class {i}",
                            "probability": float(row[i]),
                        }
                        for i in best
                    ],
                }
            )
        return results


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def _probabilities(outputs: dict[str, np.ndarray] | np.ndarray) -> np.ndarray:
    """An artifact's or model's outputs as probabilities (``probabilities``, else softmax of
    ``logits``/``output``)."""
    if not isinstance(outputs, dict):
        return np.asarray(outputs)
    if "probabilities" in outputs:
        return np.asarray(outputs["probabilities"])
    return _softmax(
        np.asarray(outputs.get("logits", next(iter(outputs.values()))), dtype="float64")
    )


def from_model(model: Any) -> Classifier:
    """A Keras model; its ``pretrained_cfg`` (set by a preset) gives the transform. A
    channels_first model gets the images transposed (and is refused, in one line, where the
    backend cannot run it: `layouts.check_runnable`)."""
    data_format = layouts.of_model(model)
    layouts.check_runnable(model)
    size = layouts.split_shape(model.input_shape[1:], data_format)[0]
    transform = Transform.from_config(getattr(model, "pretrained_cfg", None), size)

    def run(x: np.ndarray) -> np.ndarray:
        x = layouts.transpose(x, data_format)
        out = np.asarray(model.predict(x, verbose=0, batch_size=8))
        last = getattr(model.layers[-1], "activation", None)
        return (
            out if getattr(last, "__name__", "") == "softmax" else _softmax(out.astype("float64"))
        )

    return Classifier(model.name, run, transform, "keras")


def artifact_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The metadata `keras_resnet.export` wrote into an artifact; an unreadable one is a
    ValueError naming its file."""
    from keras_resnet.export import formats

    fmt = formats.format_of(path).name
    if fmt == "tflite":
        from keras_resnet.export import tflite

        return tflite.read_metadata(path) or {}
    if fmt == "openvino":
        from keras_resnet.export import openvino

        return openvino.read_metadata(path) or {}
    if fmt == "onnx":
        onnx = _optional.require("onnx", "export")
        with formats.reading(path, fmt):
            proto = onnx.load(str(path), load_external_data=False)
        props = {p.key: p.value for p in proto.metadata_props}
        return json.loads(props.get("keras_resnet_metadata", "{}"))
    asset = pathlib.Path(path) / "assets" / "keras_resnet_metadata.json"
    if not asset.exists():
        return {}
    with formats.reading(asset, fmt):
        return json.loads(asset.read_text())


def from_artifact(path: str | os.PathLike[str]) -> Classifier:
    """An exported ``.tflite``/``.onnx``/OpenVINO ``.xml``/SavedModel, run in its own runtime,
    with the transform and normalization its metadata records."""
    from keras_resnet.export import formats

    runner = formats.load_runner(path)
    metadata = artifact_metadata(path)
    size = (metadata.get("input_shape") or [None])[0]
    transform = Transform.from_config(metadata.get("pretrained"), size)
    if metadata.get("preprocessing"):
        transform = dataclasses.replace(
            transform,
            preprocessing=preprocessing_lib.Preprocessing.from_dict(metadata["preprocessing"]),
        )
    return Classifier(
        metadata.get("model_name", pathlib.Path(path).stem),
        lambda x: _probabilities(runner(x)),
        transform,
        formats.format_of(path).name,
    )


def image_files(folder: str | os.PathLike[str]) -> list[pathlib.Path]:
    """The image files directly in `folder` (not in its subfolders), sorted by name: the files
    with an extension of `keras_resnet.images.IMAGE_EXTENSIONS`, hidden ones left out."""
    return sorted(
        p
        for p in pathlib.Path(folder).iterdir()
        if p.is_file() and images.is_image_file(p) and not p.name.startswith(".")
    )


def is_artifact(spec: str) -> bool:
    """Whether `spec` is an exported file or SavedModel folder (not a registry name)."""
    path = pathlib.Path(spec)
    return spec.endswith((".tflite", ".onnx", ".xml")) or (
        path.is_dir() and (path / "saved_model.pb").exists()
    )


__all__ = [
    "Classifier",
    "SAMPLE_LABELS",
    "Transform",
    "artifact_metadata",
    "from_artifact",
    "from_model",
    "image_files",
    "is_artifact",
    "sample_images",
]
