"""The test suite; its folders mirror the package's."""

import pathlib

#: The repository's root folder.
ROOT = pathlib.Path(__file__).resolve().parents[1]
