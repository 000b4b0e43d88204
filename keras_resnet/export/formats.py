"""The export formats: one `Format` per format, in one table, `FORMATS`.

A format is a plug-in: its `Format` says what it writes (a file with a suffix, or a SavedModel
folder), the precisions and options it offers, how to write an artifact from the export's
single trace and how to load one back as a runner (a callable ``images -> {"logits": ...}``
that `keras_resnet.export.verify` compares with Keras). `keras_resnet.export.export`, its
verification, the benchmark and the command line only go through this table.

The built-in formats (``saved_model``, ``tflite``, ``onnx``) register themselves when
`keras_resnet.export` is imported; `register_format` adds another one.

Example:
    >>> from keras_resnet import export
    >>> list(export.FORMATS)[:3]  # then ``openvino`` where its extra is installed
    ['saved_model', 'tflite', 'onnx']
    >>> export.FORMATS["tflite"].suffix, export.FORMATS["onnx"].calibrated
    ('.tflite', ('int8',))
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pathlib
import re
import typing
from collections.abc import Iterator
from typing import Any

import numpy as np

#: the `Format.load` details entry asking for a number of CPU threads (the benchmark's ``threads=``)
THREADS_KEY = "threads"

#: what a format writes: one file, or a SavedModel folder in TF Serving's ``<name>/<version>``
#: layout
KINDS = ("file", "saved_model")

#: what `Format.load` returns: a callable taking a float32 batch ``[batch, height, width,
#: channels]`` and returning ``{output name: array}``
Runner = typing.Callable[[np.ndarray], dict[str, np.ndarray]]


def _no_options(precision: str, **options: Any) -> None:
    """The default `Format.validate`: every option the format accepts is fine."""


@dataclasses.dataclass(frozen=True)
class Format:
    """One export format.

    Attributes:
        name: the name ``export(format=...)`` takes.
        write: ``write(traced, path, *, precision, calibration=None, **options) -> details``:
            writes the artifact of `traced` (a `keras_resnet.export.Traced`) at `path` (a
            temporary path that is renamed into place after verification) and returns a dict of
            details recorded in the report and given back to `load`.
        load: ``load(path, details=None) -> runner``: the artifact at `path` in its runtime, as a
            callable taking a float32 batch ``[batch, height, width, channels]`` and returning
            ``{output name: array}`` (``logits``/``probabilities``, or ``output``). A
            ``details["threads"]`` (int) asks for that many CPU threads where the runtime can be
            told (`THREADS_KEY`; the benchmark's ``threads=``); a format that cannot ignores it.
        suffix: the file suffix (``".tflite"``); a folder format has none.
        companions: the suffixes of files written beside the main file, one artifact with it
            (OpenVINO's ``.bin`` beside its ``.xml``): `write` puts each beside `path` (its suffix
            replaced), and they are published before the main file (`keras_resnet.atomic`).
        kind: ``"file"`` or ``"saved_model"`` (a folder: ``<path>/<model name>/<version>``).
        precisions: the precisions it writes (``quantize=...``), float32 first.
        options: the keyword options of `write` it accepts (``export(..., opset=13)``); an
            export that passes another is refused before any work.
        calibrated: the precisions that need calibration images.
        quantization_aware: the precisions a quantization-aware (tfmot QAT) model exports to.
        validate: ``validate(precision, **options)``: raises on a bad option value before any
            work is done.
        tolerances: ``{precision: (max relative difference, min top-1 agreement)}`` for a
            precision `keras_resnet.export.verify.TOLERANCES` does not know (or to differ from it).
        description: one line for listings.
    """

    name: str
    write: typing.Callable
    load: typing.Callable
    suffix: str = ""
    companions: tuple = ()
    kind: str = "file"
    precisions: tuple = ("float32",)
    options: tuple = ()
    calibrated: tuple = ()
    quantization_aware: tuple = ()
    validate: typing.Callable = _no_options
    tolerances: typing.Mapping = dataclasses.field(default_factory=dict)
    description: str = ""

    def __post_init__(self) -> None:
        if (
            not isinstance(self.name, str)
            or not re.fullmatch(r"[a-z][a-z0-9_]*", self.name)
            or self.name == "all"
        ):
            raise ValueError(
                "a format name is lower-case letters, digits and '_' (not 'all'); received "
                f"name={self.name!r}"
            )
        if self.kind not in KINDS:
            raise ValueError(
                f"kind must be one of {', '.join(repr(k) for k in KINDS)}; received "
                f"kind={self.kind!r}"
            )
        if self.kind == "file" and not re.fullmatch(r"\.[A-Za-z0-9_.]+", self.suffix or ""):
            raise ValueError(
                f"a file format needs a suffix such as '.{self.name}'; received "
                f"suffix={self.suffix!r}"
            )
        for field in ("write", "load", "validate"):
            if not callable(getattr(self, field)):
                raise TypeError(
                    f"{field} must be callable; received {field}={getattr(self, field)!r}"
                )
        for field in ("precisions", "options", "calibrated", "quantization_aware", "companions"):
            value = getattr(self, field)
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise TypeError(f"{field} must be a tuple of names; received {field}={value!r}")
            object.__setattr__(self, field, tuple(value))
        if not self.precisions:
            raise ValueError(f"format {self.name!r} offers no precision")
        stray = [
            p for p in (*self.calibrated, *self.quantization_aware) if p not in self.precisions
        ]
        if stray:
            raise ValueError(
                f"format {self.name!r}: {', '.join(stray)} is not among its precisions "
                f"{self.precisions}"
            )

    def target(
        self, base: pathlib.Path, name: str, precision: str, *, version: int, several: bool
    ) -> pathlib.Path:
        """Where the artifact of the model `name` goes inside the folder `base`: a file
        ``<name>[_<precision>]<suffix>`` (the precision tag only among `several` artifacts), or
        the SavedModel version folder ``[<format name>/]<name>/<version>``."""
        if self.kind == "saved_model":
            return (base / self.name if several else base) / name / str(version)
        tag = f"_{precision}" if several and precision != "float32" else ""
        return base / f"{name}{tag}{self.suffix}"

    def matches(self, path: str | os.PathLike[str]) -> bool:
        """Whether `path` looks like an artifact of this format (its suffix, or a SavedModel
        folder)."""
        path = pathlib.Path(path)
        if self.kind == "saved_model":
            return (path / "saved_model.pb").is_file()
        return path.name.endswith(self.suffix) and not path.is_dir()


#: name -> `Format`, in registration order (built-ins first): what ``format="all"`` exports
FORMATS: dict[str, Format] = {}


def register_format(fmt: Format, *, replace: bool = False) -> Format:
    """Adds `fmt` to `FORMATS` (``export(format=fmt.name)`` then writes it); a name already
    registered is refused unless ``replace=True``. Returns `fmt`."""
    if not isinstance(fmt, Format):
        raise TypeError(f"register_format takes a keras_resnet.export.Format; received {fmt!r}")
    if fmt.name in FORMATS and not replace:
        raise ValueError(
            f"format {fmt.name!r} is already registered; pass replace=True to replace it"
        )
    FORMATS[fmt.name] = fmt
    return fmt


def unregister_format(name: str) -> Format:
    """Removes the format `name` from `FORMATS`; returns it."""
    if name not in FORMATS:
        raise KeyError(f"format {name!r} is not registered; registered: {', '.join(FORMATS)}")
    return FORMATS.pop(name)


def get_format(name: str) -> Format:
    """The registered format `name`."""
    if name not in FORMATS:
        raise ValueError(
            f"format must be one of {', '.join(repr(f) for f in FORMATS)}; received format={name!r}"
        )
    return FORMATS[name]


def precisions() -> tuple[str, ...]:
    """Every precision some registered format offers, in table order."""
    return tuple(dict.fromkeys(p for fmt in FORMATS.values() for p in fmt.precisions))


def quantization_aware_jobs() -> tuple[tuple[str, str], ...]:
    """The ``(format, precision)`` pairs a quantization-aware model exports to."""
    return tuple((fmt.name, p) for fmt in FORMATS.values() for p in fmt.quantization_aware)


def format_of(path: str | os.PathLike[str]) -> Format:
    """The registered format whose artifacts look like `path` (by suffix, or a SavedModel
    folder)."""
    found = [fmt for fmt in FORMATS.values() if fmt.matches(path)]
    if not found:
        raise ValueError(
            f"{str(path)!r} is not an artifact of a registered format ({', '.join(FORMATS)}); pass "
            "format=..."
        )
    return found[0]


@contextlib.contextmanager
def reading(path: str | os.PathLike[str], format: str) -> Iterator[None]:
    """Runs the reading of the artifact at `path` (of the format named `format`) so that a
    failure names the file: an error that does not becomes a ValueError
    ``"<path>: cannot be loaded as format '<format>' (<error kind>: <its first line>)"``.

    Runtimes fail on a truncated, empty or mislabelled file with errors of their own kinds, most
    of which do not say which file (TFLite: "The model is not a valid Flatbuffer buffer", the
    flatbuffer reader: ``struct.error``, ONNX Runtime: ``InvalidProtobuf``, protobuf:
    ``DecodeError``, TensorFlow: an OSError without an error number). A ValueError that names
    the path already, an OSError of the system (a missing file, a denied folder: its
    ``filename`` names it), a missing runtime (ImportError) and an interrupt pass as they
    are."""
    try:
        yield
    except (ImportError, KeyboardInterrupt):
        raise
    except Exception as error:  # noqa: BLE001 - each runtime has its own error kinds
        text = str(getattr(error, "message", None) or error).strip().splitlines()
        first = text[0] if text else ""
        if isinstance(error, OSError) and error.errno is not None:  # open() itself: named
            raise
        if isinstance(error, ValueError) and os.fspath(path) in str(error):
            raise
        cause = f"{type(error).__name__}: {first}" if first else type(error).__name__
        raise ValueError(
            f"{os.fspath(path)}: cannot be loaded as format {format!r} ({cause})"
        ) from error


def load_runner(
    path: str | os.PathLike[str], format: str | None = None, details: dict | None = None
) -> Runner:
    """The artifact at `path` in its runtime: a callable ``images -> {output name: array}``.

    Args:
        path: an exported file, or a SavedModel version folder.
        format: its format name (default: found from the suffix, or a folder with
            ``saved_model.pb``).
        details: the `Report.details` of the export (default: what the artifact records).

    Raises:
        ValueError: `path` is not an artifact of a registered format, or its runtime cannot load
            it (the message starts with the path).
    """
    fmt = format_of(path) if format is None else get_format(format)
    with reading(path, fmt.name):
        return fmt.load(pathlib.Path(path), details)


__all__ = [
    "FORMATS",
    "KINDS",
    "THREADS_KEY",
    "Format",
    "Runner",
    "format_of",
    "get_format",
    "load_runner",
    "precisions",
    "quantization_aware_jobs",
    "reading",
    "register_format",
    "unregister_format",
]
