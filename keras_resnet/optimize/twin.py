"""A tf_keras (Keras 2) twin of a Keras 3 model: same graph, same layer names, same weights.

tensorflow-model-optimization only accepts tf_keras models. `to_tf_keras` rebuilds a Keras 3
functional or sequential model (nested models included) layer by layer with tf_keras' built-in
layers, from each layer's config, and copies the weights by layer name. `copy_weights` copies
weights by layer name in either direction, e.g. a pruned and stripped twin back into the Keras 3
model it came from.

Example:
    >>> import numpy as np, keras_resnet
    >>> from keras_resnet.optimize import to_tf_keras
    >>> model = keras_resnet.CifarResNet20(input_shape=(16, 16, 3), classes=4)
    >>> twin = to_tf_keras(model)
    >>> x = np.random.default_rng(0).random((2, 16, 16, 3), dtype="float32")
    >>> bool(np.abs(twin(x).numpy() - model(x).numpy()).max() < 1e-5)
    True
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import keras

from keras_resnet._kinds import is_tf_keras_model
from keras_resnet._optional import require

# Arguments every tf_keras layer takes besides those of its own constructor.
_BASE_LAYER_ARGS = {
    "name",
    "trainable",
    "dtype",
    "dynamic",
    "input_shape",
    "batch_input_shape",
    "batch_size",
}
# Keras 3 serializes nested objects (initializers, regularizers, constraints) with this key.
_SERIALIZED_MODULES = {
    "keras.initializers": "initializers",
    "keras.regularizers": "regularizers",
    "keras.constraints": "constraints",
}


def _tf_keras() -> Any:
    return require("tf_keras", "optimize")


def _accepted(cls: Any) -> set[str]:
    """The named constructor arguments of `cls`."""
    parameters = inspect.signature(cls.__init__).parameters
    return {
        name for name, p in parameters.items() if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
    } - {"self"}


def _defaults(cls: Any) -> dict:
    parameters = inspect.signature(cls.__init__).parameters
    return {name: p.default for name, p in parameters.items() if p.default is not p.empty}


def _filter(
    where: str,
    cls: Any,
    config: dict,
    source_cls: Any = None,
    extra: frozenset[str] | set[str] = frozenset(),
) -> dict:
    """Keeps the keys `cls` accepts. A key it does not take may be dropped only if it holds the
    source class's default (or a None-like value), so nothing that changes the maths is lost."""
    accepted = _accepted(cls) | set(extra)
    defaults = _defaults(source_cls) if source_cls is not None else {}
    dropped = {k: v for k, v in config.items() if k not in accepted}
    meaningful = {
        k: v
        for k, v in dropped.items()
        if v not in (None, False, (), [], {}) and not (k in defaults and defaults[k] == v)
    }
    if meaningful:
        raise ValueError(
            f"{where}: setting(s) {meaningful} have no tf_keras equivalent, so the layer cannot be "
            "twinned"
        )
    return {k: v for k, v in config.items() if k in accepted}


def _convert_value(where: str, value: Any, tfk: Any) -> Any:
    """Keras 3 serialized initializers/regularizers/constraints -> tf_keras objects."""
    if (
        isinstance(value, dict)
        and value.get("module") in _SERIALIZED_MODULES
        and "class_name" in value
    ):
        namespace = getattr(tfk, _SERIALIZED_MODULES[value["module"]])
        cls = getattr(namespace, value["class_name"], None)
        if cls is None:
            raise ValueError(
                f"{where}: {value['module']}.{value['class_name']} has no tf_keras equivalent"
            )
        source_cls = getattr(
            getattr(keras, _SERIALIZED_MODULES[value["module"]]), value["class_name"], None
        )
        config = value.get("config") or {}
        return cls(**_filter(f"{where} {value['class_name']}", cls, config, source_cls=source_cls))
    return value


def _dtype(value: Any) -> Any:
    if isinstance(value, dict):  # a serialized DTypePolicy
        return value.get("config", {}).get("name", "float32")
    return value


def _twin_layer(entry: dict, tfk: Any) -> Any:
    name, class_name = entry["config"].get("name"), entry["class_name"]
    where = f"layer {name!r} ({class_name})"
    module = entry.get("module") or ""
    cls = getattr(tfk.layers, class_name, None)
    if not module.startswith("keras.") or cls is None:
        raise ValueError(
            f"{where} is not a built-in Keras layer with a tf_keras equivalent (module "
            f"{module!r}); only models made of built-in layers can be twinned"
        )
    config = {k: _convert_value(where, v, tfk) for k, v in entry["config"].items()}
    config["dtype"] = _dtype(config.get("dtype"))
    source_cls = getattr(keras.layers, class_name, None)
    return cls(**_filter(where, cls, config, source_cls=source_cls, extra=_BASE_LAYER_ARGS))


