"""The machine a figure was measured on, and the CPU target int8 code is chosen for.

One place reads the CPU (Linux's ``/proc/cpuinfo``; elsewhere what Python's `platform` reports):
the model name, the core count, the ISA extensions that decide inference speed, and the versions
of the runtimes (read from the installed packages' metadata, so nothing is imported).

Example:
    >>> from keras_resnet import _machine
    >>> cpu = _machine.cpu()
    >>> cpu.cores >= 1 and _machine.target() in _machine.TARGETS
    True
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.metadata
import os
import platform

#: the ISA extensions that decide CPU inference speed, as /proc/cpuinfo names them (x86 ``flags``,
#: ARM ``Features``), with the name a report prints
ISA = (
    ("fma", "FMA"),
    ("avx2", "AVX2"),
    ("avx512f", "AVX-512"),
    ("avx512_vnni", "AVX-512 VNNI"),
    ("avx_vnni", "AVX-VNNI"),
    ("avx512_bf16", "AVX-512 BF16"),
    ("amx_tile", "AMX"),
    ("asimd", "NEON"),
    ("asimddp", "NEON dot product"),
    ("i8mm", "NEON int8 matmul"),
)

#: the CPU targets int8 code is chosen for: x86 without VNNI (AVX2), x86 with VNNI (AVX-512 VNNI or
#: AVX-VNNI), and 64-bit ARM
TARGETS = ("x86", "x86-vnni", "arm")

#: the packages whose versions a report records (distribution names)
RUNTIMES = (
    "tensorflow",
    "keras",
    "onnxruntime",
    "ai-edge-litert",
    "tf2onnx",
    "onnx",
    "openvino",
    "nncf",
    "numpy",
    "keras-resnet",
)


@dataclasses.dataclass(frozen=True)
class Cpu:
    model: str  # "AMD EPYC 7B13", or the processor name Python reports
    cores: int  # logical CPUs this process may use
    architecture: str  # platform.machine(): x86_64, aarch64, arm64, ...
    isa: tuple[str, ...]  # the extensions of `ISA` present, by their report names
    family: str = ""  # x86 "family F model M" (tells CPU generations apart when the name does not)

    def describe(self) -> str:
        """One line: ``AMD EPYC (family 25 model 1), 2 cores, x86_64 (FMA, AVX2)``."""
        name = f"{self.model} ({self.family})" if self.family else self.model
        return f"{name}, {self.cores} cores, {self.architecture}" + (
            f" ({', '.join(self.isa)})" if self.isa else ""
        )


def _cpuinfo() -> tuple[str, str, set[str]]:
    """(model name, "family F model M", flags) from /proc/cpuinfo; empty where it is absent."""
    fields: dict[str, str] = {}
    flags: set[str] = set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                key, value = key.strip(), value.strip()
                if key in ("flags", "Features"):
                    flags |= set(value.split())
                elif key in ("model name", "cpu family", "model") and value:
                    fields.setdefault(key, value)
    except OSError:
        pass
    family = (
        f"family {fields['cpu family']} model {fields['model']}"
        if "cpu family" in fields and "model" in fields
        else ""
    )
    return fields.get("model name", ""), family, flags


@functools.lru_cache(maxsize=1)
def cpu() -> Cpu:
    """This machine's CPU (read once per process)."""
    name, family, flags = _cpuinfo()
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
    return Cpu(
        model=name or platform.processor() or platform.machine() or "unknown CPU",
        cores=cores,
        architecture=platform.machine() or "unknown",
        isa=tuple(label for flag, label in ISA if flag in flags),
        family=family,
    )


def target(machine: Cpu | None = None) -> str:
    """The int8 target of `machine` (default: this one): ``"arm"`` on 64-bit ARM, ``"x86-vnni"``
    on x86 with AVX-512 VNNI or AVX-VNNI, else ``"x86"``."""
    machine = machine or cpu()
    if machine.architecture.lower() in ("aarch64", "arm64", "armv8l") or "NEON" in machine.isa:
        return "arm"
    if "AVX-512 VNNI" in machine.isa or "AVX-VNNI" in machine.isa:
        return "x86-vnni"
    return "x86"


def versions(packages: tuple[str, ...] = RUNTIMES) -> dict[str, str]:
    """``{package: version}`` of the installed `packages` (absent ones are left out)."""
    found = {}
    for package in packages:
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            pass
    return found


def load_average() -> tuple[float, float, float] | None:
    """The 1, 5 and 15 minute load averages (None where the OS has none): how busy the machine
    was while a figure was measured."""
    try:
        one, five, fifteen = os.getloadavg()
    except (AttributeError, OSError):
        return None
    return round(one, 2), round(five, 2), round(fifteen, 2)


def describe() -> str:
    """The machine and runtimes in one line, for a report."""
    runtimes = ", ".join(f"{name} {version}" for name, version in versions().items())
    return f"{cpu().describe()}; {runtimes}"


def info() -> dict:
    """The machine and runtimes as JSON-ready data, for a report."""
    return {
        **dataclasses.asdict(cpu()),
        "target": target(),
        "versions": versions(),
        "python": platform.python_version(),
    }
