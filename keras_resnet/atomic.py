"""Atomic outputs: a file or folder appears complete under its final name, or not at all.

* `atomic_path(final)` yields a temporary sibling to write; on success it is published under
  `final` in one step. Without ``overwrite`` that step fails if `final` exists (``renameat2`` with
  ``RENAME_NOREPLACE``, or a hard link for files), so of two writers racing for one name exactly
  one wins and the other gets `OutputExistsError`. With ``overwrite`` a file replaces a file
  (``os.replace``) and a SavedModel replaces a SavedModel (``RENAME_EXCHANGE``); a folder that
  holds anything else is never replaced.
* Temporaries are named ``.<name>.kr-tmp-<host>-<pid>-<random><suffixes>`` beside the target, and
  converters' scratch files go to ``<system temp>/keras_resnet-<host>-<pid>-*`` (`scratch`): a
  process killed mid-write (SIGKILL runs no cleanup) leaves them behind, and the next write into
  the same folder removes those whose process is gone.
* On any failure (an exception, Ctrl-C) the temporary and every folder created for it are removed.
* A file with companions (``companions=(".bin",)``: OpenVINO's weights beside its ``.xml``) is one
  artifact of several files: the writer writes each companion beside the temporary (its name with
  the companion's suffix), and on success the companions are published first and the main file
  last, so a reader that opens the main file finds its companions complete. A companion whose main
  file is absent is a leftover of an interrupted publication and is replaced.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import pathlib
import re
import shutil
import socket
import tempfile
import uuid
from collections.abc import Iterator
from typing import Any

TMP_MARK = ".kr-tmp-"
SCRATCH_PREFIX = "keras_resnet-"
#: What a SavedModel version folder may hold (TensorFlow and Keras write these).
SAVED_MODEL_ENTRIES = frozenset(
    {
        "saved_model.pb",
        "saved_model.pbtxt",
        "variables",
        "assets",
        "assets.extra",
        "fingerprint.pb",
        "keras_metadata.pb",
    }
)


class OutputExistsError(FileExistsError, ValueError):
    """The output exists and may not be replaced (no ``overwrite``, or not what this writes)."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(errno.EEXIST, reason, str(path))

    def __str__(self) -> str:
        return f"output path={self.filename!r} {self.strerror}"


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32] or "host"


def _owner_tag() -> str:
    return f"{_host()}-{os.getpid()}"


_STALE = re.compile(
    r"(?:^\..*"
    + re.escape(TMP_MARK)
    + r"|^"
    + re.escape(SCRATCH_PREFIX)
    + r")(?P<host>[A-Za-z0-9]+)-(?P<pid>\d+)-"
)


def _start_time(pid: int) -> float | None:
    """When process `pid` started (seconds since the epoch), from /proc; None elsewhere."""
    try:
        fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        boot = next(
            int(line.split()[1]) for line in open("/proc/stat") if line.startswith("btime ")
        )
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _process_gone(pid: int, since: float) -> bool:
    """True if process `pid` no longer exists, or is a newer process reusing the number (it
    started after `since`, the temporary's last change)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's live process
        return False
    started = _start_time(pid)
    return started is not None and started > since + 2


def remove(path: pathlib.Path) -> None:
    """Removes a file, link or folder tree; a missing path is fine."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def remove_stale(folder: str | os.PathLike[str]) -> list[pathlib.Path]:
    """Removes the temporaries in `folder` left by killed processes of this host; returns them."""
    removed: list[pathlib.Path] = []
    try:
        entries = list(pathlib.Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _STALE.match(entry.name)
        if not match or match["host"] != _host():
            continue
        try:
            since = entry.lstat().st_mtime
        except OSError:
            continue
        if _process_gone(int(match["pid"]), since):
            remove(entry)
            removed.append(entry)
    return removed


def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        return libc if hasattr(libc, "renameat2") else None
    except OSError:
        return None


_LIBC = _libc()
_AT_FDCWD = -100
_RENAME_NOREPLACE, _RENAME_EXCHANGE = 1, 2


def _renameat2(source: pathlib.Path, target: pathlib.Path, flags: int) -> bool:
    """`renameat2` (Linux); False where the system or file system lacks it."""
    if _LIBC is None:
        return False
    result = _LIBC.renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(target))


