"""Data files shipped with the package (strings, provinces, countries, aliases): parsed by libyaml, once per process.

They change only with the package, and every validation, build and test reads them: parsing them with the pure
Python parser each time took most of the time of validating one file.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.cache
def packaged_yaml(folder: str, name: str) -> Any:
    """The parsed content of generator/<folder>/<name>; callers build their own typed values from it."""
    text = resources.files("generator").joinpath(folder, name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.CSafeLoader)
