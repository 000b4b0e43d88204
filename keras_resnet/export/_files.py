"""Atomic writes: an artifact appears complete under its final name, or not at all."""

from __future__ import annotations

import contextlib
import os
import pathlib
import shutil
import uuid
import zlib


def check_target(path, *, overwrite: bool) -> pathlib.Path:
    """Refuses an existing output unless ``overwrite=True``."""
    path = pathlib.Path(path)
    if (path.exists() or path.is_symlink()) and not overwrite:
        raise ValueError(f"output path={str(path)!r} already exists; pass overwrite=True to replace it")
    return path


def _remove(path: pathlib.Path):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@contextlib.contextmanager
def atomic_path(final, *, overwrite: bool):
    """Yields a temporary sibling path to write to; on success renames it to `final`.

    On any error the temporary file or folder is removed and `final` is untouched.
    """
    final = check_target(final, overwrite=overwrite)
    final.parent.mkdir(parents=True, exist_ok=True)
    # The suffixes stay last, for writers that insist on them (Keras' ".keras", ".weights.h5").
    stem, dot, suffixes = final.name.partition(".")
    tmp = final.with_name(f".{stem}.tmp-{uuid.uuid4().hex[:8]}{dot}{suffixes}")
    try:
        yield tmp
        if not tmp.exists():
            raise RuntimeError(f"the writer produced nothing at {tmp}")
        if overwrite:
            _remove(final)
        os.replace(tmp, final)
    except BaseException:
        _remove(tmp)
        raise


def size_of(path) -> int:
    path = pathlib.Path(path)
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size


def compressed_size_of(path, level: int = 6) -> int:
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
