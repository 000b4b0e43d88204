"""`keras-resnet train`."""

import os
import pathlib
import re
import signal
import subprocess
import sys
import time

import pytest

from keras_resnet import cli
from keras_resnet.training import cluster
from tests.processes import NATIVE_LINE, run_cli, start_cli, tiny_training, wait_for

pytest.importorskip("tf2onnx", reason="pip install 'keras-resnet[export]'")


def _checkpointed_epoch(run):
    """Whole epochs (1 step each) of the run's newest checkpoint: 0 while none exists."""
    from keras_resnet.training import checkpoints

    saved = checkpoints.saved(run / "backup")
    return saved[0][0] if saved else 0


def test_ctrl_c_during_training_exits_130_with_one_line_and_the_run_resumes(tmp_path):
    """64 digits at 8 pixels in one batch: one step per epoch. Ctrl-C once the first epoch is
    checkpointed; the rerun for one epoch finds it complete. Neither run prints a native
    (TensorFlow, absl) log line."""
    run = tmp_path / "run"
    args = tiny_training(run)
    process = start_cli([*args, "--epochs", "40"], tmp_path)
    wait_for(process, lambda: _checkpointed_epoch(run) >= 1)  # an epoch is checkpointed, completely
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err[-3000:]
    assert "Traceback" not in err and err.splitlines()[-1] == "keras-resnet train: interrupted"
    assert "training cifar_resnet20" in err and not NATIVE_LINE.search(err), err[-3000:]
    code, out, err = run_cli(
        [*args, "--epochs", "1"], tmp_path
    )  # the checkpoint is past 1 epoch: complete
    assert code == 0 and "already complete" in out, err[-3000:]
    assert not NATIVE_LINE.search(out + err), err[-3000:]


pytest.importorskip("jax")


TRAIN = [
    "train",
    "cifar_resnet20",
    "--data",
    "digits",
    "--batch-size",
    "32",
    "--augment",
    "pad_crop",
    "--quiet",
]


@pytest.fixture(scope="module")
def jax_cache(tmp_path_factory):
    """A folder where the JAX children of this file keep every program they compile (`_jax_env`)."""
    return tmp_path_factory.mktemp("jax_cache")


def _jax_env(cache, *xla_flags):
    """The JAX children's environment: every program they compile is kept in `cache`, so a later
    child that runs the same programs on the same devices (a resumed run) loads them instead of
    compiling them again; and XLA compiles without its costly optimizations, which take most of
    a short run's time (every run of a test compiles with the same flags, so the runs a test
    compares run the same programs). `xla_flags`: more XLA flags."""
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    flags = [
        env.get("XLA_FLAGS", ""),
        "--xla_backend_optimization_level=0",
        "--xla_llvm_disable_expensive_passes=true",
        *xla_flags,
    ]
    env.update(
        {
            "KERAS_BACKEND": "jax",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "JAX_COMPILATION_CACHE_DIR": str(cache),
            "JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS": "0",
            "JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES": "0",
            "XLA_FLAGS": " ".join(flags).strip(),
        }
    )
    return env


def _train(cache, *args, xla_flags=()):
    command = [sys.executable, "-m", "keras_resnet.cli", *TRAIN, *args]
    return subprocess.run(
        command, capture_output=True, text=True, env=_jax_env(cache, *xla_flags), timeout=600
    )


def _held_out(out: str) -> float:
    return float(re.search(r"held-out accuracy ([\d.]+)%", out).group(1))


