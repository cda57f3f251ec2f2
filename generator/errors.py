"""The one error type of the generator: problems in the input, each with file and line."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one input file, in words a provincial official can act on."""

    path: str
    line: int
    field: str
    message: str
    # The strings key of the message (the rule that failed), for callers that act on it; not shown.
    key: str = dataclasses.field(default="", compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}"


class DataError(Exception):
    """Raised once, after every file was read, when any problem was found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[DataError], tuple[list[Problem]]]:
        # Rebuilt from its problems: a build's forked process sends its errors back pickled (generator.parallel).
        return DataError, (self.problems,)
