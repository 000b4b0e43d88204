"""Both image layouts: every builder takes ``data_format`` (or reads
``keras.config.image_data_format()``), keras.applications' own ResNet checks hold in both, a
channels_first model gives the channels_last model's logits on the transposed image with the same
weights (a ``.weights.h5``, a converted torchvision/timm checkpoint, a preset), and trains on
the JAX and PyTorch backends.

The checks that run channels_first models run in child processes on JAX and PyTorch, whose CPU
convolutions take NCHW (TensorFlow's take it only with oneDNN: `keras_resnet.layouts`): one
PyTorch child and one JAX child per test run (module fixtures), whose findings the tests read;
JAX builds cost several times PyTorch's, so the default tier runs fewer models there."""

import contextlib
import dataclasses
import gc
import json
import os
import pathlib
import subprocess
import sys

import keras
import numpy as np
import pytest

import keras_resnet
from keras_resnet import layouts, resnet, variants
from tests import ROOT

LAST, FIRST = "channels_last", "channels_first"


# ------------------------------------------------------------------------------------ helpers
def shrunk(name):
    """The registry model `name`'s architecture at one block per stage (every layer kind it has,
    a fraction of its layers)."""
    arch = variants.MODELS[name].arch
    return dataclasses.replace(arch, depths=(1,) * len(arch.depths))


def image(height, width, channels, data_format):
    return layouts.image_shape(height, width, channels, data_format)


@contextlib.contextmanager
def image_data_format(data_format):
    previous = keras.config.image_data_format()
    keras.config.set_image_data_format(data_format)
    try:
        yield
    finally:
        keras.config.set_image_data_format(previous)


def _small_v1(**kwargs):
    return resnet.build(shrunk("resnet50"), name="small_resnet50", **kwargs)


def _small_v2(**kwargs):
    return resnet.build(shrunk("resnet50v2"), name="small_resnet50v2", **kwargs)


# ------------------------------------------------------- keras.applications' checks, restated
BUILDERS = [
    pytest.param(_small_v1, id="small_resnet50"),
    pytest.param(_small_v2, id="small_resnet50v2"),
] + [
    pytest.param(getattr(keras_resnet, name), id=name, marks=pytest.mark.slow)
    for name in ("ResNet50", "ResNet101", "ResNet152", "ResNet50V2", "ResNet101V2", "ResNet152V2")
]


def _channels(model, data_format):
    return model.outputs[0].shape[layouts.channel_axis(data_format)]


@pytest.mark.parametrize("route", ["global", "keyword"])
@pytest.mark.parametrize("data_format", [LAST, FIRST])
@pytest.mark.parametrize("builder", BUILDERS)
def test_keras_applications_checks_hold_in_both_layouts(builder, data_format, route):
    """keras.applications' applications_test.py, for its ResNets: 1- and 4-channel inputs of any
    size, a custom input shape and input tensor, ``pooling="max"``, the classifier activation,
    a serialization round trip; the layout from the global setting or from ``data_format=``
    (which wins over the other global setting)."""
    if route == "global":
        setting, kwargs = data_format, {}
    else:
        setting, kwargs = (FIRST if data_format == LAST else LAST), dict(data_format=data_format)
    with image_data_format(setting):
        for channels in (1, 4):
            model = builder(
                include_top=False, input_shape=image(None, None, channels, data_format), **kwargs
            )
            assert list(model.outputs[0].shape) == [None, *image(None, None, 2048, data_format)]
            assert layouts.of_model(model) == data_format
        model = builder(include_top=False, input_shape=image(45, 45, 3, data_format), **kwargs)
        assert list(model.outputs[0].shape) == [None, *image(2, 2, 2048, data_format)]
        inputs = keras.Input(image(80, 80, 4, data_format), name="custom_input")
        x = keras.layers.Conv2D(3, 2, strides=2, data_format=data_format)(inputs)
        model = builder(include_top=False, input_tensor=x, **kwargs)
        assert _channels(model, data_format) == 2048 and model.inputs[0] is inputs
        model = builder(include_top=False, pooling="max", **kwargs)
        assert list(model.outputs[0].shape) == [None, 2048]
        model = builder(
            include_top=True,
            classifier_activation="softmax",
            input_shape=image(64, 64, 3, data_format),
            **kwargs,
        )
        assert model.layers[-1].activation.__name__ == "softmax"
        config = keras.saving.serialize_keras_object(model)
    rebuilt = keras.saving.deserialize_keras_object(config)  # under the other global setting
    assert len(rebuilt.weights) == len(model.weights)
    assert rebuilt.input_shape == model.input_shape == (None, *image(64, 64, 3, data_format))
    assert [layer.name for layer in rebuilt.layers] == [layer.name for layer in model.layers]
    assert layouts.of_model(rebuilt) == data_format


