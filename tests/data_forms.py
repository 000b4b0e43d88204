"""Each form of a data argument written small into a folder, for the tests of
`keras_resnet.data.source` and of the commands that read data: CIFAR's binary layouts, an image
folder, an .npz file and TFRecord shards of PNGs in the ImageNet layout."""

import io

import numpy as np
from PIL import Image

#: CIFAR's record: label byte(s), then a 3x32x32 image
_PIXELS = 3 * 32 * 32


def _cifar_batch(path, count, label_bytes, seed):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, (count, label_bytes), dtype=np.uint8)
    images = rng.integers(0, 256, (count, _PIXELS), dtype=np.uint8)
    np.concatenate([labels, images], axis=1).tofile(path)


def cifar10_folder(root):
    """The CIFAR-10 binary layout with 8 images per training batch and 8 test images."""
    folder = root / "cifar-10-batches-bin"
    folder.mkdir()
    for index in range(1, 6):
        _cifar_batch(folder / f"data_batch_{index}.bin", 8, 1, index)
    _cifar_batch(folder / "test_batch.bin", 8, 1, 0)
    return folder


def cifar100_folder(root):
    """The CIFAR-100 binary layout with 12 training and 4 test images."""
    folder = root / "cifar-100-binary"
    folder.mkdir()
    _cifar_batch(folder / "train.bin", 12, 2, 1)
    _cifar_batch(folder / "test.bin", 4, 2, 2)
    return folder


def image_folder(root, classes=("cats", "dogs"), per_class=8, size=8):
    """One subfolder of random PNGs per class."""
    rng = np.random.default_rng(0)
    for name in classes:
        (root / name).mkdir(parents=True)
        for index in range(per_class):
            pixels = rng.integers(0, 256, (size, size, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(root / name / f"{index}.png")
    return root


def npz_file(root, count=20, size=8, classes=4):
    """An .npz with float32 ``images`` and integer ``labels``."""
    rng = np.random.default_rng(0)
    path = root / "arrays.npz"
    images = rng.random((count, size, size, 3), dtype="float32")
    np.savez(path, images=images, labels=np.arange(count) % classes)
    return path


def tfrecord_shards(root, shards=2, per_shard=8, size=8):
    """TFRecord shards of PNGs (``image/encoded``, ``image/class/label`` in 0..1); their glob."""
    import tensorflow as tf

    rng = np.random.default_rng(0)
    for shard in range(shards):
        with tf.io.TFRecordWriter(str(root / f"train-{shard:05d}")) as writer:
            for index in range(per_shard):
                encoded = io.BytesIO()
                pixels = rng.integers(0, 256, (size, size, 3), dtype=np.uint8)
                Image.fromarray(pixels).save(encoded, format="PNG")
                feature = {
                    "image/encoded": tf.train.Feature(
                        bytes_list=tf.train.BytesList(value=[encoded.getvalue()])
                    ),
                    "image/class/label": tf.train.Feature(
                        int64_list=tf.train.Int64List(value=[index % 2])
                    ),
                }
                example = tf.train.Example(features=tf.train.Features(feature=feature))
                writer.write(example.SerializeToString())
    return str(root / "train-*")
