"""Sharing a trained model: `save_pretrained` writes one folder that timm, keras_resnet and the
Hugging Face Hub all read, and `push_to_hub` uploads it.

The folder (written atomically: complete under its name, or not at all) holds

* ``model.safetensors``: the weights in timm's key names and layouts (timm's names are
  torchvision's for the models both have), converted by the inverse of the loader
  (`keras_resnet.converters.inverse`), and ``config.json`` as timm's ``save_for_hf`` writes it
  (``architecture``, ``num_classes``, ``num_features``, ``global_pool``, ``label_names``,
  ``pretrained_cfg`` with the evaluation transform and the normalization), so that
  ``timm.create_model("local-dir:<folder>", pretrained=True)`` or
  ``timm.create_model("hf-hub:<user>/<repo>", pretrained=True)`` builds it;
* ``model.weights.h5``: the Keras weights, recording the model's `keras_resnet.identity`, and in
  ``config.json`` a ``keras_resnet`` section with what rebuilds the model without timm (registry
  name, builder arguments, preprocessing, class names): ``weights="<folder>"`` or
  ``weights="hf-hub:<user>/<repo>"`` loads it (`keras_resnet.pretrained`);
* ``README.md``: a model card with the Hub's metadata header (``library_name``, ``tags``,
  ``license``, ``datasets``, ``metrics``) and what is known of the run (`CardInfo`), written
  with ``huggingface_hub.ModelCard``.

Models timm has no architecture for (the CIFAR ResNets and plain nets, option-A shortcuts, the
original ResNet's stride in the first 1x1 convolution, the pre-activation models) are written in
the Keras layout only, and the card says why (`timm_architecture`).

Example:
    >>> import keras_resnet
    >>> model = keras_resnet.create_model("resnet18d", input_shape=(32, 32, 3), classes=3)
    >>> folder = keras_resnet.save_pretrained(
    ...     model, "/tmp/kr_doctest_shared", preprocessing="torch", overwrite=True, verbose=False
    ... )
    >>> sorted(p.name for p in folder.iterdir())
    ['README.md', 'config.json', 'model.safetensors', 'model.weights.h5']
    >>> again = keras_resnet.create_model(
    ...     "resnet18d", input_shape=(32, 32, 3), classes=3, weights=str(folder)
    ... )
"""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib
import tempfile
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from keras_resnet import (
    _checks,
    _console,
    _optional,
    atomic,
    presets,
    pretrained,
    registry,
    variants,
)
from keras_resnet import identity as identity_lib
from keras_resnet import preprocessing as preprocessing_lib
from keras_resnet import weights as weights_lib
from keras_resnet.converters import inverse

if TYPE_CHECKING:
    import keras

#: timm's names of the architectures this library's registry models are (timm's ``resnet50`` is
#: the registry's ``resnet50b``, see `timm_architecture`); torchvision's ResNets, ResNeXts and
#: Wide ResNets are among them under the same names and key layout
TIMM_ARCHITECTURES = frozenset(
    {
        *(f"resnet{depth}" for depth in (18, 34, 50, 101, 152, 200)),
        *(f"resnet{depth}d" for depth in (18, 34, 50, 101, 152, 200)),
        *(f"resnet{depth}c" for depth in (50, 101, 152)),
        *(entry.name for entry in variants.WIDER_FAMILY),
    }
)
#: BatchNorm's epsilon in timm's and torchvision's ResNets
TIMM_BN_EPSILON = 1e-5
#: what an existing folder may hold for ``overwrite=True`` to replace it
_FILES = frozenset(
    {pretrained.CONFIG, pretrained.KERAS_WEIGHTS, pretrained.TIMM_WEIGHTS, pretrained.CARD}
)
_LIBRARY_URL = "https://github.com/keras-resnet/keras-resnet"


