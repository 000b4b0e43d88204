"""Getting a preset's checkpoint onto the machine, checked against its hash.

* Hugging Face Hub repositories (timm's weights) go through ``huggingface_hub.hf_hub_download``,
  so its cache (``HF_HOME``), offline mode (``HF_HUB_OFFLINE=1``), tokens (``HF_TOKEN``) and
  mirrors (``HF_ENDPOINT``) apply as in every other Hub library. The Hub names each file's blob in
  its cache by the SHA-256 of its content (the LFS object id), so a cached file is checked against
  its own blob name: a corrupt or truncated one is removed and downloaded again.
* Direct URLs (torchvision, keras.applications) go through ``keras.utils.get_file`` into the Keras
  cache (``~/.keras/keras_resnet/``), then the file is checked against the preset's hash: a full
  MD5/SHA-256, or the SHA-256 prefix torchvision writes into its file names (the check
  ``torch.hub`` makes). A mismatch removes the file and downloads it once more.

Offline with a cold cache, for a Hub repository or file that does not exist, or when the second
download is corrupt too, the `DownloadError` names the file, the URL and where to put the file by
hand. A repository that does not exist fails at once, in one line: nothing here retries it, and the
Hub client's own retry warnings stay off the terminal unless ``HF_HUB_VERBOSITY`` asks for them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Iterator
from typing import Any

from keras_resnet import _optional

#: a `keras_resnet.presets.Preset` (this module sits below presets, which calls it)
Preset = Any

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class DownloadError(ValueError):
    """A file could not be downloaded: offline with a cold cache, no such Hub repository,
    revision or file, an HTTP error, or a download that does not match its hash twice. The
    command line exits 1 on it wherever it is raised (the arguments may be right and the network
    down). A `ValueError`, as the weights argument's other errors are."""


def file_hash(path: str | os.PathLike[str], algorithm: str = "sha256") -> str:
    """The hex digest of a file, read in 1 MiB chunks."""
    digest = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def matches(path: str | os.PathLike[str], expected: str, algorithm: str = "sha256") -> bool:
    """Whether the file's digest is `expected`, or starts with it (a published prefix)."""
    return file_hash(path, algorithm).startswith(expected.lower())


def _hub() -> Any:
    return _optional.require("huggingface_hub", "weights")


def _hub_constants() -> Any:
    return _optional.require("huggingface_hub.constants", "weights")


def _hub_url(repo: str, filename: str, revision: str) -> str:
    endpoint = _hub_constants().ENDPOINT
    return f"{endpoint}/{repo}/resolve/{revision}/{filename}"


@contextlib.contextmanager
def _hub_quiet() -> Iterator[None]:
    """The Hub client's warnings (its retries) off the terminal while it runs for us, unless
    ``HF_HUB_VERBOSITY`` sets its level: the error that ends a failed download says it all."""
    logger = logging.getLogger("huggingface_hub")
    if os.environ.get("HF_HUB_VERBOSITY"):
        yield
        return
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _hub_download(repo: str, filename: str, revision: str, force: bool = False) -> str:
    import importlib.metadata

    hub = _hub()
    with _hub_quiet():
        return hub.hf_hub_download(
            repo,
            filename,
            revision=revision,
            force_download=force,
            library_name="keras-resnet",
            library_version=importlib.metadata.version("keras-resnet"),
        )


#: The Hub client's answers that no retry changes: the name does not exist (or is private)
_NOT_ON_THE_HUB = {
    "GatedRepoError": "the repository is gated: accept its terms on the Hub and log in",
    "RepositoryNotFoundError": "no such repository on the Hub (or it is private)",
    "RevisionNotFoundError": "no such revision of the repository",
    "RemoteEntryNotFoundError": "no such file in the repository",
    "EntryNotFoundError": "no such file in the repository",
}


def _why(error: BaseException) -> str:
    """A short reason: the Hub client's own messages run over several sentences."""
    name = type(error).__name__
    if name == "LocalEntryNotFoundError":
        offline = _hub_constants().HF_HUB_OFFLINE
        return "not in the Hub cache, and " + (
            "HF_HUB_OFFLINE=1 is set" if offline else "the Hub could not be reached"
        )
    if name in _NOT_ON_THE_HUB:
        return _NOT_ON_THE_HUB[name]
    text = str(error).split(". ")[0].splitlines()[0] if str(error) else ""
    return f"{name}: {text[:120]}"


