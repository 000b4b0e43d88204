"""How a command's failure reaches the user: the exit-code contract (`EXIT_CODES`, decided in one
place, `exit_code`), the one line an exception becomes (`one_line`), and the library's argument
names rewritten as the command's flags (`flag_words`).

Nothing here imports a framework.
"""

from __future__ import annotations

import argparse
import re

EXIT_CODES = """exit status:
  0    done
  1    the work failed: a file that cannot be read or written (a full disk, a denied or
       read-only folder, even when the check before the work finds it), a corrupt input met
       during the work, a download (offline, no such Hub repository, an HTTP error; wherever
       it happens), an artifact that fails verification
  2    the command line is wrong, found before any work starts: a flag or value; a path that
       must exist or must not (a missing input, an output that exists without --overwrite, a
       path under a file); a model, preset or data set name; an empty input; a weights file
       that is not weights or does not fit the model
  130  interrupted (Ctrl-C); nothing half-written is left behind
"""


#: the library's phrases for what every command names otherwise
_LIBRARY_WORDS = (
    (re.compile(r"\bmodel name="), "model "),
    (re.compile(r"\bkeras_resnet\.list_models\(\)"), "`keras-resnet list`"),
)


def flag_words(message: str, parser: argparse.ArgumentParser) -> str:
    """Rewrites the library's argument names in `message` as the command's flags:
    ``pass overwrite=True`` -> ``pass --overwrite``,
    ``calibration_data`` -> ``--calibration-data``, ``limit=3`` -> ``--limit=3``, and a
    positional's ``model='x'`` -> ``MODEL 'x'``; names the command calls otherwise first
    (`CommandInfo.words`: ``folder=`` -> ``--data=`` where a data set's folder is --data), and
    the library's own phrases (``Unknown model name='x'`` -> ``Unknown model 'x'``)."""
    for pattern, words in _LIBRARY_WORDS:
        message = pattern.sub(words, message)
    for library, dest in getattr(parser, "words", {}).items():
        message = re.sub(rf"(?<![\w-]){re.escape(library)}=", f"{dest}=", message)
    for action in parser._actions:
        if action.dest in ("help", "verbose", argparse.SUPPRESS):
            continue
        dest = re.escape(action.dest)
        if not action.option_strings:  # a positional: named as in the usage line
            word = str(action.metavar or action.dest).upper()
            message = re.sub(rf"(?<![\w-]){dest}=", f"{word} ", message)
            continue
        flags = [f for f in action.option_strings if f.startswith("--")]
        if not flags:
            continue
        flag = flags[0]
        message = re.sub(rf"\b{dest}=True\b", flag, message)
        message = re.sub(rf"(?<![\w-]){dest}=", f"{flag}=", message)
        if "_" in action.dest:
            message = re.sub(rf"(?<![\w-]){dest}\b", flag, message)
    return message


def one_line(error: BaseException) -> str:
    """An exception as one line: an OSError names its path and cause; others their first line."""
    if isinstance(error, OSError) and error.strerror:
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror}"
    text = str(getattr(error, "message", None) or error).strip().splitlines()
    first = text[0] if text else type(error).__name__
    if not isinstance(error, (ValueError, TypeError)):
        first = f"{type(error).__name__}: {first}"
    return first if len(first) <= 600 else first[:597] + "..."


#: What a command raises for what it checks before the work (`exit_code`): a bad value, a
#: missing extra, and a path that must exist or must not (or is a file where a folder is needed)
_USAGE_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,
    TypeError,
    ImportError,
    FileNotFoundError,
    FileExistsError,
    IsADirectoryError,
    NotADirectoryError,
)


def exit_code(error: BaseException, started: bool) -> int:
    """The exit status of a command that raised `error` (`EXIT_CODES`), the one place that
    decides it.

    130 for Ctrl-C. 1 for a download that failed (`keras_resnet.downloads.DownloadError`, or a
    network error: `ConnectionError`, `TimeoutError`), wherever it happens: the command line may
    be right and the network down. 1 for anything raised once the work started
    (``_args.start_work``): I/O, a corrupt input met on the way, a failed verification. Before
    that mark a command has checked its arguments: a value, a missing extra, a path that must
    exist or must not, a name, an empty input, a weights file that is no weights or does not fit
    (`_USAGE_ERRORS`): 2. Other errors found before it are the machine's, not the command
    line's (a denied or read-only folder, a full disk, a library's own failure): 1."""
    from keras_resnet import downloads  # no framework

    if isinstance(error, KeyboardInterrupt):
        return 130
    if isinstance(error, (downloads.DownloadError, ConnectionError, TimeoutError)):
        return 1
    if started:
        return 1
    return 2 if isinstance(error, _USAGE_ERRORS) else 1
