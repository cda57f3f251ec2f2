"""The only writer: the staged docs tree and the atomic swap of the published site."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import itertools
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from generator.errors import DataError, Problem
from generator.parallel import Beside
from generator.strings import Strings

# renameat2(2): relative to the working folder; swap the two names.
AT_FDCWD = -100
RENAME_EXCHANGE = 2
# The published site is for everyone to read, whatever the umask of the build (mkdtemp makes its folder 0700, and
# a umask like 077 would hide every file). A umask can only take write bits away, and these give none to others.
SITE_DIR_MODE = 0o755
SITE_FILE_MODE = 0o644


def docs_tree(
    content: Mapping[str, bytes],
    shown_dir: str,
    groups: Sequence[Sequence[Mapping[str, str | bytes]]],
    strings: Strings,
) -> list[Iterator[tuple[str, bytes]]]:
    """Hand-written content plus generated files (text as UTF-8), as one stream of files per group of generated
    files, the content leading the first; a generated file never replaces a hand-written one.

    Generated files are read one at a time as they are written, so pages made when read (generator.lazy) are
    never all in memory.
    """
    check_clashes(content, set().union(*(files for group in groups for files in group)), shown_dir, strings)
    streams = [_encoded(group) for group in groups]
    return [itertools.chain(content.items(), streams[0]), *streams[1:]] if streams else [iter(content.items())]


def check_clashes(content: Iterable[str], generated: set[str], shown_dir: str, strings: Strings) -> None:
    """A DataError naming each hand-written file whose path is also a generated file's."""
    clashes = sorted(generated.intersection(content))
    if clashes:
        message = strings.error("clash")
        raise DataError([Problem(f"{shown_dir}/{c}", 0, "content", message) for c in clashes])


def _encoded(group: Sequence[Mapping[str, str | bytes]]) -> Iterator[tuple[str, bytes]]:
    for files in group:
        for path, data in files.items():
            yield path, data if isinstance(data, bytes) else data.encode("utf-8")
            # Dropped before the next file is made: the largest (the exports, 15-20 MB each) follow each other.
            del data


def sync_tree(target: Path, streams: Sequence[Iterable[tuple[str, bytes]]]) -> int:
    """Make target hold exactly the files of the streams, writing each file as it comes; returns how many were
    written. The streams after the first are written at the same time by forked processes (generator.parallel).

    Only changed files are written: the others keep their modification time, so live reload sees real changes.
    """
    target.mkdir(parents=True, exist_ok=True)
    first, *rest = streams or [()]
    with contextlib.ExitStack() as stack:
        others = [stack.enter_context(Beside(functools.partial(_write, target, stream))) for stream in rest]
        results = [_write(target, first), *(other.result() for other in others)]
    _remove_others(target, set().union(*(names for names, _ in results)))
    return sum(count for _, count in results)


def _write(target: Path, files: Iterable[tuple[str, bytes]]) -> tuple[set[str], int]:
    """Write the files that changed; returns every path of files and how many were written."""
    kept: set[str] = set()
    written = 0
    for rel, data in files:
        kept.add(rel)
        written += _write_file(target / rel, data)
        del data  # not held while the stream makes the next file
    return kept, written


def _write_file(path: Path, data: bytes) -> bool:
    """Write one file unless it holds data already; whether it was written."""
    if _holds(path, data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def update_files(target: Path, files: Iterable[tuple[str, bytes]]) -> list[str]:
    """Write the files whose content changed (the others keep their modification time); returns their paths."""
    written = []
    for rel, data in files:
        if _write_file(target / rel, data):
            written.append(rel)
        del data  # not held while the stream makes the next file
    return written


def remove_files(target: Path, paths: Iterable[str]) -> None:
    """Remove these files of target, then the folders they leave empty."""
    for rel in paths:
        path = target / rel
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == target or not folder.is_relative_to(target) or any(folder.iterdir()):
                break
            folder.rmdir()


def _holds(path: Path, data: bytes) -> bool:
    """Whether path is a file with exactly this content; the size is compared first to read only likely matches."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == len(data) and path.read_bytes() == data


def _remove_others(target: Path, kept: set[str]) -> None:
    """Remove every file under target that is not in kept, then the folders left empty, deepest first."""
    for folder, _, names in os.walk(target, topdown=False):
        inside = Path(folder).relative_to(target).as_posix()
        prefix = "" if inside == "." else inside + "/"
        for name in names:
            if prefix + name not in kept:
                os.unlink(os.path.join(folder, name))
        if inside != "." and not os.listdir(folder):
            os.rmdir(folder)


def write_text(path: Path, text: str) -> None:
    """Write one generated text file (UTF-8) when its content changed."""
    data = text.encode("utf-8")
    if not (path.is_file() and path.read_bytes() == data):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def new_site_dir(site_dir: Path) -> Path:
    """An empty folder beside the site, on the same file system, to build into; its path is absolute, because
    MkDocs would read a relative one from the folder of its config file."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(site_dir)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-{os.getpid()}-", dir=site_dir.parent.resolve()))


def publish(new_site: Path, site_dir: Path) -> None:
    """Replace site_dir with new_site so that readers see the old site or the new one.

    On Linux the two folders swap names in one step (renameat2's RENAME_EXCHANGE), so site_dir never
    disappears, not even for a build killed at that moment. Elsewhere, two renames, with a moment without it.
    """
    make_readable(new_site)
    if site_dir.is_dir() and not site_dir.is_symlink() and exchange(new_site, site_dir):
        shutil.rmtree(new_site, ignore_errors=True)  # it now holds the previous site
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-{os.getpid()}-", dir=site_dir.parent))
    if site_dir.exists():
        site_dir.rename(old / site_dir.name)
    new_site.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def make_readable(site: Path) -> None:
    """Give the site folder, and every folder and file in it, the modes of a published site (0755 and 0644).

    A symbolic link is left alone: chmod would change what it points to, which may be outside the site."""
    os.chmod(site, SITE_DIR_MODE)
    for folder, subfolders, names in os.walk(site):
        entries = [(name, SITE_DIR_MODE) for name in subfolders] + [(name, SITE_FILE_MODE) for name in names]
        for name, mode in entries:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, mode)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths' names in one step; False where the system or the file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result: int = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    done = result == 0
    if not done and ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.ENOTSUP):
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(second))
    return done


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
