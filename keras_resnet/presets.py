"""Named pretrained weights, described like torchvision's weight enums and timm's pretrained configs.

A preset names one published checkpoint and everything needed to use it correctly: where it comes
from (source library, its own model id, the URL or Hugging Face Hub repository, the hash), its
license, its published ImageNet-1k top-1 and top-5, the training recipe, and the evaluation
transform it was measured with (`Eval`: resize to ``size / crop_pct`` with `interpolation`,
center-crop ``size``, normalize with `preprocessing`).

Preset names are the source's own names: timm's ``resnet50.a1_in1k`` (timm's ``resnet50`` is this
library's ``resnet50b``: stride in the 3x3 conv), torchvision's weights under timm's names
(``resnet50.tv2_in1k`` is ``ResNet50_Weights.IMAGENET1K_V2``), keras.applications' as
``resnet50.keras_in1k``. ``<registry model>.<tag>`` names the same preset (``resnet50b.tv_in1k``).
``weights="imagenet"`` picks the model's preset with the highest published top-1.
``hf-hub:timm/<name>`` names any timm ResNet-family repository on the Hub, listed here or not.

Example:
    >>> from keras_resnet import presets
    >>> p = presets.get("resnet50.tv2_in1k")
    >>> p.model, p.library, p.model_id, p.top1, p.eval.resize, p.eval.size
    ('resnet50b', 'torchvision', 'ResNet50_Weights.IMAGENET1K_V2', 80.858, 232, 224)
    >>> presets.get("imagenet", "resnet50d").name
    'resnet50d.ra2_in1k'
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
import pathlib
from typing import Any

from keras_resnet import variants

CACHE_SUBDIR = "keras_resnet"
HUB_PREFIX = "hf-hub:"


@dataclasses.dataclass(frozen=True)
class Eval:
    """The evaluation transform a checkpoint's accuracy was measured with (timm's ``input_size``,
    ``crop_pct``, ``interpolation``; torchvision's ``resize_size``/``crop_size``)."""

    size: int = 224  # the center crop fed to the model
    crop_pct: float = 0.875  # the crop's fraction of the resized shorter side
    interpolation: str = "bilinear"  # "bilinear" or "bicubic"

    @property
    def resize(self) -> int:
        """The shorter side before the crop: ``floor(size / crop_pct)``, timm's formula (256 for
        224 at 0.875; torchvision's V2 weights resize to 232)."""
        return int(math.floor(round(self.size / self.crop_pct, 6)))


@dataclasses.dataclass(frozen=True)
class Preset:
    name: str
    model: str  # the registry model the weights fit
    library: (
        str  # where they were trained and published: "timm", "torchvision", "keras.applications"
    )
    model_id: str  # the source library's own name for them
    url: str  # a download URL, or "hf-hub:<repo>" for a Hugging Face Hub repository
    file_hash: str | None = (
        None  # full hash, or a SHA-256 prefix as torchvision publishes in file names
    )
    hash_algorithm: str = "sha256"
    preprocessing: str = "torch"  # keras_resnet.preprocessing preset (the normalization)
    classes: int = 1000
    top1: float | None = None  # published ImageNet-1k top-1 (%) at `eval`
    top5: float | None = None
    license: str = "apache-2.0"
    recipe: str = ""
    eval: Eval = Eval()
    file_size_mb: float | None = None  # as published (torchvision); None where not published
    revision: str = "main"  # the Hub revision (branch, tag or commit) downloaded
    hub_filename: str = "model.safetensors"

    @property
    def hub_repo(self) -> str | None:
        return self.url[len(HUB_PREFIX) :] if self.url.startswith(HUB_PREFIX) else None

    @property
    def filename(self) -> str:
        return self.hub_filename if self.hub_repo else self.url.rsplit("/", 1)[-1]

    def cache_path(self) -> pathlib.Path:
        """Where a direct-URL checkpoint lives in the Keras cache (Hub files live in the Hub's)."""
        base = pathlib.Path(os.environ.get("KERAS_HOME", pathlib.Path.home() / ".keras"))
        return base / CACHE_SUBDIR / self.filename

    def config(self) -> dict[str, Any]:
        """timm-style ``pretrained_cfg``: what a model built with these weights carries."""
        from keras_resnet import preprocessing as preprocessing_lib

        normalization = preprocessing_lib.get(self.preprocessing)
        return {
            "preset": self.name,
            "library": self.library,
            "model_id": self.model_id,
            "source": self.url,
            "license": self.license,
            "top1": self.top1,
            "top5": self.top5,
            "recipe": self.recipe,
            "num_classes": self.classes,
            "input_size": (self.eval.size, self.eval.size, 3),
            "crop_pct": self.eval.crop_pct,
            "resize": self.eval.resize,
            "interpolation": self.eval.interpolation,
            "preprocessing": normalization.as_dict(),
        }


