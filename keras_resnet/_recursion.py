"""Room on the Python stack for Keras' graph walk over very deep models.

Keras builds a functional model (at construction and again when a ``.keras`` file is loaded) with
a recursive walk, ``keras.src.ops.function._build_map_helper``, that nests one Python frame per
layer along the longest path from output to input. CIFAR ResNet-1202 has about 1,200 layers on
that path, beyond Python's default limit of 1,000 frames, so it would end in ``RecursionError``.

The library therefore raises the limit for the duration of the calls that walk the graph
(`build`, `keras_resnet.load_model`) and restores it afterwards. It raises it rather than
restructuring the model (nested sub-models would change the layer names that weight files and
converters rely on), and only by what the model needs: since Python 3.11 a Python-to-Python call
uses no C stack, so the higher limit cannot overflow the C stack in that walk.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

#: Frames per layer of the longest path, and room for the caller's own frames.
_FRAMES_PER_LAYER = 2
_HEADROOM = 1000


def needed_limit(layers: int) -> int:
    """A recursion limit that lets Keras walk a graph of `layers` layers (an upper bound on the
    longest path)."""
    return _HEADROOM + _FRAMES_PER_LAYER * int(layers)


@contextlib.contextmanager
def room_for(layers: int) -> Iterator[None]:
    """Raises the recursion limit to `needed_limit(layers)` if it is lower, and restores it."""
    previous = sys.getrecursionlimit()
    needed = needed_limit(layers)
    if needed > previous:
        sys.setrecursionlimit(needed)
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)