def test_layer_names_and_weight_shapes_are_the_same_in_both_layouts():
    """One set of weights for both: the same layers, names and weight shapes in the same order;
    the identity that weight files record does not depend on the layout."""
    from keras_resnet import identity

    for name in ("cifar_resnet20", "seresnext50_32x4d", "ecaresnet50d", "resnetrs50"):
        arch = shrunk(name) if name != "cifar_resnet20" else variants.MODELS[name].arch
        size = 8 if name.startswith("cifar") else 32
        last, first = (
            resnet.build(arch, name=name, input_shape=image(size, size, 3, f), data_format=f)
            for f in (LAST, FIRST)
        )
        assert [layer.name for layer in first.layers] == [layer.name for layer in last.layers]
        assert [(w.path, w.shape) for w in first.weights] == [
            (w.path, w.shape) for w in last.weights
        ]
        assert identity.of_model(first) == identity.of_model(last), name


def test_every_layout_argument_is_checked():
    with pytest.raises(ValueError, match=r"data_format must be one of .*data_format='nchw'"):
        keras_resnet.create_model("cifar_resnet20", data_format="nchw")
    with pytest.raises(TypeError, match="data_format must be None"):
        keras_resnet.CifarResNet20(data_format=1)
    with pytest.raises(ValueError, match=r"input_shape must start with a positive channel count"):
        keras_resnet.CifarResNet20(input_shape=(0, 32, 32), data_format=FIRST)
    with pytest.raises(ValueError, match=r"\(channels, height, width\) for data_format"):
        keras_resnet.CifarResNet20(input_shape=(32, 32), data_format=FIRST)
    with image_data_format(FIRST):
        assert keras_resnet.CifarResNet20().input_shape == (None, 3, 32, 32)
        model = keras_resnet.create_model("resnet18", include_top=False)
        assert model.input_shape == (None, 3, None, None)
        assert keras_resnet.model_info("cifar_resnet20").params == 269722  # counted NHWC


def test_a_feature_backbone_is_channels_first_too():
    model = resnet.build(
        shrunk("resnet50d"),
        name="backbone",
        features=True,
        output_stride=8,
        input_shape=(3, 64, 64),
        data_format=FIRST,
    )
    assert [tuple(o.shape) for o in model.outputs] == [
        (None, 256, 16, 16),
        (None, 512, 8, 8),
        (None, 1024, 8, 8),
        (None, 2048, 8, 8),
    ]
    assert [f["num_chs"] for f in model.feature_info] == [256, 512, 1024, 2048]


def test_twin_refuses_a_layer_bound_to_its_layout():
    inputs = keras.Input((3, 8, 8))
    x = keras.layers.Conv2D(4, 3, data_format=FIRST)(inputs)
    outputs = keras.layers.Dense(2)(keras.layers.Flatten(data_format=FIRST)(x))
    with pytest.raises(ValueError, match=r"\(Flatten\) depends on the image layout"):
        layouts.twin(keras.Model(inputs, outputs), LAST)


