"""What a set of weights belongs to: a model's registry name and its architecture's fingerprint.

Every weights file, checkpoint, ``.keras`` file and training run folder that keras_resnet writes
records the `Identity` of the model it came from, so that weights are never loaded into another
architecture just because the shapes line up (a plain net's weights into its ResNet twin, a
pre-activation model's into its V1 twin, B into D). The fingerprint is a short hash of the knobs
of `keras_resnet.specs.Arch` that change what the weights mean (block kind, stage depths, widths
and strides, stem, shortcut kind, pre-activation, grouped/widened 3x3 conv, attention, the
stem's pool); the class count and the input size are not part of it (the head and shape checks
see those). Knobs that do not apply to an architecture are left out, so two names of one network
share a fingerprint (``resnet18`` and ``resnet18b``: a basic block has no 1x1 conv to move the
stride from).

Pure Python: no Keras import. A built model carries its identity as an attribute
(`attach`, `of_model`); the file formats store `Identity.as_record`.

Example:
    >>> from keras_resnet import identity
    >>> resnet20, plain20 = identity.of_name("cifar_resnet20"), identity.of_name("cifar_plain20")
    >>> plain20.fits(resnet20), plain20.differences(resnet20)
    (False, "shortcut 'none', not 'zero_pad'")
    >>> identity.of_name("resnet18").fits(identity.of_name("resnet18b"))
    True
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from keras_resnet import specs, variants

#: The attribute of a built `keras.Model` that holds its `Identity`.
_ATTRIBUTE = "keras_resnet_identity"


def knobs(arch: specs.Arch) -> dict[str, Any]:
    """The fields of `arch` that change what its weights mean, as JSON-ready values: the ones
    that do not apply to it (the stride's place and the grouped 3x3 of a basic block, the SE
    ratio without SE, the stem's pool of the CIFAR stem) are left out, and so is the default
    pre-activation layout (`specs.V2_LAYOUTS`): only another layout is part of the fingerprint.

    Example:
        >>> sorted(knobs(specs.cifar_arch(20)))  # doctest: +NORMALIZE_WHITESPACE
        ['attention', 'block', 'depths', 'preact', 'shortcut', 'stem', 'strides', 'widths']
    """
    fields = dataclasses.asdict(arch)
    if arch.block == "basic":
        for name in ("stride_in_3x3", "cardinality", "base_width"):
            del fields[name]
    if arch.attention != "se":
        del fields["attention_ratio"]
    if arch.stem == "cifar":
        del fields["stem_pool"]
    if arch.v2_layout == specs.DEFAULT_V2_LAYOUT:  # recorded only where it is not the default
        del fields["v2_layout"]
    return {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(fields.items())}


def fingerprint(arch: specs.Arch) -> str:
    """A short, stable hash of `knobs(arch)`: 12 hex digits of its SHA-256."""
    text = json.dumps(knobs(arch), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


@dataclasses.dataclass(frozen=True)
class Identity:
    """The model a set of weights belongs to.

    Attributes:
        model: its registry name (``"cifar_resnet20"``), for people to read.
        fingerprint: `fingerprint` of its architecture: what two identities are compared by.
        arch: `knobs` of its architecture, to say how two of them differ.
    """

    model: str
    fingerprint: str
    arch: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    def fits(self, other: Identity) -> bool:
        """Whether weights of `self` mean the same in a model of `other`."""
        return self.fingerprint == other.fingerprint

    def differences(self, other: Identity) -> str:
        """How the architecture of `self` differs from `other`'s, e.g. ``shortcut 'none', not
        'zero_pad'``; the fingerprints when either lacks its knobs."""
        keys = sorted(set(self.arch) | set(other.arch))
        parts = [
            f"{k} {self.arch.get(k, '-')!r}, not {other.arch.get(k, '-')!r}"
            for k in keys
            if self.arch.get(k) != other.arch.get(k)
        ]
        if not (self.arch and other.arch and parts):
            return f"fingerprint {self.fingerprint}, not {other.fingerprint}"
        return "; ".join(parts)

    def as_record(self) -> dict[str, str]:
        """The identity as the string fields a file stores (``arch`` as JSON)."""
        return {
            "model": self.model,
            "fingerprint": self.fingerprint,
            "arch": json.dumps(self.arch, sort_keys=True),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Identity | None:
        """The identity `as_record` stored; None for a record without model and fingerprint."""
        model, fingerprint = record.get("model"), record.get("fingerprint")
        if not (isinstance(model, str) and isinstance(fingerprint, str)):
            return None
        arch = record.get("arch") or {}
        if isinstance(arch, str):
            try:
                arch = json.loads(arch)
            except ValueError:
                arch = {}
        return cls(model, fingerprint, arch if isinstance(arch, dict) else {})


def of_arch(arch: specs.Arch, model: str) -> Identity:
    """The identity of `arch` under the registry name `model`."""
    return Identity(model, fingerprint(arch), knobs(arch))


def of_name(model: str | None) -> Identity | None:
    """The identity of the registered model `model`; None for None or an unregistered name."""
    entry = variants.MODELS.get(model.lower()) if isinstance(model, str) else None
    return None if entry is None else of_arch(entry.arch, entry.name)


def attach(model: Any, identity: Identity | None) -> Any:
    """Gives the built `model` its `identity` (kept by `of_model`); returns `model`."""
    if identity is not None:
        setattr(model, _ATTRIBUTE, identity)
    return model


def of_model(model: Any) -> Identity | None:
    """The identity a model built (or loaded) by keras_resnet carries; None for another model."""
    found = getattr(model, _ATTRIBUTE, None)
    return found if isinstance(found, Identity) else None


def mismatch(
    stored: Identity, target: Identity, where: str, *, argument: str = "weights"
) -> ValueError:
    """The one-line error for weights of `stored` offered to a model of `target`."""
    return ValueError(
        f"weights of {stored.model} do not fit {target.model} ({argument}={where!r}: "
        f"{stored.differences(target)}); pass allow_other_architecture=True to load them into "
        "another architecture where the shapes fit"
    )


__all__ = [
    "Identity",
    "attach",
    "fingerprint",
    "knobs",
    "mismatch",
    "of_arch",
    "of_model",
    "of_name",
]
