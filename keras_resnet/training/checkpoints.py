"""Checkpoints that a killed run resumes from, mid-epoch included, on every Keras backend.

A checkpoint is one file, ``backup/step-<global step>.weights.h5``: the model's weights and the
optimizer's state (its iteration count, so the learning-rate schedule, and its momenta), written
to a temporary name and renamed into place, so a kill leaves either the whole file or none. The
step in the name is the position in the data stream, whose batches are a function of the step
(`keras_resnet.training.stream`): a resumed run starts the stream there. The two latest are kept;
if the latest cannot be read (a damaged disk, a file copied in by hand), the run resumes from the
one before and says so. ``backup/run.json`` pins what the step numbers mean (steps per epoch,
global batch, seed, image count) and the model they are of (its registry name and architecture
fingerprint, `keras_resnet.identity`; each checkpoint records it too): a run started again with
another of them is refused, another model before anything is read or built (`check_model`).

Why not `keras.callbacks.BackupAndRestore`: it records the batch of a mid-epoch checkpoint but
restarts that epoch from its first batch (the epoch's first steps are trained twice), and a kill
during its save leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import json
import pathlib
import re
import sys
from collections.abc import Callable
from typing import Any

from keras_resnet import atomic
from keras_resnet import identity as identity_lib
from keras_resnet import weights as weights_lib

_NAME = re.compile(r"^step-(\d+)\.weights\.h5$")
_KEEP = 2


def _path(backup: pathlib.Path, step: int) -> pathlib.Path:
    return backup / f"step-{step:09d}.weights.h5"


def saved(backup: pathlib.Path) -> list[tuple[int, pathlib.Path]]:
    """``(step, file)`` of the checkpoints in `backup`, newest first."""
    if not backup.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in backup.iterdir() if (m := _NAME.match(p.name))]
    return sorted(found, reverse=True)


def _damage(path: pathlib.Path) -> str | None:
    """Why the HDF5 file at `path` cannot be read to the end (None: it can)."""
    import h5py

    def read(name: str, item: Any) -> None:
        if isinstance(item, h5py.Dataset):
            item[()]

    try:
        with h5py.File(path, "r") as f:
            f.visititems(read)
    except (OSError, KeyError, RuntimeError, ValueError) as error:
        return str(error).splitlines()[0] if str(error) else type(error).__name__
    return None


def latest(backup: pathlib.Path | None) -> tuple[int, pathlib.Path | None]:
    """``(step, file)`` of the newest readable checkpoint; ``(0, None)`` when there is none.
    An unreadable newer one is named on stderr and passed over."""
    if backup is None:
        return 0, None
    for step, path in saved(backup):
        damage = _damage(path)
        if damage is None:
            return step, path
        print(
            f"{path} is damaged ({damage}); resuming from the checkpoint before it",
            file=sys.stderr,
            flush=True,
        )
    return 0, None


def _recorded(backup: pathlib.Path) -> dict:
    """The facts ``backup/run.json`` records ({} when it is missing or unreadable)."""
    try:
        recorded = json.loads((backup / "run.json").read_text())
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def recorded_model(backup: pathlib.Path) -> identity_lib.Identity | None:
    """The model whose checkpoints `backup` holds: the one ``run.json`` records, else the one
    the newest checkpoint records; None when there are no checkpoints or neither records it."""
    found = saved(backup)
    if not found:
        return None
    stored = identity_lib.Identity.from_record(_recorded(backup))
    if stored is None and _damage(found[0][1]) is None:
        stored = weights_lib.read_record(found[0][1])
    return stored


def check_model(backup: pathlib.Path, identity: identity_lib.Identity | None) -> None:
    """Refuses to resume the checkpoints in `backup` as a run of `identity` when they are of
    another architecture: a ValueError naming both models and the folder."""
    stored = recorded_model(backup)
    if stored is None or identity is None or stored.fits(identity):
        return
    raise ValueError(
        f"output_dir {str(backup.parent)!r} holds a run of {stored.model}, not {identity.model} "
        f"({stored.differences(identity)}); its checkpoints would not resume it: use another "
        "output_dir, or delete the folder to start over"
    )


def check_run(
    backup: pathlib.Path,
    facts: dict,
    *,
    identity: identity_lib.Identity | None = None,
    write: bool = True,
) -> None:
    """Records `facts` (what step numbers mean) and the model `identity` in ``backup/run.json``
    the first time (when `write`: the process that writes); later, refuses a run of another
    model (`check_model`) or whose facts differ from the recorded ones while checkpoints
    exist."""
    record = backup / "run.json"
    if record.is_file() and saved(backup):
        check_model(backup, identity)
        recorded = _recorded(backup)
        changed = {
            k: (recorded.get(k), v) for k, v in facts.items() if k in recorded and recorded[k] != v
        }
        if changed:
            what = ", ".join(f"{k} {old} -> {new}" for k, (old, new) in changed.items())
            raise ValueError(
                f"output_dir {backup.parent} holds a run with other settings ({what}); its "
                "checkpoints would not resume it: use another output_dir, or delete the folder to "
                "start over"
            )
        return
    if not write:
        return
    backup.mkdir(parents=True, exist_ok=True)
    model = {} if identity is None else {**identity.as_record(), "arch": identity.arch}
    with atomic.atomic_path(record, overwrite=True) as tmp:
        tmp.write_text(json.dumps({**model, **facts}, indent=1))


def save(
    model: Any,
    backup: pathlib.Path,
    step: int,
    *,
    identity: identity_lib.Identity | None = None,
) -> pathlib.Path:
    """Writes the checkpoint of global step `step` atomically, recording the model `identity`
    (default: the model's own), and keeps the `_KEEP` newest."""
    path = _path(backup, step)
    with atomic.atomic_path(path, overwrite=True) as tmp:
        weights_lib.save_weights(model, tmp, identity=identity)
    for _, old in saved(backup)[_KEEP:]:
        old.unlink(missing_ok=True)
    return path


def restore(model: Any, path: pathlib.Path) -> None:
    """Loads a checkpoint into a compiled `model`, its optimizer state included; a checkpoint
    that records another architecture than the model's is refused."""
    weights_lib.check_record(path, identity_lib.of_model(model))
    if model.optimizer is not None and not model.optimizer.built:
        model.optimizer.build(model.trainable_variables)
    model.load_weights(str(path))


def callback(
    backup: pathlib.Path,
    *,
    first_step: int,
    save_freq: str | int,
    steps_per_epoch: int,
    writes: Callable[[], Any] = contextlib.nullcontext,
    identity: identity_lib.Identity | None = None,
) -> Any:
    """A Keras callback that saves a checkpoint every `save_freq` steps (counted in global steps,
    so the same steps whether a run was resumed or not) or at the end of every epoch, recording
    the model `identity`; each save runs inside `writes()` (`engines.Engine.chief_writes`)."""
    import keras

    class Checkpoints(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.step = first_step

        def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
            self.step += 1
            at_epoch_end = self.step % steps_per_epoch == 0
            if at_epoch_end or (save_freq != "epoch" and self.step % int(save_freq) == 0):
                with writes():
                    save(self.model, backup, self.step, identity=identity)

    return Checkpoints()


__all__ = [
    "callback",
    "check_model",
    "check_run",
    "latest",
    "recorded_model",
    "restore",
    "save",
    "saved",
]
