"""`keras_resnet.images.decode`, the one decoder of every path that reads image files: each kind
of image (16-bit, 32-bit, palette with transparency, CMYK, gray with alpha, RGBA, 1-bit,
EXIF-rotated) against a reference computed here with NumPy from the raw samples (16-bit:
``value >> 8``; alpha dropped); predict, the training stream, calibration and the data loaders
giving the same pixels for one 16-bit file; and every file that does not decode (images and
exported artifacts) named in the error, in the library and on the command line."""

import io
import re
import warnings

import numpy as np
import pytest
from PIL import Image

from keras_resnet import images
from tests.image_files import (
    BROKEN,
    bomb_png,
    garbage_artifacts,
    png16,
    save,
    save_tiny_model,
    seeded_rng,
)


def _gray3(gray):
    return np.stack([gray] * 3, axis=-1).astype("uint8")


def _gray16_png(tmp_path):
    raw = seeded_rng().integers(0, 65536, (5, 7)).astype("uint16")
    path = save(Image.fromarray(raw), tmp_path / "gray16.png")
    read = np.asarray(Image.open(path))
    assert read.dtype == np.uint16 and np.array_equal(read, raw)  # the samples are 16-bit
    return path, _gray3(read >> 8)


def _gray16_big_endian_tiff(tmp_path):
    raw = seeded_rng().integers(0, 65536, (5, 7)).astype(">u2")
    path = save(Image.fromarray(raw), tmp_path / "gray16be.tif")
    assert Image.open(path).mode == "I;16B"
    return path, _gray3(np.asarray(Image.open(path)).astype("uint16") >> 8)


def _wide_png(channels, name):
    def make(tmp_path):
        raw = seeded_rng().integers(0, 65536, (5, 7, channels)).astype("uint16")
        path = tmp_path / name
        path.write_bytes(png16(raw))
        color = raw[..., :3] if channels >= 3 else np.repeat(raw[..., :1], 3, axis=-1)
        return path, (color >> 8).astype("uint8")

    return make


def _int32_tiff(tmp_path):
    raw = seeded_rng().integers(-1000, 100_000, (5, 7)).astype("int32")  # below 0 and above 65535
    path = save(Image.fromarray(raw), tmp_path / "int32.tif")
    assert Image.open(path).mode == "I"
    return path, _gray3(np.clip(raw, 0, 65535) >> 8)


def _float_tiff(tmp_path):
    raw = seeded_rng().uniform(-0.2, 1.2, (5, 7)).astype("float32")
    path = save(Image.fromarray(raw), tmp_path / "float.tif")
    assert Image.open(path).mode == "F"
    return path, _gray3(np.round(np.clip(raw, 0, 1) * 255))


def _palette(transparency):
    def make(tmp_path):
        rng = seeded_rng()
        palette = rng.integers(0, 256, (16, 3)).astype("uint8")
        index = rng.integers(0, 16, (5, 7)).astype("uint8")
        image = Image.fromarray(index, "P")
        image.putpalette(palette.reshape(-1).tolist())
        path = save(image, tmp_path / "palette.png", transparency=transparency)
        assert "transparency" in Image.open(path).info
        return path, palette[index]  # the palette's colours, alpha dropped

    return make


def _cmyk_reference(cmyk):
    cmyk = cmyk.astype("int64")
    return np.round((255 - cmyk[..., :3]) * (255 - cmyk[..., 3:]) / 255).astype("uint8")


def _cmyk(suffix):
    def make(tmp_path):
        raw = seeded_rng().integers(0, 256, (8, 8, 4)).astype("uint8")
        path = save(Image.fromarray(raw, "CMYK"), tmp_path / f"cmyk{suffix}")
        read = Image.open(path)
        assert read.mode == "CMYK"
        return path, _cmyk_reference(np.asarray(read))  # JPEG: the decoded samples

    return make


def _gray_alpha(tmp_path):
    raw = seeded_rng().integers(0, 256, (5, 7, 2)).astype("uint8")
    path = save(Image.fromarray(raw, "LA"), tmp_path / "la.png")
    return path, _gray3(raw[..., 0])


