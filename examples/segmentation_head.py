"""A segmentation head on a ResNet backbone: feature maps at strides 4-32, an FPN-style decoder.

    python examples/segmentation_head.py                    # digits mosaics, ResNet-18-D, 3 epochs
    python examples/segmentation_head.py --quick            # a few steps (what the tests run)
    python examples/segmentation_head.py --model resnet50d --weights resnet50d.safetensors \\
        --output-stride 16

The data are made offline from scikit-learn's digits: each 64x64 image is a 2x2 mosaic of digits,
and every pixel is labelled with its digit (1-10) where the stroke is bright, background (0)
elsewhere. The backbone is `create_model(MODEL, features=True)`; the head is the decoder of a
feature pyramid (Lin et al. 2017), as a semantic-segmentation head uses it: a 1x1 lateral conv per
feature map, top-down upsampling and addition, a 3x3 conv, a 1x1 classifier at stride 4,
bilinear upsampling to the input size. Only `keras` is used, so it runs on every backend. It
prints the pixel accuracy and mean IoU on held-out mosaics, and their value before training.
"""

import argparse
import time

import keras
import numpy as np

import keras_resnet
from keras_resnet import data

CLASSES = 11  # background + 10 digits


def mosaics(images, labels, count, seed):
    """`count` 2x2 mosaics of digit images (each ``(N, s, s, 1)``) and their per-pixel labels."""
    rng = np.random.default_rng(seed)
    size = images.shape[1]
    x = np.zeros((count, 2 * size, 2 * size, 3), "float32")
    y = np.zeros((count, 2 * size, 2 * size), "int32")
    for i in range(count):
        for row in range(2):
            for col in range(2):
                k = rng.integers(len(images))
                tile = images[k, :, :, 0]
                window = (
                    i,
                    slice(row * size, (row + 1) * size),
                    slice(col * size, (col + 1) * size),
                )
                x[window] = tile[..., None]
                y[window] = np.where(tile > 0.3, labels[k] + 1, 0)
    return x, y


def fpn_head(backbone, channels=64):
    """Lateral 1x1 convs, top-down sum, 3x3 conv, per-pixel classifier, upsampled to the input."""
    features = backbone.outputs
    x = keras.layers.Conv2D(channels, 1, name="lateral_4")(features[-1])
    for i in range(len(features) - 2, -1, -1):
        lateral = keras.layers.Conv2D(channels, 1, name=f"lateral_{i + 1}")(features[i])
        scale = features[i].shape[1] // x.shape[1]
        if scale > 1:
            x = keras.layers.UpSampling2D(
                scale, interpolation="bilinear", name=f"top_down_{i + 1}"
            )(x)
        x = keras.layers.Add(name=f"merge_{i + 1}")([x, lateral])
    x = keras.layers.Conv2D(channels, 3, padding="same", activation="relu", name="smooth")(x)
    x = keras.layers.Conv2D(CLASSES, 1, name="classifier")(x)
    scale = backbone.input.shape[1] // x.shape[1]
    x = keras.layers.UpSampling2D(scale, interpolation="bilinear", dtype="float32", name="logits")(
        x
    )
    return keras.Model(backbone.input, x, name=f"{backbone.name}_fpn")


def scores(model, x, y):
    """Pixel accuracy and mean IoU over the classes present."""
    predicted = np.asarray(model.predict(x, batch_size=32, verbose=0)).argmax(-1)
    ious = []
    for c in range(CLASSES):
        union = np.logical_or(predicted == c, y == c).sum()
        if union:
            ious.append(np.logical_and(predicted == c, y == c).sum() / union)
    return float((predicted == y).mean()), float(np.mean(ious))


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--model", default="resnet18d", help="a registry model (default resnet18d)")
    parser.add_argument(
        "--weights", help="a preset name or checkpoint for the backbone (default: random)"
    )
    parser.add_argument(
        "--output-stride", type=int, default=None, help="16 or 8: dilate the last stages"
    )
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="a few steps on a few mosaics")
    args = parser.parse_args(argv)
    keras.utils.set_random_seed(0)
    (x_digits, y_digits), (xt_digits, yt_digits) = data.digits(32, channels=1)
    count, epochs = (32, 2) if args.quick else (2048, args.epochs)
    x, y = mosaics(x_digits, y_digits, count, seed=0)
    xt, yt = mosaics(xt_digits, yt_digits, max(32, count // 4), seed=1)

    backbone = keras_resnet.create_model(
        args.model,
        input_shape=x.shape[1:],
        features=True,
        output_stride=args.output_stride,
        weights=args.weights,
    )
    print(
        "backbone features:",
        [(f["module"], f["num_chs"], f["reduction"]) for f in backbone.feature_info],
    )
    model = fpn_head(backbone)
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    before = scores(model, xt, yt)
    start = time.perf_counter()
    history = model.fit(x, y, batch_size=16, epochs=epochs, verbose=2)
    after = scores(model, xt, yt)
    print(
        f"trained {epochs} epoch(s) in {time.perf_counter() - start:.1f} s; loss "
        f"{history.history['loss'][0]:.3f} -> {history.history['loss'][-1]:.3f}"
    )
    print(
        f"held-out pixel accuracy {before[0]:.3f} -> {after[0]:.3f}, mean IoU {before[1]:.3f} -> "
        f"{after[1]:.3f}"
    )
    return before, after, history.history["loss"]


if __name__ == "__main__":
    main()
