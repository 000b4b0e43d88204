"""Named pretrained weights: where each comes from, what it must hash to, how to feed it.

``weights="resnet50b.tv_in1k"`` (or ``weights="imagenet"``, the model's default preset) downloads
the original checkpoint through ``keras.utils.get_file`` into the Keras cache
(``~/.keras/keras_resnet/``), verifies its hash, and converts it exactly
(`keras_resnet.converters`). Offline, the error says which file to download and where to put it.

Only checkpoints whose full hash is known are listed: torchvision publishes SHA-256 prefixes in
its file names (the full SHA-256 below was checked against them); keras.applications publishes
MD5 hashes in its source, which Keras itself verifies them with.

Example:
    >>> from keras_resnet import presets
    >>> p = presets.get("resnet50b.tv_in1k")
    >>> p.model, p.library, p.preprocessing, p.url.rsplit("/", 1)[-1]
    ('resnet50b', 'torchvision', 'torch', 'resnet50-0676ba61.pth')
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import pathlib

CACHE_SUBDIR = "keras_resnet"


@dataclasses.dataclass(frozen=True)
class Preset:
    name: str
    model: str  # the registry model the weights fit
    library: str  # where they were trained and published
    model_id: str  # the source library's own name for them
    url: str
    file_hash: str
    hash_algorithm: str = "sha256"
    preprocessing: str = "torch"  # keras_resnet.preprocessing preset
    classes: int = 1000
    top1: float | None = None  # published ImageNet-1k top-1 accuracy (%) at 224x224

    @property
    def filename(self) -> str:
        return self.url.rsplit("/", 1)[-1]

    def cache_path(self) -> pathlib.Path:
        base = pathlib.Path(os.environ.get("KERAS_HOME", pathlib.Path.home() / ".keras"))
        return base / CACHE_SUBDIR / self.filename


_TV = "https://download.pytorch.org/models/"
_KA = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/"

PRESETS = {
    p.name: p
    for p in [
        Preset("resnet18.tv_in1k", "resnet18", "torchvision", "ResNet18_Weights.IMAGENET1K_V1", _TV + "resnet18-f37072fd.pth",
               "f37072fd47e89c5e827621c5baffa7500819f7896bbacec160b1a16c560e07ec", top1=69.758),
        Preset("resnet50b.tv_in1k", "resnet50b", "torchvision", "ResNet50_Weights.IMAGENET1K_V1", _TV + "resnet50-0676ba61.pth",
               "0676ba61b6795bbe1773cffd859882e5e297624d384b6993f7c9e683e722fb8a", top1=76.130),
        Preset("resnet50.keras_in1k", "resnet50", "keras.applications", "ResNet50(weights='imagenet')",
               _KA + "resnet50_weights_tf_dim_ordering_tf_kernels.h5", "2cb95161c43110f7111970584f804107", "md5", "caffe", top1=74.9),
        Preset("resnet101.keras_in1k", "resnet101", "keras.applications", "ResNet101(weights='imagenet')",
               _KA + "resnet101_weights_tf_dim_ordering_tf_kernels.h5", "f1aeb4b969a6efcfb50fad2f0c20cfc5", "md5", "caffe", top1=76.4),
        Preset("resnet152.keras_in1k", "resnet152", "keras.applications", "ResNet152(weights='imagenet')",
               _KA + "resnet152_weights_tf_dim_ordering_tf_kernels.h5", "100835be76be38e30d865e96f2aaae62", "md5", "caffe", top1=76.6),
    ]
}
#: ``weights="imagenet"``: the preset each model takes by default
DEFAULTS = {p.model: p.name for p in reversed(list(PRESETS.values()))}


def list_presets(model: str | None = None) -> list[str]:
    """Preset names, for one registry model or all."""
    return [name for name, p in PRESETS.items() if model is None or p.model == model]


def get(name: str, model: str | None = None) -> Preset:
    """The preset `name` (``"imagenet"``: `model`'s default)."""
    if name == "imagenet":
        if model not in DEFAULTS:
            raise ValueError(
                f"weights='imagenet' has no preset for model {model!r}; presets exist for {sorted(DEFAULTS)}. "
                "Pass a checkpoint file (torchvision/timm .safetensors/.pth, keras.applications .h5) instead"
            )
        name = DEFAULTS[model]
    if name not in PRESETS:
        close = difflib.get_close_matches(name, PRESETS, n=3)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(f"weights={name!r} is neither an existing file nor a preset ({', '.join(PRESETS)}).{hint}")
    preset = PRESETS[name]
    if model is not None and preset.model != model:
        raise ValueError(f"weights={name!r} fits model {preset.model!r}, not {model!r}")
    return preset


def fetch(preset: Preset) -> str:
    """The local path of the preset's checkpoint: from the Keras cache, else downloaded and
    verified. Offline (or on a hash mismatch), a `ValueError` says what to download and where."""
    import keras

    target = preset.cache_path()
    try:
        return keras.utils.get_file(
            fname=preset.filename,
            origin=preset.url,
            file_hash=preset.file_hash,
            hash_algorithm=preset.hash_algorithm,
            cache_subdir=CACHE_SUBDIR,
            cache_dir=str(target.parent.parent),
        )
    except Exception as error:  # no network, HTTP error, or a hash mismatch
        raise ValueError(
            f"weights={preset.name!r}: could not get {preset.url} ({type(error).__name__}: {error}). "
            f"Download it yourself and put it at {target} ({preset.hash_algorithm} {preset.file_hash}), "
            "or pass the file's path as weights="
        ) from None


__all__ = ["DEFAULTS", "PRESETS", "Preset", "fetch", "get", "list_presets"]