def _rgba(tmp_path):
    raw = seeded_rng().integers(0, 256, (5, 7, 4)).astype("uint8")
    raw[0, 0, 3] = 0  # a transparent pixel keeps its colour
    path = save(Image.fromarray(raw, "RGBA"), tmp_path / "rgba.png")
    return path, raw[..., :3]


def _one_bit(tmp_path):
    raw = seeded_rng().integers(0, 2, (5, 7)).astype(bool)
    path = save(Image.fromarray(raw), tmp_path / "bits.png")
    assert Image.open(path).mode == "1"
    return path, _gray3(raw * 255)


KINDS = {
    "16-bit gray PNG": _gray16_png,
    "16-bit gray big-endian TIFF": _gray16_big_endian_tiff,
    "16-bit RGB PNG": _wide_png(3, "rgb16.png"),
    "16-bit RGBA PNG": _wide_png(4, "rgba16.png"),
    "16-bit gray+alpha PNG": _wide_png(2, "la16.png"),
    "32-bit integer TIFF": _int32_tiff,
    "32-bit float TIFF": _float_tiff,
    "palette PNG, one transparent entry": _palette(3),
    "palette PNG, alpha per entry": _palette(bytes(range(0, 256, 16))),
    "CMYK TIFF": _cmyk(".tif"),
    "CMYK JPEG": _cmyk(".jpg"),
    "gray+alpha PNG": _gray_alpha,
    "RGBA PNG": _rgba,
    "1-bit PNG": _one_bit,
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_of_image_decodes_to_the_numpy_reference(kind, tmp_path):
    path, expected = KINDS[kind](tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no Pillow warning (palette transparency) either
        got = images.decode(path)
    assert got.dtype == np.uint8 and got.shape == expected.shape, (got.shape, expected.shape)
    np.testing.assert_array_equal(got, expected, err_msg=kind)
    with open(path, "rb") as file:  # a file object decodes the same
        np.testing.assert_array_equal(images.decode(file), expected)


def test_sixteen_bit_values_keep_their_high_byte():
    """The scaling rule on its edges: 0, 255, 256, 32767, 32768, 65535."""
    raw = np.array([[0, 255, 256, 32767, 32768, 65535]], dtype="uint16")
    buffer = io.BytesIO(png16(raw))
    assert images.decode(buffer)[..., 0].tolist() == [[0, 0, 1, 127, 128, 255]]


#: EXIF orientation -> what makes the stored pixels upright
ORIENTATIONS = {
    1: lambda a: a,
    2: lambda a: a[:, ::-1],
    3: lambda a: a[::-1, ::-1],
    4: lambda a: a[::-1],
    5: lambda a: a.transpose(1, 0, 2),
    6: lambda a: np.rot90(a, -1),
    7: lambda a: a.transpose(1, 0, 2)[::-1, ::-1],
    8: lambda a: np.rot90(a, 1),
}


@pytest.mark.parametrize("orientation", list(ORIENTATIONS))
def test_exif_orientation_is_applied(orientation, tmp_path):
    raw = seeded_rng().integers(0, 256, (16, 24, 3)).astype("uint8")  # not square: axes matter
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = save(Image.fromarray(raw), tmp_path / "photo.jpg", exif=exif.tobytes(), quality=95)
    stored = np.asarray(Image.open(path))  # Pillow alone does not rotate
    expected = ORIENTATIONS[orientation](stored)
    np.testing.assert_array_equal(images.decode(path), expected)


def test_one_channel_and_a_reduced_scale_jpeg(tmp_path):
    raw = seeded_rng().integers(0, 256, (64, 96, 3)).astype("uint8")
    png = save(Image.fromarray(raw), tmp_path / "rgb.png")
    r, g, b = (raw[..., c].astype("int64") for c in range(3))
    luma = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16  # ITU-R 601-2, Pillow's "L"
    np.testing.assert_array_equal(images.decode(png, channels=1), luma[..., None])
    jpeg = save(Image.fromarray(raw), tmp_path / "rgb.jpg")
    assert images.decode(jpeg).shape == (64, 96, 3)
    assert images.decode(jpeg, draft=24).shape == (32, 48, 3)  # 1/2: the smallest >= 24
    assert images.decode(png, draft=24).shape == (64, 96, 3)  # not a JPEG: whole
    with pytest.raises(ValueError, match="channels must be 1 or 3"):
        images.decode(png, channels=4)


def test_tensorflow_decoders_agree_on_16_bit_and_alpha():
    """The paths that must decode inside a TensorFlow graph (an exported SavedModel's image-bytes
    signature, TFRecord shards) use ``tf.io.decode_image``: it follows the same rules for
    16-bit PNGs (high byte) and alpha (dropped)."""
    import tensorflow as tf

    rng = seeded_rng()
    for channels in (1, 2, 3, 4):
        encoded = png16(rng.integers(0, 65536, (5, 7, channels)).astype("uint16"))
        ours = images.decode(io.BytesIO(encoded))
        theirs = tf.io.decode_image(encoded, channels=3, expand_animations=False).numpy()
        np.testing.assert_array_equal(ours, theirs, err_msg=f"{channels} channels")
    rgba = io.BytesIO()
    Image.fromarray(rng.integers(0, 256, (5, 7, 4)).astype("uint8"), "RGBA").save(rgba, "PNG")
    theirs = tf.io.decode_image(rgba.getvalue(), channels=3, expand_animations=False).numpy()
    np.testing.assert_array_equal(images.decode(io.BytesIO(rgba.getvalue())), theirs)


def _sixteen_bit_folder(tmp_path, size):
    """Two class folders of 16-bit gray PNGs (`size` square) whose high bytes are not all 255."""
    raw = (np.arange(size * size).reshape(size, size) * 997 % 65536).astype("uint16")
    files = []
    for label in ("a", "b"):
        (tmp_path / label).mkdir(parents=True)
        files.append(save(Image.fromarray(raw), tmp_path / label / "gray16.png"))
    return files, _gray3(raw >> 8)


def test_predict_stream_calibration_and_loaders_read_a_16_bit_file_alike(tmp_path):
    from keras_resnet import data, predict
    from keras_resnet.export import calibration
    from keras_resnet.training import stream

    size = 8  # the images' own size: every path's resize leaves the pixels as they are
    files, expected = _sixteen_bit_folder(tmp_path / "folder", size)
    assert expected.min() < 64 and expected.max() > 192  # not clipped to white
    got = {"images.decode": images.decode(files[0])}
    got["predict"] = predict.Transform(size=size, crop_pct=1.0).load(files[0])
    examples = stream.from_folder(tmp_path / "folder")
    batches = stream.Batches(examples, 2, size, seed=0, training=False)
    got["training stream"] = batches(0)[0][0]
    got["calibration"] = calibration.load(
        tmp_path / "folder", input_shape=(size, size, 3), preprocessing=lambda x: x
    )[0]
    ((arrays, _), _), _ = data.image_folder_arrays(tmp_path / "folder", size, validation_split=None)
    got["data.image_folder_arrays"] = arrays[0]
    train, _, _ = data.image_folder(
        tmp_path / "folder", size, preprocessing="none", validation_split=None, shuffle=False
    )
    got["data.image_folder"] = next(iter(train))[0].numpy()[0]
    for path, pixels in got.items():
        np.testing.assert_allclose(pixels, expected, rtol=0, atol=1e-4, err_msg=path)


@pytest.mark.parametrize("name", list(BROKEN))
def test_an_image_that_does_not_decode_is_named_with_its_reason(name, tmp_path):
    make, reason = BROKEN[name]
    path = make(tmp_path / name)
    with pytest.raises(images.ImageError, match=reason) as caught:
        images.decode(path)
    assert str(caught.value).startswith(f"{path}: cannot decode image (")
    assert caught.value.path == str(path) and isinstance(caught.value, ValueError)
    assert "\n" not in str(caught.value)
    with pytest.raises(FileNotFoundError) as missing:  # open() itself: its OSError names it
        images.decode(tmp_path / "missing.png")
    assert missing.value.filename == str(tmp_path / "missing.png")


def test_a_lowered_pillow_limit_is_obeyed_and_named(tmp_path, monkeypatch):
    path = save(Image.fromarray(np.zeros((40, 40), "uint8")), tmp_path / "small.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # the error is at twice the limit
    with pytest.raises(images.ImageError, match=r"1600 pixels\) exceeds limit of 200 pixels"):
        images.decode(path)


def test_an_artifact_that_does_not_load_is_named(tmp_path):
    from keras_resnet import export, predict

    for path in garbage_artifacts(tmp_path):
        loads = [export.load_runner, predict.from_artifact]
        if path.is_file():  # a SavedModel's metadata is a file of its own, absent here
            loads.append(predict.artifact_metadata)
        for load in loads:
            with pytest.raises(ValueError) as caught:
                load(path)
            text = str(caught.value)
            assert text.startswith(f"{path}: cannot be loaded as format "), (load, text)
            assert "\n" not in text


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A .keras classifier of 8 x 8 images into 3 classes."""
    return save_tiny_model(tmp_path_factory.mktemp("model"))


def _folder_with_broken_files(root):
    """Two class folders of 8 x 8 PNGs, and in class ``a`` one file of each broken kind."""
    for label in ("a", "b"):
        (root / label).mkdir(parents=True)
        for index in range(3):
            image = np.full((8, 8, 3), 40 * index, "uint8")
            save(Image.fromarray(image), root / label / f"{index}.png")
    for name, (make, _) in BROKEN.items():
        make(root / "a" / name)
    return root


def test_the_folder_readers_skip_and_name_each_broken_file(tmp_path):
    """The data loaders (what ``optimize --data`` and fine-tuning read) skip the broken files
    and name each one, with its reason, in one warning."""
    from keras_resnet import data

    root = _folder_with_broken_files(tmp_path / "folder")
    for read in (
        lambda: data.image_folder_arrays(root, 8, validation_split=None),
        lambda: data.image_folder(root, 8, validation_split=None),
    ):
        with pytest.warns(UserWarning) as caught:
            read()
        (warning,) = [w for w in caught if "unreadable" in str(w.message)]
        text = str(warning.message)
        assert text.startswith(f"skipped 3 unreadable images of 9 in {root}: "), text
        for name, (_, reason) in BROKEN.items():
            assert re.search(rf"a/{re.escape(name)} \(.*?{reason}", text), (name, text)
        assert "\n" not in text


def test_a_broken_calibration_image_is_named(tmp_path):
    from keras_resnet.export import calibration

    for name, (make, reason) in BROKEN.items():
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        save(Image.fromarray(np.zeros((8, 8, 3), "uint8")), folder / "0.png")
        path = make(folder / name)
        with pytest.raises(ValueError, match=reason) as caught:
            calibration.load(folder, input_shape=(8, 8, 3), preprocessing=lambda x: x)
        assert f"{path}: cannot decode image" in str(caught.value)


def test_export_names_a_broken_calibration_image_and_exits_1(tiny_model, tmp_path, capsys):
    from keras_resnet import cli

    folder = tmp_path / "calibration"
    folder.mkdir()
    save(Image.fromarray(np.zeros((8, 8, 3), "uint8")), folder / "0.png")
    bomb = bomb_png(folder / "bomb.png")
    argv = ["export", tiny_model, "--format", "tflite", "--quantize", "int8"]
    argv += ["--calibration-data", str(folder), "-o", str(tmp_path / "tiny.tflite")]
    assert cli.main(argv) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert lines[-1].startswith("keras-resnet export: error: ") and str(bomb) in lines[-1], lines
    assert "exceeds limit of" in lines[-1] and not (tmp_path / "tiny.tflite").exists()
