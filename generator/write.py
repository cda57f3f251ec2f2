"""The only writer: the staged docs tree and the atomic swap of the published site."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from generator.errors import DataError, Problem
from generator.strings import Strings


def docs_tree(
    content: Mapping[str, bytes], shown_dir: str, pages: Mapping[str, str], extra: Mapping[str, bytes], strings: Strings
) -> dict[str, bytes]:
    """Hand-written content plus generated pages; a generated page never replaces a hand-written file."""
    clashes = sorted(set(content) & (set(pages) | set(extra)))
    if clashes:
        message = strings.error("clash")
        raise DataError([Problem(f"{shown_dir}/{c}", 0, "content", message) for c in clashes])
    files = dict(content)
    files.update({path: text.encode("utf-8") for path, text in pages.items()})
    files.update(extra)
    return files


def sync_tree(target: Path, files: Mapping[str, bytes]) -> int:
    """Make target hold exactly files, rewriting only what changed; returns how many were written."""
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, data in files.items():
        path = target / rel
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def write_text(path: Path, text: str) -> None:
    """Write one generated text file (UTF-8) when its content changed."""
    data = text.encode("utf-8")
    if not (path.is_file() and path.read_bytes() == data):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def new_site_dir(site_dir: Path) -> Path:
    """An empty folder beside the site, on the same file system, to build into."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(site_dir)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-{os.getpid()}-", dir=site_dir.parent))


def publish(new_site: Path, site_dir: Path) -> None:
    """Replace site_dir with new_site by renames, so readers see the old site or the new one."""
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-{os.getpid()}-", dir=site_dir.parent))
    if site_dir.exists():
        site_dir.rename(old / site_dir.name)
    new_site.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(site_dir: Path) -> list[Path]:
    """Remove staging and old-site folders of builds that were killed; returns what was removed.

    Only folders whose build process no longer runs are removed; an old site is kept while no site exists.
    """
    pattern = re.compile(rf"\.{re.escape(site_dir.name)}\.(new|old)-(\d+)(-.*)?")
    removed = []
    for path in sorted(site_dir.parent.iterdir()):
        match = pattern.fullmatch(path.name)
        if match is None or not path.is_dir() or _running(int(match[2])):
            continue
        if match[1] == "old" and not site_dir.exists():
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id exists (this one included)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def discard(new_site: Path) -> None:
    """Remove an unfinished build."""
    shutil.rmtree(new_site, ignore_errors=True)