_TV = "https://download.pytorch.org/models/"
_KA = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/"
_TV_V1 = "https://github.com/pytorch/vision/tree/main/references/classification#resnet"
_TV_V2 = "https://github.com/pytorch/vision/issues/3995#new-recipe"
_TV_V2_FIXRES = "https://github.com/pytorch/vision/issues/3995#new-recipe-with-fixres"
_TV_RESNEXT = "https://github.com/pytorch/vision/tree/main/references/classification#resnext"
_TV_WIDE = "https://github.com/pytorch/vision/pull/912#issue-445437439"

#: torchvision: (model, enum, file, full SHA-256 where checked (else None: the file name's 8-hex
#: prefix, which torch.hub checks), top-1, top-5, resize, MB, recipe). Crop 224, bilinear; V2
#: weights resize to 232.
_TORCHVISION = [
    (
        "resnet18",
        "ResNet18_Weights.IMAGENET1K_V1",
        "resnet18-f37072fd.pth",
        "f37072fd47e89c5e827621c5baffa7500819f7896bbacec160b1a16c560e07ec",
        69.758,
        89.078,
        256,
        44.661,
        _TV_V1,
    ),
    (
        "resnet34",
        "ResNet34_Weights.IMAGENET1K_V1",
        "resnet34-b627a593.pth",
        None,
        73.314,
        91.420,
        256,
        83.275,
        _TV_V1,
    ),
    (
        "resnet50b",
        "ResNet50_Weights.IMAGENET1K_V1",
        "resnet50-0676ba61.pth",
        "0676ba61b6795bbe1773cffd859882e5e297624d384b6993f7c9e683e722fb8a",
        76.130,
        92.862,
        256,
        97.781,
        _TV_V1,
    ),
    (
        "resnet50b",
        "ResNet50_Weights.IMAGENET1K_V2",
        "resnet50-11ad3fa6.pth",
        None,
        80.858,
        95.434,
        232,
        97.79,
        "https://github.com/pytorch/vision/issues/3995#issuecomment-1013906621",
    ),
    (
        "resnet101b",
        "ResNet101_Weights.IMAGENET1K_V1",
        "resnet101-63fe2227.pth",
        None,
        77.374,
        93.546,
        256,
        170.511,
        _TV_V1,
    ),
    (
        "resnet101b",
        "ResNet101_Weights.IMAGENET1K_V2",
        "resnet101-cd907fc2.pth",
        None,
        81.886,
        95.780,
        232,
        170.53,
        _TV_V2,
    ),
    (
        "resnet152b",
        "ResNet152_Weights.IMAGENET1K_V1",
        "resnet152-394f9c45.pth",
        None,
        78.312,
        94.046,
        256,
        230.434,
        _TV_V1,
    ),
    (
        "resnet152b",
        "ResNet152_Weights.IMAGENET1K_V2",
        "resnet152-f82ba261.pth",
        None,
        82.284,
        96.002,
        232,
        230.474,
        _TV_V2,
    ),
    (
        "resnext50_32x4d",
        "ResNeXt50_32X4D_Weights.IMAGENET1K_V1",
        "resnext50_32x4d-7cdf4587.pth",
        None,
        77.618,
        93.698,
        256,
        95.789,
        _TV_RESNEXT,
    ),
    (
        "resnext50_32x4d",
        "ResNeXt50_32X4D_Weights.IMAGENET1K_V2",
        "resnext50_32x4d-1a0047aa.pth",
        None,
        81.198,
        95.340,
        232,
        95.833,
        _TV_V2,
    ),
    (
        "resnext101_32x8d",
        "ResNeXt101_32X8D_Weights.IMAGENET1K_V1",
        "resnext101_32x8d-8ba56ff5.pth",
        None,
        79.312,
        94.526,
        256,
        339.586,
        _TV_RESNEXT,
    ),
    (
        "resnext101_32x8d",
        "ResNeXt101_32X8D_Weights.IMAGENET1K_V2",
        "resnext101_32x8d-110c445d.pth",
        None,
        82.834,
        96.228,
        232,
        339.673,
        _TV_V2_FIXRES,
    ),
    (
        "resnext101_64x4d",
        "ResNeXt101_64X4D_Weights.IMAGENET1K_V1",
        "resnext101_64x4d-173b62eb.pth",
        None,
        83.246,
        96.454,
        232,
        319.318,
        "https://github.com/pytorch/vision/pull/5935",
    ),
    (
        "wide_resnet50_2",
        "Wide_ResNet50_2_Weights.IMAGENET1K_V1",
        "wide_resnet50_2-95faca4d.pth",
        None,
        78.468,
        94.086,
        256,
        131.82,
        _TV_WIDE,
    ),
    (
        "wide_resnet50_2",
        "Wide_ResNet50_2_Weights.IMAGENET1K_V2",
        "wide_resnet50_2-9ba9bcbe.pth",
        None,
        81.602,
        95.758,
        232,
        263.124,
        _TV_V2_FIXRES,
    ),
    (
        "wide_resnet101_2",
        "Wide_ResNet101_2_Weights.IMAGENET1K_V1",
        "wide_resnet101_2-32ee1156.pth",
        None,
        78.848,
        94.284,
        256,
        242.896,
        _TV_WIDE,
    ),
    (
        "wide_resnet101_2",
        "Wide_ResNet101_2_Weights.IMAGENET1K_V2",
        "wide_resnet101_2-d733dc28.pth",
        None,
        82.510,
        96.020,
        232,
        484.747,
        _TV_V2,
    ),
]