def _resolve(value: Any, tensors: dict[str, list]) -> Any:
    """Replaces serialized Keras tensors in a node's arguments by the twin's tensors."""
    if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
        layer, node, index = value["config"]["keras_history"]
        return tensors[layer][node][index]
    if isinstance(value, (list, tuple)):
        return type(value)(_resolve(v, tensors) for v in value)
    if isinstance(value, dict):
        return {k: _resolve(v, tensors) for k, v in value.items()}
    return value


def _endpoints(spec: list, tensors: dict[str, list]) -> Any:
    # Keras 3 writes one endpoint as [name, node, index] and several as a list of those.
    if spec and isinstance(spec[0], str):
        spec = [spec]
    outputs = [tensors[layer][node][index] for layer, node, index in spec]
    return outputs[0] if len(outputs) == 1 else outputs


def as_list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _build(entry: dict, tfk: Any) -> Any:
    """A tf_keras layer or model for one serialized Keras 3 layer entry."""
    class_name = entry["class_name"]
    if class_name == "Functional":
        return _build_functional(entry["config"], tfk)
    if class_name == "Sequential":
        config = entry["config"]
        twin = tfk.Sequential(name=config["name"])
        for layer_entry in config["layers"]:
            if layer_entry["class_name"] == "InputLayer":
                c = layer_entry["config"]
                twin.add(
                    tfk.Input(batch_shape=c["batch_shape"], dtype=c.get("dtype"), name=c["name"])
                )
            else:
                twin.add(_build(layer_entry, tfk))
        return twin
    return _twin_layer(entry, tfk)


def _build_functional(config: dict, tfk: Any) -> Any:
    tensors: dict[str, list] = {}  # layer name -> per call (node), its output tensors
    for entry in config["layers"]:
        name = entry["name"]
        if entry["class_name"] == "InputLayer":
            c = entry["config"]
            tensors[name] = [
                [tfk.Input(batch_shape=c["batch_shape"], dtype=c.get("dtype"), name=c["name"])]
            ]
            continue
        layer = _build(entry, tfk)
        for node in entry["inbound_nodes"]:
            args = _resolve(node.get("args", []), tensors)
            kwargs = _resolve(node.get("kwargs", {}), tensors)
            tensors.setdefault(name, []).append(as_list(layer(*args, **kwargs)))
    inputs = _endpoints(config["input_layers"], tensors)
    outputs = _endpoints(config["output_layers"], tensors)
    return tfk.Model(inputs, outputs, name=config["name"])


def _weighted_layers(model: Any) -> Iterator[tuple[str, Any]]:
    """(name, layer) for every layer with weights, looking through nested models."""
    for layer in model.layers:
        if hasattr(layer, "layers") and layer.weights:
            yield from ((f"{layer.name}/{n}", sub) for n, sub in _weighted_layers(layer))
        elif layer.weights:
            yield layer.name, layer


def copy_weights(source: Any, target: Any) -> int:
    """Copies weights from `source` into `target`, matching layers by (nested) name.

    Works between Keras 3 and tf_keras models in either direction. Every weighted layer of
    `target` must have a namesake in `source` with the same weight shapes; nothing is changed
    unless all match.

    Returns:
        The number of layers copied.

    Raises:
        ValueError: a layer is missing in `source` or its weights differ in count or shape.
    """
    available = dict(_weighted_layers(source))
    plan = []
    for name, layer in _weighted_layers(target):
        if name not in available:
            raise ValueError(
                f"layer {name!r} of {target.name!r} has no namesake with weights in {source.name!r}"
            )
        values = available[name].get_weights()
        shapes = [tuple(w.shape) for w in layer.get_weights()]
        if [tuple(v.shape) for v in values] != shapes:
            raise ValueError(
                f"layer {name!r}: weight shapes {[tuple(v.shape) for v in values]} in "
                f"{source.name!r} differ from {shapes} in {target.name!r}"
            )
        plan.append((layer, values))
    for layer, values in plan:
        layer.set_weights(values)
    return len(plan)


def to_tf_keras(model: Any) -> Any:
    """A tf_keras twin of the Keras 3 `model`: same layers, names and weights.

    Args:
        model: a functional or sequential `keras.Model` made of built-in layers (every model this
            library builds, also inside a larger model).

    Returns:
        A `tf_keras.Model` whose outputs equal `model`'s up to float rounding (1e-5).

    Raises:
        TypeError: `model` is not a Keras 3 functional or sequential model.
        ValueError: a layer has no tf_keras equivalent.
        ImportError: tf_keras is not installed (``pip install 'keras-resnet[optimize]'``).
    """
    if is_tf_keras_model(model):
        return model
    if not isinstance(model, keras.Model) or type(model).__name__ not in (
        "Functional",
        "Sequential",
    ):
        raise TypeError(
            f"model must be a functional or sequential keras.Model; received model={model!r} "
            f"of type {type(model).__name__}"
        )
    tfk = _tf_keras()
    entry = {"class_name": type(model).__name__, "config": model.get_config()}
    twin = _build(entry, tfk)
    copy_weights(model, twin)
    return twin


__all__ = ["copy_weights", "to_tf_keras"]