@pytest.mark.slow  # three epochs twice
def test_two_processes_train_like_one_and_write_one_set_of_outputs(tmp_path, jax_cache):
    two = _train(jax_cache, "--epochs", "3", "--processes", "2", "--output", str(tmp_path / "two"))
    assert two.returncode == 0, two.stderr[-3000:]
    one = _train(jax_cache, "--epochs", "3", "--output", str(tmp_path / "one"))
    assert one.returncode == 0, one.stderr[-3000:]
    assert "2 devices in 2 processes" in two.stderr
    assert two.stdout.count("held-out accuracy") == 1  # process 1 keeps quiet
    assert abs(_held_out(two.stdout) - _held_out(one.stdout)) <= 3.0, (two.stdout, one.stdout)
    outputs = sorted(p.name for p in (tmp_path / "two").iterdir())
    assert outputs == sorted(p.name for p in (tmp_path / "one").iterdir())
    assert len(list((tmp_path / "two" / "log.csv").read_text().splitlines())) == 1 + 3  # one writer


def _weights(path):
    import h5py

    arrays = {}
    with h5py.File(path) as f:
        f.visititems(
            lambda name, item: (
                arrays.__setitem__(name, item[()]) if isinstance(item, h5py.Dataset) else None
            )
        )
    return arrays


# A one-process run, then a launcher and two JAX processes, each importing TensorFlow, JAX and
# Keras and compiling the model's programs: about 50 s of CPU, over a minute alone on 2 shared
# cores.
@pytest.mark.slow
def test_two_processes_are_bit_identical_to_one_process_on_two_devices(tmp_path, jax_cache):
    """The same DataParallel computation: the global batch of 64 split over 2 CPU devices, in one
    process (XLA's host platform with 2 devices) or in two processes (Gloo); 3 steps on 8-pixel
    digits."""
    short = ["--input-size", "8", "--limit", "192", "--epochs", "1", "--batch-size", "64"]
    one = _train(
        jax_cache,
        *short,
        "--strategy",
        "mirrored",
        "--output",
        str(tmp_path / "one"),
        xla_flags=["--xla_force_host_platform_device_count=2"],
    )
    assert one.returncode == 0, one.stderr[-3000:]
    two = _train(jax_cache, *short, "--processes", "2", "--output", str(tmp_path / "two"))
    assert two.returncode == 0, two.stderr[-3000:]
    assert "DataParallel (2 devices)" in one.stderr and "2 devices in 2 processes" in two.stderr
    a, b = (
        _weights(tmp_path / "one" / "final.weights.h5"),
        _weights(tmp_path / "two" / "final.weights.h5"),
    )
    assert a.keys() == b.keys()
    for name in a:
        assert (a[name] == b[name]).all(), name


def _child(launcher: subprocess.Popen, process_id: int) -> int | None:
    """The pid of the launcher's child with ``--process-id <process_id>``."""
    for entry in pathlib.Path("/proc").iterdir():
        try:
            if (
                entry.name.isdigit()
                and int((entry / "stat").read_text().split(") ")[1].split()[1]) == launcher.pid
            ):
                argv = (entry / "cmdline").read_bytes().split(b"\0")
                if (
                    b"--process-id" in argv
                    and argv[argv.index(b"--process-id") + 1] == str(process_id).encode()
                ):
                    return int(entry.name)
        except (OSError, IndexError, ValueError):
            continue
    return None