#: What timm's tags mean (its model cards).
_RECIPES = {
    "a1": "ResNet Strikes Back A1: LAMB, BCE loss, cosine LR, 600 epochs",
    "a1h": "ResNet Strikes Back A1, timm's variation (higher-resolution fine-tune)",
    "ra2": "timm RA2: RandAugment, RMSProp, EMA weights, step LR (RSB's B recipe)",
    "racm": "timm RandAugment + Mixup/CutMix, SGD Nesterov, cosine LR",
    "gluon": "GluonCV (MXNet) training, ported by timm",
    "bt": "Bag of Tricks recipe, trained in timm",
    "c1": "timm C1: SGD Nesterov, AGC, cosine LR (RSB's C recipe family)",
    "ah": "timm 'ah': RSB A-style recipe, BCE loss",
    "miil": "Alibaba MIIL, ported by timm",
    "tf": "ResNet-RS (Bello et al. 2021), trained in TensorFlow, ported by timm",
}

#: timm (Hugging Face Hub ``timm/<name>``): (name, registry model, eval size, crop_pct, top-1,
#: top-5), each at its pretrained config's input size, from timm's results-imagenet.csv. All bicubic,
#: ImageNet mean/std, Apache-2.0.
_TIMM = [
    ("resnet18.a1_in1k", "resnet18", 224, 0.95, 71.504, 90.086),
    ("resnet18d.ra2_in1k", "resnet18d", 224, 0.875, 72.296, 90.682),
    ("resnet34.a1_in1k", "resnet34", 224, 0.95, 76.420, 92.896),
    ("resnet34d.ra2_in1k", "resnet34d", 224, 0.875, 77.108, 93.372),
    ("resnet50.a1_in1k", "resnet50b", 224, 0.95, 80.382, 94.598),
    ("resnet50c.gluon_in1k", "resnet50c", 224, 0.875, 78.016, 93.994),
    ("resnet50d.ra2_in1k", "resnet50d", 224, 0.875, 80.546, 95.160),
    ("resnet50d.gluon_in1k", "resnet50d", 224, 0.875, 79.080, 94.458),
    ("resnet101.a1h_in1k", "resnet101b", 224, 0.95, 81.950, 95.760),
    ("resnet101c.gluon_in1k", "resnet101c", 224, 0.875, 79.542, 94.588),
    ("resnet101d.ra2_in1k", "resnet101d", 256, 0.95, 82.254, 96.070),
    ("resnet101d.gluon_in1k", "resnet101d", 224, 0.875, 80.466, 95.034),
    ("resnet152.a1h_in1k", "resnet152b", 224, 0.95, 82.818, 96.124),
    ("resnet152c.gluon_in1k", "resnet152c", 224, 0.875, 79.904, 94.854),
    ("resnet152d.ra2_in1k", "resnet152d", 256, 0.95, 83.160, 96.370),
    ("resnet152d.gluon_in1k", "resnet152d", 224, 0.875, 80.476, 95.194),
    ("resnet200d.ra2_in1k", "resnet200d", 256, 0.95, 83.250, 96.552),
    ("resnext50_32x4d.a1h_in1k", "resnext50_32x4d", 224, 0.95, 81.140, 95.320),
    ("resnext50d_32x4d.bt_in1k", "resnext50d_32x4d", 224, 0.875, 79.672, 94.878),
    ("resnext101_32x4d.gluon_in1k", "resnext101_32x4d", 224, 0.875, 80.336, 94.908),
    ("resnext101_64x4d.c1_in1k", "resnext101_64x4d", 224, 0.95, 82.446, 95.920),
    ("seresnet50.ra2_in1k", "seresnet50", 224, 0.875, 80.260, 95.068),
    ("seresnext50_32x4d.racm_in1k", "seresnext50_32x4d", 224, 0.875, 81.268, 95.624),
    ("seresnext101_32x4d.gluon_in1k", "seresnext101_32x4d", 224, 0.875, 80.886, 95.268),
    ("seresnext101_32x8d.ah_in1k", "seresnext101_32x8d", 224, 0.95, 83.618, 96.412),
    ("ecaresnet50d.miil_in1k", "ecaresnet50d", 224, 0.875, 80.634, 95.310),
    ("ecaresnet101d.miil_in1k", "ecaresnet101d", 224, 0.875, 82.180, 96.062),
    ("wide_resnet50_2.racm_in1k", "wide_resnet50_2", 224, 0.875, 81.466, 95.544),
    ("resnetrs50.tf_in1k", "resnetrs50", 160, 0.91, 77.858, 93.810),
    ("resnetrs101.tf_in1k", "resnetrs101", 192, 0.94, 80.706, 95.240),
    ("resnetrs152.tf_in1k", "resnetrs152", 256, 1.0, 82.900, 96.290),
    ("resnetrs200.tf_in1k", "resnetrs200", 256, 1.0, 83.884, 96.762),
]

