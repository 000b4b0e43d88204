"""keras_resnet._machine: the machine every benchmark report names, and the int8 CPU target."""

import json

from keras_resnet import _machine, benchmark


def test_the_target_follows_the_isa_extensions():
    def cpu(architecture, *isa):
        return _machine.Cpu(model="test CPU", cores=2, architecture=architecture, isa=isa)

    assert _machine.target(cpu("x86_64", "FMA", "AVX2")) == "x86"
    assert _machine.target(cpu("x86_64", "FMA", "AVX2", "AVX-512", "AVX-512 VNNI")) == "x86-vnni"
    assert _machine.target(cpu("x86_64", "FMA", "AVX2", "AVX-VNNI")) == "x86-vnni"
    assert _machine.target(cpu("aarch64", "NEON", "NEON dot product")) == "arm"
    assert _machine.target(cpu("arm64")) == "arm"
    assert set(_machine.TARGETS) == {"x86", "x86-vnni", "arm"}


def test_this_machine_is_described_with_its_cores_isa_and_runtimes():
    cpu = _machine.cpu()
    assert cpu.cores >= 1 and cpu.model and cpu.architecture
    line = cpu.describe()
    assert f"{cpu.cores} cores" in line and all(isa in line for isa in cpu.isa)
    info = json.loads(json.dumps(benchmark.machine_info()))  # JSON-ready
    assert (
        info["cores"] == cpu.cores
        and info["target"] == _machine.target()
        and list(info["isa"]) == list(cpu.isa)
    )
    assert {"numpy", "tensorflow", "keras", "onnxruntime"} <= set(info["versions"])
    assert benchmark.machine() == line
    load = _machine.load_average()
    assert load is None or (len(load) == 3 and all(v >= 0 for v in load))
