#!/usr/bin/env bash
# The wheels that the GPU machine lacks (it has JAX, PyTorch, NumPy, h5py, rich, Pillow, absl-py but
# neither Keras nor Grain; see ../shared/GPU.md), for its Python 3.12, into .whl/ (git-ignored via
# .git/info/exclude). Carry .whl with the command and install them with pip --no-index --target.
set -euo pipefail
cd "$(dirname "$0")/.."
exclude="$(git rev-parse --git-path info/exclude)"
mkdir -p "$(dirname "$exclude")"
grep -qxF "/.whl/" "$exclude" 2>/dev/null || echo "/.whl/" >> "$exclude"
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
  -d .whl keras namex optree grain array-record cloudpickle etils portpicker protobuf
ls -la .whl
