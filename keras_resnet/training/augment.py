"""Training augmentation inside the ``tf.data`` pipeline, seeded per epoch.

* ``pad_crop_flip``: the CIFAR paper's 4-pixel zero padding, random crop back to size and random
  horizontal flip (Keras ``ZeroPadding2D``, ``RandomCrop``, ``RandomFlip``);
* ``pad_crop``: the same without the flip (for data where a mirror changes the class: digits);
* ``random_resized_crop_flip``: Inception-style random resized crop (8%-100% of the area, aspect
  3/4-4/3) and flip, the ImageNet recipe's; Keras has no such layer, so it is stateless TF ops;
* ``none``.
"""

from __future__ import annotations

NAMES = ("none", "pad_crop", "pad_crop_flip", "random_resized_crop_flip")


def _random_resized_crop(size, seed):
    import tensorflow as tf

    height, width = size

    def crop(images, batch_index):
        batch_seed = tf.random.experimental.stateless_fold_in(tf.constant([seed, 0], tf.int64), batch_index)

        def one(args):
            image, index = args
            image_seed = tf.random.experimental.stateless_fold_in(batch_seed, index)
            begin, extent, _ = tf.image.stateless_sample_distorted_bounding_box(
                tf.shape(image), tf.zeros([0, 0, 4], tf.float32), seed=image_seed, min_object_covered=0.0,
                aspect_ratio_range=(3 / 4, 4 / 3), area_range=(0.08, 1.0), max_attempts=10, use_image_if_no_bounding_boxes=True,
            )
            patch = tf.slice(image, begin, extent)
            patch = tf.image.resize(patch, (height, width))
            flip_seed = tf.random.experimental.stateless_fold_in(image_seed, 1)
            return tf.image.stateless_random_flip_left_right(patch, flip_seed)

        indices = tf.range(tf.shape(images)[0], dtype=tf.int64)
        return tf.map_fn(one, (images, indices), fn_output_signature=tf.TensorSpec((height, width, images.shape[-1]), tf.float32))

    return crop


def pipeline(name: str, image_size, *, seed: int):
    """A callable ``(images, batch_index) -> augmented images`` (batched, float), or None for
    ``"none"``. Everything it draws is a function of `seed` (and of the batch index)."""
    import keras

    height, width = int(image_size[0]), int(image_size[1])
    if name == "none":
        return None
    if name == "random_resized_crop_flip":
        return _random_resized_crop((height, width), seed)
    layers = [keras.layers.ZeroPadding2D(4), keras.layers.RandomCrop(height, width, seed=seed)]
    if name == "pad_crop_flip":
        layers.append(keras.layers.RandomFlip("horizontal", seed=seed + 1))
    model = keras.Sequential(layers)
    return lambda images, batch_index: model(images, training=True)


__all__ = ["NAMES", "pipeline"]
