"""Lazy imports of optional dependencies, with the extra to install when one is missing."""

from __future__ import annotations

import importlib


def require(module: str, extra: str):
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"{module} is needed here but is not installed ({error}); "
            f"install it with: pip install 'keras-resnet[{extra}]'"
        ) from error
