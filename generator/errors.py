"""The one error type of the generator: problems in the input, each with file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a message must never show as is: it would break the one-line format, or reach a terminal as a command
# (an escape sequence in a file name) or reorder the text (direction overrides).
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text with every unprintable character shown as its code, e.g. \\u001b."""
    return UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one input file, in words a provincial official can act on."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.field}: {self.message}")


class DataError(Exception):
    """Raised once, after every file was read, when any problem was found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[DataError], tuple[list[Problem]]]:
        # Rebuilt from its problems: a build's forked process sends its errors back pickled (generator.parallel).
        return DataError, (self.problems,)
