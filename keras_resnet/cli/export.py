"""``keras-resnet export``: a registry model or a ``.keras`` file to SavedModel, TFLite, ONNX
and OpenVINO (with the [openvino] extra), each artifact verified against Keras in its runtime."""

from __future__ import annotations

import argparse
import pathlib
from typing import Any

from keras_resnet.cli import _args


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet export``."""
    p.add_argument("model", help="a registered model name or a saved .keras file")
    p.add_argument("--format", nargs="+", default=["all"], help="{formats} (several) or all")
    p.add_argument("--quantize", nargs="+", default=["float32"], help="{precisions} (several)")
    p.add_argument(
        "--calibration-data",
        help="for int8: a folder of images or a .npy array of model-ready images",
    )
    p.add_argument(
        "--calibration-size",
        type=_args.count,
        default=200,
        help="calibration images used (default 200)",
    )
    p.add_argument(
        "--output",
        "-o",
        required=True,
        help="the file to write (one artifact; OpenVINO: the .xml, its .bin beside it), or a "
        "folder: an existing one receives <model><suffix>",
    )
    _args.add_model_source(p)
    p.add_argument(
        "--preprocessing",
        choices=_args.preprocessing_names(),
        help="how raw pixels become model input (default: the --weights preset's, else none)",
    )
    p.add_argument("--opset", type=int, help="ONNX opset (13-18)")
    p.add_argument("--nchw", action="store_true", help="ONNX input as NCHW")
    _args.add_target(p)
    p.add_argument(
        "--image-bytes-signature",
        action="store_true",
        help="SavedModel: add a signature taking encoded images",
    )
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="replace outputs this export wrote before (never a folder of other files)",
    )
    p.add_argument(
        "--no-verify", action="store_true", help="skip running each artifact against Keras"
    )


def _calibration(path: str | None) -> Any:
    """--calibration-data as `export` takes it: a folder's path, or a .npy file's array (read
    now: one that is not an array is a usage error, before any work)."""
    if path is None:
        return None
    if not pathlib.Path(path).exists():
        raise ValueError(
            f"--calibration-data {path!r} does not exist (a folder of images or a .npy file)"
        )
    if not path.endswith(".npy"):
        return path
    import numpy as np

    try:
        return np.load(path)
    except (ValueError, OSError, EOFError):  # not a .npy file (NumPy's reason names its API)
        raise ValueError(f"--calibration-data {path!r} is not a .npy array file") from None


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """The format options the flags set (the others keep their defaults)."""
    options: dict[str, Any] = {}
    if args.opset is not None:
        options["opset"] = args.opset
    if args.nchw:
        options["nchw"] = True
    if args.target is not None:
        options["target"] = args.target
    if args.image_bytes_signature:
        options["image_bytes_signature"] = True
    return options


def run(args: argparse.Namespace) -> int:
    """Exports, verifies and prints the table of artifacts; outputs are checked first."""
    from keras_resnet import export

    model = _args.model_of(args)
    options = _options(args)
    calibration = _calibration(args.calibration_data)
    export.check_outputs(
        args.output,
        model.name,
        args.format,
        args.quantize,
        overwrite=args.overwrite,
        calibration_data=calibration,
        **options,
    )
    _args.start_work(args)
    reports = export.export(
        model,
        args.output,
        format=args.format,
        quantize=args.quantize,
        calibration_data=calibration,
        calibration_size=args.calibration_size,
        preprocessing=args.preprocessing,
        overwrite=args.overwrite,
        verify_artifacts=not args.no_verify,
        **options,
    )
    print(reports.table())
    return 0
