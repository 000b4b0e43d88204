"""Training across processes and machines on Keras' own engine: `keras.distribution` over JAX.

A run launched as N processes (N machines, or N processes on one machine to try it out) calls
`initialize` first, in every process, before anything else touches JAX; then
``train(..., strategy="mirrored")`` is `keras.distribution.DataParallel` over the devices of every
process: each process reads its own slice of every global batch (`stream.Batches`), Keras makes
the global array from the slices (``jax.make_array_from_process_local_data``), and XLA's
collectives (NCCL on GPUs, Gloo on CPUs) average the gradients. Only process 0 writes logs,
checkpoints and final weights; every process restores the same checkpoint, so ``output_dir`` must
be on a filesystem that all of them see.

Why `jax.distributed.initialize` and not `keras.distribution.initialize`: Keras' function calls it
with JAX's defaults (a process that is never heard from is waited on for 300 s, a lost one
noticed after 100 s) and then agrees on a random seed, which `train` always sets itself; this one
names its timeouts, checks the coordinator answers, and says which address it tried.

Where the coordinates come from: the arguments, else Keras' environment variables
(``KERAS_DISTRIBUTION_JOB_ADDRESSES``, ``KERAS_DISTRIBUTION_NUM_PROCESSES``,
``KERAS_DISTRIBUTION_PROCESS_ID``), else JAX's own detection (Slurm, Open MPI, Cloud TPU, GKE).
`launch` starts N local processes of one command, watches them, and stops them all when one fails.
"""

from __future__ import annotations

import dataclasses
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence

from keras_resnet import _checks

ENV_ADDRESS, ENV_PROCESSES, ENV_ID = (
    "KERAS_DISTRIBUTION_JOB_ADDRESSES",
    "KERAS_DISTRIBUTION_NUM_PROCESSES",
    "KERAS_DISTRIBUTION_PROCESS_ID",
)
_ADDRESS = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$")

#: seconds a lost process goes unnoticed at most (JAX's default is 100)
HEARTBEAT_SECONDS = 20


@dataclasses.dataclass(frozen=True)
class Cluster:
    """Where this process stands: the coordinator (process 0's ``HOST:PORT``), the process count
    and this process's id; all None to let JAX detect them (Slurm, Open MPI, Cloud TPU)."""

    coordinator: str | None = None
    num_processes: int | None = None
    process_id: int | None = None

    @classmethod
    def of(
        cls,
        coordinator: str | None = None,
        num_processes: int | None = None,
        process_id: int | None = None,
    ) -> Cluster:
        """The arguments, each one missing taken from Keras' environment variables; checked."""
        env = os.environ
        coordinator = coordinator or (env.get(ENV_ADDRESS, "").split(",")[0] or None)
        if num_processes is None and env.get(ENV_PROCESSES):
            num_processes = _env_int(ENV_PROCESSES)
        if process_id is None and env.get(ENV_ID):
            process_id = _env_int(ENV_ID)
        cluster = cls(coordinator, num_processes, process_id)
        cluster.check()
        return cluster

    def check(self) -> None:
        if self.coordinator is not None and not _ADDRESS.match(self.coordinator):
            raise ValueError(
                "coordinator must be HOST:PORT (process 0's address); received "
                f"{self.coordinator!r}"
            )
        if self.num_processes is not None:
            _checks.check_int("num_processes", self.num_processes, minimum=1)
        if self.process_id is not None:
            _checks.check_int("process_id", self.process_id, minimum=0)
            if self.num_processes is not None and self.process_id >= self.num_processes:
                raise ValueError(
                    f"process_id must be in 0..{self.num_processes - 1} for "
                    f"num_processes={self.num_processes}; received process_id={self.process_id}"
                )
        given = [v is not None for v in (self.coordinator, self.num_processes, self.process_id)]
        if any(given) and not all(given):
            raise ValueError(
                "coordinator, num_processes and process_id go together (or none of them, for JAX "
                f"to detect Slurm, Open MPI or Cloud TPU); received {self}"
            )


