"""A read-only mapping whose values are made when read, so the build can write files one at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

T = TypeVar("T")
Owner = TypeVar("Owner")


class Lazy(Mapping[str, T]):
    """Paths known up front, contents made on each read and never kept.

    At 10,000 partnerships the generated pages take some 200 MB as one dict; the writer reads each value once,
    so only one page is in memory at a time. Reading a value twice makes it twice.
    """

    def __init__(self, makers: Mapping[str, Callable[[], T]]) -> None:
        self._makers = makers

    def __getitem__(self, path: str) -> T:
        return self._makers[path]()

    def __contains__(self, path: object) -> bool:
        return path in self._makers

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)

    def split(self, test: Callable[[str], bool]) -> tuple[Lazy[T], Lazy[T]]:
        """The paths that pass test and the others, as two mappings still made when read."""
        chosen = {path: make for path, make in self._makers.items() if test(path)}
        return Lazy(chosen), Lazy({path: make for path, make in self._makers.items() if path not in chosen})


def kept_for(kept: dict[str, tuple[Owner, T]] | None, key: str, owner: Owner, make: Callable[[Owner], T]) -> T:
    """make(owner), or what kept holds under key while it was made from this very object.

    The live preview (generator/preview.py) keeps what each partnership gave (its health, its exported record,
    its row of the directory's data) and uses it again while the partnership is the same object: each is made
    from the partnership and the settings alone. Without kept (a build), make(owner) each time."""
    old = kept.get(key) if kept is not None else None
    if old is not None and old[0] is owner:
        return old[1]
    made = make(owner)
    if kept is not None:
        kept[key] = (owner, made)
    return made
