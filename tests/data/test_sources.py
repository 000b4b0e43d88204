"""`keras_resnet.data.source`: every form of a data argument resolves into one `Source` (the
digits, CIFAR by name and as binary folders, an image folder, an .npz file, TFRecord shards), an
unknown form lists the accepted ones, and `training.train` takes each form from Python."""

import numpy as np
import pytest

from keras_resnet import data
from keras_resnet.data import loaders
from keras_resnet.training import train
from tests import data_forms


@pytest.fixture
def cifar10_folder(tmp_path):
    return data_forms.cifar10_folder(tmp_path)


@pytest.fixture
def cifar100_folder(tmp_path):
    return data_forms.cifar100_folder(tmp_path)


def _image_folder(root, classes=("cats", "dogs"), per_class=8, size=8):
    return data_forms.image_folder(root, classes=classes, per_class=per_class, size=size)


@pytest.fixture
def image_folder(tmp_path):
    return data_forms.image_folder(tmp_path / "images")


@pytest.fixture
def npz_file(tmp_path):
    return data_forms.npz_file(tmp_path)


@pytest.fixture
def shards(tmp_path):
    return data_forms.tfrecord_shards(tmp_path)


# ---- each form resolves to its Source ----


def test_the_digits_resolve_to_upscaled_arrays_with_a_held_out_part():
    source = data.source("digits", image_size=16, validation_split=0.5, limit=100)
    (x, y), (xv, _) = source.train, source.validation
    assert (source.kind, source.name, source.preprocessing) == ("arrays", "digits", "none")
    assert x.shape == (100, 16, 16, 3) and len(y) == 100 and xv.shape[1:] == (16, 16, 3)
    assert len(xv) == 898 and source.classes == data.DIGITS_CLASSES and source.class_count == 10
    assert source.description == "digits 8x8 -> 16 px, 100 train / 898 held out"


def test_cifar_by_name_is_labelled_unit_pixels(monkeypatch):
    tiny = (
        (np.zeros((4, 32, 32, 3), np.uint8), np.arange(4)),
        (
            np.zeros((2, 32, 32, 3), np.uint8),
            np.arange(2),
        ),
    )
    monkeypatch.setattr(loaders, "cifar", lambda classes, folder=None: tiny)
    ten, hundred = data.source("cifar10"), data.source("cifar100")
    assert (ten.name, ten.classes, ten.preprocessing) == ("cifar10", data.CIFAR10_CLASSES, "unit")
    assert (hundred.name, hundred.classes, hundred.class_names) == ("cifar100", 100, None)
    assert ten.description == "CIFAR-10, 4 train / 2 held out"


def test_cifar_binary_folders_resolve_to_their_arrays(cifar10_folder, cifar100_folder):
    ten = data.source(cifar10_folder, limit=30)
    assert (ten.kind, ten.name, ten.preprocessing) == ("arrays", "cifar_folder", "unit")
    assert ten.train[0].shape == (30, 32, 32, 3) and ten.validation[0].shape == (8, 32, 32, 3)
    assert ten.classes == data.CIFAR10_CLASSES
    hundred = data.source(str(cifar100_folder))
    assert hundred.classes == 100 and hundred.title == "CIFAR-100"
    assert (len(hundred.train[1]), len(hundred.validation[1])) == (12, 4)


def test_an_image_folder_resolves_to_its_listed_files(image_folder, tmp_path):
    source = data.source(image_folder, image_size=8, validation_split=0.25)
    assert (source.kind, source.train, source.preprocessing) == (
        "folder",
        str(image_folder),
        "unit",
    )
    assert source.classes == ("cats", "dogs") and len(source.listing.files) == 16
    assert (source.validation_split, source.image_size) == (0.25, 8)
    assert source.description.endswith("16 images of 2 classes, 25% held out")
    other = _image_folder(tmp_path / "held_out", per_class=2)
    held = data.source(image_folder, validation=other)
    assert held.validation == str(other) and held.validation_split is None


def test_an_npz_file_resolves_to_its_arrays_and_a_seeded_split(npz_file):
    whole = data.source(npz_file)
    assert (whole.kind, whole.name, whole.preprocessing, whole.classes) == (
        "arrays",
        "npz",
        "none",
        4,
    )
    assert whole.validation is None and whole.train[0].shape == (20, 8, 8, 3)
    split = data.source(str(npz_file), validation_split=0.25, seed=1)
    assert (len(split.train[1]), len(split.validation[1])) == (15, 5)
    assert sorted(np.concatenate([split.train[1], split.validation[1]])) == sorted(whole.train[1])


def test_tfrecord_shards_resolve_to_their_glob(shards):
    source = data.source(shards, image_size=8, validation=shards)
    assert (source.kind, source.train, source.validation) == ("tfrecords", shards, shards)
    assert (source.preprocessing, source.classes, source.image_size) == ("unit", None, 8)


# ---- what is refused, and how it is named ----


