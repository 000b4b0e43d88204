"""One way to decode an image file into pixels, for every path that reads image files.

`decode` is what `keras-resnet predict`, the training stream, the data loaders' image folders and
the export's calibration folders read images with, so a file gives the same pixels everywhere:

* **Any Pillow mode becomes 8-bit RGB.** 16-bit samples (``I;16``, ``I;16B``, 16-bit RGB/RGBA/LA
  PNGs) keep their high byte: ``value >> 8``. That is what Pillow itself does for 16-bit colour
  PNGs, and what TensorFlow's ``decode_image``/``decode_png`` do for every 16-bit PNG, so the
  TensorFlow-only paths (an exported SavedModel's image-bytes signature, TFRecord shards) agree.
  32-bit integer images (``I``) are read as 16-bit samples (clipped to 0..65535, then ``>> 8``);
  32-bit float images (``F``) as values in [0, 1] (clipped, times 255, rounded). Grayscale and
  1-bit images are repeated over the three channels (1-bit: 0 or 255); CMYK becomes
  ``round((255 - C) * (255 - K) / 255)`` per channel (Pillow's conversion).
* **Alpha is dropped, not composited**: the colour stored under a transparent pixel is kept
  (``RGBA``, ``LA``, palette images with a transparent entry). TensorFlow's decoders do the same.
* **EXIF orientation is applied** (``ImageOps.exif_transpose``): a photo is read upright.
* **A file that does not decode** raises `ImageError`, a ValueError whose message starts with the
  file's path and says why (truncated, not an image, over Pillow's decompression-bomb limit
  ``PIL.Image.MAX_IMAGE_PIXELS``, which is kept). A file that cannot be opened at all (missing,
  a folder, no permission) raises the OSError of ``open``, which names it too.

Pillow is imported when an image is decoded, not with this module.

Example:
    >>> import io
    >>> import numpy as np
    >>> from PIL import Image
    >>> from keras_resnet import images
    >>> gray16 = io.BytesIO()
    >>> Image.fromarray(np.array([[0, 4660, 65535]], dtype="uint16")).save(gray16, "PNG")
    >>> images.decode(gray16)[..., 0].tolist()
    [[0, 18, 255]]
"""

from __future__ import annotations

import os
import struct
import zlib
from typing import Any, BinaryIO

import numpy as np

from keras_resnet import _optional

#: The image files read from folders (class folders, calibration folders, ``predict DIR``): the
#: extensions ``keras.utils.image_dataset_from_directory`` accepts.
IMAGE_EXTENSIONS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")

#: Modes whose samples are wider than 8 bits and are scaled by ``>> 8``.
_WIDE_INTEGER_MODES = ("I", "I;16", "I;16B", "I;16L", "I;16N")


class ImageError(ValueError):
    """An image file that does not decode; the message starts with its path.

    Attributes:
        path: the file (or the file object's name).
        reason: why, in one line.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: cannot decode image ({reason})")
        self.path = path
        self.reason = reason


def _name(source: Any) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return str(getattr(source, "name", None) or "<image data>")


def _gray_to_rgb(gray: np.ndarray) -> np.ndarray:
    return np.repeat(gray[..., None], 3, axis=-1)


def _rgb_pixels(image: Any) -> np.ndarray:
    """A loaded Pillow image as uint8 ``(H, W, 3)``, by the rules of the module docstring."""
    mode = image.mode
    if mode in _WIDE_INTEGER_MODES:
        samples = np.clip(np.asarray(image).astype("int64"), 0, 65535)
        return _gray_to_rgb((samples >> 8).astype("uint8"))
    if mode == "F":
        values = np.nan_to_num(np.asarray(image, dtype="float32"), nan=0.0)
        return _gray_to_rgb(np.round(np.clip(values, 0.0, 1.0) * 255).astype("uint8"))
    if mode == "PA" or (mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")  # the palette's colours, then the alpha is dropped
    return np.array(image if image.mode == "RGB" else image.convert("RGB"))


def _reason(error: BaseException, image_module: Any) -> str:
    """Why Pillow could not decode a file, in one line without the path again."""
    if isinstance(error, image_module.DecompressionBombError):
        return (
            f"{str(error).rstrip('.')}: Pillow's limit, 2 x PIL.Image.MAX_IMAGE_PIXELS; raise "
            "it only for files you trust"
        )
    if isinstance(error, image_module.UnidentifiedImageError):
        return "not an image of a format Pillow reads"
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def decode(
    source: str | os.PathLike[str] | BinaryIO,
    *,
    draft: int | tuple[int, int] | None = None,
    channels: int = 3,
) -> np.ndarray:
    """An image file's pixels as uint8 ``(height, width, channels)``, upright.

    Args:
        source: a path, or a binary file object.
        draft: a JPEG is decoded at the smallest of its reduced scales (1/2, 1/4, 1/8) that is
            still at least this size (an int: a square); other formats ignore it.
        channels: 3 (RGB), or 1 (the RGB result in grayscale, ITU-R 601-2 luma as Pillow's
            ``"L"``).

    Returns:
        A new array; how each kind of image becomes 8-bit RGB is in the module docstring (16-bit
        samples ``>> 8``, alpha dropped, EXIF orientation applied).

    Raises:
        ImageError: the content does not decode (a ValueError naming the file).
        OSError: the file cannot be opened (its ``filename`` is the path).
    """
    if channels not in (1, 3):
        raise ValueError(f"channels must be 1 or 3; received channels={channels!r}")
    image_module = _optional.require("PIL.Image", "train")
    from PIL import ImageOps

    try:
        with image_module.open(source) as opened:
            if draft is not None:
                opened.draft("RGB", (draft, draft) if isinstance(draft, int) else tuple(draft))
            ImageOps.exif_transpose(opened, in_place=True)
            pixels = _rgb_pixels(opened)
    except OSError as error:
        if error.errno is not None:  # open() itself failed: the OSError names the file
            raise
        raise ImageError(_name(source), _reason(error, image_module)) from None
    except (
        ValueError,
        SyntaxError,
        EOFError,
        struct.error,
        zlib.error,
        image_module.DecompressionBombError,
    ) as error:  # Pillow's errors for content that does not decode
        raise ImageError(_name(source), _reason(error, image_module)) from None
    if channels == 1:
        gray = image_module.fromarray(pixels).convert("L")
        return np.array(gray)[..., None]
    return pixels


def is_image_file(path: str | os.PathLike[str]) -> bool:
    """Whether `path` has one of `IMAGE_EXTENSIONS` (by name only; it is not opened)."""
    return os.fspath(path).lower().endswith(IMAGE_EXTENSIONS)


__all__ = ["IMAGE_EXTENSIONS", "ImageError", "decode", "is_image_file"]
