"""Named pretrained weights, described like torchvision's weight enums and timm's pretrained
configs.

A preset names one published checkpoint and everything needed to use it correctly: where it comes
from (source library, its own model id, the URL or Hugging Face Hub repository, the hash), its
license, its published ImageNet-1k top-1 and top-5, the training recipe, and the evaluation
transform it was measured with (`Eval`: resize to ``size / crop_pct`` with `interpolation`,
center-crop ``size``, normalize with `preprocessing`).

Preset names are the source's own names: timm's ``resnet50.a1_in1k`` (timm's ``resnet50`` is this
library's ``resnet50b``: stride in the 3x3 conv; its pre-activation ``resnetv2_50`` is
``resnet50v2``), torchvision's weights under timm's names (``resnet50.tv2_in1k`` is
``ResNet50_Weights.IMAGENET1K_V2``), keras.applications' as ``resnet50.keras_in1k`` and
``resnet50v2.keras_in1k`` (which fits ``resnet50v2_keras``, keras.applications' V2 layout).
``<registry model>.<tag>`` names the same preset (``resnet50b.tv_in1k``).
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
import re
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


def _timm_arch(model: str) -> str:
    """timm's name of a registry model (timm's ``resnet50`` is the B form)."""
    return (
        model[:-1]
        if model[-1:] == "b" and model[:-1] in variants.MODELS and model.startswith("resnet")
        else model
    )


def _torchvision(
    *,
    model: str,
    enum: str,
    file: str,
    top1: float,
    top5: float,
    resize: int,
    size_mb: float,
    recipe: str,
    sha256: str | None = None,
) -> Preset:
    """One torchvision checkpoint: registry `model`, torchvision's weight `enum`, the `file` under
    download.pytorch.org, its full `sha256` where checked (else the file name's 8-hex prefix, which
    torch.hub checks), the published top-1/top-5 and file size, and the shorter side the 224 center
    crop is taken from (`resize`: 256 for the V1 weights, 232 for V2). Bilinear, BSD-3-Clause."""
    tag = "tv2_in1k" if enum.endswith("V2") else "tv_in1k"
    return Preset(
        f"{_timm_arch(model)}.{tag}",
        model,
        "torchvision",
        enum,
        _TV + file,
        sha256 or file.rsplit("-", 1)[1].split(".")[0],
        top1=top1,
        top5=top5,
        license="bsd-3-clause",
        recipe=recipe,
        eval=Eval(224, 224 / resize),
        file_size_mb=size_mb,
    )


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
    "ra4_e3600_r224": "timm RA4 (its MobileNetV4 baseline recipe), 3600 epochs at 224",
    "ra4_e3600_r384": "timm RA4 (its MobileNetV4 baseline recipe), 3600 epochs at 384",
}


def _timm(
    *,
    name: str,
    model: str,
    top1: float,
    top5: float,
    size: int = 224,
    crop_pct: float = 0.875,
    preprocessing: str = "torch",
) -> Preset:
    """One timm checkpoint on the Hugging Face Hub (``timm/<name>``) for registry `model`: the
    published top-1/top-5 at its pretrained config's input `size` and `crop_pct` (timm's
    results-imagenet.csv); the recipe is the name's tag. Bicubic, Apache-2.0, normalized with its
    pretrained config's mean/std: ImageNet's (``"torch"``), or 0.5/0.5 (``"tf"``: timm's
    ``resnetv2_*``)."""
    tag = name.split(".", 1)[1].removesuffix("_in1k")
    return Preset(
        name,
        model,
        "timm",
        name,
        f"{HUB_PREFIX}timm/{name}",
        preprocessing=preprocessing,
        top1=top1,
        top5=top5,
        recipe=_RECIPES[tag],
        eval=Eval(size, crop_pct, "bicubic"),
    )


def _keras(
    *,
    model: str,
    function: str,
    file: str,
    md5: str,
    top1: float,
    top5: float,
    preprocessing: str = "caffe",
    recipe: str = "Caffe ResNet (He et al. 2015) weights, converted by Keras",
) -> Preset:
    """One keras.applications checkpoint: registry `model`, the ``keras.applications`` `function`,
    the `file` under its storage bucket with the source's MD5 (which Keras itself checks), and the
    docs' top-1/top-5; named after the file (``resnet50v2.keras_in1k``). The V1 weights take Caffe
    preprocessing, the V2 weights ``"tf"`` (``resnet_v2.preprocess_input``). MIT."""
    return Preset(
        f"{file.split('_weights_')[0]}.keras_in1k",
        model,
        "keras.applications",
        f"keras.applications.{function}(weights='imagenet')",
        _KA + file,
        md5,
        "md5",
        preprocessing,
        top1=top1,
        top5=top5,
        license="mit",
        recipe=recipe,
    )


_TORCHVISION = [
    _torchvision(
        model="resnet18",
        enum="ResNet18_Weights.IMAGENET1K_V1",
        file="resnet18-f37072fd.pth",
        sha256="f37072fd47e89c5e827621c5baffa7500819f7896bbacec160b1a16c560e07ec",
        top1=69.758,
        top5=89.078,
        resize=256,
        size_mb=44.661,
        recipe=_TV_V1,
    ),
    _torchvision(
        model="resnet34",
        enum="ResNet34_Weights.IMAGENET1K_V1",
        file="resnet34-b627a593.pth",
        top1=73.314,
        top5=91.420,
        resize=256,
        size_mb=83.275,
        recipe=_TV_V1,
    ),
    _torchvision(
        model="resnet50b",
        enum="ResNet50_Weights.IMAGENET1K_V1",
        file="resnet50-0676ba61.pth",
        sha256="0676ba61b6795bbe1773cffd859882e5e297624d384b6993f7c9e683e722fb8a",
        top1=76.130,
        top5=92.862,
        resize=256,
        size_mb=97.781,
        recipe=_TV_V1,
    ),
    _torchvision(
        model="resnet50b",
        enum="ResNet50_Weights.IMAGENET1K_V2",
        file="resnet50-11ad3fa6.pth",
        top1=80.858,
        top5=95.434,
        resize=232,
        size_mb=97.79,
        recipe="https://github.com/pytorch/vision/issues/3995#issuecomment-1013906621",
    ),
    _torchvision(
        model="resnet101b",
        enum="ResNet101_Weights.IMAGENET1K_V1",
        file="resnet101-63fe2227.pth",
        top1=77.374,
        top5=93.546,
        resize=256,
        size_mb=170.511,
        recipe=_TV_V1,
    ),
    _torchvision(
        model="resnet101b",
        enum="ResNet101_Weights.IMAGENET1K_V2",
        file="resnet101-cd907fc2.pth",
        top1=81.886,
        top5=95.780,
        resize=232,
        size_mb=170.53,
        recipe=_TV_V2,
    ),
    _torchvision(
        model="resnet152b",
        enum="ResNet152_Weights.IMAGENET1K_V1",
        file="resnet152-394f9c45.pth",
        top1=78.312,
        top5=94.046,
        resize=256,
        size_mb=230.434,
        recipe=_TV_V1,
    ),
    _torchvision(
        model="resnet152b",
        enum="ResNet152_Weights.IMAGENET1K_V2",
        file="resnet152-f82ba261.pth",
        top1=82.284,
        top5=96.002,
        resize=232,
        size_mb=230.474,
        recipe=_TV_V2,
    ),
    _torchvision(
        model="resnext50_32x4d",
        enum="ResNeXt50_32X4D_Weights.IMAGENET1K_V1",
        file="resnext50_32x4d-7cdf4587.pth",
        top1=77.618,
        top5=93.698,
        resize=256,
        size_mb=95.789,
        recipe=_TV_RESNEXT,
    ),
    _torchvision(
        model="resnext50_32x4d",
        enum="ResNeXt50_32X4D_Weights.IMAGENET1K_V2",
        file="resnext50_32x4d-1a0047aa.pth",
        top1=81.198,
        top5=95.340,
        resize=232,
        size_mb=95.833,
        recipe=_TV_V2,
    ),
    _torchvision(
        model="resnext101_32x8d",
        enum="ResNeXt101_32X8D_Weights.IMAGENET1K_V1",
        file="resnext101_32x8d-8ba56ff5.pth",
        top1=79.312,
        top5=94.526,
        resize=256,
        size_mb=339.586,
        recipe=_TV_RESNEXT,
    ),
    _torchvision(
        model="resnext101_32x8d",
        enum="ResNeXt101_32X8D_Weights.IMAGENET1K_V2",
        file="resnext101_32x8d-110c445d.pth",
        top1=82.834,
        top5=96.228,
        resize=232,
        size_mb=339.673,
        recipe=_TV_V2_FIXRES,
    ),
    _torchvision(
        model="resnext101_64x4d",
        enum="ResNeXt101_64X4D_Weights.IMAGENET1K_V1",
        file="resnext101_64x4d-173b62eb.pth",
        top1=83.246,
        top5=96.454,
        resize=232,
        size_mb=319.318,
        recipe="https://github.com/pytorch/vision/pull/5935",
    ),
    _torchvision(
        model="wide_resnet50_2",
        enum="Wide_ResNet50_2_Weights.IMAGENET1K_V1",
        file="wide_resnet50_2-95faca4d.pth",
        top1=78.468,
        top5=94.086,
        resize=256,
        size_mb=131.82,
        recipe=_TV_WIDE,
    ),
    _torchvision(
        model="wide_resnet50_2",
        enum="Wide_ResNet50_2_Weights.IMAGENET1K_V2",
        file="wide_resnet50_2-9ba9bcbe.pth",
        top1=81.602,
        top5=95.758,
        resize=232,
        size_mb=263.124,
        recipe=_TV_V2_FIXRES,
    ),
    _torchvision(
        model="wide_resnet101_2",
        enum="Wide_ResNet101_2_Weights.IMAGENET1K_V1",
        file="wide_resnet101_2-32ee1156.pth",
        top1=78.848,
        top5=94.284,
        resize=256,
        size_mb=242.896,
        recipe=_TV_WIDE,
    ),
    _torchvision(
        model="wide_resnet101_2",
        enum="Wide_ResNet101_2_Weights.IMAGENET1K_V2",
        file="wide_resnet101_2-d733dc28.pth",
        top1=82.510,
        top5=96.020,
        resize=232,
        size_mb=484.747,
        recipe=_TV_V2,
    ),
]


def _timm_v2() -> list[Preset]:
    """timm's pre-activation ``resnetv2_*`` with ImageNet-1k weights (BatchNorm: this library's V2
    in its default layout; timm's GroupNorm, EvoNorm and BiT variants are other networks): bicubic,
    mean/std 0.5 (their pretrained configs), figures at the pretrained input size."""
    rows = [
        ("resnetv2_18.ra4_e3600_r224_in1k", "resnet18v2", 224, 0.9, 73.572, 91.356),
        ("resnetv2_18d.ra4_e3600_r224_in1k", "resnet18v2d", 224, 0.9, 74.422, 91.928),
        ("resnetv2_34.ra4_e3600_r224_in1k", "resnet34v2", 224, 0.9, 77.626, 93.518),
        ("resnetv2_34d.ra4_e3600_r224_in1k", "resnet34v2d", 224, 0.9, 78.270, 93.950),
        ("resnetv2_34d.ra4_e3600_r384_in1k", "resnet34v2d", 384, 1.0, 79.792, 94.902),
        ("resnetv2_50.a1h_in1k", "resnet50v2", 224, 0.95, 80.410, 95.082),
        ("resnetv2_101.a1h_in1k", "resnet101v2", 224, 0.95, 82.042, 95.866),
    ]
    return [
        _timm(
            name=name,
            model=model,
            size=size,
            crop_pct=crop,
            top1=top1,
            top5=top5,
            preprocessing="tf",
        )
        for name, model, size, crop, top1, top5 in rows
    ]


_TIMM = [
    _timm(name="resnet18.a1_in1k", model="resnet18", crop_pct=0.95, top1=71.504, top5=90.086),
    _timm(name="resnet18d.ra2_in1k", model="resnet18d", top1=72.296, top5=90.682),
    _timm(name="resnet34.a1_in1k", model="resnet34", crop_pct=0.95, top1=76.420, top5=92.896),
    _timm(name="resnet34d.ra2_in1k", model="resnet34d", top1=77.108, top5=93.372),
    _timm(name="resnet50.a1_in1k", model="resnet50b", crop_pct=0.95, top1=80.382, top5=94.598),
    _timm(name="resnet50c.gluon_in1k", model="resnet50c", top1=78.016, top5=93.994),
    _timm(name="resnet50d.ra2_in1k", model="resnet50d", top1=80.546, top5=95.160),
    _timm(name="resnet50d.gluon_in1k", model="resnet50d", top1=79.080, top5=94.458),
    _timm(name="resnet101.a1h_in1k", model="resnet101b", crop_pct=0.95, top1=81.950, top5=95.760),
    _timm(name="resnet101c.gluon_in1k", model="resnet101c", top1=79.542, top5=94.588),
    _timm(
        name="resnet101d.ra2_in1k",
        model="resnet101d",
        size=256,
        crop_pct=0.95,
        top1=82.254,
        top5=96.070,
    ),
    _timm(name="resnet101d.gluon_in1k", model="resnet101d", top1=80.466, top5=95.034),
    _timm(name="resnet152.a1h_in1k", model="resnet152b", crop_pct=0.95, top1=82.818, top5=96.124),
    _timm(name="resnet152c.gluon_in1k", model="resnet152c", top1=79.904, top5=94.854),
    _timm(
        name="resnet152d.ra2_in1k",
        model="resnet152d",
        size=256,
        crop_pct=0.95,
        top1=83.160,
        top5=96.370,
    ),
    _timm(name="resnet152d.gluon_in1k", model="resnet152d", top1=80.476, top5=95.194),
    _timm(
        name="resnet200d.ra2_in1k",
        model="resnet200d",
        size=256,
        crop_pct=0.95,
        top1=83.250,
        top5=96.552,
    ),
    _timm(
        name="resnext50_32x4d.a1h_in1k",
        model="resnext50_32x4d",
        crop_pct=0.95,
        top1=81.140,
        top5=95.320,
    ),
    _timm(name="resnext50d_32x4d.bt_in1k", model="resnext50d_32x4d", top1=79.672, top5=94.878),
    _timm(name="resnext101_32x4d.gluon_in1k", model="resnext101_32x4d", top1=80.336, top5=94.908),
    _timm(
        name="resnext101_64x4d.c1_in1k",
        model="resnext101_64x4d",
        crop_pct=0.95,
        top1=82.446,
        top5=95.920,
    ),
    _timm(name="seresnet50.ra2_in1k", model="seresnet50", top1=80.260, top5=95.068),
    _timm(name="seresnext50_32x4d.racm_in1k", model="seresnext50_32x4d", top1=81.268, top5=95.624),
    _timm(
        name="seresnext101_32x4d.gluon_in1k", model="seresnext101_32x4d", top1=80.886, top5=95.268
    ),
    _timm(
        name="seresnext101_32x8d.ah_in1k",
        model="seresnext101_32x8d",
        crop_pct=0.95,
        top1=83.618,
        top5=96.412,
    ),
    _timm(name="ecaresnet50d.miil_in1k", model="ecaresnet50d", top1=80.634, top5=95.310),
    _timm(name="ecaresnet101d.miil_in1k", model="ecaresnet101d", top1=82.180, top5=96.062),
    _timm(name="wide_resnet50_2.racm_in1k", model="wide_resnet50_2", top1=81.466, top5=95.544),
    _timm(
        name="resnetrs50.tf_in1k",
        model="resnetrs50",
        size=160,
        crop_pct=0.91,
        top1=77.858,
        top5=93.810,
    ),
    _timm(
        name="resnetrs101.tf_in1k",
        model="resnetrs101",
        size=192,
        crop_pct=0.94,
        top1=80.706,
        top5=95.240,
    ),
    _timm(
        name="resnetrs152.tf_in1k",
        model="resnetrs152",
        size=256,
        crop_pct=1.0,
        top1=82.900,
        top5=96.290,
    ),
    _timm(
        name="resnetrs200.tf_in1k",
        model="resnetrs200",
        size=256,
        crop_pct=1.0,
        top1=83.884,
        top5=96.762,
    ),
    *_timm_v2(),
]

#: what keras.applications says of its V2 weights' training
_KERAS_V2_RECIPE = (
    "keras.applications' ResNet V2 weights (its documentation publishes no training recipe)"
)
_KERAS = [
    _keras(
        model="resnet50",
        function="ResNet50",
        file="resnet50_weights_tf_dim_ordering_tf_kernels.h5",
        md5="2cb95161c43110f7111970584f804107",
        top1=74.9,
        top5=92.1,
    ),
    _keras(
        model="resnet101",
        function="ResNet101",
        file="resnet101_weights_tf_dim_ordering_tf_kernels.h5",
        md5="f1aeb4b969a6efcfb50fad2f0c20cfc5",
        top1=76.4,
        top5=92.8,
    ),
    _keras(
        model="resnet152",
        function="ResNet152",
        file="resnet152_weights_tf_dim_ordering_tf_kernels.h5",
        md5="100835be76be38e30d865e96f2aaae62",
        top1=76.6,
        top5=93.1,
    ),
    *(
        _keras(
            model=f"resnet{depth}v2_keras",
            function=f"ResNet{depth}V2",
            file=f"resnet{depth}v2_weights_tf_dim_ordering_tf_kernels.h5",
            md5=md5,
            top1=top1,
            top5=top5,
            preprocessing="tf",
            recipe=_KERAS_V2_RECIPE,
        )
        for depth, md5, top1, top5 in (
            (50, "3ef43a0b657b3be2300d5770ece849e0", 76.0, 93.0),
            (101, "6343647c601c52e1368623803854d971", 77.2, 93.8),
            (152, "a49b44d1979771252814e80f8ec446f9", 78.0, 94.2),
        )
    ),
]


PRESETS: dict[str, Preset] = {p.name: p for p in (*_TIMM, *_TORCHVISION, *_KERAS)}
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
                f"weights='imagenet' has no preset for model {model!r}; presets exist for "
                f"{', '.join(sorted(DEFAULTS))}. Pass a checkpoint file (torchvision/timm "
                ".safetensors/.pth, keras.applications .h5) instead"
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
    """The registry model timm's `timm_architecture` is (``resnet50`` -> ``resnet50b``,
    ``resnetv2_50d`` -> ``resnet50v2d``)."""
    preact = re.fullmatch(r"resnetv2_(\d+)([cd]?)", timm_architecture)
    if preact and f"resnet{preact[1]}v2{preact[2]}" in variants.MODELS:
        return f"resnet{preact[1]}v2{preact[2]}"
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
        f"timm architecture {timm_architecture!r} is not a model of this library "
        "(keras-resnet list)"
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
