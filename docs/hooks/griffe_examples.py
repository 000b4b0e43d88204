"""A griffe extension for the API reference: the package's docstrings head their doctest
examples ``Example:``, which the Google style reads as an admonition of Markdown text; this reads
them as ``Examples:`` sections, so that ``>>>`` lines render as code."""

from __future__ import annotations

import re
from typing import Any

import griffe

_EXAMPLE = re.compile(r"^(\s*)Example:[ \t]*$", re.M)


class ExampleSections(griffe.Extension):
    """Renames each ``Example:`` section heading to ``Examples:`` as the object is loaded."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = _EXAMPLE.sub(r"\1Examples:", obj.docstring.value)
