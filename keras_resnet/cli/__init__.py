"""The ``keras-resnet`` command line.

keras-resnet list [PATTERN] [--details]   registered models (with parameters and MACs)
keras-resnet info MODEL [--input-size N]  one model: parameters, MACs, layers, input size
keras-resnet export MODEL --format ... --quantize ... --output DIR
    SavedModel / TFLite / ONNX, verified in their runtimes
keras-resnet optimize MODEL --method qat|prune --data DIR --output DIR
    QAT or pruning fine-tuning on an image folder, then export
keras-resnet convert-weights SOURCE --model NAME --output OUT.weights.h5
    torchvision/timm/keras.applications checkpoint -> Keras weights
keras-resnet presets [--model NAME]       pretrained weights: source, license, accuracy
keras-resnet predict MODEL [IMAGE ...]    top-5 ImageNet classes of image files
keras-resnet train MODEL --recipe cifar --data digits|cifar10|cifar100|DIR --output DIR
    a recipe with model.fit, resumable, on one process or several
keras-resnet demo [-o DIR]                train on digits, export, verify, measure
keras-resnet benchmark MODEL [--batch N]  every format against Keras: latency, agreement
keras-resnet lesion MODEL --weights W --data digits|cifar10|DIR|F.npz [--plot F.png]
    accuracy with each block removed in turn (Veit et al. 2016)
keras-resnet save-pretrained RUN_OR_MODEL FOLDER [--preprocessing P]
    a trained model as a folder for timm, keras_resnet and the Hub
keras-resnet push FOLDER USER/REPO [--private] [--revision R]
    that folder uploaded to the Hugging Face Hub

Each command is a module of this package with its ``add_arguments(parser)`` and ``run(args)``;
`COMMANDS` names them. A command's module is imported only when that command is parsed or its
help is shown, and no module imports a framework before ``run``: ``keras-resnet --help`` and
``keras-resnet <command> --help`` start without TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import signal
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from keras_resnet import _quiet
from keras_resnet.cli._errors import EXIT_CODES
from keras_resnet.cli._errors import exit_code as _exit_code
from keras_resnet.cli._errors import flag_words as _flag_words
from keras_resnet.cli._errors import one_line as _one_line


@dataclasses.dataclass(frozen=True)
class CommandInfo:
    """Where a command lives: its module in this package, the functions there that add its
    arguments and run it, and the one line of help ``keras-resnet --help`` shows for it."""

    module: str
    summary: str
    add: str = "add_arguments"
    run: str = "run"
    #: ``(library argument, the command's destination)``: names the library's messages use for
    #: what this command calls otherwise (``weights`` -> the ``source`` of ``convert-weights``)
    words: tuple[tuple[str, str], ...] = ()


#: command name -> `CommandInfo`, in the order ``keras-resnet --help`` lists them
COMMANDS: dict[str, CommandInfo] = {
    "list": CommandInfo("list_info", "list registered models", "add_list_arguments", "run_list"),
    "info": CommandInfo(
        "list_info",
        "parameters, MACs and layers of one model",
        "add_info_arguments",
        "run_info",
    ),
    "export": CommandInfo(
        "export", "export to SavedModel / TFLite / ONNX and verify each artifact"
    ),
    "optimize": CommandInfo(
        "optimize",
        "quantization-aware training or pruning on an image folder, then export "
        "(needs keras-resnet[optimize])",
        words=(("folder", "data"),),
    ),
    "convert-weights": CommandInfo(
        "convert_weights",
        "convert a torchvision/timm/keras.applications checkpoint to .weights.h5",
        words=(("weights", "source"),),
    ),
    "presets": CommandInfo(
        "presets", "pretrained weights: source, license, ImageNet accuracy, preprocessing"
    ),
    "predict": CommandInfo(
        "predict",
        "top-5 ImageNet classes of image files, by a model with its preset or an exported artifact",
    ),
    "train": CommandInfo(
        "train",
        "train a registry model with a recipe: streamed, resumable, on the JAX, TensorFlow or "
        "PyTorch backend",
        words=(("folder", "data"),),
    ),
    "demo": CommandInfo(
        "demo",
        "train on digits, export to every format, verify and measure (offline)",
    ),
    "benchmark": CommandInfo(
        "benchmark", "latency of every format against Keras for any model (median, warm-up)"
    ),
    "lesion": CommandInfo(
        "lesion",
        "accuracy with each block removed in turn (residual: its branch; plain: the whole "
        "block), Veit et al. 2016",
        words=(("folder", "data"),),
    ),
    "save-pretrained": CommandInfo(
        "save_pretrained",
        "a trained model as one folder timm, keras_resnet and the Hugging Face Hub read",
        words=(("model", "source"),),
    ),
    "push": CommandInfo(
        "push",
        "upload a save-pretrained folder to the Hugging Face Hub (needs keras-resnet[weights])",
        words=(("weights", "folder"),),
    ),
}

#: the formats and precisions `keras_resnet.export` registers itself, named in help while it is
#: not imported (it imports TensorFlow); once it is, help names its `FORMATS` table, plug-ins too
_BUILTIN_FORMATS = ("saved_model", "tflite", "onnx", "openvino")
_BUILTIN_PRECISIONS = ("float32", "float16", "dynamic", "int8", "int16x8", "bfloat16")


def _format_names() -> dict[str, str]:
    """What ``{formats}`` and ``{precisions}`` in an argument's help stand for."""
    if "keras_resnet.export" not in sys.modules:
        return {
            "formats": ", ".join(_BUILTIN_FORMATS),
            "precisions": " ".join(_BUILTIN_PRECISIONS),
        }
    from keras_resnet import export  # imported already: no cost

    return {"formats": ", ".join(export.FORMATS), "precisions": " ".join(export.PRECISIONS)}


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error (no usage dump); help that names the export formats and
    precisions (``{formats}``, ``{precisions}`` in an argument's help, filled in when help is
    shown); and, for a command's parser made with ``command=``, the command's arguments added
    from its module when the command is parsed or its help is shown, not before. A command's
    parser takes its options before, between and after its positionals (argparse's intermixed
    parsing: ``predict MODEL --weights W a.jpg b.jpg``)."""

    def __init__(self, *args: Any, command: CommandInfo | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._command = command
        self._intermixed = command is not None
        self._parsing = False
        self.words = dict(command.words) if command is not None else {}

    def _load_command(self) -> None:
        if self._command is None:
            return
        command, self._command = self._command, None
        module = importlib.import_module(f"{__name__}.{command.module}")
        getattr(module, command.add)(self)
        self.set_defaults(func=getattr(module, command.run))

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self._load_command()
        if not self._intermixed or self._parsing:  # the intermixed parse calls this twice
            return super().parse_known_args(args, namespace)
        self._parsing = True
        try:
            return super().parse_known_intermixed_args(args, namespace)
        finally:
            self._parsing = False

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    def format_usage(self) -> str:
        self._load_command()
        return super().format_usage()

    def format_help(self) -> str:
        self._load_command()
        marked = [
            a
            for a in self._actions
            if a.help and ("{formats}" in a.help or "{precisions}" in a.help)
        ]
        if marked:
            names = _format_names()
            for action in marked:
                text = action.help or ""  # every marked action has help
                action.help = text.replace("{formats}", names["formats"]).replace(
                    "{precisions}", names["precisions"]
                )
        return super().format_help()


def build_parser() -> argparse.ArgumentParser:
    """The ``keras-resnet`` parser. Each command's parser holds only its one-line help until it
    parses or shows its help; then its module adds its arguments."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show TensorFlow's and the converters' own log lines",
    )
    parser = _Parser(
        prog="keras-resnet",
        description="The ResNet family for Keras 3.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        default=False,
        help="show TensorFlow's and the converters' own log lines",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, command in COMMANDS.items():
        p = sub.add_parser(name, parents=[common], help=command.summary, command=command)
        p.set_defaults(parser=p)  # for errors in the command's own flag words
    return parser


def _check_values(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """An option given an empty value names nothing (``--output ''`` would write into the
    current folder): a usage error, in argparse's words."""
    for action in parser._actions:
        value = getattr(args, action.dest, None)
        values = value if isinstance(value, list) else [value]
        if action.option_strings and "" in values:
            parser.error(f"argument {'/'.join(action.option_strings)}: must not be empty")


def _remember_interrupts() -> list:
    """Records each Ctrl-C (and raises KeyboardInterrupt as Python does); the list is non-empty
    once one arrived. Left alone where SIGINT is ignored or handled by someone else."""
    interrupted: list = []
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:

        def handler(signum: int, frame: object) -> NoReturn:
            interrupted.append(signum)
            raise KeyboardInterrupt

        signal.signal(signal.SIGINT, handler)
    return interrupted


def _drop_interrupts_in_callbacks(unraisable) -> None:
    """`sys.unraisablehook` while a command runs: a Ctrl-C that lands in a callback Python cannot
    raise from (a garbage-collector callback such as JAX's) is already recorded by
    `_remember_interrupts`; it is not printed as an "Exception ignored" traceback."""
    if not isinstance(unraisable.exc_value, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status (see `EXIT_CODES`).

    Called with the process's own arguments (``argv=None``, as the ``keras-resnet`` script does),
    it also keeps TensorFlow's and the converters' native log lines off the terminal
    (`keras_resnet._quiet`)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_values(args, args.parser)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        _quiet.install(args.verbose)
    else:
        _quiet.quiet_python_loggers(_quiet.level(args.verbose))
    args.started = False
    previous_handler, previous_hook = signal.getsignal(signal.SIGINT), sys.unraisablehook
    interrupted = _remember_interrupts()
    sys.unraisablehook = _drop_interrupts_in_callbacks
    try:
        code = args.func(args)
        if not interrupted:
            return code
        # a Ctrl-C that third-party code swallowed (a broad except) still counts
        raise KeyboardInterrupt
    except (KeyboardInterrupt, Exception) as error:  # noqa: BLE001 - every failure becomes one line
        code = _exit_code(error, args.started)
        text = "interrupted" if code == 130 else _flag_words(_one_line(error), args.parser)
        print(
            f"keras-resnet {args.command}: {'error: ' if code != 130 else ''}{text}",
            file=sys.stderr,
        )
        return code
    finally:
        signal.signal(signal.SIGINT, previous_handler)
        sys.unraisablehook = previous_hook


__all__ = ["COMMANDS", "EXIT_CODES", "CommandInfo", "build_parser", "main"]
