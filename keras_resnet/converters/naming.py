"""How a checkpoint names the tensors of one Keras layer: the one table of layer kinds both
layouts (torchvision/timm, keras.applications) share, each with its own field names."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import keras


@dataclasses.dataclass(frozen=True)
class Naming:
    """A checkpoint's names for a layer's tensors, in Keras' weight order.

    Attributes:
        separator: between the layer's prefix and the field (``"."`` in a PyTorch state dict).
        kernel: a Conv2D/Dense kernel's field (``"weight"``, ``"kernel"``).
        bias: a bias's field.
        batchnorm: BatchNormalization's four fields, as gamma, beta, moving mean, moving variance.
    """

    separator: str
    kernel: str
    bias: str
    batchnorm: tuple[str, str, str, str]

    def keys(self, prefix: str, layer: keras.layers.Layer) -> list[str] | None:
        """`layer`'s keys under `prefix`, or None for a layer kind with no tensors to convert."""
        kind = type(layer).__name__
        if kind == "BatchNormalization":
            fields = list(self.batchnorm)
        elif kind == "Dense":
            fields = [self.kernel, self.bias]
        elif kind in ("Conv2D", "Conv1D"):
            fields = [self.kernel] + ([self.bias] if layer.use_bias else [])
        else:
            return None
        return [f"{prefix}{self.separator}{field}" for field in fields]