#: keras.applications (its source's MD5s, which Keras itself checks; the docs' top-1/top-5).
_KERAS = [
    (
        "resnet50",
        "ResNet50",
        "resnet50_weights_tf_dim_ordering_tf_kernels.h5",
        "2cb95161c43110f7111970584f804107",
        74.9,
        92.1,
    ),
    (
        "resnet101",
        "ResNet101",
        "resnet101_weights_tf_dim_ordering_tf_kernels.h5",
        "f1aeb4b969a6efcfb50fad2f0c20cfc5",
        76.4,
        92.8,
    ),
    (
        "resnet152",
        "ResNet152",
        "resnet152_weights_tf_dim_ordering_tf_kernels.h5",
        "100835be76be38e30d865e96f2aaae62",
        76.6,
        93.1,
    ),
]


def _timm_arch(model: str) -> str:
    """timm's name of a registry model (timm's ``resnet50`` is the B form)."""
    return (
        model[:-1]
        if model[-1:] == "b" and model[:-1] in variants.MODELS and model.startswith("resnet")
        else model
    )


def _torchvision_presets() -> list[Preset]:
    out = []
    for model, enum, file, sha, top1, top5, resize, size_mb, recipe in _TORCHVISION:
        tag = "tv2_in1k" if enum.endswith("V2") else "tv_in1k"
        sha = sha or file.rsplit("-", 1)[1].split(".")[0]
        out.append(
            Preset(
                f"{_timm_arch(model)}.{tag}",
                model,
                "torchvision",
                enum,
                _TV + file,
                sha,
                top1=top1,
                top5=top5,
                license="bsd-3-clause",
                recipe=recipe,
                eval=Eval(224, 224 / resize),
                file_size_mb=size_mb,
            )
        )
    return out


