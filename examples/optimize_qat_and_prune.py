"""Quantization-aware training and pruning of a trained model, then deployable artifacts.

    python examples/optimize_qat_and_prune.py                                 # digits, offline
    python examples/optimize_qat_and_prune.py --model my.keras --data images/ # your model, folder

With no arguments a CIFAR ResNet-20 is first trained on scikit-learn's digits (32x32, shipped with
scikit-learn). Then:

1. QAT: `quantize_aware` builds a tfmot model from the Keras 3 one (through its tf_keras twin) with
   quantization ranges measured on training images, `fit` fine-tunes it, and `export` writes a
   full-int8 TFLite and a QDQ ONNX model from the learned ranges.
2. Pruning: `prune` wraps every convolution and Dense kernel, `fit` with `pruning_callbacks()`
   reaches 50% sparsity, `strip_pruning(..., into=model_copy)` puts the sparse weights back into a
   Keras 3 model, and `export` writes a TFLite with sparse weight encoding.

`keras-resnet optimize MODEL --method qat|prune --data DIR -o OUT` does the same from the shell.
"""

import argparse
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402

import keras_resnet  # noqa: E402
from keras_resnet import data, export, optimize  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--model", help="a trained .keras model (default: train one on digits)")
    parser.add_argument("--data", help="image folder, one subfolder per class (default: digits)")
    parser.add_argument(
        "--preprocessing", default="unit", help="how the folder's pixels become model input"
    )
    parser.add_argument("--output", default="optimized", help="output folder")
    args = parser.parse_args()

    if args.data:
        model = keras.models.load_model(args.model)
        train, validation, _ = data.image_folder(
            args.data, tuple(model.input_shape[1:3]), preprocessing=args.preprocessing
        )
    else:
        (x_train, y_train), (x_test, y_test) = data.digits()
        train, validation = (x_train, y_train), (x_test, y_test)
        model = (
            keras.models.load_model(args.model)
            if args.model
            else keras_resnet.CifarResNet20(classifier_activation=None)
        )
        if not args.model:
            model.compile(
                keras.optimizers.Adam(2e-3),
                keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                metrics=["accuracy"],
            )
            model.fit(x_train, y_train, batch_size=64, epochs=8, verbose=2)

    # 1. Quantization-aware training: fine_tune wraps quantize_aware + compile + fit.
    qat = optimize.fine_tune(
        model, train, method="qat", validation=validation, epochs=2, learning_rate=1e-4
    )
    export.export(
        qat.model,
        f"{args.output}/qat",
        format=["tflite", "onnx"],
        quantize="int8",
        preprocessing=args.preprocessing,
        overwrite=True,
    )

    # 2. Pruning to 50% with fine-tuning, the same way by hand (what fine_tune(method="prune")
    # does).
    import tf_keras  # tfmot models are tf_keras models: compile them with tf_keras objects

    epochs = 3
    steps = -(-len(train[0]) // 64) if isinstance(train, tuple) else int(train.cardinality())
    # sparsity rises to 50% over the first two thirds of training, then the network recovers
    end_step = max(1, 2 * epochs * steps // 3)
    pruned = optimize.prune(
        model, 0.5, schedule="polynomial", end_step=end_step, frequency=max(1, end_step // 10)
    )
    pruned.compile(
        "adam",
        tf_keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    if isinstance(train, tuple):
        pruned.fit(
            *train, batch_size=64, epochs=epochs, callbacks=optimize.pruning_callbacks(), verbose=2
        )
    else:
        pruned.fit(train, epochs=epochs, callbacks=optimize.pruning_callbacks(), verbose=2)
    sparse_model = optimize.strip_pruning(pruned, into=keras.models.clone_model(model))
    print(
        f"sparsity {optimize.sparsity(sparse_model)['total']:.1%}, "
        f"held-out accuracy {optimize.accuracy(sparse_model, validation):.2%}"
    )
    sparse_model.save(f"{args.output}/pruned.keras")
    reports = export.export(
        sparse_model,
        f"{args.output}/pruned.tflite",
        format="tflite",
        sparse_weights=True,
        compressed_size=True,
        preprocessing=args.preprocessing,
        overwrite=True,
    )
    print(reports.table())


if __name__ == "__main__":
    main()
