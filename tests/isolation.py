"""Heavy checks in a child process: what a full-size model and its compiled training step leave
behind in TensorFlow's and the C heap's caches never accumulates in a test worker.

A child runs a few checks and is then replaced by a fresh one, so its memory stays bounded too;
the check's numbers come back to the test, which makes its assertions in the worker."""

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

#: Checks one child runs before it is replaced.
CHECKS_PER_CHILD = 4


def _start_child(seed: int) -> None:
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras

    keras.utils.set_random_seed(seed)


def _seeded(function: Callable[..., Any], seed: int, *args: Any) -> Any:
    import keras

    keras.utils.set_random_seed(seed)
    try:
        return function(*args)
    finally:
        keras.config.set_dtype_policy("float32")
        keras.backend.clear_session()


class Isolated:
    """Calls a module-level function in a child process (`call(function, *args)`), seeded as a
    test is; a child that dies (killed for memory, say) fails that call by name and the next call
    starts a new child."""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_child,
                initargs=(self.seed,),
                max_tasks_per_child=CHECKS_PER_CHILD,
            )
        return self._pool

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        try:
            return self._executor().submit(_seeded, function, self.seed, *args).result()
        except BrokenProcessPool as error:
            self.close()
            raise AssertionError(
                f"the child process running {function.__name__}{args} died: {error}"
            ) from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