def _timm_presets() -> list[Preset]:
    out = []
    for name, model, size, crop_pct, top1, top5 in _TIMM:
        tag = name.split(".", 1)[1].removesuffix("_in1k")
        out.append(
            Preset(
                name,
                model,
                "timm",
                name,
                f"{HUB_PREFIX}timm/{name}",
                top1=top1,
                top5=top5,
                recipe=_RECIPES[tag],
                eval=Eval(size, crop_pct, "bicubic"),
            )
        )
    return out


def _keras_presets() -> list[Preset]:
    return [
        Preset(
            f"{model}.keras_in1k",
            model,
            "keras.applications",
            f"keras.applications.{function}(weights='imagenet')",
            _KA + file,
            md5,
            "md5",
            "caffe",
            top1=top1,
            top5=top5,
            license="mit",
            recipe="Caffe ResNet (He et al. 2015) weights, converted by Keras",
        )
        for model, function, file, md5, top1, top5 in _KERAS
    ]


PRESETS: dict[str, Preset] = {
    p.name: p for p in (*_timm_presets(), *_torchvision_presets(), *_keras_presets())
}
#: ``<registry model>.<tag>`` for each preset whose source names the model differently
ALIASES = {
    f"{p.model}.{p.name.split('.', 1)[1]}": p.name
    for p in PRESETS.values()
    if not p.name.startswith(p.model + ".")
}
#: ``weights="imagenet"``: each model's preset with the highest published top-1
DEFAULTS = {
    model: max((p for p in PRESETS.values() if p.model == model), key=lambda p: p.top1 or 0.0).name
    for model in dict.fromkeys(p.model for p in PRESETS.values())
}


def list_presets(model: str | None = None) -> list[str]:
    """Preset names, for one registry model or all."""
    return [name for name, p in PRESETS.items() if model is None or p.model == model]


def presets_table(model: str | None = None) -> str:
    """The presets of one registry model (or all of them, when `model` is None) as a Markdown
    table: name, model, source, published top-1 and top-5, evaluation transform, license, file
    size and recipe, one row per preset in `PRESETS` order.

    Example:
        >>> print(presets_table("resnet18").splitlines()[0])
        | preset | model | source | top-1 | top-5 | eval (size, crop, interpolation) | ...
    """
    rows = [
        "| preset | model | source | top-1 | top-5 | eval (size, crop, interpolation) "
        "| license | MB | recipe |",
        "|---|---|---|---:|---:|---|---|---:|---|",
    ]
    for name in list_presets(model):
        p = PRESETS[name]
        source = (
            f"{p.library} `{p.model_id}`" if p.library != "timm" else f"timm (hf-hub:{p.hub_repo})"
        )
        size = f"{p.file_size_mb:.1f}" if p.file_size_mb else ""
        top1, top5 = (f"{v:.2f}%" if v is not None else "" for v in (p.top1, p.top5))
        rows.append(
            f"| {name} | {p.model} | {source} | {top1} | {top5} "
            f"| {p.eval.size}, {p.eval.crop_pct:.3g}, {p.eval.interpolation} "
            f"| {p.license} | {size} | {p.recipe} |"
        )
    return "\n".join(rows)


def _unknown(name: str, model: str | None) -> ValueError:
    choices = list_presets(model) if model in DEFAULTS else list(PRESETS)
    close = difflib.get_close_matches(name, [*PRESETS, *ALIASES], n=3)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    where = (
        f"presets for {model!r}: {', '.join(choices)}"
        if model in DEFAULTS
        else f"{len(choices)} presets (keras-resnet presets)"
    )
    return ValueError(f"weights={name!r} is neither an existing file nor a preset ({where}).{hint}")


def _mismatch(preset: Preset, model: str) -> ValueError:
    fits = list_presets(model)
    listing = (
        f"presets for {model!r}: {', '.join(fits)}" if fits else f"model {model!r} has no presets"
    )
    return ValueError(
        f"weights={preset.name!r} fits model {preset.model!r}, not {model!r}; {listing}"
    )


