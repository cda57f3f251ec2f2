"""The writer: files written one at a time as they are made, unchanged files left alone, stale ones removed."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from conftest import SETTINGS
from sites import build_fixture_site

from generator import build as pipeline
from generator.errors import DataError
from generator.lazy import Lazy
from generator.strings import load_strings
from generator.write import docs_tree, make_readable, sync_tree

OLD = 1_000_000_000  # a modification time long ago, to see which files were rewritten


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def folders(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir())


def test_sync_rewrites_only_changed_files_and_removes_the_rest(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = [("index.md", b"home"), ("a/b/index.md", b"page"), ("old/gone/index.md", b"stale"), ("x.md", b"x")]
    sync_tree(docs, [first])
    for path in docs.rglob("*"):
        os.utime(path, (OLD, OLD))
    written = sync_tree(docs, [iter([("index.md", b"home"), ("a/b/index.md", b"changed"), ("x.md", b"y")])])
    assert written == 2
    assert tree(docs) == {"a/b/index.md": b"changed", "index.md": b"home", "x.md": b"y"}
    assert folders(docs) == ["a", "a/b"]
    assert (docs / "index.md").stat().st_mtime == OLD
    assert (docs / "x.md").stat().st_mtime != OLD


def test_sync_writes_each_file_before_the_next_is_made(tmp_path: Path) -> None:
    docs = tmp_path / "docs"

    def files() -> Iterator[tuple[str, bytes]]:
        for n in range(3):
            # Every file made so far is on disk already: the tree is never held in memory as a whole.
            assert sorted(tree(docs)) == [f"p{m}/index.md" for m in range(n)]
            yield f"p{n}/index.md", f"page {n}".encode()

    assert sync_tree(docs, [files()]) == 3
    assert tree(docs)["p2/index.md"] == b"page 2"


def test_docs_tree_makes_generated_files_when_written_as_utf8(tmp_path: Path) -> None:
    made: list[str] = []

    def maker(path: str, text: str) -> Callable[[], str]:
        def make() -> str:
            made.append(path)
            return text

        return make

    pages = Lazy({"a/index.md": maker("a/index.md", "ก"), "b/index.md": maker("b/index.md", "ข")})
    files = docs_tree({"index.md": b"home"}, "content", [[pages, {"data.json": b"{}"}]], load_strings())
    assert made == []
    assert sync_tree(tmp_path, files) == 4
    assert made == ["a/index.md", "b/index.md"]
    assert tree(tmp_path) == {
        "a/index.md": "ก".encode(),
        "b/index.md": "ข".encode(),
        "data.json": b"{}",
        "index.md": b"home",
    }


def test_a_clash_with_hand_written_content_is_found_before_anything_is_made(tmp_path: Path) -> None:
    def never() -> str:
        raise AssertionError("made a page before checking for clashes")

    content = {"directory/index.md": b"# mine", "feed.xml": b"<mine/>"}
    data: dict[str, bytes] = {"feed.xml": b"<feed/>", "robots.txt": b""}
    generated: list[list[Mapping[str, str | bytes]]] = [[data], [Lazy({"directory/index.md": never})]]
    with pytest.raises(DataError) as caught:
        docs_tree(content, "content", generated, load_strings())
    assert [f"{p.path} {p.field}" for p in caught.value.problems] == [
        "content/directory/index.md content",
        "content/feed.xml content",
    ]


def test_lazy_values_are_made_on_each_read_and_never_kept() -> None:
    calls: list[int] = []

    def make() -> int:
        calls.append(1)
        return len(calls)

    lazy = Lazy({"a": make})
    assert list(lazy) == ["a"] and len(lazy) == 1 and "a" in lazy and "b" not in lazy
    assert calls == []
    assert lazy["a"] == 1
    assert dict(lazy) == {"a": 2}
    with pytest.raises(KeyError):
        lazy["b"]


def modes(site: Path) -> dict[str, str]:
    """The permission bits of the site folder and of everything in it, by relative path (folders end in /)."""
    return {
        p.relative_to(site).as_posix() + ("/" if p.is_dir() else ""): oct(stat.S_IMODE(p.stat().st_mode))
        for p in [site, *site.rglob("*")]
    }


@pytest.mark.parametrize("umask", [0o077, 0o002])
def test_the_published_site_is_readable_by_everyone(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        paths = build_fixture_site(tmp_path, search=True)
        first = modes(paths.site)
        (paths.partners / "bangkok" / "kunming.yml").unlink()
        pipeline.build(paths, SETTINGS)
        second = modes(paths.site)
    finally:
        os.umask(previous)
    for built in (first, second):
        assert built["./"] == "0o755"
        assert built["partnerships/chiang-mai-kunming/"] == "0o755"
        assert built["partnerships/chiang-mai-kunming/index.html"] == "0o644"
        wrong = {path: mode for path, mode in built.items() if mode != ("0o755" if path.endswith("/") else "0o644")}
        assert wrong == {}
    assert "partnerships/bangkok-kunming/index.html" in first
    assert "partnerships/bangkok-kunming/index.html" not in second


def test_making_a_site_readable_leaves_what_a_link_points_to_alone(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("x")
    outside.chmod(0o600)
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True, mode=0o700)
    (site / "a" / "page.html").write_text("page")
    (site / "a" / "page.html").chmod(0o600)
    (site / "link.txt").symlink_to(outside)
    make_readable(site)
    assert oct(stat.S_IMODE(outside.stat().st_mode)) == "0o600"
    assert modes(site) == {"./": "0o755", "a/": "0o755", "a/page.html": "0o644", "link.txt": "0o600"}


def test_a_written_file_is_let_go_before_the_next_is_made(tmp_path: Path) -> None:
    # The exports follow each other at 15-20 MB each: the writer must not hold one while the next is made.
    first = b"x" * 1000
    held = sys.getrefcount(first)
    seen: list[int] = []

    def second() -> bytes:
        seen.append(sys.getrefcount(first))
        return b"y"

    streams = docs_tree({}, "content", [[Lazy({"a.json": lambda: first, "b.json": second})]], load_strings())
    sync_tree(tmp_path / "docs", streams)
    assert seen == [held]
    assert tree(tmp_path / "docs") == {"a.json": first, "b.json": b"y"}
