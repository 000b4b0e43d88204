"""Serve an exported SavedModel with TF Serving and query it over REST.

    keras-resnet export resnet50b --weights imagenet --format saved_model --image-bytes-signature \\
        --preprocessing torch -o serving/
    docker run --rm -p 8501:8501 -v "$PWD/serving/resnet50b:/models/resnet50b" \\
        -e MODEL_NAME=resnet50b tensorflow/serving
    python examples/tf_serving_client.py cat.jpg --model resnet50b

The SavedModel has `serving_default` (float32 images, already preprocessed) and, with
`--image-bytes-signature`, `serving_bytes`, which takes encoded JPEG/PNG bytes and does the
decoding, resizing and preprocessing in the graph. Over REST the bytes travel as base64
(`{"b64": ...}`), which TF Serving decodes for inputs whose name ends in `_bytes`. `--dry-run`
prints the request instead of sending it.
"""

import argparse
import base64
import json
import urllib.request


def request_body(image_paths, signature="serving_bytes"):
    instances = []
    for path in image_paths:
        with open(path, "rb") as f:
            instances.append({"image_bytes": {"b64": base64.b64encode(f.read()).decode()}})
    return {"signature_name": signature, "instances": instances}


def main():
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("images", nargs="+")
    parser.add_argument("--model", default="resnet50b")
    parser.add_argument("--server", default="http://localhost:8501")
    parser.add_argument("--top", type=int, default=3)
    parser.add_argument("--dry-run", action="store_true", help="print the request body and stop")
    args = parser.parse_args()

    body = request_body(args.images)
    if args.dry_run:
        print(json.dumps(body)[:2000])
        return
    url = f"{args.server}/v1/models/{args.model}:predict"
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        predictions = json.loads(response.read())["predictions"]
    for path, prediction in zip(args.images, predictions, strict=True):
        scores = prediction["probabilities"] if isinstance(prediction, dict) else prediction
        best = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[: args.top]
        if len(scores) == 1000:
            from keras_resnet import imagenet

            names = [name for _, name in imagenet.classes()]
            print(path, [(names[i], round(scores[i], 4)) for i in best])
        else:
            print(path, [(i, round(scores[i], 4)) for i in best])


if __name__ == "__main__":
    main()
