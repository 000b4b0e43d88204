"""Data for demos, tests, training and fine-tuning.

* `source`: any form of a data argument (``"digits"``, ``"cifar10"``, ``"cifar100"``, a CIFAR
  binary folder, an image folder, TFRecord shards, an ``.npz`` file) resolved into one `Source`,
  which `keras_resnet.training.train` takes (it also takes the forms themselves); `arrays`
  reads any `Source` into memory (for evaluation and small fine-tuning sets).
* `digits`: scikit-learn's 8x8 handwritten digits (1,797 real images that ship with
  scikit-learn, so they need no download), upscaled to CIFAR's 32x32x3, split into train and test:
  the embedded default data of the demo, the examples and the tests.
* `image_folder`: an ImageNet-style folder (one subfolder per class) as batched
  ``tf.data.Dataset``s of preprocessed images and integer labels; `image_folder_arrays`: a small
  one as uint8 arrays in memory. Both skip the files that do not decode, with one warning.
* `cifar`: CIFAR-10/100 from the original binary files in a local folder, or through
  ``keras.datasets`` (which downloads them once into the Keras cache).
* `tfrecords`: ImageNet-style TFRecord shards (``image/encoded``, ``image/class/label``).

Example:
    >>> from keras_resnet import data
    >>> (x_train, y_train), (x_test, y_test) = data.digits()
    >>> x_train.shape, x_test.shape, int(y_train.max())
    ((1438, 32, 32, 3), (359, 32, 32, 3), 9)
    >>> data.source("digits", image_size=16).description
    'digits 8x8 -> 16 px, 1438 train / 359 held out'
"""

from keras_resnet.data.loaders import (
    DIGITS_CLASSES,
    IMAGE_EXTENSIONS,
    FolderListing,
    cifar,
    digits,
    image_folder,
    image_folder_arrays,
    list_image_folder,
    tfrecords,
)
from keras_resnet.data.sources import CIFAR10_CLASSES, FORMS, KINDS, Source, arrays, source

__all__ = [
    "arrays",
    "CIFAR10_CLASSES",
    "DIGITS_CLASSES",
    "FORMS",
    "IMAGE_EXTENSIONS",
    "KINDS",
    "FolderListing",
    "Source",
    "cifar",
    "digits",
    "image_folder",
    "image_folder_arrays",
    "list_image_folder",
    "source",
    "tfrecords",
]
