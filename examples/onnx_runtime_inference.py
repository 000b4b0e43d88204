"""Run an exported ONNX model with ONNX Runtime: read its metadata, preprocess an image the way it
says, predict, and decode.

    keras-resnet export resnet50b --weights imagenet --format onnx --preprocessing torch \\
        -o resnet50b.onnx
    python examples/onnx_runtime_inference.py resnet50b.onnx cat.jpg

Only onnxruntime, numpy and Pillow-free decoding through TensorFlow's image ops are needed here;
in production, any image library works as long as it reproduces the recorded preprocessing.
"""

import argparse
import json

import numpy as np
import onnxruntime as ort


def preprocess(image_path, metadata):
    import tensorflow as tf

    height, width, channels = metadata["input_shape"]
    image = tf.io.decode_image(
        tf.io.read_file(image_path), channels=channels, expand_animations=False
    )
    image = tf.image.resize(tf.cast(image, tf.float32), (height, width), antialias=True).numpy()
    pre = metadata["preprocessing"]  # y = (x[..., order] * scale - mean) / std
    if pre["bgr"]:
        image = image[..., ::-1]
    image = (image * pre["scale"] - np.float32(pre["mean"])) / np.float32(pre["std"])
    batch = image[None].astype("float32")
    return batch.transpose(0, 3, 1, 2) if metadata.get("input_layout") == "NCHW" else batch


def main():
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("model", help="an .onnx file written by keras_resnet.export")
    parser.add_argument("image", help="a JPEG/PNG/BMP/GIF image")
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args()

    session = ort.InferenceSession(args.model, providers=["CPUExecutionProvider"])
    metadata = json.loads(session.get_modelmeta().custom_metadata_map["keras_resnet_metadata"])
    outputs = session.run(None, {"image": preprocess(args.image, metadata)})
    named = dict(zip([o.name for o in session.get_outputs()], outputs, strict=True))
    scores = named.get("probabilities", named.get("output"))[0]
    names = metadata.get("class_names")
    if names is None and len(scores) == 1000:
        from keras_resnet import imagenet

        names = [name for _, name in imagenet.classes()]
    for index in np.argsort(scores)[::-1][: args.top]:
        label = names[index] if names else str(index)
        print(f"{scores[index]:.4f}  {label}")


if __name__ == "__main__":
    main()
