"""Where `train` runs, on each Keras backend: the devices a batch is split over, the scope the
model is built in, mixed precision and determinism.

* ``"default"``: one device (the backend's first accelerator, else the CPU).
* ``"mirrored"``: every local device, data-parallel: `tf.distribute.MirroredStrategy` on
  TensorFlow, `keras.distribution.DataParallel` on JAX (Keras' own engine, which shards each
  batch over the devices); PyTorch has no single-process multi-device engine in Keras. On JAX,
  after `keras_resnet.training.cluster.initialize`, the devices of every process of the cluster.
* ``"multi_worker"``: TensorFlow's MultiWorkerMirroredStrategy, refused up front while Keras 3's
  ``fit`` fails under it (tensorflow/tensorflow#72388).

A `tf.distribute.Strategy` or a `keras.distribution.Distribution` object is taken as it is.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable
from typing import Any

from keras_resnet import _checks

STRATEGIES = ("default", "mirrored", "multi_worker")

#: Keras 3 `fit` under MultiWorkerMirroredStrategy fails in every train step: it averages the
#: step's scalar logs with ``strategy.reduce("MEAN", axis=0)`` (``reduction="auto"`` is hard-coded
#: in keras/src/backend/tensorflow/trainer.py), which the collective strategy refuses ("Invalid
#: reduction dimension 0 for input with 0 dimensions"; tensorflow/tensorflow#72388). `train` says
#: so up front instead of failing deep inside Keras; set this variable to try anyway (the tests do,
#: to notice the day Keras fixes it).
MULTI_WORKER_OVERRIDE = "KERAS_RESNET_TRY_MULTI_WORKER"


@dataclasses.dataclass(frozen=True)
class Engine:
    """A backend's distribution for one run.

    Attributes:
        backend: ``"tensorflow"``, ``"jax"`` or ``"torch"``.
        name: readable (``"default"``, ``"mirrored (2 devices)"``, ...).
        replicas: devices a global batch is split over.
        scope: a context manager factory to build and compile the model in.
        chief: this process writes checkpoints and final weights.
        strategy: the tf.distribute strategy or keras.distribution object (None: default).
        process: this process's index in a multi-process run (JAX), else 0.
        processes: the processes of the run, each feeding its slice of every global batch.
    """

    backend: str
    name: str
    replicas: int
    scope: Callable[[], Any]
    chief: bool = True
    strategy: Any = None
    process: int = 0
    processes: int = 1

    @contextlib.contextmanager
    def chief_writes(self) -> Any:
        """Around the chief's own saves in a multi-process run: Keras' saving makes throwaway
        variables (``get_attr_skipset``), which under a cross-process distribution would wait on
        the other processes; the replicated values themselves are read locally."""
        if self.processes == 1:
            yield
            return
        import keras

        current = keras.distribution.distribution()
        keras.distribution.set_distribution(None)
        try:
            yield
        finally:
            keras.distribution.set_distribution(current)

    def agree(self, name: str, value: int) -> None:
        """Checks that every process holds the same `value` (a resume step), naming those that
        differ."""
        if self.processes == 1:
            return
        import numpy as np
        from jax.experimental import multihost_utils

        values = np.asarray(multihost_utils.process_allgather(np.int64(value))).reshape(-1)
        if len(set(values.tolist())) > 1:
            seen = ", ".join(f"process {i}: {v}" for i, v in enumerate(values.tolist()))
            raise RuntimeError(
                f"the processes disagree on the {name} ({seen}); output_dir must be one folder "
                "that every process sees (a shared filesystem)"
            )


def backend() -> str:
    import keras

    return keras.backend.backend()


def process_share() -> tuple[int, int]:
    """``(this process's index, the process count)`` of a multi-process run (Keras on JAX, after
    `keras_resnet.training.cluster.initialize`); ``(0, 1)`` in a single process."""
    if backend() != "jax":
        return 0, 1
    import jax

    return jax.process_index(), jax.process_count()


def make_strategy(name: Any) -> Any:
    """A tf.distribute strategy by name (TensorFlow backend). ``multi_worker`` must be made at
    program start, before any other TensorFlow op (TensorFlow configures its collectives then)."""
    import tensorflow as tf

    if isinstance(name, tf.distribute.Strategy):
        return name
    factories = {
        "default": tf.distribute.get_strategy,
        "mirrored": tf.distribute.MirroredStrategy,
        "multi_worker": tf.distribute.MultiWorkerMirroredStrategy,
    }
    _checks.check_choice("strategy", name, tuple(factories))
    return factories[name]()


def strategy_name(distribution: Any) -> str:
    """A readable name for a tf.distribute strategy: ``"default"``, ``"mirrored (2 devices)"``,
    ``"multi_worker (4 replicas)"``, else its class name and replica count."""
    import tensorflow as tf

    replicas = distribution.num_replicas_in_sync
    if isinstance(distribution, tf.distribute.MultiWorkerMirroredStrategy):
        return f"multi_worker ({replicas} replicas)"
    if isinstance(distribution, tf.distribute.MirroredStrategy):
        return f"mirrored ({replicas} device{'' if replicas == 1 else 's'})"
    if not tf.distribute.has_strategy() and distribution is tf.distribute.get_strategy():
        return "default"
    plural = "" if replicas == 1 else "s"
    return f"{type(distribution).__name__.lstrip('_')} ({replicas} replica{plural})"


def _tensorflow(strategy: Any) -> Engine:
    import tensorflow as tf

    distribution = make_strategy(strategy)
    if isinstance(distribution, tf.distribute.MultiWorkerMirroredStrategy) and not os.environ.get(
        MULTI_WORKER_OVERRIDE
    ):
        import keras

        raise ValueError(
            f"strategy='multi_worker': Keras {keras.__version__} model.fit fails under "
            "MultiWorkerMirroredStrategy (tensorflow/tensorflow#72388: scalar logs reduced along "
            f"axis 0). Use 'mirrored' on one machine; set {MULTI_WORKER_OVERRIDE}=1 to try anyway"
        )
    return Engine(
        "tensorflow",
        strategy_name(distribution),
        distribution.num_replicas_in_sync,
        distribution.scope,
        chief=distribution.extended.should_checkpoint,
        strategy=distribution,
    )


def _jax(strategy: Any) -> Engine:
    import jax
    import keras

    processes, process = jax.process_count(), jax.process_index()
    where = f" in {processes} processes" if processes > 1 else ""
    if isinstance(strategy, (keras.distribution.DataParallel, keras.distribution.ModelParallel)):
        devices = strategy.device_mesh.devices.size
        strategy.auto_shard_dataset = False  # each process reads its own slice (stream.Batches)
        return Engine(
            "jax",
            f"{type(strategy).__name__} ({devices} devices{where})",
            devices,
            strategy.scope,
            chief=process == 0,
            strategy=strategy,
            process=process,
            processes=processes,
        )
    _checks.check_choice("strategy", strategy, STRATEGIES)
    if strategy == "multi_worker":
        raise ValueError(
            "strategy='multi_worker' is TensorFlow's MultiWorkerMirroredStrategy; on the JAX "
            "backend, use strategy='mirrored' (keras.distribution.DataParallel over the devices of "
            "every process)"
        )
    if strategy == "default":
        if processes > 1:
            raise ValueError(
                f"strategy='default' trains on one device, but this is process {process} of "
                f"{processes}: use strategy='mirrored' to train one model over every process's "
                "devices"
            )
        return Engine("jax", "default", 1, contextlib.nullcontext)
    devices = keras.distribution.list_devices()
    distribution = keras.distribution.DataParallel(devices=devices)
    distribution.auto_shard_dataset = False
    return Engine(
        "jax",
        f"mirrored: DataParallel ({len(devices)} device{'' if len(devices) == 1 else 's'}{where})",
        len(devices),
        distribution.scope,
        chief=process == 0,
        strategy=distribution,
        process=process,
        processes=processes,
    )


def _torch(strategy: Any) -> Engine:
    _checks.check_choice("strategy", strategy, STRATEGIES)
    if strategy != "default":
        raise ValueError(
            f"strategy={strategy!r} is not available on the torch backend (Keras has no "
            "multi-device engine for PyTorch); use KERAS_BACKEND=jax or tensorflow, or "
            "strategy='default'"
        )
    return Engine("torch", "default", 1, contextlib.nullcontext)


def make_engine(strategy: Any = "default") -> Engine:
    """The `Engine` of `strategy` on the current Keras backend."""
    makers = {"tensorflow": _tensorflow, "jax": _jax, "torch": _torch}
    name = backend()
    if name not in makers:
        raise ValueError(
            f"train needs the jax, tensorflow or torch Keras backend; KERAS_BACKEND is {name!r}"
        )
    return makers[name](strategy)


def precision_policy(mixed_precision: bool | str) -> str | None:
    """The dtype policy of a run: None (float32), or ``mixed_bfloat16`` / ``mixed_float16``.
    True picks for the machine: bfloat16 on JAX (GPUs, TPUs and CPUs alike), float16 on
    TensorFlow and PyTorch GPUs (where their kernels are fastest), bfloat16 on CPUs (native with
    AVX-512 BF16 or AMX; emulated, and slower than float32, without)."""
    if mixed_precision is False:
        return None
    if isinstance(mixed_precision, str):
        return _checks.check_choice(
            "mixed_precision", mixed_precision, ("mixed_bfloat16", "mixed_float16")
        )
    if backend() == "jax" or not _has_gpu():
        return "mixed_bfloat16"
    return "mixed_float16"


def _has_gpu() -> bool:
    name = backend()
    if name == "tensorflow":
        import tensorflow as tf

        return bool(tf.config.list_physical_devices("GPU"))
    if name == "torch":
        import torch

        return bool(torch.cuda.is_available())
    return False


def make_deterministic() -> None:
    """The backend's deterministic kernels (TensorFlow op determinism, PyTorch's deterministic
    algorithms); JAX's are deterministic on CPU, and XLA's GPU flag must be set before JAX
    starts."""
    name = backend()
    if name == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()
    elif name == "torch":
        import torch

        torch.use_deterministic_algorithms(True, warn_only=True)


__all__ = [
    "Engine",
    "MULTI_WORKER_OVERRIDE",
    "STRATEGIES",
    "make_engine",
    "make_strategy",
    "precision_policy",
    "process_share",
    "strategy_name",
]