def _publish_new(tmp: pathlib.Path, final: pathlib.Path) -> None:
    """Renames `tmp` to `final` in one step that fails if `final` exists."""
    try:
        if _renameat2(tmp, final, _RENAME_NOREPLACE):
            return
        if tmp.is_dir():
            os.mkdir(final)  # exclusive: the loser of a race fails here
            os.replace(tmp, final)  # a folder replaces the empty folder just made
        else:
            os.link(tmp, final)  # fails if final exists
            tmp.unlink()
    except FileExistsError:
        raise OutputExistsError(
            final,
            "already exists (another writer created it meanwhile); pass overwrite=True to replace "
            "it",
        ) from None


def _publish_over(tmp: pathlib.Path, final: pathlib.Path) -> None:
    """Replaces `final` with `tmp`: a file atomically; a folder by exchanging the two."""
    if not tmp.is_dir():
        os.replace(tmp, final)
        return
    if not (final.exists() or final.is_symlink()):
        _publish_new(tmp, final)
    elif _renameat2(tmp, final, _RENAME_EXCHANGE):
        remove(tmp)  # now the old folder
    else:
        aside = tmp.with_name(tmp.name + "-old")
        os.rename(final, aside)
        os.rename(tmp, final)
        remove(aside)


def check_target(
    path: str | os.PathLike[str], *, overwrite: bool, kind: str = "file"
) -> pathlib.Path:
    """Refuses an output that exists, unless ``overwrite`` and it is what this writes: a file
    for ``kind="file"``, a SavedModel folder for ``kind="saved_model"``."""
    path = pathlib.Path(path)
    if not (path.exists() or path.is_symlink()):
        return path
    if not overwrite:
        raise OutputExistsError(path, "already exists; pass overwrite=True to replace it")
    if kind == "file" and path.is_dir():
        raise IsADirectoryError(
            errno.EISDIR, "is a folder, not a file this would write; not replacing it", str(path)
        )
    if kind == "saved_model":
        if not path.is_dir():
            raise NotADirectoryError(
                errno.ENOTDIR, "is a file, not a SavedModel folder; not replacing it", str(path)
            )
        foreign = sorted(p.name for p in path.iterdir() if p.name not in SAVED_MODEL_ENTRIES)
        if foreign or not any((path / n).exists() for n in ("saved_model.pb", "saved_model.pbtxt")):
            what = f"holds {', '.join(foreign[:3])}" if foreign else "holds no saved_model.pb"
            raise OutputExistsError(path, f"is not a SavedModel folder ({what}); not replacing it")
    return path


