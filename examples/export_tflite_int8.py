"""Export a trained model to a full-int8 TFLite (and ONNX int8), calibrated on your own images.

    python examples/export_tflite_int8.py --model my_model.keras --calibration images/ \\
        --preprocessing torch
    python examples/export_tflite_int8.py            # offline: a digits-trained CIFAR ResNet-20

The calibration folder holds a few hundred representative images (any subfolder layout, JPEG/PNG);
they are resized to the model's input and preprocessed like training data. Every artifact is run
in its own runtime against the Keras model before it is kept; `--uint8-io` makes the TFLite take
and return uint8 tensors (microcontrollers, Edge TPU-style pipelines).
"""

import argparse

import keras

import keras_resnet
from keras_resnet import data, export


def main():
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--model", help="a trained .keras model (default: train a small one on digits)"
    )
    parser.add_argument(
        "--calibration", help="a folder of calibration images (default: digits training images)"
    )
    parser.add_argument(
        "--preprocessing",
        default="unit",
        help="how pixels become model input: none, unit, tf, torch, caffe",
    )
    parser.add_argument("--calibration-size", type=int, default=300)
    parser.add_argument(
        "--uint8-io", action="store_true", help="uint8 input and output tensors in the TFLite"
    )
    parser.add_argument("--output", default="int8_export")
    args = parser.parse_args()

    if args.model:
        model = keras.models.load_model(args.model)
        calibration = args.calibration
    else:
        (x, y), _ = data.digits()
        model = keras_resnet.CifarResNet20(classifier_activation=None)
        model.compile(
            keras.optimizers.Adam(2e-3),
            keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        )
        model.fit(x, y, batch_size=64, epochs=3, verbose=2)
        calibration = args.calibration or x  # model-ready arrays work as calibration data too
    options = (
        {"inference_input_type": "uint8", "inference_output_type": "uint8"} if args.uint8_io else {}
    )
    reports = export.export(
        model,
        args.output,
        format=["tflite", "onnx"] if not options else "tflite",
        quantize="int8",
        calibration_data=calibration,
        calibration_size=args.calibration_size,
        preprocessing=args.preprocessing,
        overwrite=True,
        **options,
    )
    print(reports.table())


if __name__ == "__main__":
    main()
