"""Work done by a forked process beside this one, so that a build uses a machine's second core.

At 10,000 partnerships, reading the partner files and writing the pages are each several seconds of pure
Python: one process can use one core only. Fork shares the loaded model with the child without copying it,
and the child sends back a small result (pickled through a pipe).
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Generic, TypeVar

from generator.errors import DataError

T = TypeVar("T")
Item = TypeVar("Item")
# prctl(2): the signal a process gets when its parent ends.
PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    """Whether a fork is safe here: the platform has it and this process runs no other thread.

    A thread holding a lock (logging's, the import lock) at the moment of the fork would leave the lock held
    forever in the child; `generator serve` watches files from a thread, so it works in one process.
    """
    return hasattr(os, "fork") and threading.active_count() == 1


def halves(work: Callable[[list[Item]], T], items: list[Item]) -> list[T]:
    """work() on the first half of items in a forked process and on the second half here; both results, in order."""
    half = len(items) // 2
    with Beside(lambda: work(items[:half])) as first:
        second = work(items[half:])
        return [first.result(), second]


class Beside(Generic[T]):
    """work() run in a forked child while the caller goes on; result() gives its value or raises its error.

    Use it as a context manager: leaving the block stops a child whose result was not taken. Where a fork is
    not safe (can_fork), work() runs at once in this process and nothing else changes.
    """

    def __init__(self, work: Callable[[], T]) -> None:
        self._pid = 0
        self._read = -1
        self._done: tuple[bool, object] | None = None
        if not can_fork():
            self._done = _attempt(work)
            return
        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child; tests see what it sends
            os.close(read)
            _end_with(parent)
            _child(work, write)
        os.close(write)
        self._pid, self._read = pid, read

    def __enter__(self) -> Beside[T]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._pid:
            os.kill(self._pid, signal.SIGKILL)
            self._reap()
        if self._read >= 0:
            os.close(self._read)
            self._read = -1

    def result(self) -> T:
        """The child's return value, or its exception raised here (with the child's traceback as a note)."""
        if self._done is None:
            with os.fdopen(self._read, "rb") as pipe:
                self._read = -1
                data = pipe.read()
            status = self._reap()
            if not data:
                raise RuntimeError(f"the forked process ended without a result (wait status {status})")
            self._done = pickle.loads(data)
        ok, value = self._done
        if not ok:
            assert isinstance(value, BaseException)
            raise value
        return value  # type: ignore[return-value]

    def _reap(self) -> int:
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        return status


def _end_with(parent: int) -> None:  # pragma: no cover - runs in the child
    """End this child when its parent ends: a killed build leaves no process writing into its folders."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the request
        os._exit(1)


def _attempt(work: Callable[[], T]) -> tuple[bool, object]:
    try:
        return True, work()
    except Exception as exc:
        return False, exc


def _child(work: Callable[[], object], write: int) -> None:  # pragma: no cover - runs in the child
    """Run work, send (ok, value) through the pipe and leave without running the parent's exit handlers."""
    try:
        ok, value = _attempt(work)
        if isinstance(value, Exception) and not isinstance(value, DataError):
            # A bug, not a mistake in the input: keep where it happened, which pickling would lose.
            value.add_note("".join(traceback.format_exception(value)))
        try:
            payload = pickle.dumps((ok, value), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            error = RuntimeError(f"in the forked process: {value!r}, which could not be sent: {exc!r}")
            payload = pickle.dumps((False, error), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(0)
