"""Image files for the tests that read them: seeded samples, 16-bit PNGs written byte by byte,
files that do not decode (`BROKEN`), exported artifacts that do not load, and a tiny .keras
classifier of 8 x 8 images to read them with."""

import io
import struct
import zlib

import numpy as np
from PIL import Image

RNG_SEED = 7


def seeded_rng():
    """A generator seeded with `RNG_SEED`: each call draws the same samples."""
    return np.random.default_rng(RNG_SEED)


def _chunk(kind, payload):
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload))
    )


def png16(samples):
    """A 16-bit PNG written byte by byte (Pillow writes 16-bit grayscale only): gray, gray with
    alpha, RGB or RGBA by the last axis."""
    samples = samples if samples.ndim == 3 else samples[..., None]
    height, width, channels = samples.shape
    color_type = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    rows = b"".join(b"\0" + samples[y].astype(">u2").tobytes() for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 16, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def save(image, path, **options):
    """The Pillow `image` saved to `path` (with Pillow's `options`); returns `path`."""
    image.save(path, **options)
    return path


def bomb_png(path):
    """A PNG whose header claims 30000 x 30000 pixels, beyond Pillow's decompression-bomb limit."""
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + _chunk(b"IEND", b"")
    )
    return path


def _truncated_png(path):
    buffer = io.BytesIO()
    Image.fromarray(seeded_rng().integers(0, 256, (32, 32, 3)).astype("uint8")).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    return path


def _text_as_jpg(path):
    path.write_text("this is not a JPEG\n")
    return path


#: file name -> (a function writing such a file to a path and returning it, the reason the error
#: names: a regular expression)
BROKEN = {
    "truncated.png": (_truncated_png, "truncated"),
    "text.jpg": (_text_as_jpg, "not an image"),
    "bomb.png": (bomb_png, r"exceeds limit of \d+ pixels.*MAX_IMAGE_PIXELS"),
}


def garbage_artifacts(tmp_path):
    """Exported artifacts that do not load, one of each format (and an empty TFLite file),
    written in `tmp_path`."""
    (tmp_path / "garbage.tflite").write_bytes(b"not a flatbuffer " * 8)
    (tmp_path / "empty.tflite").write_bytes(b"")
    (tmp_path / "garbage.onnx").write_bytes(b"not a protobuf " * 8)
    (tmp_path / "saved_model").mkdir()
    (tmp_path / "saved_model" / "saved_model.pb").write_bytes(b"not a protobuf " * 8)
    names = ("garbage.tflite", "empty.tflite", "garbage.onnx", "saved_model")
    return [tmp_path / n for n in names]


def save_tiny_model(folder):
    """A .keras classifier of 8 x 8 images into 3 classes, saved as ``folder/tiny.keras``; returns
    its path as a string."""
    import keras

    inputs = keras.Input((8, 8, 3), name="image")
    pooled = keras.layers.GlobalAveragePooling2D()(keras.layers.Rescaling(1 / 255)(inputs))
    outputs = keras.layers.Dense(3, activation="softmax", name="probabilities")(pooled)
    path = folder / "tiny.keras"
    keras.Model(inputs, outputs, name="tiny").save(path)
    return str(path)
