"""keras_resnet: the ResNet family for Keras 3 / TensorFlow."""

import pathlib
import re

from setuptools import find_packages, setup

HERE = pathlib.Path(__file__).parent
VERSION = re.search(
    r'__version__ = "([^"]+)"', (HERE / "keras_resnet" / "__init__.py").read_text()
).group(1)

EXTRAS = {
    # Converters and runtimes for keras_resnet.export.
    "export": [
        "tf2onnx>=1.16",
        "onnx>=1.15",
        "onnxruntime>=1.17",
        "ai-edge-litert>=1.0",
        "onnxconverter-common>=1.14",
    ],
    # Quantization-aware training and pruning: tfmot works on tf_keras models only.
    "optimize": ["tensorflow-model-optimization>=0.8", "tf-keras>=2.16"],
    # Pretrained weights: .safetensors without torch; timm's Hub-hosted checkpoints through the
    # Hub's own client (its cache, offline mode, tokens, mirrors); Pillow for `keras-resnet
    # predict`'s images.
    "weights": ["safetensors>=0.4", "huggingface_hub>=0.23", "pillow>=10"],
    # keras_resnet.training: Grain streams the data (Keras' fit takes Grain datasets on every
    # backend), Pillow decodes and resizes, TensorBoard logs.
    "train": ["grain>=0.2.10", "pillow>=10", "tensorboard>=2.16"],
    # `keras-resnet demo` / `benchmark`: digits (scikit-learn), every export runtime, the chart.
    "demo": ["scikit-learn>=1.3", "matplotlib>=3.7"],
    # OpenVINO: a fourth export format (its runtime reads the model; NNCF quantizes it to int8).
    "openvino": ["openvino>=2024.4", "nncf>=2.14"],
    # The documentation site: mkdocs-material, and the API reference from the docstrings.
    "docs": ["mkdocs-material>=9.5", "mkdocstrings[python]>=0.26"],
}
# The default test tier exercises every export format and QAT/pruning, so it needs those extras,
# plus the PyTorch reference of the pretrained-weights parity tests and the other Keras backends
# (JAX, PyTorch) that the builders are checked on. torch is pinned to 2.13.0 because that is the
# release with a CPU-only build (2.13.0+cpu) on the package index this project is tested against; an
# unpinned torch resolves there to 2.14.1, which pulls in the CUDA 13 libraries (several GB). jax on
# its own is the CPU build.
EXTRAS["demo"] += EXTRAS["export"] + EXTRAS["train"]  # the demo trains, then exports
EXTRAS["test"] = [
    "pytest>=7",
    "pytest-xdist>=3",
    "mypy>=1.10",
    "ruff==0.17.6",  # pinned: a new release may format differently and fail CI
    *EXTRAS["demo"],
    *EXTRAS["optimize"],
    *EXTRAS["weights"],
    *EXTRAS["openvino"],
    *EXTRAS["docs"],
    "torch==2.13.0",
    # timm (the reference the shared folders are loaded back by) needs torchvision: pinned to the
    # release built for torch 2.13.0, or pip would upgrade torch to a CUDA build.
    "torchvision==0.28.0",
    "timm>=1.0",
    "jax[cpu]",
]
EXTRAS["all"] = sorted(
    {req for name, reqs in EXTRAS.items() if name not in ("test", "docs") for req in reqs}
)

setup(
    name="keras-resnet",
    version=VERSION,
    description="ResNet-18...200 (original, B/C/D tweaks, V2) and CIFAR ResNets for Keras 3, "
    "with export to SavedModel, TFLite and ONNX",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    packages=find_packages(include=["keras_resnet", "keras_resnet.*"]),
    package_data={"keras_resnet": ["resources/*.json", "resources/samples/*", "py.typed"]},
    python_requires=">=3.10",
    install_requires=["tensorflow>=2.16", "keras>=3.0", "numpy", "h5py"],
    extras_require=EXTRAS,
    entry_points={"console_scripts": ["keras-resnet=keras_resnet.cli:main"]},
    classifiers=[
        "Programming Language :: Python :: 3",
        "Topic :: Scientific/Engineering :: Artificial Intelligence",
        "License :: OSI Approved :: Apache Software License",
    ],
)