# ------------------------------------------------------------ children on JAX and on PyTorch
#: One model of each kind, at one block per stage: every stem, block, shortcut and attention.
KINDS = [
    "cifar_resnet20",  # option A: subsample and zero-pad
    "cifar_resnet20_b",
    "cifar_resnet20_c",
    "cifar_resnet20v2",
    "cifar_plain20",
    "resnet18",  # basic blocks, 7x7 stem, projection shortcuts
    "resnet18d",  # deep stem, average-pool shortcut
    "resnet50",  # bottleneck, stride in the first 1x1
    "resnet50v2",  # pre-activation bottleneck
    "resnext50_32x4d",  # grouped 3x3
    "seresnext50_32x4d",  # SE
    "ecaresnet50d",  # ECA
    "resnetrs50",  # the conv stem pool
]
#: One model of each block kind (basic, bottleneck with grouped 3x3 and SE, pre-activation),
#: trained a few steps channels_first.
TRAINED = ["cifar_resnet20", "resnet18d", "seresnext50_32x4d", "resnet50v2"]
#: What the default tier runs on JAX, whose builds cost several times PyTorch's here (its
#: shape inference traces every layer): one small model, its parity and its training steps (a
#: child with grouped SE and pre-activation models took 137 s on the loaded 2-core machine). The
#: slow tier runs `KINDS` and `TRAINED` there, and every registry model at one block per stage.
JAX_KINDS = ["cifar_resnet20"]
#: What the default tier's PyTorch child checks: each stem, block, attention and shortcut kind of
#: `KINDS` once (option A, the deep stem and average-pool shortcut, pre-activation, grouped SE,
#: ECA, the conv stem pool); the slow tier checks every one of `KINDS` on JAX.
TORCH_KINDS = [
    "cifar_resnet20",
    "resnet18d",
    "resnet50v2",
    "seresnext50_32x4d",
    "ecaresnet50d",
    "resnetrs50",
]
JAX_TRAINED = ["cifar_resnet20"]