def _make_parents(folder: pathlib.Path) -> list[pathlib.Path]:
    """Creates `folder` and its missing parents; returns those created, deepest first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        with contextlib.suppress(FileExistsError):
            created.mkdir()
    return missing


def check_writable(folder: str | os.PathLike[str]) -> None:
    """Fails early (before long work) if files cannot be created in `folder` or the nearest
    existing folder above it: raises the `OSError` a write would raise."""
    folder = pathlib.Path(folder)
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder", str(folder))
    handle, probe = tempfile.mkstemp(prefix=f".probe{TMP_MARK}{_owner_tag()}-", dir=folder)
    try:
        os.close(handle)
    finally:
        os.unlink(probe)


def check_output(
    path: str | os.PathLike[str], *, overwrite: bool, kind: str = "file"
) -> pathlib.Path:
    """Everything about one output that can be known before the work that writes it: a name
    (not empty), `check_target`, and `check_writable` on its folder or the nearest existing one
    above it (a file there is a `NotADirectoryError`). Returns the path."""
    if not os.fspath(path):
        raise ValueError("path='' is empty; pass the file to write")
    target = check_target(path, overwrite=overwrite, kind=kind)
    check_writable(target.parent)
    return target


def temporary_sibling(final: pathlib.Path) -> pathlib.Path:
    """The temporary name beside `final`; the suffixes stay last, for writers that insist on
    them (Keras' ``.keras``, ``.weights.h5``)."""
    stem, dot, suffixes = final.name.partition(".")
    return final.with_name(f".{stem}{TMP_MARK}{_owner_tag()}-{uuid.uuid4().hex[:8]}{dot}{suffixes}")


def companion_paths(path: pathlib.Path, companions: tuple[str, ...]) -> list[pathlib.Path]:
    """The files written beside the file `path` with the suffixes `companions` (its last suffix
    replaced: ``model.xml`` -> ``model.bin``)."""
    return [path.with_suffix(suffix) for suffix in companions]


def _publish_companions(
    tmp: pathlib.Path, final: pathlib.Path, companions: tuple[str, ...], overwrite: bool
) -> None:
    """Publishes the companions of `tmp` beside `final`, before `final` itself: with `overwrite`
    the old main file goes first, so no reader pairs it with a new companion."""
    if not companions:
        return
    if overwrite and final.is_file():
        final.unlink()
    for source, target in zip(
        companion_paths(tmp, companions), companion_paths(final, companions), strict=True
    ):
        if not source.is_file():
            raise RuntimeError(f"the writer produced no {source.suffix} file at {source}")
        os.replace(source, target)  # no main file: any file there is a leftover


@contextlib.contextmanager
def atomic_path(
    final: str | os.PathLike[str],
    *,
    overwrite: bool,
    kind: str = "file",
    companions: tuple[str, ...] = (),
) -> Iterator[pathlib.Path]:
    """Yields a temporary sibling path to write `final` to; publishes it on success.

    `companions` are the suffixes of files the writer puts beside the temporary (a file
    artifact of several files); they are published before `final`. On any error (Ctrl-C
    included) the temporary, its companions and the folders created for it are removed and
    `final` is untouched."""
    final = check_target(final, overwrite=overwrite, kind=kind)
    created = _make_parents(final.parent)
    remove_stale(final.parent)
    tmp = temporary_sibling(final)
    try:
        yield tmp
        if not (tmp.exists() or tmp.is_symlink()):
            raise RuntimeError(f"the writer produced nothing at {tmp}")
        if overwrite:
            check_target(final, overwrite=True, kind=kind)  # still what this may replace
        elif final.exists() or final.is_symlink():
            raise OutputExistsError(
                final,
                "already exists (another writer created it meanwhile); pass overwrite=True to "
                "replace it",
            )
        _publish_companions(tmp, final, companions, overwrite)
        if overwrite:
            _publish_over(tmp, final)
        else:
            _publish_new(tmp, final)
    except BaseException as error:
        remove(tmp)
        for companion in companion_paths(tmp, companions):
            remove(companion)
        for folder in created:  # deepest first; only if still empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        named = _naming_target(error, final)
        if named is not None:
            raise named from error
        raise


#: The causes of a failed write that TensorFlow reports inside its own error text.
_WRITE_CAUSES = {
    os.strerror(code): code
    for code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EACCES, errno.EROFS)
}


def _naming_target(error: BaseException, final: pathlib.Path) -> OSError | None:
    """A failed write as an `OSError` naming the target (not the temporary, or nothing): for an
    OSError without a file name, or a TensorFlow error whose cause is a full disk or a denied
    write (``ResourceExhaustedError ... SaveV2``). None for every other error."""
    if isinstance(error, OSError):
        return (
            OSError(error.errno, error.strerror, str(final))
            if error.strerror and error.filename is None
            else None
        )
    if type(error).__module__.startswith("tensorflow"):
        for cause, code in _WRITE_CAUSES.items():
            if cause in str(error):
                return OSError(code, cause, str(final))
    return None


@contextlib.contextmanager
def scratch() -> Iterator[pathlib.Path]:
    """A private scratch folder for this process's temporary files, used as `tempfile`'s default
    folder for the duration (TensorFlow's TFLite converter and tf2onnx write SavedModels and
    graphs there) and removed afterwards, or by the next call after a kill."""
    if tempfile.tempdir and pathlib.Path(tempfile.tempdir).name.startswith(
        SCRATCH_PREFIX + _owner_tag()
    ):
        yield pathlib.Path(tempfile.tempdir)  # nested: reuse
        return
    system = pathlib.Path(tempfile.gettempdir())
    remove_stale(system)
    folder = pathlib.Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{_owner_tag()}-", dir=system))
    previous, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = previous
        remove(folder)


__all__ = [
    "OutputExistsError",
    "atomic_path",
    "check_output",
    "check_target",
    "check_writable",
    "companion_paths",
    "remove_stale",
    "scratch",
]