def get(name: str, model: str | None = None) -> Preset:
    """The preset `name` (``"imagenet"``: `model`'s default; ``"hf-hub:timm/<name>"``: any timm
    ResNet-family repository on the Hub); checked against `model` when given."""
    if name == "imagenet":
        if model not in DEFAULTS:
            raise ValueError(
                f"weights='imagenet' has no preset for model {model!r}; presets exist for {', '.join(sorted(DEFAULTS))}. "
                "Pass a checkpoint file (torchvision/timm .safetensors/.pth, keras.applications .h5) instead"
            )
        name = DEFAULTS[model]
    if name.startswith(HUB_PREFIX):
        listed = [p for p in PRESETS.values() if p.url == name]
        preset = listed[0] if listed else hub_preset(name[len(HUB_PREFIX) :], model)
    elif name in PRESETS or name in ALIASES:
        preset = PRESETS[ALIASES.get(name, name)]
    else:
        raise _unknown(name, model)
    if model is not None and preset.model != model:
        raise _mismatch(preset, model)
    return preset


def registry_model_of(timm_architecture: str) -> str:
    """The registry model timm's `timm_architecture` is (``resnet50`` -> ``resnet50b``)."""
    bform = f"{timm_architecture}b"
    if (
        timm_architecture.startswith("resnet")
        and bform in variants.MODELS
        and timm_architecture[6:].isdigit()
    ):
        return bform if int(timm_architecture[6:]) >= 50 else timm_architecture
    if (
        timm_architecture in variants.MODELS
        and variants.MODELS[timm_architecture].family == "resnet"
    ):
        return timm_architecture
    raise ValueError(
        f"timm architecture {timm_architecture!r} is not a model of this library (keras-resnet list)"
    )


def hub_preset(repo: str, model: str | None = None) -> Preset:
    """A preset for any timm repository on the Hub, described by its ``config.json`` (downloaded
    through `keras_resnet.downloads`, so the Hub's cache and offline mode apply)."""
    from keras_resnet import downloads

    config = downloads.hub_config(repo)
    cfg = config.get("pretrained_cfg", {})
    architecture = config.get("architecture") or repo.rsplit("/", 1)[-1].split(".")[0]
    size = int(cfg.get("input_size", (3, 224, 224))[-1])
    return Preset(
        repo.rsplit("/", 1)[-1],
        registry_model_of(architecture),
        "timm",
        repo,
        HUB_PREFIX + repo,
        preprocessing=_normalization_name(cfg.get("mean"), cfg.get("std")),
        classes=int(config.get("num_classes", 1000)),
        license=str(cfg.get("license", "see the model card")),
        recipe="see the model card",
        eval=Eval(
            size, float(cfg.get("crop_pct", 0.875)), str(cfg.get("interpolation", "bicubic"))
        ),
    )


def _normalization_name(mean: Any, std: Any) -> str:
    """The `keras_resnet.preprocessing` preset that is ``(x / 255 - mean) / std`` (timm's form)."""
    from keras_resnet import preprocessing as preprocessing_lib

    if mean is None or std is None:
        return "torch"
    wanted = [round(float(v), 4) for v in (*mean, *std)]
    for name, p in preprocessing_lib.PRESETS.items():
        unit = 255.0 * p.scale  # p: (x * scale - m) / s  ==  (x / 255 - m / unit) / (s / unit)
        means = [m / unit for m in p.mean] * (3 // len(p.mean))
        stds = [s / unit for s in p.std] * (3 // len(p.std))
        if not p.bgr and [round(v, 4) for v in (*means, *stds)] == wanted:
            return name
    raise ValueError(
        f"the Hub config's mean={mean} std={std} match no keras_resnet.preprocessing preset"
    )


def fetch(preset: Preset, *, verbose: bool = True) -> str:
    """The local path of the preset's checkpoint, downloaded into its cache and hash-checked
    (`keras_resnet.downloads`)."""
    from keras_resnet import downloads

    return downloads.fetch(preset, verbose=verbose)


__all__ = [
    "ALIASES",
    "DEFAULTS",
    "Eval",
    "PRESETS",
    "Preset",
    "fetch",
    "get",
    "hub_preset",
    "list_presets",
    "presets_table",
    "registry_model_of",
]
