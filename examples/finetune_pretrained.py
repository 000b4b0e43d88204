"""Fine-tune a pretrained backbone with a new head: freeze, train the head, unfreeze, fine-tune.

    python examples/finetune_pretrained.py --weights resnet50b.tv_in1k --data flowers/ # torchvision
    python examples/finetune_pretrained.py --model resnet50d \\
        --weights resnet50d_timm.safetensors --data flowers/
    python examples/finetune_pretrained.py          # offline smoke run: digits, random backbone

The backbone is loaded with `include_top=False, pooling="avg"` (the converter loads it and leaves
the classifier out, saying so), a new Dense head is added for the folder's classes, the backbone is
frozen for `--head-epochs` (BatchNorm layers stay in inference mode, as keras.applications'
transfer-learning guide advises), then unfrozen with a 10x smaller learning rate.
"""

import argparse

import keras

import keras_resnet
from keras_resnet import data


def main():
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--model", default="resnet50b", help="a registry model whose weights --weights fits"
    )
    parser.add_argument(
        "--weights", help="a preset name or a checkpoint file (default: none, offline smoke run)"
    )
    parser.add_argument("--data", help="a folder with one subfolder per class (default: digits)")
    parser.add_argument(
        "--size",
        type=int,
        default=None,
        help="input size (default: 224 with --data, 64 for digits)",
    )
    parser.add_argument("--head-epochs", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--output", default="finetuned.keras")
    args = parser.parse_args()

    weights = (
        keras_resnet.presets.get(args.weights, args.model)
        if args.weights in keras_resnet.presets.PRESETS
        else None
    )
    preprocessing = weights.preprocessing if weights else "torch"
    if args.data:
        size = args.size or 224
        train, validation, class_names = data.image_folder(
            args.data, size, preprocessing=preprocessing
        )
    else:
        size = args.size or 64
        (x, y), (xt, yt) = data.digits(size)
        train, validation, class_names = (x, y), (xt, yt), data.DIGITS_CLASSES
    backbone = keras_resnet.create_model(
        args.model,
        include_top=False,
        pooling="avg",
        input_shape=(size, size, 3),
        weights=args.weights,
    )
    inputs = keras.Input((size, size, 3), name="image")
    features = backbone(inputs, training=False)  # BN in inference mode while frozen and after
    outputs = keras.layers.Dense(len(class_names), name="predictions")(
        keras.layers.Dropout(0.2)(features)
    )
    model = keras.Model(inputs, outputs, name=f"{args.model}_finetuned")
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    def fit(epochs, learning_rate):
        model.compile(keras.optimizers.Adam(learning_rate), loss, metrics=["accuracy"])
        if isinstance(train, tuple):
            model.fit(*train, validation_data=validation, batch_size=32, epochs=epochs, verbose=2)
        else:
            model.fit(train, validation_data=validation, epochs=epochs, verbose=2)

    backbone.trainable = False
    fit(args.head_epochs, 1e-3)
    backbone.trainable = True
    fit(args.epochs, 1e-4)
    model.save(args.output)
    print(f"saved {args.output}")


if __name__ == "__main__":
    main()