def _child_env(backend, **extra):
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    flags = "--xla_backend_optimization_level=0 --xla_llvm_disable_expensive_passes=true"
    env.update(KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3", **extra)
    env["XLA_FLAGS"] = f"{env.get('XLA_FLAGS', '')} {flags}".strip()
    return env


def _run_child(backend, job, folder, timeout=600, **env):
    """Runs `child` in a fresh interpreter on `backend` with the JSON `job`; its findings."""
    (folder / "job.json").write_text(json.dumps(job))
    code = f"from tests.models.test_layouts import child; child({str(folder)!r})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_child_env(backend, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads((folder / "findings.json").read_text())


def _model(name, data_format, full=False, **kwargs):
    entry = variants.MODELS[name]
    size = 8 if entry.family == "cifar" else 32
    arch = entry.arch if full else shrunk(name)
    return resnet.build(
        arch,
        name=name,
        input_shape=image(size, size, 3, data_format),
        classes=5,
        classifier_activation=None,
        data_format=data_format,
        **kwargs,
    )


def _numpy(outputs):
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    return [np.asarray(keras.ops.convert_to_numpy(o), "float64") for o in outputs]


def _difference(a, b):
    """The largest difference relative to the outputs' scale (at least 1)."""
    return float(np.abs(a - b).max() / max(1.0, np.abs(b).max()))


def _parity(name, full=False, twin=False, **kwargs):
    """The channels_first model with the channels_last model's weights, on the transposed image
    (and, with `twin`, the channels_last twin of the channels_first model); their largest
    differences from the channels_last model, and the spread of its outputs."""
    last = _model(name, LAST, full, **kwargs)
    first = _model(name, FIRST, full, **kwargs)
    first.set_weights(last.get_weights())
    x = np.random.default_rng(0).normal(size=(2, *last.input_shape[1:])).astype("float32")
    reference = _numpy(last.predict_on_batch(x))
    ours = _numpy(first.predict_on_batch(layouts.transpose(x, FIRST)))
    ours = [np.moveaxis(o, 1, -1) if o.ndim == 4 else o for o in ours]
    found = {
        "difference": max(_difference(o, r) for o, r in zip(ours, reference, strict=True)),
        "spread": min(float(np.std(r)) for r in reference),
    }
    if twin:
        twins = _numpy(layouts.twin(first, LAST).predict_on_batch(x))
        found["twin"] = max(_difference(t, r) for t, r in zip(twins, reference, strict=True))
    return found


def _train_steps(name):
    """Three SGD steps of the channels_first model on one NCHW batch: the loss before and after."""
    model = _model(name, FIRST)
    x = np.random.default_rng(1).normal(size=(4, *model.input_shape[1:])).astype("float32")
    y = np.array([0, 1, 2, 3])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    before = float(keras.ops.convert_to_numpy(loss(y, model(x, training=True))))
    model.compile(optimizer=keras.optimizers.SGD(1e-2, global_clipnorm=1.0), loss=loss)
    model.fit(x, y, batch_size=4, epochs=3, verbose=0)
    after = float(keras.ops.convert_to_numpy(loss(y, model(x, training=True))))
    return [before, after]


def _train_calls():
    """`keras_resnet.train` in each layout, from the same seed, on the same 64 digits (8 px, two
    epochs of two steps, augmented): each run's losses and its model's input shape."""
    from keras_resnet import data, training

    (x, y), _ = data.digits(8)
    runs = {}
    for data_format in (LAST, FIRST):
        result = training.train(
            "cifar_resnet20",
            (x[:64], y[:64]),
            epochs=2,
            batch_size=32,
            augment="pad_crop_flip",
            seed=0,
            verbose=0,
            tensorboard=False,
            model_kwargs={"data_format": data_format},
        )
        runs[data_format] = {
            "loss": result.history["loss"],
            "input": list(result.model.input_shape[1:]),
        }
    return runs


def _load(weights, name, data_format, size, **kwargs):
    return keras_resnet.create_model(
        name,
        weights=weights,
        classifier_activation=None,
        input_shape=image(size, size, 3, data_format),
        data_format=data_format,
        **kwargs,
    )


def _weights(folder):
    """A `.weights.h5` saved from one layout into the other, a torchvision checkpoint and a timm
    preset from the (fabricated, offline) Hub cache into both: the logits of each pair on the
    transposed image, and against PyTorch's."""
    out = {}
    small = np.random.default_rng(2).normal(size=(2, 8, 8, 3)).astype("float32")
    for source, target in ((LAST, FIRST), (FIRST, LAST)):
        saved = _model("cifar_resnet20", source, full=True)
        path = str(folder / f"{source}.weights.h5")
        keras_resnet.weights.save_weights(saved, path)
        loaded = _load(path, "cifar_resnet20", target, 8, classes=5)
        a = saved.predict_on_batch(layouts.transpose(small, source))
        b = loaded.predict_on_batch(layouts.transpose(small, target))
        out[f"weights.h5 {source} -> {target}"] = _difference(*_numpy(b), *_numpy(a))
    x = np.load(folder / "images.npy")
    torch_logits = np.load(folder / "torch_logits.npy")
    for weights in (str(folder / "resnet18.safetensors"), "resnet18.a1_in1k"):
        logits = {
            f: _numpy(_load(weights, "resnet18", f, 32).predict_on_batch(layouts.transpose(x, f)))[
                0
            ]
            for f in (LAST, FIRST)
        }
        what = pathlib.Path(weights).name
        out[f"{what} layouts"] = _difference(logits[FIRST], logits[LAST])
        out[f"{what} torch"] = _difference(logits[FIRST], torch_logits)
    return out


def child(folder):
    """The child process: runs the job in ``folder/job.json``, writes ``findings.json``."""
    folder = pathlib.Path(folder)
    job = json.loads((folder / "job.json").read_text())
    keras.utils.set_random_seed(0)
    full, twin = job.get("full", False), job.get("twin", False)
    findings = {"backend": keras.backend.backend()}
    findings["parity"] = {}
    for name in job["parity"]:
        findings["parity"][name] = _parity(name, full=full, twin=twin)
        keras.backend.clear_session()  # a sweep keeps none of its models and programs
        gc.collect()
    if job.get("features"):
        findings["features"] = _parity("resnet50d", twin=True, features=True, output_stride=8)
    findings["trained"] = {n: _train_steps(n) for n in job.get("train", [])}
    if job.get("weights"):
        findings["weights"] = _weights(folder)
    if job.get("train_calls"):
        findings["train_calls"] = _train_calls()
    (folder / "findings.json").write_text(json.dumps(findings))


def _checkpoint_folder(folder):
    """A torchvision-layout resnet18 checkpoint (the PyTorch reference's random weights) as a
    file and as the timm preset ``resnet18.a1_in1k`` in an offline Hub cache, with images and
    PyTorch's logits on them; the environment that points a child at the cache."""
    import torch

    import tests.checkpoints as checkpoints

    reference, state = checkpoints.reference_18()
    x = np.random.default_rng(0).normal(size=(2, 32, 32, 3)).astype("float32")
    np.save(folder / "images.npy", x)
    with torch.no_grad():
        logits = reference(torch.from_numpy(layouts.transpose(x, FIRST).copy())).numpy()
    np.save(folder / "torch_logits.npy", logits)
    path = checkpoints.save_safetensors(state, folder / "resnet18.safetensors")
    hub = folder / "hf_hub"
    files = {"model.safetensors": path.read_bytes()}
    checkpoints.hub_cache(hub, "timm/resnet18.a1_in1k", files)
    return dict(HF_HUB_CACHE=str(hub), HF_HUB_OFFLINE="1")


pytestmark = pytest.mark.xdist_group("layouts_children")


@pytest.fixture(scope="session")  # once per run: pytest puts the long tests of other files
# between this file's, which would end a module fixture and start its child again
def torch_findings(tmp_path_factory):
    """One PyTorch child: each kind's parity and twin (`TORCH_KINDS`), a dilated backbone's
    feature maps, the weight files, the training steps."""
    folder = tmp_path_factory.mktemp("layouts_torch")
    env = _checkpoint_folder(folder)
    job = dict(
        parity=TORCH_KINDS, twin=True, features=True, train=TRAINED, weights=True, train_calls=True
    )
    return _run_child("torch", job, folder, **env)


@pytest.fixture(scope="session")  # once per run: pytest puts the long tests of other files
# between this file's, which would end a module fixture and start its child again
def jax_findings(tmp_path_factory):
    """One JAX child: the representative kinds' parity and training steps."""
    folder = tmp_path_factory.mktemp("layouts_jax")
    return _run_child("jax", dict(parity=JAX_KINDS, train=JAX_TRAINED, train_calls=True), folder)


def _check_parity(findings, name, twin=True, spread=1e-4):
    found = findings["parity"][name]
    # the logits differ from image to image and class to class, and the layouts agree on them
    assert found["spread"] > spread and found["difference"] <= 1e-5, (name, found)
    assert not twin or found["twin"] <= 1e-5, (name, found)


@pytest.mark.long
@pytest.mark.parametrize("name", JAX_KINDS)
def test_channels_first_gives_the_channels_last_logits_on_jax(jax_findings, name):
    assert jax_findings["backend"] == "jax"
    _check_parity(jax_findings, name, twin=False)


@pytest.mark.parametrize("name", JAX_TRAINED)
def test_each_kind_trains_channels_first_on_jax(jax_findings, name):
    before, after = jax_findings["trained"][name]
    assert np.isfinite(after) and after < before, (before, after)


@pytest.mark.long
@pytest.mark.parametrize("name", TORCH_KINDS)
def test_channels_first_and_its_twin_give_the_channels_last_logits_on_torch(torch_findings, name):
    assert torch_findings["backend"] == "torch"
    _check_parity(torch_findings, name)


def test_a_dilated_channels_first_backbone_gives_the_same_feature_maps(torch_findings):
    found = torch_findings["features"]
    assert found["difference"] <= 1e-5 and found["twin"] <= 1e-5, found


def test_one_set_of_weights_loads_into_both_layouts(torch_findings):
    """A ``.weights.h5`` of either layout loads into the other (its recorded identity fits), a
    torchvision checkpoint and a timm preset load into both: the same logits (1e-5), and
    PyTorch's (1e-4, as the converters' own tests)."""
    found = torch_findings["weights"]
    assert len(found) == 6, found
    for what, difference in found.items():
        assert difference <= (1e-4 if what.endswith("torch") else 1e-5), (what, difference)


@pytest.mark.parametrize("name", TRAINED)
def test_each_kind_trains_channels_first_on_torch(torch_findings, name):
    before, after = torch_findings["trained"][name]
    assert np.isfinite(after) and after < before, (before, after)


@pytest.mark.slow
def test_every_kind_on_jax(tmp_path):
    found = _run_child("jax", dict(parity=KINDS, twin=True, features=True, train=TRAINED), tmp_path)
    for name in KINDS:
        _check_parity(found, name)
    assert found["features"]["difference"] <= 1e-5, found["features"]
    for name, (before, after) in found["trained"].items():
        assert np.isfinite(after) and after < before, (name, before, after)


#: The registry sweep's share per child: four children, which the two workers run two at a time.
SWEEP_PARTS = 4


@pytest.mark.slow
@pytest.mark.parametrize("part", range(SWEEP_PARTS))
def test_every_registry_model_gives_the_channels_last_logits_on_jax(tmp_path, part):
    """Every registry model, each at one block per stage (every layer kind and knob it has; the
    depth repeats them), 32 px (the CIFAR nets 8 px): a quarter of the registry per child. At
    full depth, the JAX programs of 95 models took one child past 14 GB and an hour."""
    names = keras_resnet.list_models()[part::SWEEP_PARTS]
    found = _run_child("jax", dict(parity=names), tmp_path, timeout=1800)
    assert sorted(found["parity"]) == sorted(names)
    for name in names:
        _check_parity(found, name, twin=False, spread=0.0)


# -------------------------------------------------------------------- where it cannot run
_TENSORFLOW_WITHOUT_NCHW = """
import json, numpy as np, keras, keras_resnet
from keras_resnet import layouts, predict, training
model = keras_resnet.create_model(
    "cifar_resnet20", input_shape=(3, 8, 8), data_format="channels_first"
)
found = {"built": model.input_shape}
for name, run in (
    ("check", lambda: layouts.check_runnable(model)),
    ("predict", lambda: predict.from_model(model)),
    ("train", lambda: training.train(
        "cifar_resnet20", (np.zeros((8, 8, 8, 3), "float32"), np.arange(8) % 2), epochs=1,
        verbose=0, model_kwargs={"data_format": "channels_first"},
    )),
    ("keras", lambda: model.predict(np.zeros((1, 3, 8, 8), "float32"), verbose=0)),
):
    try:
        run()
        found[name] = None
    except Exception as error:
        found[name] = [type(error).__name__, str(error)]
twin = layouts.twin(model, "channels_last")
found["twin"] = np.asarray(twin.predict(np.zeros((1, 8, 8, 3), "float32"), verbose=0)).shape
print(json.dumps(found))
"""


@pytest.mark.long
def test_tensorflow_without_nchw_convolutions_says_so_in_one_line():
    """TensorFlow's own CPU convolution takes NHWC only (with oneDNN switched off, as in builds
    without it): a channels_first model builds there, running or training it is refused in one
    line naming the backends that can, and its channels_last twin runs."""
    env = _child_env("tensorflow", TF_ENABLE_ONEDNN_OPTS="0")
    result = subprocess.run(
        [sys.executable, "-c", _TENSORFLOW_WITHOUT_NCHW],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["built"] == [None, 3, 8, 8] and found["twin"] == [1, 10]
    assert found["keras"] is not None and "NHWC" in found["keras"][1]  # what it replaces
    for where in ("check", "predict", "train"):
        kind, message = found[where]
        assert kind == "ValueError" and "\n" not in message, found[where]
        assert "is channels_first" in message and "jax or torch backend" in message


@pytest.mark.parametrize("backend", ["jax", "torch"])
def test_train_trains_a_channels_first_model_as_it_trains_a_channels_last_one(backend, request):
    """`keras_resnet.train` streams NCHW batches to a channels_first model: from the same seed,
    its losses are the channels_last run's (the same draws, pixels and initial weights; only the
    convolutions' summation order differs), and the trained model takes NCHW."""
    runs = request.getfixturevalue(f"{backend}_findings")["train_calls"]
    assert runs[LAST]["input"] == [8, 8, 3] and runs[FIRST]["input"] == [3, 8, 8], runs
    last, first = np.array(runs[LAST]["loss"]), np.array(runs[FIRST]["loss"])
    assert len(last) == 2 and np.isfinite(last).all(), runs
    np.testing.assert_allclose(first, last, rtol=1e-4)