def _env_int(name: str) -> int:
    try:
        return int(os.environ[name])
    except ValueError:
        raise ValueError(f"{name} must be an integer; received {os.environ[name]!r}") from None


def wait_for(address: str, timeout: float) -> None:
    """Returns once something listens at ``HOST:PORT``; a TimeoutError naming it after `timeout`
    seconds."""
    host, port = address.rsplit(":", 1)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=2):
                return
        except OSError as error:
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"the coordinator {address} did not answer in {timeout:.0f} s ({error}); is "
                    "process 0 started, and is that address and port reachable from this machine?"
                ) from None
            time.sleep(0.5)


def initialize(
    coordinator: str | None = None,
    num_processes: int | None = None,
    process_id: int | None = None,
    *,
    timeout: float = 300,
) -> Cluster:
    """Joins this process to the cluster (JAX backend); call it in every process before any other
    JAX work. `timeout`: seconds to wait for the coordinator and for every process to join."""
    import keras

    if keras.backend.backend() != "jax":
        raise ValueError(
            "training across processes runs on Keras' JAX backend (keras.distribution); "
            f"KERAS_BACKEND is {keras.backend.backend()!r}. TensorFlow's "
            "MultiWorkerMirroredStrategy waits on keras-team/keras#20585"
        )
    cluster = Cluster.of(coordinator, num_processes, process_id)
    import jax

    if cluster.coordinator is not None and cluster.process_id != 0:
        wait_for(cluster.coordinator, timeout)
    try:
        jax.distributed.initialize(
            cluster.coordinator,
            cluster.num_processes,
            cluster.process_id,
            initialization_timeout=int(timeout),
            heartbeat_timeout_seconds=HEARTBEAT_SECONDS,
        )
    except Exception as error:  # noqa: BLE001 - JAX's XlaRuntimeError, RuntimeError, ValueError
        text = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise RuntimeError(
            f"joining the cluster at {cluster.coordinator or 'the detected coordinator'} as "
            f"process {cluster.process_id} of {cluster.num_processes} failed in {timeout:.0f} s: "
            f"{text}"
        ) from None
    return Cluster(cluster.coordinator, jax.process_count(), jax.process_index())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


def launch(command: Sequence[str], processes: int, *, grace: float = 10.0) -> int:
    """Runs `command` (argv) as `processes` local processes of one cluster (CPU devices, Gloo), each
    with ``--coordinator localhost:PORT --num-processes N --process-id I`` appended; returns 0
    when all end well. When one fails, the others are stopped (SIGTERM, then SIGKILL after `grace`
    seconds) and a line names the one that failed; Ctrl-C stops them all."""
    processes = _checks.check_int("processes", processes, minimum=1)
    address = f"localhost:{free_port()}"
    env = {**os.environ, "JAX_PLATFORMS": "cpu", "KERAS_BACKEND": "jax"}
    children = [
        subprocess.Popen(
            [
                *command,
                "--coordinator",
                address,
                "--num-processes",
                str(processes),
                "--process-id",
                str(i),
            ],
            env=env,
        )
        for i in range(processes)
    ]
    try:
        while True:
            codes = [child.poll() for child in children]
            failed = [(i, c) for i, c in enumerate(codes) if c not in (None, 0)]
            if failed:
                index, code = failed[0]
                print(
                    f"keras-resnet: process {index} of {processes} {_ended(code)}; stopping the "
                    "other processes",
                    file=sys.stderr,
                    flush=True,
                )
                _stop(children, grace)
                return 1
            if all(c == 0 for c in codes):
                return 0
            time.sleep(0.2)
    except KeyboardInterrupt:
        _stop(children, grace)
        raise


def _ended(code: int) -> str:
    if code < 0:
        return f"was killed ({signal.Signals(-code).name})"
    return f"exited with status {code}"


def _stop(children: list[subprocess.Popen], grace: float) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + grace
    for child in children:
        try:
            child.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


__all__ = ["Cluster", "HEARTBEAT_SECONDS", "free_port", "initialize", "launch", "wait_for"]