@dataclasses.dataclass(frozen=True)
class CardInfo:
    """What the model card says about how the model came to be; every field is optional.

    Attributes:
        base: the weights it was fine-tuned from (a preset name, a file, a Hub repository);
            default: the preset or folder the model was built with, if any.
        dataset: the data it was trained on (``"cifar10"``, an image folder's name).
        recipe: the training recipe (``"finetune"``, ``"cifar"``, ``"bag_of_tricks"``).
        epochs: epochs trained.
        accuracy: held-out top-1 accuracy, a fraction in [0, 1].
        exports: export formats verified against the Keras model (``"onnx"``, ``"tflite"``).
        license: the Hub license id; default: the base preset's, else ``"apache-2.0"``.
    """

    base: str | None = None
    dataset: str | None = None
    recipe: str | None = None
    epochs: int | None = None
    accuracy: float | None = None
    exports: tuple[str, ...] = ()
    license: str | None = None


@dataclasses.dataclass(frozen=True)
class _Saved:
    """Everything one `save_pretrained` call writes, settled before the folder is made."""

    model: Any  # the registry model, rebuilt with the given model's weights
    name: str
    build: dict[str, Any]
    transform: presets.Preset
    timm: str | None  # timm's architecture, or None: Keras layout only
    why: str  # why not timm (empty with it)
    class_names: list[str] | None
    info: CardInfo


def timm_architecture(model: str) -> tuple[str | None, str]:
    """``(timm's name of registry model `model`, "")``, or ``(None, why timm has none)``.

    Example:
        >>> timm_architecture("resnet50b"), timm_architecture("resnet50d")
        (('resnet50', ''), ('resnet50d', ''))
        >>> timm_architecture("resnet50")[1]  # doctest: +ELLIPSIS
        "the original ResNet strides in the first 1x1 convolution ..."
    """
    entry = variants.MODELS.get(model)
    if entry is None:
        return None, f"{model!r} is not a registered model"
    arch = entry.arch
    if entry.family == "cifar":
        kind = "plain net" if not arch.residual else "CIFAR ResNet"
        shortcut = ", option-A zero-padding shortcuts" if arch.shortcut == "zero_pad" else ""
        return None, (
            f"timm has no {kind} (a 3x3 stem without pooling, three stages of 16-64 "
            f"filters{shortcut})"
        )
    if arch.preact:
        return None, (
            "save_pretrained does not yet write timm's pre-activation layout (resnetv2_*; "
            "keras_resnet reads it, but its classifier is a 1x1 convolution there)"
        )
    if arch.block == "bottleneck" and not arch.stride_in_3x3:
        return None, (
            "the original ResNet strides in the first 1x1 convolution (as keras.applications' "
            "ResNet50); timm and torchvision stride in the 3x3 (the B form, e.g. resnet50b)"
        )
    candidate = model[:-1] if model.endswith("b") and model[:-1] in variants.MODELS else model
    if candidate not in TIMM_ARCHITECTURES:
        return None, f"timm has no {candidate!r} architecture"
    return candidate, ""


