"""The processes of a ``keras-resnet train`` run: joining a cluster that flags or Keras'
environment describe, or starting a local cluster of N processes (--processes)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from keras_resnet.cli import _args


def without_processes(argv: Sequence[str]) -> list[str]:
    """`argv` without ``--processes N`` / ``--processes=N``."""
    out, skip = [], False
    for item in argv:
        if skip:
            skip = False
        elif item == "--processes":
            skip = True
        elif not item.startswith("--processes="):
            out.append(item)
    return out


def join(args: argparse.Namespace) -> Any:
    """Joins the cluster that --coordinator/--num-processes/--process-id (or Keras' environment
    variables) describe, before any JAX work; None when the run is one process."""
    from keras_resnet.training import cluster

    flags = (args.coordinator, args.num_processes, args.process_id)
    if all(v is None for v in flags) and not any(
        os.environ.get(v) for v in (cluster.ENV_ADDRESS, cluster.ENV_PROCESSES)
    ):
        return None
    if args.coordinator == "auto":  # JAX detects Slurm, Open MPI, Cloud TPU
        if args.num_processes is not None or args.process_id is not None:
            raise ValueError(
                "--coordinator auto takes the process count and id from the cluster; leave out "
                "--num-processes and --process-id"
            )
        return cluster.initialize()
    cluster.Cluster.of(*flags)  # usage errors (exit 2) before joining
    _args.start_work(args)
    return cluster.initialize(*flags)


def launch_local(args: argparse.Namespace) -> int:
    """--processes N: the same command as N local processes of one cluster."""
    if any(v is not None for v in (args.coordinator, args.num_processes, args.process_id)):
        raise ValueError(
            "--processes starts its own local cluster; leave out --coordinator, --num-processes "
            "and --process-id"
        )
    if args.batch_size is not None and args.batch_size % args.processes:
        raise ValueError(
            f"--batch-size {args.batch_size} must divide evenly over the {args.processes} processes"
        )
    if os.environ.get("KERAS_BACKEND", "jax") != "jax":
        raise ValueError(
            "--processes runs Keras on JAX (keras.distribution); KERAS_BACKEND is "
            f"{os.environ['KERAS_BACKEND']!r}"
        )
    from keras_resnet.training import cluster

    _args.start_work(args)
    return cluster.launch(
        [sys.executable, "-m", "keras_resnet.cli", *without_processes(args.argv)], args.processes
    )
