"""Every code block of the documentation (docs/**/*.md and README.md) is checked, so that the
docs cannot rot.

- ```` ```python ```` blocks run: the blocks of one page in order, in one namespace, in a
  temporary working folder. A block after an ``<!-- slow -->`` line runs in the slow tier only:
  the default tier runs a page's other blocks, the slow tier the whole page. A block whose fence
  carries a ``title="..."`` (a block that cannot run here: a download, a GPU, a server) is
  compiled, not run.
- ```` ```bash ```` blocks: every ``keras-resnet`` command in them names a command and flags the
  parser has (with the values of flags that take a fixed set of choices among them); every
  ``python path/to/script.py`` names a file of the repository. A block after ``<!-- run -->``
  runs its ``keras-resnet`` commands, each of which must exit 0.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import re
import shlex
import traceback

import pytest

from tests import ROOT

#: the pages whose blocks are checked: the site's and the README
PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md") if "results" not in p.parts) + [
    ROOT / "README.md"
]
_FENCE = re.compile(r"^(?P<indent> *)(?P<ticks>`{3,})(?P<info>[^`]*)$")
_MARKER = re.compile(r"^\s*<!--\s*(?P<name>slow|run)\s*-->\s*$")


@dataclasses.dataclass(frozen=True)
class Block:
    """One fenced block: its page, the line of its first code line, its language and fence
    attributes, the marker line before it (``slow``, ``run`` or ``""``) and its code."""

    page: str
    line: int
    language: str
    info: str
    marker: str
    code: str

    @property
    def runs(self) -> bool:
        return self.language == "python" and "title=" not in self.info


def blocks(text: str, page: str = "page.md") -> list[Block]:
    """The fenced blocks of a Markdown text, in order."""
    lines = text.splitlines()
    found, i = [], 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, ticks = len(opening["indent"]), opening["ticks"]
        info = opening["info"].strip()
        language = info.split(" ", 1)[0].split("{", 1)[0].lower()
        before = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        marker = _MARKER.match(before)
        end = i + 1
        while end < len(lines) and lines[end].strip() != ticks:
            end += 1
        if end == len(lines):
            raise ValueError(f"{page}:{i + 1}: a fence that is never closed")
        code = "\n".join(line[indent:] for line in lines[i + 1 : end])
        found.append(Block(page, i + 2, language, info, marker["name"] if marker else "", code))
        i = end + 1
    return found


def _page_blocks():
    return {p.relative_to(ROOT).as_posix(): blocks(p.read_text(), p.name) for p in PAGES}


_BLOCKS = _page_blocks()


def _python_params():
    params = []
    for page, found in _BLOCKS.items():
        python = [b for b in found if b.runs]
        if not python:
            continue
        if any(b.marker != "slow" for b in python):
            params.append(pytest.param(page, False, id=f"{page}-default"))
        if any(b.marker == "slow" for b in python):
            params.append(pytest.param(page, True, id=f"{page}-whole", marks=pytest.mark.slow))
    return params


def run_blocks(found: list[Block], *, slow: bool) -> dict:
    """Runs the page's runnable python blocks in order in one namespace (those after
    ``<!-- slow -->`` only when `slow`); compiles the titled ones. A failure names the page and
    the line in the Markdown file."""
    namespace: dict = {"__name__": "__docs__"}
    for block in found:
        if block.language != "python":
            continue
        # blank lines before the code, so that a traceback's line is the Markdown file's
        code = compile("\n" * (block.line - 1) + block.code, block.page, "exec")
        if block.runs and (slow or block.marker != "slow"):
            exec(code, namespace)
    return namespace


@pytest.mark.parametrize(("page", "slow"), _python_params())
def test_python_blocks_run(page, slow, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_blocks(_BLOCKS[page], slow=slow)


def test_python_blocks_of_a_page_share_a_namespace_and_a_broken_one_fails():
    text = (
        "```python\nx = 2\n```\n\ntext\n\n<!-- slow -->\n```python\nx = x * 10\n```\n\n"
        '```python title="needs a server"\nimport no_such_module\n```\n\n'
        "```python\nassert x in (2, 20), x\ny = 1 / 0\n```\n"
    )
    found = blocks(text, "made-up.md")
    assert [(b.line, b.marker, b.runs) for b in found] == [
        (2, "", True),
        (9, "slow", True),
        (13, "", False),
        (17, "", True),
    ]
    with pytest.raises(ZeroDivisionError) as failure:
        run_blocks(found, slow=False)
    where = traceback.extract_tb(failure.value.__traceback__)[-1]
    assert (where.filename, where.lineno) == ("made-up.md", 18)
    with pytest.raises(SyntaxError):
        run_blocks(blocks('```python title="t"\ndef (\n```\n'), slow=False)


# --- bash blocks: the commands they show exist ---


def _command_lines(code: str) -> list[str]:
    """The block's commands: continuation lines joined, comments and prompts dropped."""
    joined = re.sub(r"\\\n\s*", " ", code)
    commands = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        commands.extend(part.strip() for part in re.split(r"&&|\|\||;|\|", line))
    return [c for c in commands if c]


