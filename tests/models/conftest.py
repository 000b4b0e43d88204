"""Fixtures of the builder tests."""

import pytest

from tests.isolation import Isolated


@pytest.fixture(scope="session")
def isolated():
    """`isolated.call(function, *args)` runs a heavy check in a recycled child process
    (tests/isolation.py): the slow tier's full-size models are built and trained there."""
    runner = Isolated(seed=0)
    yield runner
    runner.close()