# Two multi-process runs (the one killed, the resumed one): a launcher and two JAX processes each,
# every one importing TensorFlow, JAX and Keras and building the model: over a minute of CPU. The
# launcher's part, stopping the others when one is killed, is checked in the default tier below.
@pytest.mark.slow
def test_a_killed_process_stops_the_run_and_the_rerun_resumes(tmp_path, jax_cache):
    """Two processes train 3 epochs of 4 steps on 8-pixel digits; process 1 is killed as soon as
    the checkpoint of step 3 is written. The launcher stops process 0 and fails; the rerun (which
    loads what process 0 compiled from the cache) resumes from the checkpoint."""
    output = tmp_path / "run"
    command = [
        sys.executable,
        "-m",
        "keras_resnet.cli",
        *TRAIN,
        "--input-size",
        "8",
        "--limit",
        "128",
        "--epochs",
        "3",
        "--save-freq",
        "3",
        "--processes",
        "2",
        "--output",
        str(output),
    ]
    env = _jax_env(jax_cache)
    launcher = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    deadline = time.monotonic() + 300
    victim = survivor = None
    while not list((output / "backup").glob("step-*.weights.h5")):
        assert launcher.poll() is None and time.monotonic() < deadline, launcher.communicate()
        victim, survivor = victim or _child(launcher, 1), survivor or _child(launcher, 0)
        time.sleep(0.02)
    assert victim and survivor
    os.kill(victim, signal.SIGKILL)
    killed = time.monotonic()
    _, err = launcher.communicate(timeout=60)
    assert launcher.returncode != 0 and time.monotonic() - killed < 60
    assert "process 1 of 2 was killed (SIGKILL); stopping the other processes" in err
    assert (
        not pathlib.Path(f"/proc/{survivor}").exists()
        or "zombie" in pathlib.Path(f"/proc/{survivor}/status").read_text()
    )

    rerun = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert re.search(r"starting at epoch (0, step [1-3] of 4|[12])", rerun.stderr), rerun.stderr[
        -3000:
    ]
    assert (output / "final.weights.h5").is_file()


_KILLED_CHILD = """
import os, signal, sys, time
index = int(sys.argv[sys.argv.index("--process-id") + 1])
with open(os.path.join(sys.argv[1], f"{index}.tmp"), "w") as f:
    f.write(str(os.getpid()))
os.replace(os.path.join(sys.argv[1], f"{index}.tmp"), os.path.join(sys.argv[1], f"{index}.pid"))
while index == 1:  # killed once process 0 runs
    if os.path.exists(os.path.join(sys.argv[1], "0.pid")):
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.01)
time.sleep(120)
"""


def test_the_launcher_stops_the_other_processes_when_one_is_killed(tmp_path, capsys):
    """`cluster.launch` (what --processes runs) with two plain Python processes: process 1 is
    killed, process 0 would run for two minutes; the launcher fails at once, names the killed
    one and leaves no process behind. The same with training: the slow test above."""
    command = [sys.executable, "-c", _KILLED_CHILD, str(tmp_path)]
    started = time.monotonic()
    assert cluster.launch(command, 2) == 1
    assert time.monotonic() - started < 60
    err = capsys.readouterr().err
    assert "process 1 of 2 was killed (SIGKILL); stopping the other processes" in err
    for index in (0, 1):
        pid = int((tmp_path / f"{index}.pid").read_text())
        assert not pathlib.Path(f"/proc/{pid}").exists(), index  # stopped and reaped


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--coordinator", "localhost:1", "--num-processes", "2", "--process-id", "2"],
            "--process-id must be in 0..1",
        ),
        (
            ["--coordinator", "nohost", "--num-processes", "2", "--process-id", "0"],
            "coordinator must be HOST:PORT",
        ),
        (["--coordinator", "localhost:1", "--num-processes", "2"], "go together"),
        (["--processes", "2", "--process-id", "0"], "--processes starts its own local cluster"),
    ],
)
def test_cluster_usage_errors_are_named_before_any_work(tmp_path, capsys, args, message):
    assert cli.main([*TRAIN, "--output", str(tmp_path / "run"), *args]) == 2
    assert message in capsys.readouterr().err


def test_an_unreachable_coordinator_is_named_after_the_timeout():
    with pytest.raises(TimeoutError, match=r"the coordinator localhost:\d+ did not answer in 1 s"):
        cluster.wait_for(f"localhost:{cluster.free_port()}", timeout=1)


def test_a_batch_that_does_not_divide_over_the_processes_is_refused(tmp_path, capsys):
    assert (
        cli.main(
            [*TRAIN, "--batch-size", "33", "--processes", "2", "--output", str(tmp_path / "run")]
        )
        == 2
    )
    assert "--batch-size 33 must divide evenly over the 2 processes" in capsys.readouterr().err