def _argv(command: str, program: str) -> list[str] | None:
    """The arguments after `program` in `command` (after environment assignments, ``env``,
    ``srun``), or None if the command does not run `program`."""
    try:
        words = shlex.split(command, comments=True)
    except ValueError:
        words = command.split()
    for i, word in enumerate(words):
        if word == program:
            return words[i + 1 :]
        if not (re.match(r"^[A-Z_][A-Z0-9_]*=", word) or word in ("env", "srun", "time")):
            return None
    return None


def _subparsers():
    from keras_resnet import cli

    parser = cli.build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return parser, action.choices


def check_cli(argv: list[str]) -> list[str]:
    """What is wrong with a ``keras-resnet`` command line as the docs show it: an unknown
    command or flag, a value outside a flag's choices. Placeholders (``MODEL``, ``images/``) are
    fine: only the names and choices are checked."""
    parser, commands = _subparsers()
    options = {s: a for a in parser._actions for s in a.option_strings}
    words = list(argv)
    while words and words[0].startswith("-"):
        flag = words.pop(0)
        if flag not in options:
            return [f"unknown global option {flag}"]
    if not words:
        return []  # `keras-resnet --help`
    name, *rest = words
    if name not in commands:
        return [f"unknown command {name!r}"]
    sub = commands[name]
    sub.format_usage()  # loads the command's arguments
    options = {s: a for a in sub._actions for s in a.option_strings}
    problems = []
    for i, word in enumerate(rest):
        if not word.startswith("-") or word == "-" or re.match(r"^-\d", word):
            continue
        flag, _, value = word.partition("=")
        action = options.get(flag)
        if action is None:
            problems.append(f"{name}: unknown option {flag}")
            continue
        if action.choices is None or action.nargs == 0:
            continue
        given = [value] if value else []
        for following in rest[i + 1 :]:
            if value or following.startswith("-"):
                break
            given.append(following)
            if action.nargs in (None, "?"):
                break
        wrong = [v for v in given if v not in [str(c) for c in action.choices]]
        if wrong:
            problems.append(f"{name}: {flag} {wrong[0]!r} is not one of {list(action.choices)}")
    return problems


def _bash_blocks():
    return [
        pytest.param(b, id=f"{b.page}:{b.line}")
        for found in _BLOCKS.values()
        for b in found
        if b.language in ("bash", "sh", "console", "shell")
    ]


@pytest.mark.parametrize("block", _bash_blocks())
def test_bash_blocks_name_real_commands_flags_and_scripts(block):
    problems = []
    for command in _command_lines(block.code):
        argv = _argv(command, "keras-resnet")
        if argv is not None:
            problems += [f"{command}: {p}" for p in check_cli(argv)]
            continue
        script = _argv(command, "python") or _argv(command, "python3")
        if script and script[0].endswith(".py") and not (ROOT / script[0]).is_file():
            problems.append(f"{command}: no file {script[0]}")
    assert not problems, f"{block.page}:{block.line}: " + "; ".join(problems)


def test_the_command_check_finds_unknown_commands_flags_and_choices():
    assert check_cli(["export", "MODEL", "--format", "all", "-o", "out/"]) == []
    assert check_cli(["--help"]) == []
    assert check_cli(["exports", "MODEL"]) == ["unknown command 'exports'"]
    assert check_cli(["export", "MODEL", "--no-such-flag"]) == [
        "export: unknown option --no-such-flag"
    ]
    assert check_cli(["train", "m", "--recipe", "cfar", "-o", "x"]) == [
        "train: --recipe 'cfar' is not one of ['cifar', 'bag_of_tricks', 'finetune']"
    ]
    assert _argv("KERAS_BACKEND=jax keras-resnet train m", "keras-resnet") == ["train", "m"]
    assert _argv("pip install keras-resnet", "keras-resnet") is None


def _runnable_commands():
    return [
        pytest.param(argv, id=f"{b.page}:{b.line}:{' '.join(argv)}")
        for found in _BLOCKS.values()
        for b in found
        if b.marker == "run"
        for command in _command_lines(b.code)
        if (argv := _argv(command, "keras-resnet")) is not None
    ]


@pytest.mark.parametrize("argv", _runnable_commands())
def test_commands_marked_run_succeed(argv, tmp_path, monkeypatch):
    from keras_resnet import cli

    monkeypatch.chdir(tmp_path)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert cli.main(argv) == 0, argv
    assert out.getvalue().strip(), f"keras-resnet {' '.join(argv)} printed nothing"