def timm_normalization(
    preprocessing: str | preprocessing_lib.Preprocessing,
) -> tuple[list[float], list[float]] | None:
    """The preset as timm's ``(mean, std)`` of ``(pixels / 255 - mean) / std``; None for one
    timm cannot express (a BGR channel order).

    Example:
        >>> timm_normalization("unit")
        ([0.0, 0.0, 0.0], [1.0, 1.0, 1.0])
    """
    p = preprocessing_lib.get(preprocessing)
    if p.bgr:
        return None
    unit = 255.0 * p.scale  # (x * scale - m) / s == (x / 255 - m / unit) / (s / unit)
    mean = [float(m) / unit for m in p.mean] * (3 // len(p.mean))
    std = [float(s) / unit for s in p.std] * (3 // len(p.std))
    return [round(v, 8) for v in mean], [round(v, 8) for v in std]


def _parts(model: keras.Model) -> tuple[identity_lib.Identity, dict[str, Any], Any]:
    """The model's identity, its layers by name and its classifier: of the model itself, or of
    the keras_resnet backbone it wraps under a new ``predictions`` head (a fine-tuned model)."""
    found = identity_lib.of_model(model)
    if found is not None:
        layers = {layer.name: layer for layer in model.layers}
        return found, layers, layers.get("predictions")
    inner = [layer for layer in model.layers if identity_lib.of_model(layer) is not None]
    heads = [layer for layer in model.layers if type(layer).__name__ == "Dense"]
    if len(inner) != 1 or len(heads) != 1:
        raise ValueError(
            f"model {getattr(model, 'name', model)!r} was not built by keras_resnet (it records "
            "no keras_resnet identity, nor wraps one keras_resnet backbone under one Dense head)"
        )
    found = identity_lib.of_model(inner[0])
    assert found is not None
    return found, {layer.name: layer for layer in inner[0].layers}, heads[0]


def _canonical(model: keras.Model) -> tuple[Any, str, dict[str, Any]]:
    """The registry model `model` is, built afresh with `model`'s weights (a fine-tuned model's
    backbone and head as one flat model): ``(model, registry name, builder arguments)``."""
    found, layers, head = _parts(model)
    if found.model not in variants.MODELS:
        raise ValueError(
            f"model {found.model!r} is not a registered model; save_pretrained writes registry "
            "models (keras_resnet.list_models())"
        )
    if head is None:
        raise ValueError(
            f"model {model.name!r} has no classifier (include_top=False); save_pretrained "
            "writes classifiers"
        )
    epsilons = [layer.epsilon for layer in layers.values() if hasattr(layer, "epsilon")]
    activation = getattr(head.activation, "__name__", "linear")
    build = {
        "classes": int(head.units),
        "input_shape": list(model.input_shape[1:]),
        "classifier_activation": None if activation == "linear" else activation,
        "bn_epsilon": float(epsilons[0]) if epsilons else TIMM_BN_EPSILON,
    }
    rebuilt = registry.create_model(found.model, **build)
    for layer in rebuilt.layers:
        if layer.weights:
            source = head if layer.name == "predictions" else layers.get(layer.name)
            if source is None:
                raise ValueError(f"model {model.name!r} has no layer {layer.name!r}")
            layer.set_weights(source.get_weights())
    return rebuilt, found.model, build


def model_preprocessing(model: keras.Model, preprocessing: str | None = None) -> str:
    """`preprocessing` (checked), else the preset the model's ``pretrained_cfg`` records (a
    preset's or a saved folder's); a ValueError asks for it where the model records none."""
    if preprocessing is not None:
        return preprocessing_lib.get(preprocessing).name
    cfg = getattr(model, "pretrained_cfg", None) or {}
    known = cfg.get("preprocessing", {}).get("name")
    if known is None:
        raise ValueError(
            f"preprocessing=None: model {model.name!r} does not record how its images were "
            f"preprocessed; pass one of {', '.join(preprocessing_lib.PRESETS)}"
        )
    return str(known)


def _transform(
    model: keras.Model, name: str, where: str, preprocessing: str | None, info: CardInfo
) -> tuple[presets.Preset, CardInfo]:
    """The folder's evaluation transform and normalization as a `presets.Preset` (what
    ``model.pretrained_cfg`` holds once loaded), and `info` with the base and license the model's
    own ``pretrained_cfg`` gives."""
    cfg = getattr(model, "pretrained_cfg", None) or {}
    preprocessing = model_preprocessing(model, preprocessing)
    base = info.base or cfg.get("preset")  # the preset or folder it was built with
    license_ = info.license or cfg.get("license") or "apache-2.0"
    info = dataclasses.replace(info, base=base, license=license_)
    fixed = model.input_shape[1]
    size = int(fixed or (cfg.get("input_size") or [variants.MODELS[name].default_size])[0])
    transform = presets.Preset(
        where,
        name,
        "keras_resnet",
        name,
        base or "",
        preprocessing=preprocessing,
        classes=int(model.output_shape[-1]),
        top1=None if info.accuracy is None else round(100 * info.accuracy, 3),
        license=license_,
        recipe=info.recipe or "",
        eval=presets.Eval(
            size, float(cfg.get("crop_pct", 0.875)), str(cfg.get("interpolation", "bilinear"))
        ),
    )
    return transform, info


def _settle(
    model: keras.Model,
    class_names: Sequence[str] | None,
    preprocessing: str | None,
    info: CardInfo | None,
    where: str,
) -> tuple[_Saved, dict[str, Any] | None]:
    """What `save_pretrained` will write, and the timm state dict (None: Keras layout only)."""
    if info is not None and not isinstance(info, CardInfo):
        raise TypeError(f"info must be a CardInfo or None; received info={info!r}")
    rebuilt, name, build = _canonical(model)
    transform, info = _transform(model, name, where, preprocessing, info or CardInfo())
    names = None if class_names is None else [str(c) for c in class_names]
    if names is not None and len(names) != build["classes"]:
        raise ValueError(
            f"class_names has {len(names)} names; the model has {build['classes']} classes"
        )
    timm, why = timm_architecture(name)
    if timm and build["bn_epsilon"] != TIMM_BN_EPSILON:
        timm, why = None, f"its BatchNorm epsilon is {build['bn_epsilon']:g}, timm's {1e-5:g}"
    if timm and timm_normalization(transform.preprocessing) is None:
        timm, why = None, f"timm's pretrained_cfg cannot express {transform.preprocessing!r}"
    tensors = None
    if timm:
        try:
            tensors = inverse.state_dict(rebuilt)
        except ValueError as error:
            timm, why = None, str(error)
    saved = _Saved(rebuilt, name, build, transform, timm, why, names, info)
    return saved, tensors


def _timm_config(saved: _Saved) -> dict[str, Any]:
    """``config.json``'s timm fields, as timm's ``save_for_hf`` writes them."""
    arch = variants.MODELS[saved.name].arch
    classes = saved.build["classes"]
    config: dict[str, Any] = {
        "num_classes": classes,
        "num_features": arch.num_features,
        "global_pool": "avg",
    }
    if saved.class_names:
        config["label_names"] = saved.class_names
    normalization = timm_normalization(saved.transform.preprocessing)
    if saved.timm is None or normalization is None:
        return config
    size = saved.transform.eval.size
    pool = -(-size // arch.total_stride)
    config["pretrained_cfg"] = {
        "custom_load": False,
        "input_size": [3, size, size],
        "fixed_input_size": False,
        "interpolation": saved.transform.eval.interpolation,
        "crop_pct": saved.transform.eval.crop_pct,
        "crop_mode": "center",
        "mean": normalization[0],
        "std": normalization[1],
        "num_classes": classes,
        "pool_size": [pool, pool],
        "first_conv": "conv1.0" if arch.stem == "deep" else "conv1",
        "classifier": "fc",
        "license": saved.info.license,
    }
    return {"architecture": saved.timm, **config}


def _config(saved: _Saved) -> dict[str, Any]:
    """The whole ``config.json``: timm's fields and the ``keras_resnet`` section."""
    from keras_resnet import __version__

    found = identity_lib.of_model(saved.model)
    section = {
        "model": saved.name,
        "identity": found.as_record() if found is not None else None,
        "build": saved.build,
        "preprocessing": saved.transform.preprocessing,
        "pretrained_cfg": saved.transform.config(),
        "class_names": saved.class_names,
        "timm": saved.timm,
        "keras_only_reason": saved.why or None,
        "card": dataclasses.asdict(saved.info),
        "version": __version__,
    }
    return {**_timm_config(saved), pretrained.SECTION: section}


def _hub_id(base: str | None) -> str | None:
    """The Hub repository of the base weights, for the card's ``base_model``: a Hub preset's or
    an ``hf-hub:`` name's; None for others (a file, a torchvision or keras.applications URL)."""
    if not base:
        return None
    if base.startswith(presets.HUB_PREFIX):
        return base[len(presets.HUB_PREFIX) :]
    known = presets.PRESETS.get(presets.ALIASES.get(base, base))
    return known.hub_repo if known is not None else None


def _dataset(info: CardInfo) -> str | None:
    """The data set's name as the card names it: a named source, or a folder's or file's name."""
    if not info.dataset:
        return None
    return pathlib.PurePath(str(info.dataset).rstrip("/\\")).name or str(info.dataset)


def _card_data(saved: _Saved, title: str) -> Any:
    """The card's metadata header (``huggingface_hub.ModelCardData``)."""
    hub = _optional.require("huggingface_hub", "weights")
    info, dataset = saved.info, _dataset(saved.info)
    base_hub = _hub_id(info.base)
    datasets = [d for d in (dataset, "imagenet-1k" if base_hub or info.base else None) if d]
    results = None
    if info.accuracy is not None and dataset:
        results = [
            hub.EvalResult(
                task_type="image-classification",
                dataset_type=dataset,
                dataset_name=dataset,
                metric_type="accuracy",
                metric_value=round(float(info.accuracy), 6),
            )
        ]
    return hub.ModelCardData(
        library_name="timm" if saved.timm else "keras",
        license=info.license,
        tags=["image-classification", "keras", "keras-resnet", saved.name]
        + (["timm"] if saved.timm else []),
        datasets=datasets or None,
        metrics=["accuracy"] if info.accuracy is not None else None,
        pipeline_tag="image-classification",
        base_model=base_hub,
        model_name=title,
        eval_results=results,
    )


def _details(saved: _Saved) -> list[str]:
    """The card's table of what the model is and how it came to be."""
    info, t = saved.info, saved.transform
    norm = preprocessing_lib.get(t.preprocessing)
    classes = saved.build["classes"]
    listed = saved.class_names or []
    names = f" ({', '.join(listed[:10])}{', ...' if classes > 10 else ''})" if listed else ""
    rows = [
        ("Architecture", f"`{saved.name}`: {variants.MODELS[saved.name].summary}"),
        ("timm", f"`{saved.timm}`" if saved.timm else f"none: {saved.why}"),
        ("Classes", f"{classes}{names}"),
        (
            "Input",
            f"{t.eval.size}x{t.eval.size} RGB: shorter side resized to {t.eval.resize} "
            f"({t.eval.interpolation}), center crop; `{norm.name}` normalization "
            f"({norm.description})",
        ),
        ("Fine-tuned from", f"`{info.base}`" if info.base else "not recorded (or from scratch)"),
        ("Data", f"`{_dataset(info)}`" if info.dataset else "not recorded"),
        ("Recipe", f"`{info.recipe}`" if info.recipe else "not recorded"),
        ("Epochs", str(info.epochs) if info.epochs is not None else "not recorded"),
        (
            "Held-out accuracy",
            f"{info.accuracy:.2%}" if info.accuracy is not None else "not recorded",
        ),
        ("Export formats verified", ", ".join(info.exports) if info.exports else "none recorded"),
    ]
    return ["| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]


def _usage(saved: _Saved, repo_id: str | None) -> list[str]:
    """The card's loading instructions, with keras_resnet and with timm."""
    where = f"hf-hub:{repo_id}" if repo_id else "path/to/this/folder"
    build = ", ".join(
        f"{k}={tuple(v) if isinstance(v, list) else v!r}"
        for k, v in saved.build.items()
        if k in ("classes", "classifier_activation")
    )
    lines = [
        "## How to use",
        "",
        "With [keras_resnet](" + _LIBRARY_URL + ") (Keras 3: JAX, TensorFlow or PyTorch):",
        "",
        "```python",
        "import keras_resnet",
        "",
        f'model = keras_resnet.create_model("{saved.name}", {build}, weights="{where}")',
        "```",
        "",
    ]
    if not saved.timm:
        return lines + [
            f"timm cannot load this model: {saved.why}. It is in the Keras layout only."
        ]
    timm_where = where if repo_id else "local-dir:path/to/this/folder"
    return lines + [
        "With [timm](https://github.com/huggingface/pytorch-image-models) (PyTorch):",
        "",
        "```python",
        "import timm",
        "",
        f'model = timm.create_model("{timm_where}", pretrained=True).eval()',
        "```",
    ]


def _card(saved: _Saved, title: str, repo_id: str | None) -> Any:
    """The model card (``huggingface_hub.ModelCard``)."""
    hub = _optional.require("huggingface_hub", "weights")
    data = _card_data(saved, title)
    files = [
        f"- `{pretrained.CONFIG}`: {'timm' if saved.timm else 'the'} configuration, with a "
        "`keras_resnet` section",
        f"- `{pretrained.KERAS_WEIGHTS}`: the Keras weights",
        f"- `{pretrained.CARD}`: this card",
    ]
    if saved.timm:
        files.insert(1, f"- `{pretrained.TIMM_WEIGHTS}`: the weights in timm's layout")
    body = [
        f"# {title}",
        "",
        f"A `{saved.name}` image classifier for {saved.build['classes']} classes, saved with "
        f"keras_resnet {'for timm and Keras' if saved.timm else 'in the Keras layout'}.",
        "",
        "## Model details",
        "",
        *_details(saved),
        "",
        *_usage(saved, repo_id),
        "",
        "## Files",
        "",
        *files,
    ]
    return hub.ModelCard(f"---\n{data.to_yaml()}\n---\n\n" + "\n".join(body) + "\n")


def check_folder(folder: str | os.PathLike[str], overwrite: bool) -> None:
    """Refuses an existing `folder` unless `overwrite` and it is a folder `save_pretrained`
    writes (its files only); fails early where nothing can be written."""
    folder = pathlib.Path(folder)
    if folder.exists() or folder.is_symlink():
        if not overwrite:
            raise atomic.OutputExistsError(
                folder, "already exists; pass overwrite=True to replace it"
            )
        foreign = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else [folder.name]
        foreign = [name for name in foreign if name not in _FILES]
        if foreign or not (folder / pretrained.CONFIG).is_file():
            raise atomic.OutputExistsError(
                folder,
                f"is not a model folder save_pretrained wrote (it holds {foreign[:3] or 'no '}"
                f"{'' if foreign else pretrained.CONFIG}); not replacing it",
            )
    atomic.check_writable(folder.parent)


def _write(saved: _Saved, tensors: dict[str, Any] | None, tmp: pathlib.Path, card: Any) -> None:
    """The folder's four files (three in the Keras layout only), into `tmp`."""
    tmp.mkdir()
    weights_lib.save_weights(saved.model, tmp / pretrained.KERAS_WEIGHTS)
    if tensors is not None:
        numpy_io = _optional.require("safetensors.numpy", "weights")
        numpy_io.save_file(tensors, str(tmp / pretrained.TIMM_WEIGHTS), metadata={"format": "pt"})
    text = json.dumps(_config(saved), indent=2) + "\n"
    (tmp / pretrained.CONFIG).write_text(text, encoding="utf-8")
    card.save(str(tmp / pretrained.CARD))


def save_pretrained(
    model: keras.Model,
    folder: str | os.PathLike[str],
    *,
    class_names: Sequence[str] | None = None,
    preprocessing: str | None = None,
    info: CardInfo | None = None,
    repo_id: str | None = None,
    overwrite: bool = False,
    verbose: bool = True,
) -> pathlib.Path:
    """Writes `model` as a folder timm, keras_resnet and the Hugging Face Hub read (see the module
    docstring), atomically; returns its path.

    Args:
        model: a registry model built by keras_resnet (trained or not), or a fine-tuned one (a
            keras_resnet backbone under a new ``predictions`` head, as `train` makes).
        folder: the folder to write; it must not exist, unless `overwrite`.
        class_names: the classes' names in label order (timm's ``label_names``).
        preprocessing: the `keras_resnet.preprocessing` preset the model's images took; default:
            the one its preset or folder records (a ValueError asks for it where none does).
        info: what the model card says about the run (`CardInfo`).
        repo_id: the Hub repository the card's loading instructions name (``user/name``).
        overwrite: replace an existing folder that `save_pretrained` wrote (nothing else).
        verbose: one line on stderr with what was written and the time taken.

    Raises:
        ValueError: a model not built by keras_resnet, without a classifier, or an argument out
            of range; `keras_resnet.atomic.OutputExistsError` for an existing folder.
    """
    _checks.check_bool("overwrite", overwrite)
    if not isinstance(folder, (str, os.PathLike)) or not os.fspath(folder):
        raise ValueError(f"folder must be a path; received folder={folder!r}")
    start = time.perf_counter()
    final = pathlib.Path(folder)
    check_folder(final, overwrite)
    where = f"{presets.HUB_PREFIX}{repo_id}" if repo_id else str(final.resolve())
    saved, tensors = _settle(model, class_names, preprocessing, info, where)
    title = repo_id.split("/")[-1] if repo_id else final.resolve().name
    card = _card(saved, title, repo_id)
    with atomic.atomic_path(final, overwrite=overwrite, kind="model_folder") as tmp:
        _write(saved, tensors, tmp, card)
    layout = f"timm {saved.timm} and Keras" if saved.timm else f"Keras only: {saved.why}"
    _console.log(
        verbose,
        f"saved {saved.name} to {final} ({layout}) in {time.perf_counter() - start:.1f} s",
    )
    return final


class PushError(OSError):
    """The Hub could not be reached (offline, ``HF_HUB_OFFLINE=1``) or refused the upload (a
    missing or read-only token, a repository of someone else); nothing was uploaded, or the
    Hub's commit did not happen. The command line exits 1 on it."""


def _hub_client(token: str | None, api: Any) -> Any:
    """`api`, or a ``huggingface_hub.HfApi`` with `token` (default: the logged-in one,
    ``HF_TOKEN``) that names this library in its requests; refused offline."""
    hub = _optional.require("huggingface_hub", "weights")
    if _optional.require("huggingface_hub.constants", "weights").HF_HUB_OFFLINE:
        raise PushError("HF_HUB_OFFLINE=1 is set: nothing can be pushed to the Hub")
    if api is not None:
        return api
    from keras_resnet import __version__

    return hub.HfApi(token=token, library_name="keras-resnet", library_version=__version__)


def _upload(api: Any, folder: pathlib.Path, repo_id: str, options: dict[str, Any]) -> Any:
    """``create_repo(exist_ok=True)``, the branch `revision` where one is named, then
    ``upload_folder`` of the folder's own files."""
    url = api.create_repo(repo_id, private=options["private"], exist_ok=True)
    repo = getattr(url, "repo_id", None) or repo_id
    revision = options["revision"]
    if revision not in (None, "main"):
        api.create_branch(repo, branch=revision, exist_ok=True)
    return api.upload_folder(
        repo_id=repo,
        folder_path=str(folder),
        revision=revision,
        commit_message=options["commit_message"],
        create_pr=options["create_pr"],
        allow_patterns=sorted(_FILES),
    )


def check_repo_id(repo_id: str) -> str:
    """`repo_id` if it is a Hub repository name (``user/name``), else a ValueError that says
    why, in the Hub client's words."""
    utils = _optional.require("huggingface_hub.utils", "weights")
    try:
        utils.validate_repo_id(repo_id)
    except ValueError as error:  # HFValidationError
        raise ValueError(f"repo_id={repo_id!r} is no Hub repository name ({error})") from None
    return repo_id


def push_to_hub(
    model_or_folder: keras.Model | str | os.PathLike[str],
    repo_id: str,
    *,
    token: str | None = None,
    private: bool | None = None,
    revision: str | None = None,
    commit_message: str | None = None,
    create_pr: bool = False,
    api: Any = None,
    **save_options: Any,
) -> Any:
    """Uploads a model (saved first with `save_pretrained` and `save_options`) or a folder
    `save_pretrained` wrote to the Hub repository `repo_id`, creating it if needed; returns the
    Hub's ``CommitInfo``.

    Tokens (`token`, else ``HF_TOKEN`` or the ``hf auth login`` one), private repositories,
    revisions (a branch, created if needed), ``HF_ENDPOINT`` and ``HF_HUB_OFFLINE`` work as in
    ``huggingface_hub``. `api` replaces its ``HfApi`` client.

    Raises:
        ValueError: `repo_id` is no repository name, or the folder is not one `save_pretrained`
            wrote.
        PushError: offline, or the Hub refused (nothing uploaded).
    """
    constants = _optional.require("huggingface_hub.constants", "weights")
    check_repo_id(repo_id)
    options = dict(
        private=private, revision=revision, create_pr=_checks.check_bool("create_pr", create_pr)
    )
    options["commit_message"] = commit_message or "Upload model saved with keras_resnet"
    client = _hub_client(token, api)
    with tempfile.TemporaryDirectory(prefix=atomic.SCRATCH_PREFIX) as scratch:
        if isinstance(model_or_folder, (str, os.PathLike)):
            folder = pathlib.Path(model_or_folder)
            pretrained.read_config(folder)
        else:
            folder = save_pretrained(
                model_or_folder, pathlib.Path(scratch) / "model", repo_id=repo_id, **save_options
            )
        try:
            return _upload(client, folder, repo_id, options)
        except Exception as error:  # the Hub client's errors: HTTP, connection, offline
            first = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
            raise PushError(
                f"could not push {folder} to {constants.ENDPOINT}/{repo_id} "
                f"({type(error).__name__}: {first})"
            ) from None


__all__ = [
    "TIMM_ARCHITECTURES",
    "CardInfo",
    "check_folder",
    "check_repo_id",
    "model_preprocessing",
    "PushError",
    "push_to_hub",
    "save_pretrained",
    "timm_architecture",
    "timm_normalization",
]
