"""Reading a model folder that `keras_resnet.sharing.save_pretrained` wrote, from disk or from the
Hugging Face Hub, and loading it into a built model: what ``weights="<folder>"`` and
``weights="hf-hub:<user>/<repo>"`` (for such a repository) do.

A folder holds ``config.json`` (timm's fields, and a ``keras_resnet`` section: the model's
registry name, its `keras_resnet.identity` record, the builder arguments that rebuild it, its
preprocessing and evaluation transform, its class names), ``model.weights.h5`` (the Keras
weights, recording the same identity), ``model.safetensors`` where timm has the architecture,
and ``README.md``. Loading reads the Keras weights: the identity is checked before anything is
built (a folder of another architecture is refused in one line naming both), then the
classifier's class count, then every shape, all or nothing. The model carries the folder's
``pretrained_cfg`` afterwards, as it would a preset's.

Hub repositories go through ``huggingface_hub.hf_hub_download`` (its cache, ``HF_HUB_OFFLINE``,
``HF_TOKEN``, ``HF_ENDPOINT``); a repository whose ``config.json`` has no ``keras_resnet`` section
is a timm repository, read as a preset (`keras_resnet.presets.hub_preset`).

This module imports no framework.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import pathlib
from typing import TYPE_CHECKING, Any

from keras_resnet import _optional, downloads
from keras_resnet import identity as identity_lib
from keras_resnet.converters import keras_weights

if TYPE_CHECKING:
    import keras

CONFIG = "config.json"
KERAS_WEIGHTS = "model.weights.h5"
TIMM_WEIGHTS = "model.safetensors"
CARD = "README.md"
#: the section of ``config.json`` that holds what keras_resnet needs (timm ignores it)
SECTION = "keras_resnet"


def read_config(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """The ``config.json`` of a folder `save_pretrained` wrote; a ValueError names a folder that
    is not one (no such file, unreadable JSON, no ``keras_resnet`` section, no Keras weights)."""
    where = os.fspath(folder)
    path = pathlib.Path(folder) / CONFIG
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        reason = "no config.json" if isinstance(error, FileNotFoundError) else str(error)
        raise ValueError(
            f"weights={where!r} is a folder, but not one keras_resnet.save_pretrained wrote "
            f"({reason})"
        ) from None
    if not isinstance(config, dict) or not isinstance(config.get(SECTION), dict):
        raise ValueError(
            f"weights={where!r} is a folder, but its config.json has no {SECTION!r} section "
            "(a timm folder? load its model.safetensors as weights=)"
        )
    if not (pathlib.Path(folder) / KERAS_WEIGHTS).is_file():
        raise ValueError(f"weights={where!r} is a model folder without its {KERAS_WEIGHTS}")
    return config


def identity_of(config: dict[str, Any]) -> identity_lib.Identity | None:
    """The identity a folder's config records."""
    record = config[SECTION].get("identity")
    return identity_lib.Identity.from_record(record) if isinstance(record, dict) else None


def check(
    folder: str | os.PathLike[str],
    target: identity_lib.Identity | None,
    *,
    allow_other_architecture: bool = False,
) -> str:
    """Checks that the folder is one `save_pretrained` wrote and holds weights of `target`'s
    architecture (unless `allow_other_architecture`); returns its path."""
    config = read_config(folder)
    stored = identity_of(config)
    if not allow_other_architecture and stored is not None and target is not None:
        if not stored.fits(target):
            raise identity_lib.mismatch(stored, target, os.fspath(folder))
    return os.fspath(folder)


def preprocessing(folder: str | os.PathLike[str]) -> str | None:
    """The `keras_resnet.preprocessing` preset the folder's model takes."""
    name = read_config(folder)[SECTION].get("preprocessing")
    return name if isinstance(name, str) else None


def load(
    model: keras.Model,
    folder: str | os.PathLike[str],
    *,
    include_top: bool,
    classes: int,
    allow_other_architecture: bool = False,
) -> None:
    """Loads the folder's Keras weights into the built `model` (identity, class count and
    shapes checked; all or nothing); the model carries the folder's ``pretrained_cfg``."""
    config = read_config(folder)
    path = str(pathlib.Path(folder) / KERAS_WEIGHTS)
    if include_top:
        keras_weights.check_head_classes(path, classes)
    keras_weights.load_weights_file(model, path, allow_other_architecture=allow_other_architecture)
    cfg = config[SECTION].get("pretrained_cfg")
    if isinstance(cfg, dict):
        model.pretrained_cfg = cfg


def _hub_file(repo: str, filename: str, revision: str) -> str:
    hub = _optional.require("huggingface_hub", "weights")
    try:
        return hub.hf_hub_download(
            repo,
            filename,
            revision=revision,
            library_name="keras-resnet",
            library_version=importlib.metadata.version("keras-resnet"),
        )
    except Exception as error:  # offline with a cold cache, no such file, an HTTP error
        raise downloads.DownloadError(
            f"weights='hf-hub:{repo}': could not get {filename} of the keras_resnet repository "
            f"({type(error).__name__}: {str(error).splitlines()[0][:160] if str(error) else ''})"
        ) from None


def hub_folder(repo: str, revision: str = "main") -> str | None:
    """The local folder (in the Hub's cache) of the keras_resnet repository `repo`, its
    ``config.json`` and Keras weights downloaded; None for a repository without the
    ``keras_resnet`` section (a timm repository).

    Raises:
        ValueError: `repo` is no repository name.
        DownloadError: a file could not be had (offline with a cold cache, no such repository).
    """
    config = downloads.hub_config(repo, revision)
    if not isinstance(config.get(SECTION), dict):
        return None
    _hub_file(repo, KERAS_WEIGHTS, revision)
    return os.path.dirname(_hub_file(repo, CONFIG, revision))


__all__ = [
    "CARD",
    "CONFIG",
    "KERAS_WEIGHTS",
    "SECTION",
    "TIMM_WEIGHTS",
    "check",
    "hub_folder",
    "identity_of",
    "load",
    "preprocessing",
    "read_config",
]
