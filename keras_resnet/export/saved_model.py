"""SavedModel in TF Serving's layout: ``<base>/<model_name>/<version>/saved_model.pb``.

Signatures:

* ``serving_default``: ``image`` (float32, ``[batch, height, width, channels]``, preprocessed)
  -> ``logits`` / ``probabilities``.
* ``serving_bytes`` (``image_bytes_signature=True``): ``image_bytes`` (string ``[batch]``, encoded
  JPEG/PNG/BMP/GIF; TF Serving's REST API base64-decodes ``{"b64": ...}`` for inputs whose name ends
  in ``_bytes``) -> decode, resize to the model's input size, apply the preprocessing -> the same
  outputs.

The artifact's metadata is in ``assets/keras_resnet_metadata.json`` and returned by the loaded
object's ``metadata()`` function.
"""

from __future__ import annotations

import json
import os
import pathlib
import tempfile
from typing import TYPE_CHECKING, Any

import tensorflow as tf

from keras_resnet.export import formats

if TYPE_CHECKING:
    import numpy as np

    from keras_resnet.export._trace import Traced

PRECISIONS = ("float32",)
OPTIONS = ("image_bytes_signature",)
CALIBRATED = ()


def _bytes_function(traced: Traced) -> Any:
    traced.require_static("image_bytes_signature")
    height, width, channels = traced.input_shape

    def decode(data):
        image = tf.io.decode_image(data, channels=channels, expand_animations=False)
        image = tf.image.resize(tf.cast(image, tf.float32), (height, width), antialias=True)
        image.set_shape((height, width, channels))
        return image

    @tf.function(input_signature=[tf.TensorSpec([None], tf.string, name="image_bytes")])
    def serve_bytes(image_bytes):
        images = tf.map_fn(
            decode,
            image_bytes,
            fn_output_signature=tf.TensorSpec((height, width, channels), tf.float32),
        )
        return traced.function(traced.preprocessing.tf(images))

    return serve_bytes


def validate(precision: str, *, image_bytes_signature: bool = False) -> None:
    """Checks the options of a SavedModel export before any work is done."""
    if not isinstance(image_bytes_signature, bool):
        raise TypeError(
            "image_bytes_signature must be True or False; received "
            f"image_bytes_signature={image_bytes_signature!r}"
        )


def write(
    traced: Traced,
    path: pathlib.Path,
    *,
    precision: str = "float32",
    calibration: np.ndarray | None = None,
    image_bytes_signature: bool = False,
) -> dict[str, Any]:
    """Writes the SavedModel of `traced` into the folder `path` (one version folder)."""
    validate(precision, image_bytes_signature=image_bytes_signature)
    metadata = traced.metadata(
        format="saved_model", precision=precision, signatures=["serving_default"]
    )
    module = tf.Module()
    module.model_variables = traced.module.model_variables
    signatures = {"serving_default": traced.concrete}
    if image_bytes_signature:
        module.serve_bytes = _bytes_function(traced)
        signatures["serving_bytes"] = module.serve_bytes.get_concrete_function()
        metadata["signatures"].append("serving_bytes")
    text = json.dumps(metadata, indent=2)
    module.metadata = tf.function(lambda: tf.constant(text), input_signature=[])
    with tempfile.TemporaryDirectory() as tmp:
        asset = pathlib.Path(tmp) / "keras_resnet_metadata.json"
        asset.write_text(text)
        module.metadata_file = tf.saved_model.Asset(str(asset))
        tf.saved_model.save(module, str(path), signatures=signatures)
    return {"signatures": metadata["signatures"]}


def load(path: str | os.PathLike[str], details: dict | None = None) -> formats.Runner:
    """The SavedModel version folder at `path` in TensorFlow: its ``serving_default`` signature
    as ``images -> {output name: array}``; a folder TensorFlow cannot load is a ValueError naming
    it."""
    with formats.reading(path, "saved_model"):
        serve = tf.saved_model.load(str(path)).signatures["serving_default"]
    return lambda x: {k: v.numpy() for k, v in serve(image=tf.constant(x)).items()}


FORMAT = formats.register_format(
    formats.Format(
        name="saved_model",
        write=write,
        load=load,
        kind="saved_model",
        precisions=PRECISIONS,
        options=OPTIONS,
        calibrated=CALIBRATED,
        quantization_aware=("float32",),
        validate=validate,
        description="TensorFlow SavedModel in TF Serving's <name>/<version> layout",
    )
)
