"""What every test and docstring example shares, wherever it lives (tests/ and keras_resnet/):
a seeded, cleared Keras state, collected memory, a bar on a worker's resident memory, and a report
of each worker's peak.

The slow tier runs full-size models on two workers of a 2-core, 24 GiB machine: a worker keeps
nothing a finished test built, and a test that takes its worker past `MAX_WORKER_RSS` fails by
name instead of letting the kernel kill the worker later, somewhere else."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before any test imports TensorFlow

import ctypes  # noqa: E402
import ctypes.util  # noqa: E402
import gc  # noqa: E402
import resource  # noqa: E402

import pytest  # noqa: E402

#: The most resident memory one test worker may reach (two workers on a 24 GiB machine).
MAX_WORKER_RSS = 8 * 10**9
_PEAK = "peak_rss_bytes"
_PEAK_TEST = "peak_rss_test"


def _doctest_model(item) -> str | None:
    """The registry name whose builder a doctest item documents (``keras_resnet._named.ResNet50D``
    -> ``resnet50d``), or None."""
    from keras_resnet import variants

    module, _, function = item.name.rpartition(".")
    if module != "keras_resnet._named":
        return None
    return next((e.name for e in variants.MODELS.values() if e.function == function), None)


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(config, items):
    """A named builder's docstring example builds the model at full size: the default tier runs
    those of the models it trains (`tests.tiers.TRAINED_IN_DEFAULT_TIER`), the slow tier the
    rest. Tests marked `long` go first."""
    from tests.tiers import TRAINED_IN_DEFAULT_TIER

    for item in items:
        name = _doctest_model(item) if type(item).__name__ == "DoctestItem" else None
        if name is not None and name not in TRAINED_IN_DEFAULT_TIER:
            item.add_marker(pytest.mark.slow)
    # The workers take tests in this order: the long ones first, so that none of them is left to
    # run alone at the end while the other worker idles (a stable sort: the rest keep their order).
    items.sort(key=lambda item: item.get_closest_marker("long") is None)
    if getattr(config.option, "loadgroup", False):  # set on xdist workers under --dist loadgroup
        _name_xdist_groups(items)


def _name_xdist_groups(items) -> None:
    """Give each test marked ``xdist_group(name)`` the id ``<id>@<name>`` by which xdist's
    loadgroup scheduler sends a group to one worker. xdist 3.8 writes it to ``item._nodeid``,
    which pytest 9.2 no longer reads (the id is ``item._id``), so without this every group is
    split across the workers."""
    try:
        from _pytest.nodeid import NodeId
    except ImportError:  # an older pytest: xdist's own renaming works
        return
    for item in items:
        marks = item.iter_markers("xdist_group")
        names = sorted(
            {str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in marks}
        )
        if names and "@" not in item.nodeid and hasattr(item, "_id"):
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(names)}")


@pytest.fixture(autouse=True)
def _seeded_keras_state():
    import keras

    keras.utils.set_random_seed(0)
    yield
    keras.config.set_dtype_policy("float32")


_LIBC_NAME = ctypes.util.find_library("c")
_LIBC = ctypes.CDLL(_LIBC_NAME) if _LIBC_NAME and "libc.so" in _LIBC_NAME else None


def _release_freed_memory() -> None:
    """Hands the C heap's free pages back to the system (glibc's ``malloc_trim``): TensorFlow frees
    a model's buffers into malloc's arenas, which otherwise keep them resident."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def _rss() -> int:
    """The worker's resident memory now (``/proc/self/statm``'s second field, in pages)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


#: How much a worker may grow before the end of a file frees its fixtures' reference cycles.
FULL_COLLECT_GROWTH = 256 * 2**20
_LAST_FULL_COLLECT = [0]


def _grown_since_full_collect() -> bool:
    return _rss() - _LAST_FULL_COLLECT[0] > FULL_COLLECT_GROWTH


_PEAK_BEFORE = pytest.StashKey[int]()
#: The test during which this process's resident memory last reached a new peak.
_PEAK_REACHED_IN = [""]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """The worker's peak resident memory before the test (its fixtures' setup included): a test
    that takes it past `MAX_WORKER_RSS` fails in its teardown."""
    item.stash[_PEAK_BEFORE] = _peak_rss()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test (and, at the end of a file, its module fixtures): clear Keras and collect.

    What outlives every test (TensorFlow's and Keras' caches) is about a million objects that each
    collection would scan again, so it is frozen out of the collector's scans after a test; at the
    end of a file whose tests and fixtures grew the worker by `FULL_COLLECT_GROWTH`, everything is
    unfrozen and collected (about a second), so that what the fixtures built is freed even where
    it holds reference cycles."""
    import keras

    result = yield
    keras.backend.clear_session()  # collects the test's garbage too
    collect = (nextitem is None or nextitem.path != item.path) and _grown_since_full_collect()
    if collect:
        gc.unfreeze()
        gc.collect()
    _release_freed_memory()
    if collect:
        _LAST_FULL_COLLECT[0] = _rss()
    gc.freeze()
    peak = _peak_rss()
    if peak > item.stash.get(_PEAK_BEFORE, peak):
        _PEAK_REACHED_IN[0] = item.nodeid
    if peak > MAX_WORKER_RSS >= item.stash.get(_PEAK_BEFORE, 0):
        raise AssertionError(
            f"this test took its worker to {peak / 1e9:.1f} GB of resident memory, over the "
            f"{MAX_WORKER_RSS / 1e9:.0f} GB a worker may use: run its heavy part in a subprocess "
            "or release what it builds"
        )
    return result


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: tell the controller its peak
        workeroutput[_PEAK] = _peak_rss()
        workeroutput[_PEAK_TEST] = _PEAK_REACHED_IN[0]


def pytest_testnodedown(node, error):
    output = getattr(node, "workeroutput", {})
    if output.get(_PEAK) is not None:
        node.config.stash.setdefault(_PEAKS, {})[node.gateway.id] = (
            output[_PEAK],
            output.get(_PEAK_TEST, ""),
        )


_PEAKS = pytest.StashKey[dict]()


def pytest_terminal_summary(terminalreporter, config):
    peaks = config.stash.get(_PEAKS, None) or (
        {} if hasattr(config, "workerinput") else {"main": (_peak_rss(), _PEAK_REACHED_IN[0])}
    )
    line = ", ".join(f"{name} {peak / 1e9:.1f} GB" for name, (peak, _) in sorted(peaks.items()))
    terminalreporter.write_line(f"peak resident memory per test process: {line}")
    for name, (_, test) in sorted(peaks.items()):
        if test:
            terminalreporter.write_line(f"  {name} reached it in {test}")