def _hub_error(
    what: str, repo: str, filename: str, revision: str, error: BaseException
) -> DownloadError:
    url = _hub_url(repo, filename, revision)
    if type(error).__name__ in _NOT_ON_THE_HUB:  # no command fetches it either
        return DownloadError(f"{what}: could not get {url} ({_why(error)})")
    cache = _hub_constants().HF_HUB_CACHE
    return DownloadError(
        f"{what}: could not get {url} ({_why(error)}). Fetch it where the network is reachable "
        f"with `hf download {repo} {filename} --revision {revision}` (Hub cache: {cache}), or "
        "pass the downloaded file as weights="
    )


def hub_config(repo: str, revision: str = "main") -> dict[str, Any]:
    """A timm Hub repository's ``config.json`` (architecture, classes, ``pretrained_cfg``).

    Raises:
        ValueError: `repo` is not a valid repository name.
        DownloadError: the file could not be had (offline with a cold cache, no such repository,
            an HTTP error).
    """
    try:
        path = _hub_download(repo, "config.json", revision)
    except Exception as error:  # offline, no such repository, HTTP error
        if type(error).__name__ == "HFValidationError":  # a malformed name: no download tried
            raise ValueError(
                f"weights='hf-hub:{repo}' does not name a Hub repository ({str(error)[:200]})"
            ) from None
        raise _hub_error(f"weights='hf-hub:{repo}'", repo, "config.json", revision, error) from None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _blob_is_intact(path: str) -> bool:
    """A Hub-cached file against its blob's name (the SHA-256 of an LFS file); True where the
    blob is not named by a SHA-256 (a small, non-LFS file)."""
    blob = os.path.realpath(path)
    name = os.path.basename(blob)
    return not _SHA256.match(name) or file_hash(blob) == name


def _remove_cached(path: str) -> None:
    blob = os.path.realpath(path)
    for p in {blob, path}:
        if os.path.lexists(p):
            os.remove(p)


def _fetch_hub(preset: Preset, verbose: bool) -> str:
    repo, what = preset.hub_repo or "", f"weights={preset.name!r}"
    for attempt in range(2):
        try:
            path = _hub_download(repo, preset.hub_filename, preset.revision, force=attempt > 0)
        except Exception as error:
            raise _hub_error(
                what + (" (the cached copy was corrupt and was removed)" if attempt else ""),
                repo,
                preset.hub_filename,
                preset.revision,
                error,
            ) from None
        intact = _blob_is_intact(path) and (
            preset.file_hash is None or matches(path, preset.file_hash, preset.hash_algorithm)
        )
        if intact:
            return path
        _remove_cached(path)
        if verbose:
            print(
                f"{preset.name}: cached {preset.hub_filename} does not match its hash; removed, "
                "downloading again",
                file=sys.stderr,
            )
    raise DownloadError(
        f"{what}: {preset.hub_filename} of {repo} was downloaded twice and does not match its hash "
        "both times"
    )


def _get_file(preset: Preset) -> str:
    import keras

    target = preset.cache_path()
    return keras.utils.get_file(
        fname=preset.filename,
        origin=preset.url,
        cache_subdir=target.parent.name,
        cache_dir=str(target.parent.parent),
    )


def _fetch_url(preset: Preset, verbose: bool) -> str:
    target = preset.cache_path()
    for attempt in range(2):
        try:
            path = _get_file(preset)
        except Exception as error:  # no network, HTTP error
            removed = " (the cached copy was corrupt and was removed)" if attempt else ""
            raise DownloadError(
                f"weights={preset.name!r}{removed}: could not get {preset.url} "
                f"({type(error).__name__}: {error}). Download it yourself and put it at {target} "
                f"({preset.hash_algorithm} {preset.file_hash}), or pass the file's path as weights="
            ) from None
        if preset.file_hash is None or matches(path, preset.file_hash, preset.hash_algorithm):
            return path
        os.remove(path)
        if verbose:
            print(
                f"{preset.name}: {path} does not match {preset.hash_algorithm} {preset.file_hash}; "
                "removed, downloading again",
                file=sys.stderr,
            )
    raise DownloadError(
        f"weights={preset.name!r}: {preset.url} was downloaded twice and does not match "
        f"{preset.hash_algorithm} {preset.file_hash} either time"
    )


def fetch(preset: Preset, *, verbose: bool = True) -> str:
    """The local path of `preset`'s checkpoint: from its cache, else downloaded; hash-checked.

    Raises:
        DownloadError: it could not be had (offline with a cold cache, no such repository or
            file, an HTTP error, a hash that does not match twice).
    """
    return _fetch_hub(preset, verbose) if preset.hub_repo else _fetch_url(preset, verbose)


__all__ = ["DownloadError", "fetch", "file_hash", "hub_config", "matches"]
