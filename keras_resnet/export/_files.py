"""Sizes of written artifacts (atomic writing itself is `keras_resnet.atomic`)."""

from __future__ import annotations

import os
import pathlib
import zlib


def size_of(path: str | os.PathLike[str]) -> int:
    path = pathlib.Path(path)
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size


def compressed_size_of(path: str | os.PathLike[str], level: int = 6) -> int:
    """The gzip-level (deflate) compressed size of a file, or the sum over a folder's files: what
    a sparse (pruned) model saves in transfer and storage."""
    path = pathlib.Path(path)
    files = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
    total = 0
    for file in files:
        compressor = zlib.compressobj(level)
        with open(file, "rb") as handle:
            while chunk := handle.read(1 << 22):
                total += len(compressor.compress(chunk))
        total += len(compressor.flush())
    return total