def test_an_unknown_form_names_the_argument_and_lists_the_accepted_forms(tmp_path):
    with pytest.raises(ValueError) as caught:
        data.source("nope", argument="--data")
    message = str(caught.value)
    assert message.startswith("--data='nope' is not a folder, a file or a data set name")
    assert all(form in message for form in data.FORMS)
    with pytest.raises(TypeError, match="data must be a data name or a path"):
        data.source(3)
    with pytest.raises(ValueError, match="data='.*missing.npz' does not exist"):
        data.source(tmp_path / "missing.npz")


def test_folders_and_files_that_do_not_fit_are_named(image_folder, tmp_path, npz_file):
    single = _image_folder(tmp_path / "single", classes=("cats",), per_class=1)
    with pytest.raises(ValueError, match=f"data='{single}' has one class folder"):
        data.source(single)
    with pytest.raises(ValueError, match="limit applies to arrays"):
        data.source(image_folder, limit=4)
    with pytest.raises(ValueError, match="validation='.*arrays.npz' is arrays"):
        data.source(image_folder, validation=npz_file)
    other = _image_folder(tmp_path / "birds", classes=("birds", "cats"), per_class=1)
    with pytest.raises(ValueError, match="has the class folders"):
        data.source(image_folder, validation=other)
    np.savez(tmp_path / "bad.npz", pixels=np.zeros((2, 8, 8, 3)))
    with pytest.raises(ValueError, match="must hold arrays 'images' and 'labels'; it holds pixels"):
        data.source(tmp_path / "bad.npz")


def test_train_names_a_missing_path_as_train_data(tmp_path):
    with pytest.raises(ValueError, match="train_data='.*missing' is not a folder"):
        train("cifar_resnet20", str(tmp_path / "missing"), epochs=1, verbose=0)


# ---- train takes every form ----

_TINY = dict(epochs=1, batch_size=8, augment="none", tensorboard=False, verbose=0, workers=0)


# The command line trains on every form in the default tier (tests/cli/test_data_forms.py,
# through the same resolver); these calls of `train` itself, 4 s each, run in the slow tier.
@pytest.mark.slow
def test_train_takes_the_digits_by_name():
    settings = {**_TINY, "batch_size": 256}  # 6 steps over the 1,761 training digits
    result = train("cifar_resnet20", "digits", image_size=8, validation_split=0.02, **settings)
    assert result.preprocessing == "none" and result.class_names == data.DIGITS_CLASSES
    assert result.model.input_shape == (None, 8, 8, 3) and len(result.history["val_loss"]) == 1


@pytest.mark.slow
def test_train_takes_a_cifar_binary_folder(cifar10_folder):
    result = train("cifar_resnet20", str(cifar10_folder), **_TINY)
    assert result.preprocessing == "unit" and result.model.output_shape == (None, 10)
    assert np.isfinite(result.history["val_loss"]).all()


def test_train_takes_an_image_folder_resolved_as_a_source(image_folder):
    source = data.source(image_folder, image_size=8, validation_split=0.5)
    result = train("cifar_resnet20", source, **_TINY)
    assert result.preprocessing == "unit" and result.class_names == ("cats", "dogs")
    assert result.model.input_shape == (None, 8, 8, 3) and len(result.history["val_loss"]) == 1


@pytest.mark.slow
def test_train_takes_an_npz_file(npz_file):
    result = train("cifar_resnet20", npz_file, validation_split=0.2, **_TINY)
    assert result.preprocessing == "none" and result.model.output_shape == (None, 4)
    assert len(result.history["val_loss"]) == 1


def test_each_form_plans_with_the_data_defaults(image_folder, npz_file, cifar10_folder):
    """The plan `train` starts from (nothing built): the data's preprocessing unless one is
    given, its classes, its held-out part."""
    from keras_resnet.training import plan

    cases = [
        ("digits", "none", 10, "digits 8x8 -> 8 px, held out"),
        (str(image_folder), "unit", 2, f"held out of {image_folder}"),
        (npz_file, "none", 4, "arrays.npz, held out"),
        (cifar10_folder, "unit", 10, "CIFAR-10, held out"),
    ]
    for spec, preprocessing, classes, validation in cases:
        run = plan.prepare("cifar_resnet20", spec, image_size=8, validation_split=0.25, **_TINY)
        assert (run.preprocessing, run.classes) == (preprocessing, classes), spec
        assert validation in run.data.describe(), run.data.describe()
    run = plan.prepare("cifar_resnet20", image_folder, preprocessing="torch", **_TINY)
    assert run.preprocessing == "torch" and run.data.validation is None


def test_train_takes_tfrecord_shards(shards):
    result = train(
        "cifar_resnet20",
        shards,
        validation_data=shards,
        image_size=8,
        classes=2,
        steps_per_epoch=2,
        **_TINY,
    )
    assert result.preprocessing == "unit" and result.model.input_shape == (None, 8, 8, 3)
    assert len(result.history["val_loss"]) == 1
